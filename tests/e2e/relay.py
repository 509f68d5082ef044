"""Userspace frame relay with faults (these kernels have no `tc netem`): QEMU <-> relay <-> tap0.

    relay = lab.add_service(FrameRelay(lab, loss=0.10, delay=0.2).start())
    vm = Qemu(elf, lab=lab, net="socket", socket_ports=relay.qemu_ports)
    relay.loss, relay.delay, relay.jitter, relay.duplicate = 0.0, 0.0, 0.0, 0.0  # any time
    relay.down = True                    # drop everything, both ways (a cable pulled mid-path)
    relay.stats -> {"to_tap": n, "to_guest": n, "dropped": n, "duplicated": n}

QEMU's `-netdev socket,udp=127.0.0.1:A,localaddr=127.0.0.1:B` sends each guest frame as one
UDP datagram from B to A and takes frames arriving on B; the relay listens on A (inside the
lab), holds tap0 itself, and forwards frames each way after the configured impairments: loss
(probability), delay + uniform jitter (seconds; jitter also reorders), duplicate (probability).
`seed` makes a run reproducible. Faults apply to both directions unless `directions` is
narrowed to {"to_tap"} or {"to_guest"}.
"""

import heapq
import itertools
import os
import random
import select
import socket
import threading
import time

import taplink

# (relay's port A, QEMU's port B) on 127.0.0.1 inside the lab: private to it, so fixed
QEMU_PORTS = (10001, 10002)


class FrameRelay:
    def __init__(self, lab, loss=0.0, delay=0.0, jitter=0.0, duplicate=0.0, seed=None,
                 ports=None, directions=("to_tap", "to_guest")):
        self.lab = lab
        self.loss, self.delay, self.jitter, self.duplicate = loss, delay, jitter, duplicate
        self.down = False
        self.directions = set(directions)
        self.rng = random.Random(seed)
        self.qemu_ports = ports or QEMU_PORTS
        self.stats = {"to_tap": 0, "to_guest": 0, "dropped": 0, "duplicated": 0}
        self._udp = None
        self._tap = None
        self._heap = []
        self._seq = itertools.count()
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._udp = self.lab.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._udp.bind(("127.0.0.1", self.qemu_ports[0]))
        self._tap = taplink.TapDevice(self.lab).open()
        self._thread = threading.Thread(target=self._run, name="relay", daemon=True)
        self._thread.start()
        return self

    def close(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
        if self._tap is not None:
            self._tap.close()
        if self._udp is not None:
            self._udp.close()

    def _impair(self, direction, frame, now):
        if self.down:
            self.stats["dropped"] += 1
            return
        faulty = direction in self.directions
        if faulty and self.rng.random() < self.loss:
            self.stats["dropped"] += 1
            return
        copies = 2 if faulty and self.rng.random() < self.duplicate else 1
        self.stats["duplicated"] += copies - 1
        for _ in range(copies):
            wait = (self.delay + self.rng.uniform(0.0, self.jitter)) if faulty else 0.0
            heapq.heappush(self._heap, (now + wait, next(self._seq), direction, frame))

    def _deliver(self, now):
        while self._heap and self._heap[0][0] <= now:
            _, _, direction, frame = heapq.heappop(self._heap)
            try:
                if direction == "to_tap":
                    self._tap.write(frame)
                else:
                    self._udp.sendto(frame, ("127.0.0.1", self.qemu_ports[1]))
                self.stats[direction] += 1
            except OSError:
                self.stats["dropped"] += 1

    def _run(self):
        tap_fd = self._tap.fd
        while not self._stop.is_set():
            now = time.monotonic()
            self._deliver(now)
            timeout = 0.1 if not self._heap else max(0.0, min(0.1, self._heap[0][0] - now))
            ready, _, _ = select.select([self._udp, tap_fd], [], [], timeout)
            now = time.monotonic()
            if self._udp in ready:
                try:
                    frame = self._udp.recv(65536)
                    self._impair("to_tap", frame, now)
                except OSError:
                    pass
            if tap_fd in ready:
                try:
                    self._impair("to_guest", os.read(tap_fd, 65536), now)
                except BlockingIOError:
                    pass

