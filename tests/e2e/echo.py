"""Plain TCP echo server inside the lab (for the firmware's bring-up "net <port>" test).

    echo = lab.start_echo(8080)     # 192.0.2.1:8080, echoes every byte back, in threads
    echo.received                   # [(connection number, bytes)] as they arrived
"""

import contextlib
import socket
import threading

import netlab


class TcpEcho:
    def __init__(self, lab, port=8080, address=netlab.HOST_IP):
        self.lab, self.address = lab, (address, port)
        self.received = []
        self._stop = threading.Event()
        self._sock = None
        self._threads = []

    def start(self):
        self._sock = self.lab.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(self.address)
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        t = threading.Thread(target=self._accept, name="echo", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def _accept(self):
        n = 0
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            n += 1
            t = threading.Thread(target=self._serve, args=(conn, n), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self, conn, n):
        conn.settimeout(0.2)
        with conn:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except socket.timeout:
                    continue
                except OSError:
                    return
                if not data:
                    return
                self.received.append((n, data))
                with contextlib.suppress(OSError):
                    conn.sendall(data)

    def close(self):
        self._stop.set()
        for t in self._threads:
            t.join(1)
        if self._sock is not None:
            self._sock.close()
