"""QEMU mps2-an385 runner: UART capture, QMP helpers, semihosting exit code, hard time limit.

    vm = Qemu(elf, lab=lab)                  # NIC lan9118 on the lab's tap0 (runs inside the lab)
    vm = Qemu(elf)                           # no lab: `-nic none` (smoke tests)
    vm = Qemu(elf, lab=lab, net="socket", socket_ports=(A, B))   # frames via a UDP relay
    vm.start()
    m = vm.wait_for(r"lease (\\S+)", timeout=20)   # next UART line matching, after the last match
    vm.lines                                 # [(seconds since start, text)], also uart.log
    vm.led()                                 # FPGAIO LED0 (QMP `xp /1wx 0x40028000`)
    vm.read_word(0x40028000)
    vm.screendump("shot.png")                # Image; PPM from QMP converted to PNG
    vm.set_link(False)                       # QMP set_link on netdev n0
    vm.write_uart(b"status\\r")              # bytes to the UART's RX
    path = vm.serial_pty()                   # a pty whose other end is the UART (a host tool's tty)
    code = vm.wait_exit(timeout=30)          # semihosting SYS_EXIT_EXTENDED code
    vm.close()                               # also done by the lab, atexit and the time limit

Options: icount=0 (`-icount shift=0`, deterministic virtual time), display=True
(`-device ssd0303,address=0x3c`), semihosting_args="selftest", loaders=[(path, addr)]
(`-device loader,...,force-raw=on`: e.g. trust anchors for a test image), mac="52:54:00:..",
time_limit (s, the run is killed after it: timed_out=True), echo=True (UART to our stdout),
extra=[...] more arguments. Output goes to <workdir>/uart.log and qemu-stderr.log.
"""

import atexit
import contextlib
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time

import image
import netlab

LED_ADDR = 0x40028000
_ids = itertools.count(1)
_alone = set()  # VMs started without a lab: killed at exit


class QemuError(RuntimeError):
    pass


