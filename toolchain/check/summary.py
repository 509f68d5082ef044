#!/usr/bin/env python3
"""Count the findings of every tool of the gate (one per line in <dir>/<tool>.txt), print
them and the line "check: N findings"; exit 1 when N > 0. A missing findings file means the
tool did not run, which is a finding too."""
import argparse
import os
import sys

SHOWN_PER_TOOL = 40


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", required=True)
    parser.add_argument("tools", nargs="+")
    args = parser.parse_args()
    total = 0
    counts = []
    for tool in args.tools:
        path = os.path.join(args.dir, tool + ".txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = [line.rstrip("\n") for line in handle if line.strip()]
        else:
            lines = ["%s: tool error: %s was not written" % (tool, path)]
        for line in lines[:SHOWN_PER_TOOL]:
            print(line)
        if len(lines) > SHOWN_PER_TOOL:
            print("... %d more in %s" % (len(lines) - SHOWN_PER_TOOL, path))
        counts.append("%s %d" % (tool, len(lines)))
        total += len(lines)
    print("check: " + ", ".join(counts))
    print("check: %d findings" % total)
    return 1 if total > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
