#!/usr/bin/env python3
"""QEMU smoke tests: the firmware boots on mps2-an385, prints its banner, passes its boot
self-tests, reports a fault with a register dump and the fault exit code, and the release
image carries no semihosting (it cannot end an emulator run)."""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

import qemu as qemu_runner  # noqa: E402  (the e2e harness's QEMU runner, without a network)

BANNER = re.compile(r"I boot: forgelight (\d+\.\d+\.\d+) build (\S+) board mps2-an385")


def qemu(elf, arg=None, wait_for=None, timeout=20.0):
    """Run the image with no network; return (exit code or None if we stopped it, output)."""
    vm = qemu_runner.Qemu(elf, semihosting=arg is not None, semihosting_args=arg,
                          time_limit=timeout + 10).start()
    code = None
    try:
        if wait_for is not None:
            vm.wait_for(wait_for, timeout, from_start=True)
        else:
            code = vm.wait_exit(timeout)
    except (TimeoutError, qemu_runner.QemuError):
        pass
    finally:
        vm.close()
    return code, "\n".join(text for _, text in vm.lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--board", default="mps2-an385")
    args = parser.parse_args()
    release = os.path.join(args.build, args.board, "forgelight.elf")
    test = os.path.join(args.build, args.board + "-test", "forgelight.elf")
    results = []

    def report(name, ok, detail=""):
        results.append(ok)
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)

    code, out = qemu(release, wait_for=r"reset cause: \S+", timeout=10)
    m = BANNER.search(out)
    report("release-boots-with-banner", m is not None and "reset cause: power-on" in out and code is None,
           out[-400:])
    if m:
        report("banner-version", m.group(1) == "0.1.0", m.group(1))

    code, out = qemu(test, arg="selftest", timeout=20)
    report("selftest-exit-0", code == 0 and "0 failures" in out and "(test build)" in out,
           f"exit={code} {out[-600:]}")

    code, out = qemu(test, arg="fault", timeout=20)
    dump = re.search(r"\[FAULT\] hard fault: r0=[0-9a-f]{8} .*pc=([0-9a-f]{8}) .*cfsr=([0-9a-f]{8})", out)
    report("fault-dumps-registers-and-exits-3", code == 3 and dump is not None and dump.group(2) != "00000000",
           f"exit={code} {out[-600:]}")

    nm = subprocess.run(["arm-none-eabi-nm", release], capture_output=True, text=True).stdout
    leaked = [s for s in ("Semihosting_Exit", "System_TestExit", "Selftest_RunFromCommandLine") if s in nm]
    report("release-has-no-test-hooks", not leaked, ",".join(leaked))
    nm_test = subprocess.run(["arm-none-eabi-nm", test], capture_output=True, text=True).stdout
    report("test-build-has-test-hooks", "Semihosting_Exit" in nm_test, "symbols missing")

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
