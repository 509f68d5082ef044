#!/usr/bin/env python3
"""Talk to a running forgelight board over its console UART: replace the trust anchors without
rebuilding or reflashing, and read them back.

    console.py --port /dev/ttyACM0 anchors push ISRG_Root_X1 ISRG_Root_X2 new-root.pem ...
    console.py --port /dev/ttyACM0 anchors show
    console.py --port /dev/ttyACM0 anchors abort

--port is a serial device (opened raw at --baud, default 115200, 8N1, no flow control) or a
Unix socket (a QEMU `-serial unix:PATH,server=on,wait=off` chardev, or a test harness).
Anchors are named as for toolchain/provision.py --anchor: a PEM or DER file, a name in the
system CA store or a subject CN; each must be a CA certificate valid now, and the set must fit
the firmware's limits (firmware/config/config_limits.h). A PEM file with several certificates
gives one anchor each.

`anchors push` sends the board's console protocol (firmware/console/console_anchors.h):
`anchors begin LEN...`, then `anchors data INDEX OFFSET HEX` lines of at most --chunk bytes,
waiting for each line's "ok:"/"error:" answer before the next (a refused line that leaves the
rotation open is sent again, up to --retries times), then `anchors commit CRC32` (CRC-32 of the
DER concatenated). The board parses every anchor and checks the CRC before it drops the old
set; on any failure it keeps the old anchors. Afterwards the tool reads `anchors show` and
`config show` and checks that the board holds exactly what was sent. Other provisioned fields
change with `config set KEY VALUE` + `config save` on the same console; this tool never sends
or prints the API token (it prints only the board's anchors lines and its ok/error answers).

Exit status: 0 done and verified, 1 the board refused or did not answer (its message on
stderr), 2 invalid input.
"""
import argparse
import os
import re
import select
import socket
import stat
import sys
import termios
import time
import tty
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import provision  # noqa: E402  (limits and anchor loading, shared with the provisioning tool)

ANSWER_RE = re.compile(r"\b(ok|error): anchors(?: ([a-z]+))?: (.*)$")
SHOW_RE = re.compile(r"ok: anchors show: (\d+) \((\d+) bytes, crc32 (0x[0-9a-f]{8})\), slot (\d+)")
ANCHOR_LINE_RE = re.compile(r"^(?:> )?anchor(\d+) = (\d+) bytes, crc32 (0x[0-9a-f]{8})")
CONFIG_ANCHORS_RE = re.compile(r"^(?:> )?anchors = (\d+) \((\d+) bytes\)")
ERROR_NAME_RE = re.compile(r"[a-z-]+")
# Refusals after which the rotation is still open and the same line may be sent again.
RETRYABLE = ("order", "value", "too-long", "busy")
BAUDS = {9600: termios.B9600, 19200: termios.B19200, 38400: termios.B38400, 57600: termios.B57600,
         115200: termios.B115200, 230400: termios.B230400}
CONSOLE_CHUNK_MAX = 256  # CONSOLE_ANCHOR_CHUNK_MAX (firmware/console/console_config.h)


class ConsoleError(Exception):
    """The board refused or did not answer: exit status 1."""


class Link:
    """A raw byte line to the console: a tty (termios, raw 8N1) or a Unix stream socket."""

    def __init__(self, path, baud):
        self.sock = None
        self.buffer = b""
        mode = os.stat(path).st_mode
        if stat.S_ISSOCK(mode):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.connect(path)
            self.fd = self.sock.fileno()
        else:
            self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
            if os.isatty(self.fd):
                tty.setraw(self.fd)
                attrs = termios.tcgetattr(self.fd)
                speed = BAUDS.get(baud)
                if speed is None:
                    raise provision.ProvisionError(f"unsupported baud rate {baud}")
                attrs[4] = attrs[5] = speed                      # ispeed, ospeed
                attrs[2] &= ~(termios.PARENB | termios.CSTOPB | termios.CSIZE | termios.CRTSCTS)
                attrs[2] |= termios.CS8 | termios.CREAD | termios.CLOCAL
                attrs[0] &= ~(termios.IXON | termios.IXOFF | termios.IXANY)
                termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
                termios.tcflush(self.fd, termios.TCIOFLUSH)
        os.set_blocking(self.fd, False)

    def close(self):
        if self.sock is not None:
            self.sock.close()
        else:
            os.close(self.fd)

    def write(self, data, timeout=10.0):
        deadline = time.monotonic() + timeout
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConsoleError("the console does not take more bytes (write timed out)")
            _, writable, _ = select.select([], [self.fd], [], left)
            if writable:
                try:
                    sent = os.write(self.fd, view)
                except BlockingIOError:
                    continue
                view = view[sent:]

    def read_line(self, deadline):
        """Next line (without CR/LF), or None at the deadline."""
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            readable, _, _ = select.select([self.fd], [], [], left)
            if readable:
                try:
                    chunk = os.read(self.fd, 4096)
                except BlockingIOError:
                    continue
                if not chunk:
                    raise ConsoleError("the console closed the line")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("ascii", "replace").rstrip("\r")

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while self.read_line(deadline) is not None:
            pass
        self.buffer = b""


