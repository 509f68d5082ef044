#!/usr/bin/env python3
"""Tests of toolchain/console.py against a fake board: a Python model of the console's
`anchors` protocol (firmware/console/console_anchors.h: echo, one answer line per command, CRC-32
of the DER, order of data lines) behind a pty (opened by the tool with termios, as a
/dev/ttyACM0) or a Unix socket. The real firmware is tested end to end by
tests/e2e/test_anchor_rotation.py; here: the tool waits for every answer, resends a refused line,
aborts on a hard refusal, verifies the read-back, keeps to the limits, never prints the token.

    test_console_tool.py [--build DIR]      prints PASS/FAIL lines and a summary
"""
import argparse
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import threading
import tty
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "toolchain", "console.py")
FIXTURES = os.path.join(ROOT, "tests", "tools", "fixtures")
TOKEN = "fake-board-token-SECRET-771"


def der_of(pem):
    return subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER"], check=True,
                          capture_output=True).stdout


class FakeBoard:
    """The board side of the console. faults: {"drop_once": N} refuses the Nth data line once
    with `value` (a byte lost on the wire); "garble_commit": answer every commit with crc."""

    def __init__(self, anchors, faults=None):
        self.anchors = list(anchors)
        self.faults = dict(faults or {})
        self.rotation = None
        self.lines = []
        self.data_lines = 0
        self.out = None

    def answer(self, line):
        self.lines.append(line)
        words = line.split()
        if not words:
            return ""
        if words[0] == "config" and words[1:] == ["show"]:
            total = sum(len(a) for a in self.anchors)
            return ("host = forge.laravel.com\r\ntoken = set (%d chars)\r\norg = acme\r\n"
                    "anchors = %d (%d bytes)\r\nwatches = 0\r\n" % (len(TOKEN), len(self.anchors), total))
        if words[0] != "anchors":
            return "error: unknown command '%s' (type help)\r\n" % words[0]
        sub, args = (words[1] if len(words) > 1 else "show"), words[2:]
        if sub == "show":
            blob = b"".join(self.anchors)
            text = "ok: anchors show: %d (%d bytes, crc32 0x%08x), slot 0, capacity 8 anchors / 8192 bytes\r\n" % (
                len(self.anchors), len(blob), zlib.crc32(blob))
            for i, a in enumerate(self.anchors):
                text += "anchor%d = %d bytes, crc32 0x%08x\r\n" % (i, len(a), zlib.crc32(a))
            return text
        if sub == "begin":
            lengths = [int(a) for a in args]
            self.rotation = {"lengths": lengths, "data": [bytearray() for _ in lengths], "index": 0}
            return "ok: anchors begin: %d anchors, %d bytes into slot 1; send anchors data\r\n" % (
                len(lengths), sum(lengths))
        if sub == "abort":
            was = self.rotation is not None
            self.rotation = None
            return "ok: anchors abort: %s\r\n" % ("rotation dropped; the old anchors stay in use" if was
                                                 else "no rotation was open")
        r = self.rotation
        if r is None:
            return "error: anchors %s: state; the old anchors stay in use\r\n" % sub
        if sub == "data":
            self.data_lines += 1
            if self.faults.get("drop_once") == self.data_lines:
                self.faults.pop("drop_once")
                return ("error: anchors data: value: 2 to 512 hex digits, an even number; rotation still open; "
                        "the old anchors stay in use\r\n")
            index, offset, payload = int(args[0]), int(args[1]), bytes.fromhex(args[2])
            if index != r["index"] or offset != len(r["data"][index]):
                return ("error: anchors data: order (next: anchor %d at %d); rotation still open; "
                        "the old anchors stay in use\r\n" % (r["index"], len(r["data"][r["index"]])))
            r["data"][index] += payload
            if len(r["data"][index]) == r["lengths"][index]:
                r["index"] += 1
            got = sum(len(d) for d in r["data"])
            return "ok: anchors data: %d of %d bytes\r\n" % (got, sum(r["lengths"]))
        if sub == "commit":
            blob = b"".join(bytes(d) for d in r["data"])
            self.rotation = None
            if self.faults.get("garble_commit") or int(args[0], 16) != zlib.crc32(blob):
                return "error: anchors commit: crc; the old anchors stay in use\r\n"
            self.anchors = [bytes(d) for d in r["data"]]
            return ("ok: anchors commit: %d anchors, %d bytes in slot 1 (sequence 2); in use from the next "
                    "connection\r\n" % (len(self.anchors), len(blob)))
        return "error: anchors: usage\r\n"

    def serve(self, read, write, closed):
        """Echo what is typed, answer each line; a log line now and then, like the firmware."""
        line = b""
        write(b"> ")
        while not closed():
            data = read()
            if data is None:
                continue
            if not data:
                return
            for byte in data:
                c = bytes([byte])
                if c == b"\x03":
                    line = b""
                    write(b"^C\r\n> ")
                elif c == b"\r":
                    write(b"\r\n")
                    reply = self.answer(line.decode())
                    if self.data_lines % 3 == 1:
                        write(b"[   12.345] I poll: web-1: ok 200, 5 processes\r\n")
                    write(reply.encode() + b"> ")
                    line = b""
                else:
                    line += c
                    write(c)


def start_pty(board):
    master, slave = os.openpty()
    tty.setraw(slave)
    stop = threading.Event()

    def read():
        try:
            readable, _, _ = select.select([master], [], [], 0.1)
            return os.read(master, 4096) if readable else None
        except (OSError, ValueError):
            return b""  # closed: the fake board stops

    def write(data):
        try:
            os.write(master, data)
        except OSError:
            pass

    threading.Thread(target=board.serve, args=(read, write, stop.is_set), daemon=True).start()
    return os.ttyname(slave), lambda: (stop.set(), os.close(master), os.close(slave))


