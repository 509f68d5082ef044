#!/usr/bin/env python3
"""The RELEASE image end to end (issue 12 item 2): build/<board>/forgelight.elf, provisioned
like a user's board and booted without semihosting, against the mock Forge API in the lab.

One lab and one VM for every case, in order (about 2.5 min):
  - boot: banner without "(test build)", DHCP, SNTP, verified TLS (SNI, ECDSA chain), 60
    processes at page_size 20 -> 3 pages on one kept-alive connection, counts in the log;
  - HEALTHY and API_DOWN (mock 503): the `[panel]` console line, the LED register over QMP
    (classified as in test_panel_scenario.py) and the OLED screendump equal to the golden frame
    in tests/e2e/golden/ that test_panel_scenario.py uses for the test image;
  - an untrusted certificate is refused by the release image too;
  - the fault path from outside, with no test code in the image: QEMU's gdbstub (a unix
    socket in the lab's work dir) sets PC to 0x40000001 (execute-never peripheral region): the
    fault handler's dump, a reset, "reset cause: fault" on the next boot, polls and HEALTHY again;
  - the watchdog: the gdbstub parks the CPU in a `b .` loop written to unused SSRAM1: the
    watchdog's NMI resets the board, the next boot logs "reset cause: watchdog" and polls again.

    python3 tests/e2e/test_release.py --build build [--board mps2-an385] [-k name] [-v]
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import Failed, check, eq  # noqa: E402
from gdbstub import GdbStub  # noqa: E402
from panel_probe import GOLDEN_DIR, Display, expect_leds  # noqa: E402

LABEL = "svc"
POLL_S = 10
STATE_TIMEOUT_S = 35.0    # poll interval 10 s, error backoff 5-10 s plus jitter
BOOT_POLL_S = 60          # boot, DHCP, SNTP, one full handshake
BLOCK_S = 600
BANNER = r"I boot: forgelight \S+ build \S+ board mps2-an385"
XN_ADDRESS = 0x40000000   # peripheral region: execute-never in the default memory map
PARK_ADDRESS = 0x00300000  # SSRAM1 above the image and below the configuration slots
THUMB_B_SELF = b"\xfe\xe7"  # Thumb `b .`


def processes(second_status="installed"):
    """The two processes of test_panel_scenario.py (its golden frames show them)."""
    return [mf.make_process(1, command="php artisan horizon", status="running"),
            mf.make_process(2, command="php artisan queue:work redis", status=second_status)]


def state_line(state):
    return r"\[panel\] %s (?:\x1b\[[0-9;]*m)?%s(?:\x1b\[0m)? " % (LABEL, state)


OK_2 = r"poll: %s: ok 200, 2 processes" % LABEL


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf
        self.pki = pkimod.Pki.ensure(build)
        self.display = Display(os.path.join(build, "e2e", "release"), update=False)
        self.lab = self.api = self.vm = None
        self.boot_error = None
        self.gdb_path = None

    def close(self):
        if self.lab is not None:
            self.lab.close()
            self.lab = None

    # ---- the one lab and VM ------------------------------------------------------------
    def _vm(self):
        if self.boot_error is not None:
            raise Failed("lab VM failed earlier: %s" % self.boot_error)
        if self.vm is None:
            try:
                check(os.path.isfile(self.elf), "no release image %s (make firmware)" % self.elf)
                self.lab = netlab.NetLab(self.build).start()
                self.api = firmware_lab.standard_lab(self.lab, self.pki, chain="ecdsa")
                self.api.set_processes(mf.make_processes(60))
                image = firmware_lab.provision(
                    self.lab, self.pki, self.elf, poll=POLL_S,
                    watches=["server=%s,label=%s,page_size=20" % (mf.SERVER, LABEL)])
                # The gdbstub listens on a unix socket only (QEMU runs inside the namespace).
                self.gdb_path = os.path.join(self.lab.workdir, "gdb.sock")
                self.vm = firmware_lab.boot(
                    self.lab, image, time_limit=600, semihosting=False,
                    extra=["-gdb", "unix:%s,server=on,wait=off" % self.gdb_path])
            except Exception as exc:  # pylint: disable=broad-except
                self.boot_error = exc
                raise
        return self.vm

    def _since(self, mark, pattern, timeout):
        """First UART line after index `mark` matching pattern -> (index, match)."""
        rx, deadline = re.compile(pattern), time.monotonic() + timeout
        while True:
            for i, (_, text) in enumerate(self.vm.lines[mark:]):
                m = rx.search(text)
                if m:
                    return mark + i, m
            if time.monotonic() >= deadline or not self.vm.running:
                raise Failed("no %r within %.0f s after line %d; last lines:\n%s" % (
                    pattern, timeout, mark, self.vm.tail(12)))
            time.sleep(0.1)

    def _panel_state(self):
        """The watch's state in the last `[panel]` line (printed on change only)."""
        for _, text in reversed(self.vm.lines):
            m = re.search(r"\[panel\] %s (?:\x1b\[[0-9;]*m)?([A-Z_]{2,})" % LABEL, text)
            if m:
                return m.group(1)
        return None

    def _expect_panel(self, state, golden, leds):
        """Console line, display (golden frame) and LED register agree on `state`."""
        eq(self._panel_state(), state, "state on the last [panel] line")
        self.display.expect(self.vm, state.lower(), os.path.join(GOLDEN_DIR, golden))
        expect_leds(self.vm, leds, state)

    def _no_secrets(self):
        check(not any(mf.TOKEN in text for _, text in self.vm.lines), "token never in the log")

    def _banners(self):
        return [i for i, (_, t) in enumerate(self.vm.lines) if re.search(BANNER, t)]

    def _healthy_after(self, mark, timeout=STATE_TIMEOUT_S):
        at, _ = self._since(mark, OK_2, timeout)
        deadline = time.monotonic() + 5
        while self._panel_state() != "HEALTHY" and time.monotonic() < deadline:
            time.sleep(0.1)
        return at

    # ---- the cases -----------------------------------------------------------------------
    def test_release_boot_polls_three_pages_over_verified_tls(self):
        vm = self._vm()
        _, m = self._since(0, BANNER + r".*$", 10)
        check("(test build)" not in m.group(0), "release banner: %r" % m.group(0))
        self._since(0, r"I boot: reset cause: power-on", 5)
        self._since(0, r"config: loaded from provisioned block", 10)
        self._since(0, r"net: address up", 30)
        self._since(0, r"net: time set \d+", 30)
        self._since(0, r"poll: %s: ok 200, 60 processes; 3 pages, 3 requests" % LABEL,
                    BOOT_POLL_S)
        reqs = [r for r in self.api.requests() if "/servers/%s/" % mf.SERVER in r["path"]][:3]
        eq(len(reqs), 3, "requests of the first poll")
        eq(len({r["conn"] for r in reqs}), 1, "one kept-alive connection for the three pages")
        for r in reqs:
            eq(r["query"].get("page[size]"), ["20"], "page size")
            eq(r["auth"], "ok", "bearer token accepted")
        check("page[cursor]" not in reqs[0]["query"], "first page has no cursor")
        check(reqs[1]["query"].get("page[cursor]") and reqs[2]["query"].get("page[cursor]"),
              "later pages carry the cursor")
        conns = self.api.connections()
        check(conns and conns[0].get("sni") == mf.HOST, "SNI %r" % (conns[:1],))
        eq(len(self._banners()), 1, "one boot")
        check(not any("[FAULT]" in t for _, t in vm.lines), "no fault dump")
        self._no_secrets()

    def test_release_healthy_on_console_leds_and_display(self):
        self._vm()
        mark = len(self.vm.lines)
        self.api.set_processes(processes("installed"))
        self._healthy_after(mark)
        self._expect_panel("HEALTHY", "healthy.pbm", "solid")

    def test_release_api_down_503(self):
        self._vm()
        mark = len(self.vm.lines)
        self.api.block_for(BLOCK_S, 503)
        self._since(mark, r"poll: %s: api 503" % LABEL, STATE_TIMEOUT_S)
        self._since(mark, state_line("API_DOWN"), STATE_TIMEOUT_S)
        self._expect_panel("API_DOWN", "api_down.pbm", "code 3")
        mark = len(self.vm.lines)
        self.api.override = None
        self._healthy_after(mark, 60)
        eq(self._panel_state(), "HEALTHY", "state after the API is back")
        eq(len(self._banners()), 1, "no reboot")

    def test_release_refuses_an_untrusted_certificate(self):
        self._vm()
        mark = len(self.vm.lines)
        self.api.set_chain("unknown-ca")
        self.api.drop_connections()
        self._since(mark, r"poll: %s: transport \(certificate: tcp \S+, tls unknown CA\)" % LABEL,
                    STATE_TIMEOUT_S)
        mark = len(self.vm.lines)
        self.api.set_chain("ecdsa")
        self._healthy_after(mark, 60)
        eq(len(self._banners()), 1, "no reboot")

    def test_release_fault_resets_and_next_boot_logs_the_cause(self):
        vm = self._vm()
        check(self.vm.running, "VM running")
        mark = len(vm.lines)
        with GdbStub(self.gdb_path) as gdb:  # QEMU stops the VM when a client connects
            reason = gdb.stop_reason()
            check(reason[:1] in ("S", "T"), "stop reply %r" % reason)
            was = gdb.read_register(GdbStub.PC)
            gdb.write_register(GdbStub.PC, XN_ADDRESS | 1)  # Thumb bit kept
            eq(gdb.read_register(GdbStub.PC), XN_ADDRESS, "PC written")
            gdb.detach()
        at, m = self._since(mark, r"\[FAULT\] hard fault: .*pc=([0-9a-f]{8}) .*cfsr=([0-9a-f]{8})",
                            10)
        eq(int(m.group(1), 16), XN_ADDRESS, "faulting pc in the dump (was 0x%08x)" % was)
        check(int(m.group(2), 16) & 0x1, "CFSR.IACCVIOL set (cfsr=%s)" % m.group(2))
        boot, _ = self._since(at, BANNER, 10)
        self._since(boot, r"I boot: reset cause: fault", 5)
        eq(vm.running, True, "the run goes on after the reset")
        self._healthy_after(boot, BOOT_POLL_S)
        eq(len(self._banners()), 2, "exactly one reboot")
        self._expect_panel("HEALTHY", "healthy.pbm", "solid")
        self._no_secrets()

    def test_release_watchdog_resets_a_parked_cpu(self):
        vm = self._vm()
        mark = len(vm.lines)
        banners = len(self._banners())
        with GdbStub(self.gdb_path) as gdb:
            gdb.stop_reason()
            gdb.write_memory(PARK_ADDRESS, THUMB_B_SELF)
            gdb.write_register(GdbStub.PC, PARK_ADDRESS | 1)
            gdb.detach()
        t0 = time.monotonic()
        boot, _ = self._since(mark, BANNER, 30)
        took = time.monotonic() - t0
        self._since(boot, r"I boot: reset cause: watchdog", 5)
        check(took >= 4.0, "reset after %.1f s, watchdog period 8 s" % took)
        check(not any("[FAULT]" in t for _, t in vm.lines[mark:]), "a stall is not a fault")
        self._healthy_after(boot, BOOT_POLL_S)
        eq(len(self._banners()), banners + 1, "exactly one reboot")
        eq(self._panel_state(), "HEALTHY", "state after the watchdog reset")
        self._no_secrets()


def main():
    return e2e_runner.main(Cases, image="release")

if __name__ == "__main__":
    sys.exit(main())
