#!/usr/bin/env python3
"""Every panel state end to end (issue 5 item 6, issue 7's "not configured", issue 12 item 5):
all 13 states are reached on the real test image against the mock Forge API, and each is
asserted on all three outputs: the watch's `[panel]` console line, the LED register read over
QMP and classified, and the OLED (QMP screendump) compared pixel-exactly with a golden frame
(tests/e2e/golden/<state>.pbm; NOT_CONFIGURED: tests/unit/golden/unconfigured.pbm).

One provisioned VM ("svc", two processes, poll 10 s) is driven through, in this order:
  NO_DATA       booted with an SNTP answer before the build floor: the clock is never set, no
                round runs (and no request reaches the mock)       LEDs: code 1 (1 flash / 4 s)
  HEALTHY       SNTP answers real time: the first round            solid
  API_DOWN      503                                                code 3
  CHANGING      a process "restarting"                             pulse
  AUTH_ERROR    401                                                fast blink
  ATTENTION     a process "fatal" (unknown status)                 slow blink
  NOT_FOUND     404                                                code 7
  TLS_ERROR     the mock's certificate chains to an unknown CA     code 6
  BAD_RESPONSE  200 with a body cut short inside "data"            code 5
  NETWORK_DOWN  QMP set_link off                                   code 4
  RATE_LIMITED  429 with Retry-After (last: it holds polling)      code 2
Each error state follows good data (the case waits for the good state again first), so the
summary's age reads "<1m" while it is checked. Two more VMs:
  NOT_CONFIGURED  the unprovisioned image                          wig-wag
  STALE         its own VM under `-icount shift=0,sleep=off` (idle virtual time is skipped) with a
                420 s poll: one good round, then none for PANEL_STALE_AFTER_MS (300 s); the
                console line must read "age !5m" with no request since the good round. The VM
                is then read paused (QMP stop/cont in short steps), with the firmware's own
                millisecond counter g_now_ms as the clock: display, then LEDs (a 3 s window
                sampled at most 50 ms apart; a longer jump starts it again)    wink
LEDs: both (LED 0 = global, LED 1 = the watch) show the same look with one watch. Sampled every
3 ms for 3 s (blink codes: a 4 s cycle plus the group plus 0.6 s of dark on both sides, so one
whole group is always inside), classified as solid, pulse, slow/fast blink, wink, code n or
wig-wag. A window with a sampling gap over 50 ms, or in which the guest's clock ran more than
5 % off real time (a starved vCPU loses SysTick periods), is measured again (3 tries).
Screenshots are kept under build/e2e/panel-scenario/.

    python3 tests/e2e/test_panel_scenario.py --build build [--board mps2-an385] [-k name] [-v]
                                             [--update-golden]

Frames are deterministic: the summary shows ages under a minute as "<1m" and every state but
STALE ("!5m") is checked well within a minute of the last successful poll. --update-golden
writes every distinct frame seen per state as tests/e2e/golden/<state>.candidate-<n>.pbm (and
PNG under build/e2e/panel-scenario/) instead of comparing, and reports that case FAIL (an update
run is never a pass; make test never passes the flag): look at them and rename the right one to
<state>.pbm.
"""

import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import Failed, check, eq  # noqa: E402
from panel_probe import (GOLDEN_DIR, LED_WINDOW_S, Display, Paused, classify,  # noqa: E402
                         expect_leds, max_gap, symbol_address, transitions)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNIT_GOLDEN_DIR = os.path.join(ROOT, "tests", "unit", "golden")
LABEL = "svc"
STATE_TIMEOUT_S = 35.0    # poll interval 10 s, error backoff 5-10 s plus jitter
BLOCK_S = 600             # error answers last until the next phase replaces them
RECOVER_TIMEOUT_S = 60.0  # back to good data after an error: backoff 5 s * 2^(n-1), jittered
BEFORE_FLOOR = 946684800.0  # SNTP answer 2000-01-01: below FL_BUILD_EPOCH, the firmware refuses it
STALE_POLL_S = 420        # > PANEL_STALE_AFTER_MS (300 s): nothing polls while the data ages
STALE_TIMEOUT_S = 90.0    # wall time for 300+ virtual seconds under -icount sleep=off


def last_state(vm):
    """The watch's state in its last `[panel]` line (None before the first)."""
    for _, text in reversed(vm.lines):
        m = re.search(r"\[panel\] %s (?:\x1b\[[0-9;]*m)?([A-Z_]+)" % LABEL, text)
        if m:
            return m.group(1)
    return None


# ---- the cases -----------------------------------------------------------------------------
def processes(second_status):
    return [mf.make_process(1, command="php artisan horizon", status="running"),
            mf.make_process(2, command="php artisan queue:work redis", status=second_status)]


def recover(api, second_status):
    api.override = None
    api.set_processes(processes(second_status))


def state_line(state):
    return r"\[panel\] %s (?:\x1b\[[0-9;]*m)?%s(?:\x1b\[0m)? " % (LABEL, state)


