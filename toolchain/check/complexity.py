#!/usr/bin/env python3
"""Modified cyclomatic complexity of every function in our sources: 1 + one per if, for,
while, switch, &&, || and ?: (lizard's "modified CCN": a switch counts once, whatever its
number of cases, because a flat switch over an enum is easy to follow). A function over
--limit is a finding. Macros are not expanded: a branch hidden in a macro is not counted."""
import argparse
import re
import sys

import csource

DECISION_RE = re.compile(r"\b(?:if|for|while|switch)\b|&&|\|\||\?")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("files", nargs="*")
    return parser.parse_args()


def main():
    args = parse_args()
    findings = []
    rows = []
    for path in args.files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            code = csource.strip(handle.read())
        for name, line, body in csource.functions(code):
            value = 1 + len(DECISION_RE.findall(body))
            rows.append((value, "%s:%d: %s" % (path, line, name)))
            if value > args.limit:
                findings.append("%s:%d:0: complexity: function %s has cyclomatic complexity %d "
                                "(limit %d)" % (path, line, name, value, args.limit))
    rows.sort(reverse=True)
    with open(args.report, "w", encoding="utf-8") as handle:
        handle.write("cyclomatic complexity, limit %d, %d functions\n" % (args.limit, len(rows)))
        handle.writelines("%4d  %s\n" % row for row in rows)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(f + "\n" for f in findings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
