#!/usr/bin/env python3
"""Run every test suite of forgelight and print one summary line: "N passed, N failed".

Suites, in order: unit (cmocka binaries, one result per test case), fuzz (each libFuzzer
harness for a short time), tools (host tools), smoke (QEMU boot), e2e (private test network), check (the
static-analysis gate). A suite script reports "PASS name" / "FAIL name: why" lines and its
own "N passed, N failed" line; a crash or a missing summary counts as a failure.
Logs of every run go to build/test-results/.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Results:
    def __init__(self):
        self.passed = []
        self.failed = []

    def add(self, name, ok, why=""):
        (self.passed if ok else self.failed).append((name, why))
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not why else ": " + why), flush=True)


# Environment variables that could turn a failing comparison into a pass (golden rewrites of old
# test binaries, sanitizer exit codes, cmocka output formats the parser does not read): no suite
# ever sees them. Goldens are rewritten only by `make update-golden`, outside `make test`.
OUTCOME_ENV = ("FL_UPDATE_GOLDEN", "FL_GOLDEN_DIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
               "CMOCKA_MESSAGE_OUTPUT", "CMOCKA_XML_FILE", "CMOCKA_TEST_ABORT")


def suite_env():
    return {k: v for k, v in os.environ.items() if k not in OUTCOME_ENV}


def run_logged(cmd, log_path, timeout, env=None):
    env = suite_env() if env is None else env
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    start = time.monotonic()
    with open(log_path, "w") as log:
        try:
            proc = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  timeout=timeout, env=env, stdin=subprocess.DEVNULL)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = None
    with open(log_path, errors="replace") as log:
        text = log.read()
    return code, text, time.monotonic() - start


def run_unit(results, build, names, out):
    for name in names:
        binary = os.path.join(build, "host", "tests", name)
        code, text, _ = run_logged([binary], os.path.join(out, "unit", name + ".log"), 300)
        cases_ok = re.findall(r"^\[       OK \] (\S+)", text, re.M)
        # cmocka pads the tag: "[  FAILED  ] name", "[  ERROR   ] name" (listed twice at the end)
        cases_bad = list(dict.fromkeys(re.findall(r"^\[  (?:FAILED|ERROR) +\] (\S+)$", text, re.M)))
        for case in cases_ok:
            results.add(f"unit/{name}/{case}", True)
        for case in cases_bad:
            results.add(f"unit/{name}/{case}", False, "see build/test-results/unit/" + name + ".log")
        if code != 0 and not cases_bad:
            why = "timeout" if code is None else f"exit {code} (crash or sanitizer report)"
            results.add(f"unit/{name}", False, why)
        elif not cases_ok and not cases_bad:
            results.add(f"unit/{name}", False, "ran no test case")


def run_fuzz(results, build, names, out, seconds):
    for name in names:
        binary = os.path.join(build, "fuzz", name)
        corpus_src = os.path.join(ROOT, "tests", "fuzz", "corpus", name)
        work = os.path.join(build, "fuzz", "work", name)
        os.makedirs(work, exist_ok=True)
        cmd = [binary, f"-max_total_time={seconds}", "-print_final_stats=1",
               f"-artifact_prefix={work}/", "-timeout=10", "-rss_limit_mb=2048", work]
        if os.path.isdir(corpus_src):
            cmd.append(corpus_src)
        code, text, _ = run_logged(cmd, os.path.join(out, "fuzz", name + ".log"), seconds + 120)
        execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
        detail = f"{execs.group(1)} execs" if execs else "no stats"
        ok = code == 0 and execs is not None
        results.add(f"fuzz/{name} ({detail})", ok, "" if ok else "crash or sanitizer report, see log")


def run_script_suite(results, suite, script, args, out, timeout):
    rel = os.path.relpath(script, ROOT)
    log = os.path.join(out, suite, os.path.basename(script) + ".log")
    code, text, secs = run_logged([sys.executable, script] + args, log, timeout)
    reported = 0
    for match in re.finditer(r"^(PASS|FAIL) (.+)$", text, re.M):
        reported += 1
        name = match.group(2)
        results.add(f"{suite}/{name}", match.group(1) == "PASS")
    summary = re.search(r"^(\d+) passed, (\d+) failed", text, re.M)
    if code != 0 and (summary is None or int(summary.group(2)) == 0):
        why = "timeout" if code is None else f"exit {code}"
        results.add(f"{suite}/{rel}", False, why + ", see " + os.path.relpath(log, ROOT))
    elif reported == 0 and code == 0 and summary is not None and re.search(r"^SKIP ", text, re.M):
        print(f"SKIP {suite}/{rel}: " + re.search(r"^SKIP (.*)$", text, re.M).group(1), flush=True)
    elif reported == 0:
        results.add(f"{suite}/{rel}", False, "reported no test")


def run_check(results, build, board, out):
    code, text, secs = run_logged(["make", "--no-print-directory", "check", f"BUILD={build}", f"BOARD={board}"],
                                  os.path.join(out, "check.log"), 900)
    summary = re.search(r"^check: (\d+) findings", text, re.M)
    ok = code == 0 and summary is not None and summary.group(1) == "0"
    results.add("check/make-check" + (f" ({summary.group(1)} findings)" if summary else ""), ok,
                "" if ok else "see build/test-results/check.log")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--board", default="mps2-an385")
    parser.add_argument("--unit", default="")
    parser.add_argument("--fuzzers", default="")
    parser.add_argument("--fuzz-seconds", type=int, default=int(os.environ.get("FUZZ_SMOKE_SECONDS", "15")))
    parser.add_argument("--only", default="", help="comma-separated suites to run")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    out = os.path.join(build, "test-results")
    only = set(filter(None, args.only.split(",")))
    want = lambda suite: not only or suite in only
    results = Results()
    start = time.monotonic()

    if want("unit"):
        run_unit(results, build, args.unit.split(), out)
    if want("fuzz"):
        run_fuzz(results, build, args.fuzzers.split(), out, args.fuzz_seconds)
    common = ["--build", build, "--board", args.board]
    if want("tools"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "tools", "test_*.py"))):
            run_script_suite(results, "tools", script, common, out, 300)
    if want("smoke"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "smoke", "test_*.py"))):
            run_script_suite(results, "smoke", script, common, out, 300)
    if want("e2e"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "e2e", "test_*.py"))):
            run_script_suite(results, "e2e", script, common, out, 900)
    if want("check"):
        code, _, _ = run_logged(["bash", "toolchain/check/selftest.sh"], os.path.join(out, "check-selftest.log"), 300)
        results.add("check/gate-selftest", code == 0, "" if code == 0 else "see build/test-results/check-selftest.log")
        run_check(results, args.build, args.board, out)

    print(f"\ntests: {len(results.passed) + len(results.failed)} in {time.monotonic() - start:.0f} s; "
          f"logs in {os.path.relpath(out, ROOT)}/")
    for name, why in results.failed:
        print(f"  failed: {name}" + (f" ({why})" if why else ""))
    print(f"{len(results.passed)} passed, {len(results.failed)} failed")
    return 0 if not results.failed else 1


if __name__ == "__main__":
    sys.exit(main())