class Cases:
    def __init__(self, build, elf, update):
        self.build, self.elf = build, elf
        self.display = Display(os.path.join(build, "e2e", "panel-scenario"), update)
        self.pki = pkimod.Pki.ensure(build)
        self.clock = symbol_address(elf, "g_now_ms")  # the firmware's millisecond counter
        self.lab = self.api = self.ntp = self.vm = None
        self.boot_error = None
        self.held_back = False  # a 401/404 run: the watch now waits >= 5 min (by design)

    def close(self):
        if self.lab is not None:
            self.lab.close()
            self.lab = None

    def _lab_vm(self, clock_ok=True):
        """One lab and one provisioned VM for every state case (started by the first one).
        clock_ok=False boots it with an SNTP server whose time is before the build floor."""
        if self.boot_error is not None:
            raise Failed("lab VM failed earlier: %s" % self.boot_error)
        if self.vm is None:
            try:
                self.lab = netlab.NetLab(self.build)
                self.lab.start()
                self.lab.start_dnsmasq()   # firmware_lab.standard_lab, keeping the SNTP server
                self.ntp = self.lab.start_sntp()
                self.api = self.lab.start_mock(self.pki, chain="ecdsa")
                if not clock_ok:
                    self.ntp.fixed = BEFORE_FLOOR
                self.api.set_processes(processes("installed"))
                img = firmware_lab.provision(self.lab, self.pki, self.elf, poll=10,
                                             watches=["server=%s,label=%s" % (mf.SERVER, LABEL)])
                self.vm = firmware_lab.boot(self.lab, img, time_limit=600)
            except Exception as exc:  # pylint: disable=broad-except
                self.boot_error = exc
                raise
        elif not clock_ok:
            raise Failed("needs a fresh boot with a bad clock; the VM is already running")
        return self.vm

    def _check(self, vm, state, pattern, golden):
        vm.wait_for(state_line(state), STATE_TIMEOUT_S)
        self.display.expect(vm, state.lower(), os.path.join(GOLDEN_DIR, golden))
        expect_leds(vm, pattern, state, self.clock)
        check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")

    def _state(self, state, pattern, golden, action=None):
        vm = self._lab_vm()
        if action is not None:
            action(self.api)
        if self.held_back and state not in ("AUTH_ERROR", "NOT_FOUND"):
            self._reboot(vm)
        self._check(vm, state, pattern, golden)

    def _reboot(self, vm):
        """After the second 401/404 in a row the watch waits at least 5 minutes (README,
        backoff classes); a reboot is what an operator does after fixing the token."""
        self.held_back = False
        vm.write_uart(b"reboot\r")
        vm.wait_for(r"reset cause: software", 30)

    def _settle(self, second_status, state):
        """Back to good data (`state`) before an error case, so the data behind the error is
        under a minute old ("<1m"): the mock healthy again, then the panel line, unless the
        last one already says `state` (the panel prints on change only)."""
        vm = self._lab_vm()
        recover(self.api, second_status)
        if self.held_back:
            self._reboot(vm)
            vm.wait_for(state_line(state), RECOVER_TIMEOUT_S)
            return
        if self.api.chain_name != "ecdsa":
            self.api.set_chain("ecdsa")
            self.api.drop_connections()
        if last_state(vm) != state:
            vm.wait_for(state_line(state), RECOVER_TIMEOUT_S)

    def test_not_configured(self):
        # a private copy: another build may rewrite the shared test image meanwhile
        elf = os.path.join(self.display.out_dir, "unprovisioned.elf")
        shutil.copyfile(self.elf, elf)
        with qemu.Qemu(elf, display=True, time_limit=60,
                       workdir=os.path.join(self.display.out_dir, "qemu-unprovisioned")) as vm:
            vm.wait_for(r"\[panel\] panel (?:\x1b\[[0-9;]*m)?NOT_CONFIGURED", 15)
            self.display.expect(vm, "not_configured",
                                os.path.join(UNIT_GOLDEN_DIR, "unconfigured.pbm"))
            expect_leds(vm, "wigwag", "NOT_CONFIGURED", self.clock)

    def test_no_data(self):
        """Network up, but the only SNTP answer is before the build floor: the clock is never
        set, so no round runs (agent.c polls only with the time set) and no data ever came."""
        vm = self._lab_vm(clock_ok=False)
        try:
            vm.wait_for(r"time rejected \(below build floor\)", STATE_TIMEOUT_S)
            self._check(vm, "NO_DATA", "code 1", "no_data.pbm")
            eq(self.api.requests(), [], "requests to the API while the clock is not set")
            eq(last_state(vm), "NO_DATA", "the watch's last panel line")
        finally:
            self.ntp.fixed = None  # real time from now on: the next test_healthy gets data

    # Each error state follows a successful poll, so the data behind it stays under a minute
    # old ("<1m" on the summary) while it is checked.
    def test_healthy(self):
        self._state("HEALTHY", "solid", "healthy.pbm")

    def test_api_down(self):
        self._state("API_DOWN", "code 3", "api_down.pbm", lambda api: api.block_for(BLOCK_S, 503))

    def test_changing(self):
        self._state("CHANGING", "pulse", "changing.pbm", lambda api: recover(api, "restarting"))

    def test_auth_error(self):
        self.held_back = True
        self._state("AUTH_ERROR", "fast blink", "auth_error.pbm",
                    lambda api: api.block_for(BLOCK_S, 401))

    def test_attention(self):
        self._state("ATTENTION", "slow blink", "attention.pbm", lambda api: recover(api, "fatal"))

    def test_not_found(self):
        self._settle("fatal", "ATTENTION")
        self.held_back = True
        self._state("NOT_FOUND", "code 7", "not_found.pbm", lambda api: api.block_for(BLOCK_S, 404))

    def test_tls_error(self):
        """The server's certificate now chains to a CA the image does not trust."""
        self._settle("installed", "HEALTHY")

        def untrusted(api):
            api.set_chain("unknown-ca")
            api.drop_connections()
        self._state("TLS_ERROR", "code 6", "tls_error.pbm", untrusted)
        check(any(re.search(r"poll: %s: transport \(certificate: .*unknown CA" % LABEL, t)
                  for _, t in self.vm.lines), "the round failed on the certificate")

    def test_bad_response(self):
        """200 with a body that is not JSON:API (cut short inside `data`)."""
        self._settle("installed", "HEALTHY")

        def malformed(api):
            api.override = lambda _req: mf.Scripted(status=200, body=b'{"data": [')
        self._state("BAD_RESPONSE", "code 5", "bad_response.pbm", malformed)

    def test_network_down(self):
        """QMP set_link off: the panel loses its link (no round can run)."""
        self._settle("installed", "HEALTHY")
        try:
            self._state("NETWORK_DOWN", "code 4", "network_down.pbm",
                        lambda _api: self.vm.set_link(False))
        finally:
            self.vm.set_link(True)

    def test_rate_limited(self):
        # last of the shared VM: Retry-After keeps it from polling for BLOCK_S
        self._settle("fatal", "ATTENTION")
        self._state("RATE_LIMITED", "code 2", "rate_limited.pbm",
                    lambda api: api.block_for(BLOCK_S, 429))

    def test_stale(self):
        """Its own VM under `-icount shift=0,sleep=off` (virtual time, idle time skipped) with
        a poll interval longer than the stale age: one good round, then no round at all for
        PANEL_STALE_AFTER_MS, and the data goes STALE. LEDs and display are read with the VM
        paused (QMP stop) against the firmware's own millisecond counter, so virtual time is
        what the patterns are measured in."""
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain="ecdsa")
            api.set_processes(processes("installed"))
            img = firmware_lab.provision(lab, self.pki, self.elf, poll=STALE_POLL_S,
                                         watches=["server=%s,label=%s" % (mf.SERVER, LABEL)])
            vm = firmware_lab.boot(lab, img, time_limit=240,
                                   extra=["-icount", "shift=0,sleep=off"])
            vm.wait_for(state_line("HEALTHY"), STALE_TIMEOUT_S)
            polls = len(api.requests())
            check(polls >= 1, "a good round before the data goes stale")
            m = vm.wait_for(state_line("STALE"), STALE_TIMEOUT_S)
            paused = Paused(vm, self.clock)
            with paused:
                age = re.search(r" age !(\d+)m$", m.string)
                check(age is not None and int(age.group(1)) == 5, "stale age on the console "
                      "line (PANEL_STALE_AFTER_MS 300 s): %r" % m.string)
                eq(len(api.requests()), polls, "requests between the good round and STALE")
                self.display.expect_stepped(paused, "stale", os.path.join(GOLDEN_DIR, "stale.pbm"))
                samples = paused.sample_leds(LED_WINDOW_S)
                check(max_gap(samples) < 0.05 and samples[-1][0] >= LED_WINDOW_S,
                      "a %.1f s window of virtual time sampled at most 50 ms apart: %d samples "
                      "over %.2f s, largest gap %.0f ms" % (LED_WINDOW_S, len(samples),
                                                             samples[-1][0],
                                                             1000 * max_gap(samples)))
                eq(classify(samples), "wink", "LED pattern of STALE in virtual time (%d "
                   "samples, largest gap %.0f ms; %s)" % (len(samples), 1000 * max_gap(samples),
                                                         transitions(samples)))
                eq(len(api.requests()), polls, "requests while STALE was checked")
                print("  STALE: %d LED samples over %.2f virtual s, largest gap %.0f ms; %s" % (
                    len(samples), samples[-1][0], 1000 * max_gap(samples),
                    transitions(samples, 12)), flush=True)
                eq(last_state(vm), "STALE", "the watch's last panel line")
            check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")


def main():
    return e2e_runner.main(Cases, golden=True)

if __name__ == "__main__":
    sys.exit(main())
