#!/usr/bin/env python3
"""`make fuzz`: run each libFuzzer harness for a long time (ASan + UBSan), growing its corpus
under build/fuzz/work/<name>/ (the seed corpus in tests/fuzz/corpus/<name>/ is read, never
written). Prints and writes build/fuzz/report.json: execs, corpus size, findings."""
import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("fuzzers", nargs="+")
    args = parser.parse_args()
    report = {}
    failed = 0
    for name in args.fuzzers:
        binary = os.path.join(args.build, "fuzz", name)
        work = os.path.join(args.build, "fuzz", "work", name)
        os.makedirs(work, exist_ok=True)
        cmd = [binary, f"-max_total_time={args.seconds}", "-print_final_stats=1", "-timeout=10",
               f"-artifact_prefix={work}/", work]
        seeds = os.path.join(ROOT, "tests", "fuzz", "corpus", name)
        if os.path.isdir(seeds):
            cmd.append(seeds)
        print(f"fuzz: {name} for {args.seconds} s", flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        text = proc.stdout + proc.stderr
        with open(os.path.join(args.build, "fuzz", name + ".log"), "w") as log:
            log.write(text)
        execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
        crashes = sorted(f for f in os.listdir(work) if re.match(r"(crash|leak|timeout|oom)-", f))
        report[name] = {"seconds": args.seconds, "execs": int(execs.group(1)) if execs else None,
                        "corpus_files": len(os.listdir(work)) - len(crashes),
                        "exit_code": proc.returncode, "findings": crashes}
        ok = proc.returncode == 0 and not crashes
        failed += 0 if ok else 1
        print(f"fuzz: {name}: {report[name]['execs']} execs, {len(crashes)} findings"
              + ("" if ok else f" (exit {proc.returncode}, see build/fuzz/{name}.log)"), flush=True)
    with open(os.path.join(args.build, "fuzz", "report.json"), "w") as out:
        json.dump(report, out, indent=2)
    print(f"{len(args.fuzzers) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
