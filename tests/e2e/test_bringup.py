#!/usr/bin/env python3
"""Network bring-up under QEMU in the lab: the test image's `net <port>` hook
(firmware/nettest) must get a DHCP lease, resolve forge.laravel.com, set its clock by SNTP and
do a TCP round trip to the lab's echo server; and fail cleanly when DNS fails.

    python3 tests/e2e/test_bringup.py --build build [--board mps2-an385] [-k name] [-v]

Fails at once when the test image does not link the nettest hook.
"""

import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import netlab  # noqa: E402
import qemu  # noqa: E402
from e2e_runner import check, eq, run_cases, summary  # noqa: E402

GUEST_MAC = "52:54:00:12:34:56"  # QEMU's default for the lan9118
NETTEST_MSG = b"forgelight nettest\n"


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf

    def _boot(self, lab, port=8080):
        return qemu.Qemu(self.elf, lab=lab, semihosting_args="net %d" % port,
                         time_limit=90).start()

    def test_bringup_ok(self):
        with netlab.NetLab(self.build) as lab:
            dns = lab.start_dnsmasq()
            ntp = lab.start_sntp()
            echo = lab.start_echo(8080)
            vm = self._boot(lab)
            m = vm.wait_for(r"nettest: lease (192\.0\.2\.\d+) mask 255\.255\.255\.0 "
                            r"gw 192\.0\.2\.1 dns 192\.0\.2\.1", 30)
            check((GUEST_MAC, m.group(1)) in dns.leases(), "dnsmasq lease %s" % dns.leases())
            vm.wait_for(r"nettest: forge\.laravel\.com = 192\.0\.2\.1\b", 15)
            m = vm.wait_for(r"nettest: time (\d+)\.\d+ from 192\.0\.2\.1", 30)
            check(abs(int(m.group(1)) - time.time()) < 5, "clock from SNTP: %s" % m.group(1))
            check(len(ntp.requests) >= 1, "SNTP request seen")
            vm.wait_for(r"nettest: tcp 192\.0\.2\.1:8080 sent %d received %d"
                        % (len(NETTEST_MSG), len(NETTEST_MSG)), 15)
            eq(b"".join(d for _, d in echo.received), NETTEST_MSG, "bytes at the echo server")
            vm.wait_for(r"nettest: PASS", 10)
            eq(vm.wait_exit(15), 0, "exit code")

    def test_dns_failure_is_reported(self):
        with netlab.NetLab(self.build) as lab:
            lab.start_dnsmasq(mode="nxdomain")
            lab.start_sntp()
            vm = self._boot(lab)
            vm.wait_for(r"nettest: lease 192\.0\.2\.\d+", 30)
            vm.wait_for(r"nettest: FAIL dns", 20)
            eq(vm.wait_exit(15), 1, "exit code")
            check(not any(re.search(r"forge\.laravel\.com = ", t) for _, t in vm.lines),
                  "no address claimed")


def has_symbol(elf, name):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True,
                         check=False).stdout
    return re.search(r"\b%s$" % re.escape(name), out, re.M) is not None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("-k", default=None)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    elf = os.path.join(args.build, args.board + "-test", "forgelight.elf")
    if not os.path.exists(elf) or not has_symbol(elf, "Nettest_Run"):
        print("FAIL bring-up: %s does not link the nettest hook" % elf)
        print("0 passed, 1 failed")
        return 1
    return summary(run_cases(Cases(args.build, elf), args.k, args.v))


if __name__ == "__main__":
    sys.exit(main())