def start_socket(board, directory):
    path = os.path.join(directory, "console.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    stop = threading.Event()

    def run():
        conn, _ = server.accept()
        conn.settimeout(0.1)

        def read():
            try:
                return conn.recv(4096)
            except socket.timeout:
                return None
        board.serve(read, conn.sendall, stop.is_set)
        conn.close()

    threading.Thread(target=run, daemon=True).start()
    return path, lambda: (stop.set(), server.close())


def tool(port, *args):
    proc = subprocess.run([sys.executable, TOOL, "--port", port, "--timeout", "5"] + list(args), cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    return proc.returncode, proc.stdout + proc.stderr


class Suite:
    def __init__(self):
        self.passed = self.failed = 0

    def case(self, name, fn):
        try:
            fn()
            print("PASS " + name, flush=True)
            self.passed += 1
        except Exception as e:  # noqa: BLE001 (report every failure as one line)
            print("FAIL %s: %s" % (name, e), flush=True)
            self.failed += 1


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.parse_args()
    root_a = os.path.join(FIXTURES, "test-root.pem")
    root_b = os.path.join(FIXTURES, "second-root.pem")
    old, new = der_of(root_a), der_of(root_b)
    suite = Suite()
    work = tempfile.mkdtemp(prefix="fl-console-tool-")

    def over_pty(faults=None, args=(), want=0, anchors=(old,)):
        board = FakeBoard(anchors, faults)
        port, close = start_pty(board)
        try:
            code, out = tool(port, *args)
        finally:
            close()
        check(code == want, "exit %d, wanted %d:\n%s" % (code, want, out))
        check(TOKEN not in out and "token" not in out, "the tool printed the token line:\n" + out)
        return board, out

    def push_over_pty():
        board, out = over_pty(args=("anchors", "push", "--chunk", "100", root_b))
        check(board.anchors == [new], "the board holds the new anchor")
        check(re.search(r"verified: the board holds 1 anchors, %d bytes" % len(new), out), out)
        data = [l for l in board.lines if l.startswith("anchors data")]
        check(len(data) == (len(new) + 99) // 100, "one line per 100-byte chunk: %d" % len(data))
        check(all(len(l) < 300 for l in data), "lines bounded")
        check(board.lines[-2:] == ["anchors show", "config show"], "verified by anchors show, config show")

    def push_over_socket():
        board = FakeBoard([old])
        port, close = start_socket(board, work)
        try:
            code, out = tool(port, "anchors", "push", root_a, root_b)
        finally:
            close()
        check(code == 0, out)
        check(board.anchors == [old, new], "both anchors, in order")

    def resend_refused_line():
        board, out = over_pty({"drop_once": 2}, ("anchors", "push", "--chunk", "64", root_b))
        check(board.anchors == [new], "the set arrived whole after a resend")
        data = [l for l in board.lines if l.startswith("anchors data")]
        check(data[1] == data[2], "the refused line was sent again")

    def commit_refused():
        board, out = over_pty({"garble_commit": True}, ("anchors", "push", root_b), want=1)
        check(board.anchors == [old], "the old anchor stays")
        check("anchors commit refused: crc" in out, out)

    def wrong_crc_refused():
        board, out = over_pty(None, ("anchors", "push", "--crc", "1234abcd", root_b), want=1)
        check(board.anchors == [old], "the old anchor stays")

    def limits():
        _, out = over_pty(None, ("anchors", "push", "--raw", "/dev/null"), want=2)
        check("an anchor of 0 bytes" in out, out)
        big = os.path.join(work, "big.der")
        with open(big, "wb") as f:
            f.write(b"\x30" * 2049)
        _, out = over_pty(None, ("anchors", "push", "--raw", big), want=2)
        check("2048" in out, out)
        nine = []
        for i in range(9):
            nine += ["--raw", os.path.join(work, "a%d.der" % i)]
            with open(nine[-1], "wb") as f:
                f.write(new)
        _, out = over_pty(None, ("anchors", "push", *nine), want=2)
        check("too many trust anchors: 9 (at most 8)" in out, out)
        _, out = over_pty(None, ("anchors", "push", "--chunk", "300", root_b), want=2)

    def show_and_abort():
        _, out = over_pty(None, ("anchors", "show",))
        check(re.search(r"anchors: 1, %d bytes, crc32 0x%08x" % (len(old), zlib.crc32(old)), out), out)
        board, out = over_pty(None, ("anchors", "abort",))
        check(board.lines[-1] == "anchors abort", board.lines)

    def no_answer_times_out():
        master, slave = os.openpty()
        tty.setraw(slave)
        try:
            code, out = tool(os.ttyname(slave), "anchors", "show")
        finally:
            os.close(master)
            os.close(slave)
        check(code == 1 and "within" in out, out)

    for name, fn in (("push-over-pty-termios", push_over_pty), ("push-over-unix-socket", push_over_socket),
                     ("refused-line-sent-again", resend_refused_line), ("commit-refused-keeps-old", commit_refused),
                     ("wrong-crc-refused", wrong_crc_refused), ("limits-before-sending", limits),
                     ("show-and-abort", show_and_abort), ("silent-board-times-out", no_answer_times_out)):
        suite.case(name, fn)
    print("%d passed, %d failed" % (suite.passed, suite.failed))
    return 0 if suite.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
