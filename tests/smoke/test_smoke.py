#!/usr/bin/env python3
"""QEMU smoke tests: the firmware boots on mps2-an385, prints its banner, passes its boot
self-tests, reports a fault with a register dump and the fault exit code, and the release
image carries no test-only code (`make release-check`, derived from the build's list of
test-only sources; the same check must reject the test image)."""
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


RELEASE_CHECK_COUNTS = re.compile(r"\((\d+) test-only sources, (\d+) global symbols, (\d+) file names\)")


def make(args, *goals):
    """`make -s GOALS` in the repository for this build and board -> (exit code, output)."""
    proc = subprocess.run(["make", "--no-print-directory", "-s", "BUILD=" + args.build,
                           "BOARD=" + args.board] + list(goals),
                          cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout + proc.stderr


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

    # No test-only code in the release image: `make release-check` takes the test-only
    # sources as the build lists them (FW_TEST_SRCS, BOARD_TEST_SRCS) and rejects every global
    # symbol and STT_FILE name of their objects. The same check on the test image must fail,
    # so it is known to see them.
    listed = make(args, "print-test-srcs")[1].split()
    code, out = make(args, "release-check")
    counts = RELEASE_CHECK_COUNTS.search(out)
    report("release-has-no-test-only-code", code == 0 and "release-check: OK" in out and counts is not None
           and int(counts.group(1)) == len(listed) > 0 and int(counts.group(2)) > 0, out[-800:])
    code, out = make(args, "release-check", "RELEASE_CHECK_ELF=" + test)
    leaks = re.findall(r"^release-check: LEAK symbol (\S+)", out, re.M)
    files = re.findall(r"^release-check: LEAK file (\S+)", out, re.M)
    report("release-check-rejects-the-test-image", code != 0 and "release-check: FAILED" in out
           and "Semihosting_Exit" in leaks and "semihosting.c" in files, out[-800:])

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
