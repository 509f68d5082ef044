#!/usr/bin/env python3
"""Run every test suite of forgelight and print one summary line:
"N passed, N failed, N skipped".

Suites, in order: unit (cmocka binaries, one result per test case), fuzz (each libFuzzer
harness for a short time), tools (host tools), smoke (QEMU boot), check (the static-analysis
gate), e2e (private test network). A suite script reports "PASS name" / "FAIL name: why" /
"SKIP name: why" lines and its own "N passed, N failed[, N skipped]" line; a crash, a missing
or disagreeing summary, or a non-zero exit with no FAIL line counts as a failure.

Every result is named (suite/binary-or-script/case) and a failure names the file of its log.
A skip counts as skipped only when tests/skips.txt lists it with a reason; any other skip is a
failure, so `make test` cannot go green by skipping. The suites run with an environment from
which every variable that could change a comparison's outcome (golden-file updates, cmocka
output format, sanitizer options) is removed or pinned.
Logs of every run go to build/test-results/.
"""
import argparse
import fnmatch
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIPS_FILE = os.path.join(ROOT, "tests", "skips.txt")
MIN_FUZZ_SECONDS = 5

# Removed from the suites' environment: FL_* (golden updates and folders), cmocka's output
# selection (XML/TAP output would hide results from this parser), sanitizer options (could
# turn a report into a silent continue). The sanitizer options are then pinned.
DROPPED_ENV_PREFIXES = ("FL_", "CMOCKA_")
DROPPED_ENV = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS", "PYTHONPATH",
               "PYTHONSTARTUP", "PYTHONINSPECT")
PINNED_ENV = {
    "ASAN_OPTIONS": "halt_on_error=1:detect_leaks=1:abort_on_error=0",
    "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1",
}


def test_environment():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(DROPPED_ENV_PREFIXES) and k not in DROPPED_ENV}
    env.update(PINNED_ENV)
    return env


def load_skips(path):
    """{pattern: reason} from tests/skips.txt: "name-or-glob  reason", '#' comments."""
    skips = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                parts = line.split(None, 1)
                if len(parts) < 2:
                    raise SystemExit(f"{path}: an entry needs a reason: {line!r}")
                skips[parts[0]] = parts[1]
    return skips


class Results:
    def __init__(self, skips):
        self.passed = []
        self.failed = []
        self.skipped = []
        self.skips = skips

    def add(self, name, ok, why="", log=None):
        where = "" if ok or not log else f" [log: {os.path.relpath(log, ROOT)}]"
        (self.passed if ok else self.failed).append((name, why + where))
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not why else ": " + why) + where, flush=True)

    def skip(self, name, why, log=None):
        listed = next((reason for pattern, reason in self.skips.items()
                       if fnmatch.fnmatchcase(name, pattern)), None)
        if listed is None:
            self.add(name, False, f"skipped, and tests/skips.txt does not list it ({why})", log)
            return
        self.skipped.append((name, f"{why}; listed: {listed}"))
        print(f"SKIP {name}: {why} (listed in tests/skips.txt: {listed})", flush=True)


def run_logged(cmd, log_path, timeout):
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    start = time.monotonic()
    with open(log_path, "w") as log:
        try:
            proc = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  timeout=timeout, env=test_environment(), stdin=subprocess.DEVNULL)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = None
    with open(log_path, errors="replace") as log:
        text = log.read()
    return code, text, time.monotonic() - start


# cmocka 1.1.5: "[ RUN      ] name", then "[       OK ] name", "[  FAILED  ] name",
# "[  SKIPPED ] name" or "[  ERROR   ] name" (setup/teardown); the closing summary repeats the
# failed and skipped names. Messages look like "[  ERROR   ] --- text".
CMOCKA_RUN = re.compile(r"^\[ RUN      \] (\S+)\s*$", re.M)
CMOCKA_RESULT = re.compile(r"^\[(       OK |  FAILED  |  SKIPPED |  ERROR   )\] (\S+)\s*$", re.M)


def cmocka_cases(text):
    """[(case, outcome)] in run order; outcome is ok, failed, error, skipped or None (no result)."""
    rank = {"ok": 0, "skipped": 1, "error": 2, "failed": 3}
    outcome = {}
    for m in CMOCKA_RESULT.finditer(text):
        word = m.group(1).strip().lower()
        name = m.group(2)
        if name.startswith("---"):
            continue
        if rank[word] >= rank.get(outcome.get(name), -1):
            outcome[name] = word
    order = []
    for m in CMOCKA_RUN.finditer(text):
        if m.group(1) not in order:
            order.append(m.group(1))
    order += [n for n in outcome if n not in order]
    return [(name, outcome.get(name)) for name in order]


