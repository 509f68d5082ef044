#!/usr/bin/env python3
"""Keep the deviation register honest. Findings:
- a suppression in our code (cppcheck-suppress, NOLINT, #pragma GCC diagnostic ignored)
  that names no DEV-NNN, or a DEV-NNN that is not in DEVIATIONS.md;
- a MISRA suppression whose DEV entry is for another rule;
- a line of the project-wide suppressions file without a registered DEV ID, or whose entry
  is not marked project-wide;
"""
import argparse
import re
import sys

ENTRY_RE = re.compile(r"^##\s+(DEV-\d{3})\b(.*)$")
DEV_RE = re.compile(r"DEV-\d{3}")
MISRA_ID_RE = re.compile(r"misra-c2012-(\d+\.\d+)")
SUPPRESS_RE = re.compile(r"cppcheck-suppress(?:-begin|-file)?\s+(\S+)|NOLINT(?:NEXTLINE)?\b|"
                         r"#\s*pragma\s+GCC\s+diagnostic\s+ignored")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--suppressions", required=True)
    parser.add_argument("files", nargs="*")
    return parser.parse_args()


def read_register(path, findings):
    """{ID: (heading text, scope text)}"""
    entries = {}
    current = None
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            match = ENTRY_RE.match(line)
            if match is not None:
                current = match.group(1)
                if current in entries:
                    findings.append("%s:%d:0: deviations: %s is registered twice" % (path, number, current))
                entries[current] = [match.group(2), ""]
                continue
            if current is not None and line.lower().startswith("- scope:"):
                entries[current][1] = line.split(":", 1)[1].strip()
    for ident, (heading, scope) in entries.items():
        if not scope:
            findings.append("%s:0:0: deviations: %s has no '- Scope:' line" % (path, ident))
    return entries


def rule_matches(heading, check_id):
    misra = MISRA_ID_RE.search(check_id)
    if misra is not None:
        return re.search(r"\bRule %s\b" % re.escape(misra.group(1)), heading) is not None
    return check_id in heading


def check_code(path, entries, findings):
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            match = SUPPRESS_RE.search(line)
            if match is None:
                continue
            ids = DEV_RE.findall(line)
            where = "%s:%d:0: deviations:" % (path, number)
            if not ids:
                findings.append("%s suppression without a DEV-NNN reference" % where)
                continue
            for ident in ids:
                if ident not in entries:
                    findings.append("%s %s is not registered in DEVIATIONS.md" % (where, ident))
                elif match.group(1) and not rule_matches(entries[ident][0], match.group(1)):
                    findings.append("%s %s is registered for '%s', not %s"
                                    % (where, ident, entries[ident][0].strip(" :-"), match.group(1)))


def check_suppressions_file(path, entries, findings):
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            ids = DEV_RE.findall(line)
            where = "%s:%d:0: deviations:" % (path, number)
            if len(ids) != 1 or ids[0] not in entries:
                findings.append("%s each line needs one registered DEV-NNN in its comment" % where)
                continue
            heading, scope = entries[ids[0]]
            if not rule_matches(heading, body.split(":")[0]):
                findings.append("%s %s is registered for another rule" % (where, ids[0]))
            if "project-wide" not in scope.lower() and ":" not in body:
                findings.append("%s %s is not a project-wide deviation" % (where, ids[0]))


def main():
    args = parse_args()
    findings = []
    entries = read_register(args.register, findings)
    for path in args.files:
        check_code(path, entries, findings)
    check_suppressions_file(args.suppressions, entries, findings)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(f + "\n" for f in findings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
