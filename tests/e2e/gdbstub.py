"""A minimal GDB remote-serial-protocol client for QEMU's gdbstub, to disturb a running image
from outside (no code in the image): QEMU started with `-gdb unix:PATH,server=on,wait=off`.

    with GdbStub(path) as gdb:                 # connecting stops the VM (else ^C halts it)
        gdb.stop_reason()                      # "T05..." / "S05"
        gdb.write_memory(0x00300000, b"\\xfe\\xe7")   # Thumb `b .`
        gdb.write_register(gdb.PC, 0x40000001) # Thumb bit set; 0x40000000 is execute-never
        gdb.detach()                           # the VM runs on from there

Registers are QEMU's Arm numbering: r0..r12, sp=13, lr=14, pc=15, xpsr=25.
"""

import socket
import time


class GdbError(RuntimeError):
    pass


class GdbStub:
    PC = 15

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
        self._buf = b""
        # QEMU stops the VM when a client connects and says so with a stop reply; if it
        # does not, halt it with ^C (0x03), which answers with one.
        self.sock.settimeout(1.0)
        try:
            self.halted = self._recv()
        except socket.timeout:
            self.sock.sendall(b"\x03")
            self.sock.settimeout(timeout)
            self.halted = self._recv()
        self.sock.settimeout(timeout)
        # QEMU refuses single-register access (p/P) until the client has read target.xml.
        self.command("qSupported:xmlRegisters=arm")
        self.command("qXfer:features:read:target.xml:0,ffb")

    def _byte(self):
        if not self._buf:
            data = self.sock.recv(4096)
            if not data:
                raise GdbError("gdbstub closed the connection")
            self._buf = data
        b, self._buf = self._buf[:1], self._buf[1:]
        return b

    def _send(self, payload):
        packet = b"$%s#%02x" % (payload, sum(payload) & 0xFF)
        for _ in range(3):
            self.sock.sendall(packet)
            ack = self._byte()
            if ack == b"+":
                return
        raise GdbError("no ack for %r" % payload)

    def _recv(self):
        while self._byte() != b"$":
            pass
        payload = b""
        while True:
            b = self._byte()
            if b == b"#":
                break
            payload += b
        checksum = self._byte() + self._byte()
        if int(checksum, 16) != sum(payload) & 0xFF:
            self.sock.sendall(b"-")
            raise GdbError("bad checksum on %r" % payload)
        self.sock.sendall(b"+")
        return payload.decode("ascii")

    def command(self, payload):
        self._send(payload.encode("ascii") if isinstance(payload, str) else payload)
        return self._recv()

    def stop_reason(self):
        """The stop reply ("T05thread:01;", "S05"): the VM is halted."""
        return self.command("?")

    def read_register(self, n):
        reply = self.command("p%x" % n)
        if reply.startswith("E") or not reply:
            raise GdbError("p%x: %s" % (n, reply))
        return int.from_bytes(bytes.fromhex(reply), "little")

    def write_register(self, n, value):
        reply = self.command("P%x=%s" % (n, value.to_bytes(4, "little").hex()))
        if reply != "OK":
            raise GdbError("P%x: %s" % (n, reply))

    def write_memory(self, addr, data):
        reply = self.command("M%x,%x:%s" % (addr, len(data), data.hex()))
        if reply != "OK":
            raise GdbError("M%x: %s" % (addr, reply))

    def detach(self):
        """Resume the VM and drop the connection."""
        try:
            self.command("D")
        finally:
            self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
