#!/usr/bin/env python3
"""Mechanical gate: our code contains no dynamic allocation, no unbounded string functions,
no goto and no <stdio.h> (host test doubles excepted for stdio). Comments and string literals
are ignored; identifiers are matched whole."""
import argparse
import re
import sys

import csource

CALL_RE = re.compile(r"\b(malloc|calloc|realloc|free|aligned_alloc|alloca|sprintf|vsprintf|"
                     r"strcpy|strcat|gets)\s*\(")
GOTO_RE = re.compile(r"\bgoto\b")
STDIO_RE = re.compile(r"^\s*#\s*include\s*[<\"]stdio\.h[>\"]", re.M)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stdio-allowed", action="append", default=[],
                        help="path prefix where <stdio.h> is allowed (host-only code)")
    parser.add_argument("files", nargs="*")
    return parser.parse_args()


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def scan(path, stdio_allowed):
    with open(path, encoding="utf-8", errors="replace") as handle:
        raw = handle.read()
    code = csource.strip(raw)
    found = []
    for match in CALL_RE.finditer(code):
        found.append("%s:%d:0: banned: %s() is forbidden in our code"
                     % (path, line_of(code, match.start()), match.group(1)))
    for match in GOTO_RE.finditer(code):
        found.append("%s:%d:0: banned: goto is forbidden in our code" % (path, line_of(code, match.start())))
    if not any(path.startswith(prefix) for prefix in stdio_allowed):
        for match in STDIO_RE.finditer(csource.strip(raw, keep_preprocessor=True)):
            found.append("%s:%d:0: banned: <stdio.h> is forbidden in firmware code"
                         % (path, line_of(raw, match.start())))
    return found


def main():
    args = parse_args()
    findings = []
    for path in sorted(set(args.files)):
        findings += scan(path, args.stdio_allowed)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(f + "\n" for f in findings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
