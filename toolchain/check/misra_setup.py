#!/usr/bin/env python3
"""Write the cppcheck addon file for misra.py and a rule-texts file into the check folder.

The rule texts are only "MISRA C:2012 Rule N.M" (the standard's wording is not ours to copy):
without a texts file every MISRA finding has the same message, and cppcheck drops a second
finding with the same message on the same line, hiding one rule behind another."""
import argparse
import json
import os
import re
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--addon", required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    with open(args.addon, encoding="utf-8") as handle:
        rules = sorted({(int(a), int(b)) for a, b in
                        re.findall(r"def\s+misra_(\d+)_(\d+)\s*\(", handle.read())})
    extra = [(1, 3), (2, 1), (2, 2), (2, 6), (5, 3), (8, 3), (8, 13), (9, 1), (13, 2), (13, 6),
             (14, 3), (17, 5), (18, 1), (18, 2), (18, 3), (18, 6), (20, 6), (22, 1), (22, 2),
             (22, 4), (22, 6)]
    texts = os.path.join(os.path.abspath(args.dir), "misra_rule_texts.txt")
    lines = ["Appendix A Summary of guidelines", ""]
    for first, second in sorted(set(rules) | set(extra)):
        lines += ["Rule %d.%d" % (first, second), "MISRA C:2012 Rule %d.%d" % (first, second), ""]
    lines.append("Appendix B")
    with open(texts, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.join(args.dir, "misra.json"), "w", encoding="utf-8") as handle:
        json.dump({"script": os.path.abspath(args.addon), "args": ["--rule-texts=" + texts],
                   "python": sys.executable}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