class Qmp:
    """Minimal QMP client over the VM's unix socket."""

    def __init__(self, path, timeout=5.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        self.sock.settimeout(timeout)
        self.file = self.sock.makefile("rb")
        self.events = []
        self.lock = threading.Lock()
        self._ids = itertools.count(1)
        self._read()  # greeting
        self.command("qmp_capabilities")

    def _read(self):
        line = self.file.readline()
        if not line:
            raise QemuError("QMP connection closed")
        return json.loads(line)

    def command(self, name, /, **arguments):
        with self.lock:
            cid = next(self._ids)
            msg = {"execute": name, "id": cid}
            if arguments:
                msg["arguments"] = arguments
            self.sock.sendall(json.dumps(msg).encode() + b"\n")
            for _ in range(10000):  # events may come first
                reply = self._read()
                if "event" in reply:
                    self.events.append(reply)
                    continue
                if reply.get("id") != cid:
                    continue
                if "error" in reply:
                    raise QemuError("QMP %s: %s" % (name, reply["error"]))
                return reply.get("return")
            raise QemuError("QMP %s: no reply" % name)

    def close(self):
        with contextlib.suppress(OSError):
            self.file.close()
            self.sock.close()


class Qemu:
    def __init__(self, kernel, lab=None, net=None, workdir=None, machine="mps2-an385",
                 icount=None, display=False, semihosting=True, semihosting_args=None,
                 loaders=(), mac=None, socket_ports=None, time_limit=120.0, echo=False,
                 extra=(), qemu_bin="qemu-system-arm"):
        self.kernel = os.path.abspath(kernel)
        self.lab = lab
        self.net = net or ("tap" if lab is not None else "none")
        if self.net in ("tap", "socket") and lab is None:
            raise ValueError("net=%s needs a lab (the tap lives in its namespace)" % self.net)
        base = lab.workdir if lab is not None else os.path.join("build", "e2e", "run",
                                                                "qemu-%d" % os.getpid())
        self.workdir = os.path.abspath(workdir or os.path.join(base, "qemu-%d" % next(_ids)))
        self.machine, self.icount, self.display = machine, icount, display
        self.semihosting, self.semihosting_args = semihosting, semihosting_args
        self.loaders, self.mac, self.socket_ports = list(loaders), mac, socket_ports
        self.time_limit, self.echo, self.extra, self.qemu_bin = time_limit, echo, list(extra), \
            qemu_bin
        self.qmp_path = os.path.join(self.workdir, "qmp.sock")
        self.lines = []
        self.stderr_lines = []
        self.proc = None
        self.timed_out = False
        self.stopped = False
        self._qmp = None
        self._cursor = 0
        self._cond = threading.Condition()
        self._threads = []
        self._timer = None
        self._t0 = None
        self._pty_master = None
        self._pty_slave = None

    # ---- command line --------------------------------------------------------------------
    def _net_args(self):
        nic = "model=lan9118,netdev=n0" + (",macaddr=" + self.mac if self.mac else "")
        if self.net == "none":
            return ["-nic", "none"]
        if self.net == "tap":
            tap = self.lab.tap
            return ["-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % tap,
                    "-net", "nic," + nic]
        if self.net == "socket":
            a, b = self.socket_ports
            return ["-netdev", "socket,id=n0,udp=127.0.0.1:%d,localaddr=127.0.0.1:%d" % (a, b),
                    "-net", "nic," + nic]
        if self.net == "user":  # only for `make run` against the real API (FORGE_TOKEN set)
            return ["-netdev", "user,id=n0", "-net", "nic," + nic]
        raise ValueError("net must be none, tap, socket or user, not %r" % self.net)

    def argv(self):
        args = [self.qemu_bin, "-M", self.machine, "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-kernel", self.kernel,
                "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path]
        args += self._net_args()
        if self.semihosting:
            # Without a chardev of its own, QEMU 7.2's semihosting console takes over the
            # first serial port's input: the UART would never receive a byte.
            args += ["-chardev", "file,id=shc,path=" + os.path.join(self.workdir,
                                                                    "semihosting.log")]
            sh = "enable=on,target=native,chardev=shc"
            if self.semihosting_args:
                sh += ",arg=" + self.semihosting_args
            args += ["-semihosting-config", sh]
        if self.icount is not None:
            args += ["-icount", "shift=%d" % self.icount]
        if self.display:
            args += ["-device", "ssd0303,address=0x3c"]
        for path, addr in self.loaders:
            args += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (
                os.path.abspath(path), addr)]
        return args + self.extra

    # ---- lifecycle -----------------------------------------------------------------------
    def start(self):
        os.makedirs(self.workdir, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.qmp_path)
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE,
                 "stderr": subprocess.PIPE}
        self._t0 = time.monotonic()
        if self.lab is not None:
            self.proc = self.lab.spawn(self.argv(), **pipes)
            self.lab.add_service(self)
        else:
            self.proc = subprocess.Popen(["setpriv", "--pdeathsig", "KILL", "--"] + self.argv(),
                                         **pipes)
            _alone.add(self)
        for stream, sink, name in ((self.proc.stdout, self.lines, "uart.log"),
                                   (self.proc.stderr, self.stderr_lines, "qemu-stderr.log")):
            t = threading.Thread(target=self._pump, args=(stream, sink, name), daemon=True)
            t.start()
            self._threads.append(t)
        if self.time_limit:
            self._timer = threading.Timer(self.time_limit, self._expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _expire(self):
        if self.proc is not None and self.proc.poll() is None:
            self.timed_out = True
            self.proc.kill()

    def _pump(self, stream, sink, name):
        echo = self.echo and sink is self.lines
        with open(os.path.join(self.workdir, name), "w", encoding="utf-8") as log:
            for raw in iter(stream.readline, b""):
                text = raw.decode("utf-8", "replace").rstrip("\r\n")
                stamp = time.monotonic() - self._t0
                log.write("[%9.3f] %s\n" % (stamp, text))
                log.flush()
                if echo:
                    sys.stdout.write(text + "\n")
                    sys.stdout.flush()
                if sink is self.lines and self._pty_master is not None:
                    try:  # the tool's tty sees the UART too; dropped when nobody reads it
                        os.write(self._pty_master, raw)
                    except (BlockingIOError, OSError):
                        pass
                with self._cond:
                    sink.append((stamp, text))
                    self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def close(self):
        if self._timer is not None:
            self._timer.cancel()
        if self._qmp is not None:
            self._qmp.close()
            self._qmp = None
        if self.proc is not None:
            if self.proc.poll() is None:
                self.stopped = True  # QEMU exits 0 on SIGTERM: not a firmware result
            netlab.stop_process(self.proc, close_streams=False)
            if self.lab is not None:
                self.lab.forget(self.proc)
        for t in self._threads:
            t.join(2)
        if self._pty_master is not None:
            master, slave = self._pty_master, self._pty_slave
            self._pty_master = self._pty_slave = None
            for fd in (master, slave):
                with contextlib.suppress(OSError):
                    os.close(fd)
        if self.proc is not None:
            netlab.close_streams_of(self.proc)
        _alone.discard(self)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
        return False

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    # ---- UART ----------------------------------------------------------------------------
    def wait_for(self, pattern, timeout=10.0, from_start=False):
        """Next UART line (after the previous match) matching pattern -> re.Match."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            i = 0 if from_start else self._cursor
            while True:
                while i < len(self.lines):
                    m = rx.search(self.lines[i][1])
                    i += 1
                    if m is not None:
                        self._cursor = i
                        return m
                if not self.running and all(not t.is_alive() for t in self._threads):
                    raise QemuError("QEMU exited (%s) before %r\n%s" % (
                        self.proc.returncode, pattern, self.tail()))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no UART line matching %r within %.1f s\n%s" % (
                        pattern, timeout, self.tail()))
                self._cond.wait(min(left, 0.2))

    def tail(self, n=20):
        with self._cond:
            out = ["  uart: " + t for _, t in self.lines[-n:]]
            out += ["  qemu: " + t for _, t in self.stderr_lines[-5:]]
        return "\n".join(out)

    def write_uart(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def serial_pty(self):
        """Path of a pty bridged to the UART (as a USB serial adapter would be): what a host tool
        writes there goes to the UART's RX, whole UART lines come back (they are still logged and
        matched by wait_for). Raw mode, so the pty's line discipline echoes nothing."""
        if self._pty_master is None:
            import tty
            master, slave = os.openpty()
            tty.setraw(slave)
            os.set_blocking(master, False)
            self._pty_master, self._pty_slave = master, slave
            t = threading.Thread(target=self._pty_pump, daemon=True)
            t.start()
        return os.ttyname(self._pty_slave)

    def _pty_pump(self):
        import select
        while self.running:
            master = self._pty_master
            if master is None:
                break
            try:
                readable, _, _ = select.select([master], [], [], 0.2)
                data = os.read(master, 4096) if readable else b""
            except (BlockingIOError, OSError, ValueError):
                data = b""
            if data:
                with contextlib.suppress(OSError, ValueError):
                    self.write_uart(data)

    def wait_exit(self, timeout=30.0):
        """Exit code (semihosting) or raise TimeoutError; a killed run gives a negative code."""
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise TimeoutError("QEMU still running after %.1f s\n%s" % (timeout, self.tail())) \
                from exc
        for t in self._threads:
            t.join(2)
        return code

    # ---- QMP -----------------------------------------------------------------------------
    @property
    def qmp(self):
        if self._qmp is None:
            self._qmp = Qmp(self.qmp_path)
        return self._qmp

    def hmp(self, command_line):
        return self.qmp.command("human-monitor-command", **{"command-line": command_line})

    def read_word(self, addr):
        out = self.hmp("xp /1wx 0x%x" % addr)
        m = re.search(r":\s*0x([0-9a-fA-F]+)", out)
        if m is None:
            raise QemuError("unexpected xp output: %r" % out)
        return int(m.group(1), 16)

    def led(self):
        return self.read_word(LED_ADDR)

    def screendump(self, png_path=None):
        ppm = os.path.join(self.workdir, "screendump.ppm")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(ppm)
        self.qmp.command("screendump", filename=ppm)
        img = image.read_ppm(ppm)
        if png_path is not None:
            image.write_png(img, png_path)
        return img

    def set_link(self, up, name="n0"):
        self.qmp.command("set_link", name=name, up=bool(up))


@atexit.register
def _kill_alone():
    for vm in list(_alone):
        vm.close()