def run_unit(results, build, names, out):
    for name in names:
        binary = os.path.join(build, "host", "tests", name)
        log = os.path.join(out, "unit", name + ".log")
        code, text, _ = run_logged([binary], log, 300)
        cases = cmocka_cases(text)
        bad = 0
        for case, outcome in cases:
            test = f"unit/{name}/{case}"
            if outcome == "ok":
                results.add(test, True)
            elif outcome == "skipped":
                results.skip(test, "cmocka skip()", log)
            else:
                bad += 1
                why = {"failed": "assertion failed", "error": "setup or teardown failed",
                       None: "started but reported no result (crash or sanitizer report)"}[outcome]
                results.add(test, False, why, log)
        if code != 0 and bad == 0:
            why = "timeout" if code is None else f"exit {code} (crash or sanitizer report)"
            results.add(f"unit/{name}", False, why, log)
        elif not cases:
            results.add(f"unit/{name}", False, "ran no test case", log)


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
        log = os.path.join(out, "fuzz", name + ".log")
        code, text, _ = run_logged(cmd, log, seconds + 120)
        execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
        ok = code == 0 and execs is not None
        results.add(f"fuzz/{name}", ok, "" if ok else "crash or sanitizer report", log)
        if execs:
            print(f"     fuzz/{name}: {execs.group(1)} execs in {seconds} s", flush=True)


SUITE_LINE = re.compile(r"^(PASS|FAIL|SKIP) (.+)$", re.M)
SUITE_SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$", re.M)
CASE_TIME = re.compile(r"\s+\(\d+(?:\.\d+)? s\)$")


def run_script_suite(results, suite, script, args, out, timeout):
    rel = os.path.relpath(script, ROOT)
    stem = os.path.splitext(os.path.basename(script))[0]
    log = os.path.join(out, suite, os.path.basename(script) + ".log")
    code, text, _ = run_logged([sys.executable, script] + args, log, timeout)
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    for match in SUITE_LINE.finditer(text):
        kind, rest = match.group(1), match.group(2)
        name, _, why = rest.partition(": ") if kind != "PASS" else (rest, "", "")
        name = CASE_TIME.sub("", name.strip())
        counts[kind] += 1
        test = f"{suite}/{stem}/{name}"
        if kind == "PASS":
            results.add(test, True)
        elif kind == "FAIL":
            results.add(test, False, why, log)
        else:
            results.skip(test, why or "skipped", log)
    summaries = SUITE_SUMMARY.findall(text)
    if code is None:
        results.add(f"{suite}/{stem}", False, "timeout after %d s" % timeout, log)
    elif not summaries:
        results.add(f"{suite}/{stem}", False, f"exit {code} and no summary line (crashed?)", log)
    else:
        passed, failed, skipped = (int(v or 0) for v in summaries[-1])
        if (passed, failed) != (counts["PASS"], counts["FAIL"]) or skipped > counts["SKIP"]:
            results.add(f"{suite}/{stem}", False, "its summary (%d passed, %d failed, %d skipped) "
                        "disagrees with its PASS/FAIL/SKIP lines (%d/%d/%d)" % (
                            passed, failed, skipped, counts["PASS"], counts["FAIL"], counts["SKIP"]), log)
        elif code != 0 and failed == 0:
            results.add(f"{suite}/{stem}", False, f"exit {code} with no failed case", log)
        elif sum(counts.values()) == 0:
            results.add(f"{suite}/{rel}", False, "reported no test", log)


def run_check(results, build, board, out):
    log = os.path.join(out, "check.log")
    code, text, _ = run_logged(["make", "--no-print-directory", "check", f"BUILD={build}", f"BOARD={board}"],
                               log, 900)
    summary = re.search(r"^check: (\d+) findings", text, re.M)
    ok = code == 0 and summary is not None and summary.group(1) == "0"
    why = "" if ok else (f"{summary.group(1)} findings" if summary else "no findings line")
    results.add("check/make-check", ok, why, log)


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
    results = Results(load_skips(SKIPS_FILE))
    start = time.monotonic()

    if want("unit"):
        run_unit(results, build, args.unit.split(), out)
    if want("fuzz"):
        run_fuzz(results, build, args.fuzzers.split(), out, max(MIN_FUZZ_SECONDS, args.fuzz_seconds))
    common = ["--build", build, "--board", args.board]
    if want("tools"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "tools", "test_*.py"))):
            run_script_suite(results, "tools", script, common, out, 300)
    if want("smoke"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "smoke", "test_*.py"))):
            run_script_suite(results, "smoke", script, common, out, 300)
    if want("check"):
        log = os.path.join(out, "check-selftest.log")
        code, _, _ = run_logged(["bash", "toolchain/check/selftest.sh"], log, 300)
        results.add("check/gate-selftest", code == 0, "" if code == 0 else f"exit {code}", log)
        run_check(results, args.build, args.board, out)
    if want("e2e"):
        for script in sorted(glob.glob(os.path.join(ROOT, "tests", "e2e", "test_*.py"))):
            run_script_suite(results, "e2e", script, common, out, 900)

    total = len(results.passed) + len(results.failed) + len(results.skipped)
    print(f"\ntests: {total} in {time.monotonic() - start:.0f} s; logs in {os.path.relpath(out, ROOT)}/")
    for name, why in results.skipped:
        print(f"  skipped: {name} ({why})")
    for name, why in results.failed:
        print(f"  failed: {name}" + (f" ({why})" if why else ""))
    print(f"{len(results.passed)} passed, {len(results.failed)} failed, {len(results.skipped)} skipped")
    return 0 if not results.failed else 1


if __name__ == "__main__":
    sys.exit(main())
