#!/usr/bin/env python3
"""Run one analysis tool and turn its diagnostics into findings, one line each:
    path:line:col: TOOL: severity: message [check]
The tool's full output goes to --log. A tool that fails without reporting a finding (crash,
missing addon, bad arguments) is itself a finding, so the gate can never pass silently.
--canary FILE=REGEX: a finding matching REGEX must come from FILE (proof that e.g. the MISRA
addon really ran); canary findings are then dropped."""
import argparse
import os
import re
import resource
import subprocess
import sys

DIAG_RE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+)(?::(?P<col>\d+))?:\s*"
                     r"(?P<sev>fatal error|error|warning|style|performance|portability|"
                     r"information):\s*(?P<msg>.*)$")
BARE_ERROR_RE = re.compile(r"^(?:\S+: )?(fatal error|error): (.*)$")
TOOL_FAILURE_RE = re.compile(r"Traceback \(most recent call last\)|Bailing out|"
                             r"Failed to execute addon|Did not find addon|"
                             r"Error while processing|internal compiler error|"
                             r"Segmentation fault|No such file or directory")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--ok-rc", default="0", help="comma-separated exit codes that are not a failure")
    parser.add_argument("--canary", action="append", default=[])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.command and args.command[0] == "--":
        args.command = args.command[1:]
    if not args.command:
        parser.error("no command")
    return args


def relative(path):
    rel = os.path.relpath(os.path.abspath(path))
    return path if rel.startswith("..") else rel


def extract(tool, lines):
    findings = []
    failed = []
    for line in lines:
        match = DIAG_RE.match(line)
        if match is not None:
            col = match.group("col") or "0"
            findings.append((relative(match.group("path")), int(match.group("line")), int(col),
                             "%s:%s:%s: %s: %s: %s" % (relative(match.group("path")),
                                                       match.group("line"), col, tool,
                                                       match.group("sev"), match.group("msg"))))
            continue
        if BARE_ERROR_RE.match(line) or TOOL_FAILURE_RE.search(line):
            failed.append("%s: tool error: %s" % (tool, line.strip()))
    return findings, failed


def apply_canaries(tool, canaries, findings):
    kept = findings
    problems = []
    for spec in canaries:
        path, _, pattern = spec.partition("=")
        path = relative(path)
        regex = re.compile(pattern)
        hits = [f for f in kept if f[0] == path and regex.search(f[3])]
        if not hits:
            problems.append("%s: tool error: canary %s gave no finding matching '%s': "
                            "the tool did not really run" % (tool, path, pattern))
        kept = [f for f in kept if f[0] != path]
    return kept, problems


def main():
    args = parse_args()
    try:
        proc = subprocess.run(args.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, errors="replace", check=False)
        output, rc = proc.stdout, proc.returncode
    except OSError as err:
        output, rc = "cannot run %s: %s\n" % (args.command[0], err), 127
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(args.log, "w", encoding="utf-8") as handle:
        handle.write("$ %s\n%s# exit %d, cpu %.1f s\n" % (" ".join(args.command), output, rc,
                                                        usage.ru_utime + usage.ru_stime))
    findings, failed = extract(args.tool, output.splitlines())
    findings, problems = apply_canaries(args.tool, args.canary, findings)
    failed += problems
    ok_rc = {int(code) for code in args.ok_rc.split(",")}
    if rc not in ok_rc and not findings and not failed:
        failed.append("%s: tool error: exit code %d, see %s" % (args.tool, rc, args.log))
    lines = sorted({f[3] for f in findings}) + failed
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