class Board:
    def __init__(self, link, timeout, verbose=False):
        self.link, self.timeout, self.verbose = link, timeout, verbose

    def sync(self):
        """Cancel any half-typed line (Ctrl-C) and drop what the board printed so far."""
        self.link.write(b"\x03")
        self.link.drain(0.5)

    def send(self, line, collect=None):
        """Type one command; return (ok, sub, text) of its answer. collect(line) sees the lines
        between the command and its answer (and must return True once it has what it needs)."""
        self.link.write(line.encode("ascii") + b"\r")
        deadline = time.monotonic() + self.timeout
        while True:
            got = self.link.read_line(deadline)
            if got is None:
                raise ConsoleError(f"no answer to {line.split(' HEX')[0][:40]!r} within {self.timeout:.0f} s")
            m = ANSWER_RE.search(got)
            if m and not got.lstrip("> ").startswith("anchors"):
                if self.verbose:
                    print("  board: " + got[m.start():], file=sys.stderr)
                return m.group(1) == "ok", m.group(2), m.group(3)

    def lines_until(self, command, want, seconds):
        """Type a command and read lines for up to `seconds`; want(line) returns True when done."""
        self.link.write(command.encode("ascii") + b"\r")
        deadline = time.monotonic() + seconds
        while True:
            got = self.link.read_line(deadline)
            if got is None:
                raise ConsoleError(f"incomplete answer to {command!r} within {seconds:.0f} s")
            if want(got):
                return


def error_name(text):
    m = ERROR_NAME_RE.match(text)
    return m.group(0) if m else text


def show(board):
    """(count, bytes, crc, slot, [(length, crc)...]) from `anchors show`."""
    result = {}

    def want(line):
        m = SHOW_RE.search(line)
        if m:
            result["head"] = (int(m.group(1)), int(m.group(2)), int(m.group(3), 16), int(m.group(4)))
            result["each"] = []
            return result["head"][0] == 0
        m = ANCHOR_LINE_RE.search(line)
        if m and "head" in result:
            result["each"].append((int(m.group(2)), int(m.group(3), 16)))
            return len(result["each"]) == result["head"][0]
        if re.search(r"\berror: anchors\b", line):
            raise ConsoleError("the board refused anchors show: " + line)
        return False

    board.lines_until("anchors show", want, board.timeout)
    count, total, crc, slot = result["head"]
    return count, total, crc, slot, result["each"]


def config_show_anchors(board):
    """(count, bytes) from the `anchors = ` line of `config show` (nothing else is kept)."""
    result = {}

    def want(line):
        m = CONFIG_ANCHORS_RE.search(line)
        if m:
            result["anchors"] = (int(m.group(1)), int(m.group(2)))
            return True
        return False

    board.lines_until("config show", want, board.timeout)
    return result["anchors"]


def load_set(args, limits):
    now = provision.datetime.datetime.now(provision.datetime.timezone.utc)
    ders = []
    if args.anchor:
        ders += provision.load_anchors(args.anchor, args.ca_dir, limits, now)
    for path in args.raw or []:  # unchecked DER, to test the board's own checks
        with open(path, "rb") as f:
            ders.append(f.read())
    if not ders:
        raise provision.ProvisionError("no anchors given")
    if len(ders) > limits["MAX_ANCHORS"]:
        raise provision.ProvisionError(f"too many trust anchors: {len(ders)} (at most {limits['MAX_ANCHORS']})")
    for der in ders:
        if not 0 < len(der) <= limits["ANCHOR_MAX_LEN"]:
            raise provision.ProvisionError(f"an anchor of {len(der)} bytes (1 to {limits['ANCHOR_MAX_LEN']})")
    if sum(len(d) for d in ders) > limits["ANCHORS_TOTAL_MAX"]:
        raise provision.ProvisionError(f"the anchors total {sum(len(d) for d in ders)} bytes of DER "
                                       f"(at most {limits['ANCHORS_TOTAL_MAX']})")
    return ders


