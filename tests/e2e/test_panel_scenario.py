#!/usr/bin/env python3
"""The panel end to end (issue 5 item 6, issue 7's "not configured"): a provisioned test image
polls the mock Forge API while the test drives one watch ("svc", two processes) through
HEALTHY, API_DOWN, CHANGING, AUTH_ERROR, ATTENTION and RATE_LIMITED; an unprovisioned image
shows NOT_CONFIGURED. For each state: the watch's console line, the LED register over QMP
sampled for 3 s (5.6 s for blink codes) and classified (solid, pulse, slow/fast blink, blink code n, wig-wag), and
the OLED over QMP screendump compared pixel-exactly with a golden frame (tests/e2e/golden/,
tests/unit/golden/unconfigured.pbm). Screenshots are kept under build/e2e/panel-scenario/.

    python3 tests/e2e/test_panel_scenario.py --build build [--board mps2-an385] [-k name] [-v]
                                             [--update-golden]

Frames are deterministic: the summary shows ages under a minute as "<1m" and every state is
checked well within a minute of the last successful poll. --update-golden writes every
distinct frame seen per state as tests/e2e/golden/<state>.candidate-<n>.pbm (and PNG under
build/e2e/panel-scenario/): look at them and rename the right one to <state>.pbm.
"""

import argparse
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import image  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402
from e2e_runner import Failed, check, eq, run_cases, summary  # noqa: E402
from panel_probe import GOLDEN_DIR, Display, expect_leds  # noqa: E402  (LED classifier, frames)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNIT_GOLDEN_DIR = os.path.join(ROOT, "tests", "unit", "golden")
LABEL = "svc"
STATE_TIMEOUT_S = 35.0    # poll interval 10 s, error backoff 5-10 s plus jitter
BLOCK_S = 600             # error answers last until the next phase replaces them


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
        self.lab = self.api = self.vm = None
        self.boot_error = None

    def close(self):
        if self.lab is not None:
            self.lab.close()
            self.lab = None

    def _lab_vm(self):
        """One lab and one provisioned VM for every state case (started by the first one)."""
        if self.boot_error is not None:
            raise Failed("lab VM failed earlier: %s" % self.boot_error)
        if self.vm is None:
            try:
                self.lab = netlab.NetLab(self.build)
                self.lab.start()
                self.api = firmware_lab.standard_lab(self.lab, self.pki, chain="ecdsa")
                self.api.set_processes(processes("installed"))
                img = firmware_lab.provision(self.lab, self.pki, self.elf, poll=10,
                                             watches=["server=%s,label=%s" % (mf.SERVER, LABEL)])
                self.vm = firmware_lab.boot(self.lab, img, time_limit=300)
            except Exception as exc:  # pylint: disable=broad-except
                self.boot_error = exc
                raise
        return self.vm

    def _state(self, state, pattern, golden, action=None):
        vm = self._lab_vm()
        if action is not None:
            action(self.api)
        vm.wait_for(state_line(state), STATE_TIMEOUT_S)
        self.display.expect(vm, state.lower(), os.path.join(GOLDEN_DIR, golden))
        expect_leds(vm, pattern, state)
        check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")

    def test_not_configured(self):
        # a private copy: another build may rewrite the shared test image meanwhile
        elf = os.path.join(self.display.out_dir, "unprovisioned.elf")
        shutil.copyfile(self.elf, elf)
        with qemu.Qemu(elf, display=True, time_limit=60,
                       workdir=os.path.join(self.display.out_dir, "qemu-unprovisioned")) as vm:
            vm.wait_for(r"\[panel\] panel (?:\x1b\[[0-9;]*m)?NOT_CONFIGURED", 15)
            self.display.expect(vm, "not_configured",
                                os.path.join(UNIT_GOLDEN_DIR, "unconfigured.pbm"))
            expect_leds(vm, "wigwag", "NOT_CONFIGURED")

    # Each error state follows a successful poll, so the data behind it stays under a minute
    # old ("<1m" on the summary) while it is checked.
    def test_healthy(self):
        self._state("HEALTHY", "solid", "healthy.pbm")

    def test_api_down(self):
        self._state("API_DOWN", "code 3", "api_down.pbm", lambda api: api.block_for(BLOCK_S, 503))

    def test_changing(self):
        self._state("CHANGING", "pulse", "changing.pbm", lambda api: recover(api, "restarting"))

    def test_auth_error(self):
        self._state("AUTH_ERROR", "fast blink", "auth_error.pbm",
                    lambda api: api.block_for(BLOCK_S, 401))

    def test_attention(self):
        self._state("ATTENTION", "slow blink", "attention.pbm", lambda api: recover(api, "fatal"))

    def test_rate_limited(self):
        self._state("RATE_LIMITED", "code 2", "rate_limited.pbm",
                    lambda api: api.block_for(BLOCK_S, 429))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("-k", default=None)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--update-golden", action="store_true")
    args = ap.parse_args()
    elf = os.path.join(args.build, args.board + "-test", "forgelight.elf")
    cases = Cases(args.build, elf, args.update_golden)
    try:
        results = run_cases(cases, args.k, args.v)
    finally:
        cases.close()
    return summary(results)


if __name__ == "__main__":
    sys.exit(main())