def push(board, ders, chunk, retries, crc_override=None):
    total = sum(len(d) for d in ders)
    crc = zlib.crc32(b"".join(ders)) if crc_override is None else crc_override
    ok, _, text = board.send("anchors begin " + " ".join(str(len(d)) for d in ders))
    if not ok:
        raise ConsoleError("anchors begin refused: " + text)
    sent = 0
    for index, der in enumerate(ders):
        offset = 0
        while offset < len(der):
            piece = der[offset:offset + chunk]
            line = f"anchors data {index} {offset} {piece.hex()}"
            for attempt in range(retries + 1):
                ok, _, text = board.send(line)
                if ok:
                    break
                if error_name(text) == "order" and "next: anchor" in text:
                    m = re.search(r"next: anchor (\d+) at (\d+)", text)
                    if m and (int(m.group(1)), int(m.group(2))) > (index, offset):
                        ok = True  # an earlier try landed after all (its answer was lost)
                        break
                if error_name(text) not in RETRYABLE or attempt == retries:
                    board.send("anchors abort")
                    raise ConsoleError(f"anchors data refused (anchor {index} at {offset}): {text}")
            offset += len(piece)
            sent += len(piece)
        print(f"anchor {index}: {len(der)} bytes sent", file=sys.stderr)
    ok, _, text = board.send(f"anchors commit {crc:08x}")
    if not ok:
        raise ConsoleError("anchors commit refused: " + text)
    print(f"committed {len(ders)} anchors, {total} bytes, crc32 0x{crc:08x}: {text}")
    return crc


def verify(board, ders):
    count, total, crc, slot, each = show(board)
    want = (len(ders), sum(len(d) for d in ders), zlib.crc32(b"".join(ders)))
    if (count, total, crc) != want or each != [(len(d), zlib.crc32(d)) for d in ders]:
        raise ConsoleError(f"the board holds {count} anchors, {total} bytes, crc32 0x{crc:08x}; "
                           f"sent {want[0]}, {want[1]} bytes, crc32 0x{want[2]:08x}")
    shown = config_show_anchors(board)
    if shown != (len(ders), want[1]):
        raise ConsoleError(f"config show says anchors = {shown[0]} ({shown[1]} bytes)")
    print(f"verified: the board holds {count} anchors, {total} bytes, crc32 0x{crc:08x} (slot {slot})")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", required=True, help="serial device (e.g. /dev/ttyACM0) or Unix socket")
    p.add_argument("--baud", type=int, default=115200, help="serial speed (default 115200; 8N1)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")
    p.add_argument("--board", default="mps2-an385", help="board whose board_config.h overrides limits")
    p.add_argument("-v", "--verbose", action="store_true", help="print the board's answers")
    sub = p.add_subparsers(dest="group", required=True)
    anchors = sub.add_parser("anchors", help="trust anchors")
    op = anchors.add_subparsers(dest="op", required=True)
    pu = op.add_parser("push", help="replace the board's trust anchors")
    pu.add_argument("anchor", nargs="*", help="PEM/DER file, CA store name or subject CN (as provision.py)")
    pu.add_argument("--ca-dir", default=provision.CA_DIR, help=f"CA store (default {provision.CA_DIR})")
    pu.add_argument("--raw", action="append", metavar="DER",
                    help="a DER file sent as it is, unchecked (tests the board's own checks)")
    pu.add_argument("--chunk", type=int, default=CONSOLE_CHUNK_MAX,
                    help=f"DER bytes per line (1..{CONSOLE_CHUNK_MAX}, default {CONSOLE_CHUNK_MAX})")
    pu.add_argument("--retries", type=int, default=3, help="resends of a refused line (default 3)")
    pu.add_argument("--crc", type=lambda t: int(t, 16), help=argparse.SUPPRESS)  # tests: a wrong CRC
    pu.add_argument("--no-verify", action="store_true", help="skip the read-back")
    op.add_parser("show", help="list the board's trust anchors")
    op.add_parser("abort", help="drop a rotation left open")
    return p.parse_args(argv)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    link = None
    try:
        args = parse_args(argv)
        limits = provision.read_limits(args.board)
        if args.op == "push":
            if not 1 <= args.chunk <= CONSOLE_CHUNK_MAX:
                raise provision.ProvisionError(f"--chunk must be 1..{CONSOLE_CHUNK_MAX}")
            ders = load_set(args, limits)
        link = Link(args.port, args.baud)
        board = Board(link, args.timeout, args.verbose)
        board.sync()
        if args.op == "push":
            push(board, ders, args.chunk, args.retries, args.crc)
            if not args.no_verify:
                verify(board, ders)
        elif args.op == "show":
            count, total, crc, slot, each = show(board)
            print(f"anchors: {count}, {total} bytes, crc32 0x{crc:08x} (slot {slot})")
            for i, (length, c) in enumerate(each):
                print(f"anchor{i}: {length} bytes, crc32 0x{c:08x}")
        else:
            ok, _, text = board.send("anchors abort")
            print(text)
        return 0
    except provision.ProvisionError as e:
        print(f"console: error: {e}", file=sys.stderr)
        return 2
    except ConsoleError as e:
        print(f"console: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"console: error: {e.filename or ''}: {e.strerror}", file=sys.stderr)
        return 1
    finally:
        if link is not None:
            link.close()


if __name__ == "__main__":
    sys.exit(main())
