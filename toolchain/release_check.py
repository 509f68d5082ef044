#!/usr/bin/env python3
"""Release check: no test-only code in a release image (`make release-check`).

The test-only sources are the ones the build lists as such (FW_TEST_SRCS in module.mk files,
BOARD_TEST_SRCS in board.mk); the Makefile passes that list here. For each of them this
takes the test variant's object (<obj-dir>/<source>.o), collects every global symbol it
defines (`nm --defined-only -g`) and its STT_FILE name, and fails if any of those symbols
(whatever its binding in the image) or file names appears in the image's symbol table.

    release_check.py --elf build/mps2-an385/forgelight.elf --obj-dir build/mps2-an385-test/obj \
                     SRC.c [SRC.c ...]

Prints one line per leak, then "release-check: OK ..." (exit 0) or "release-check: FAILED ..."
(exit 1). Exit 2 when the inputs are unusable (no sources, a missing object, an object that
defines nothing): a check that found nothing to look for must not pass.
"""

import argparse
import os
import subprocess
import sys


def tool(name):
    return os.environ.get("CROSS", "arm-none-eabi-") + name


def symbols(path):
    """[(type, bind, name)] of every entry in path's symbol table (readelf -sW)."""
    out = subprocess.run([tool("readelf"), "-sW", path], capture_output=True, text=True,
                         check=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split()
        # Num: Value Size Type Bind Vis Ndx Name
        if len(parts) >= 8 and parts[0].endswith(":") and parts[0][:-1].isdigit():
            rows.append((parts[3], parts[4], parts[7]))
    return rows


def defined_globals(path):
    out = subprocess.run([tool("nm"), "--defined-only", "-g", path], capture_output=True,
                         text=True, check=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.split()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True, help="the image to check (the release ELF)")
    ap.add_argument("--obj-dir", required=True, help="object dir of the test variant")
    ap.add_argument("srcs", nargs="*", help="the test-only sources, as the build lists them")
    args = ap.parse_args()

    if not args.srcs:
        print("release-check: ERROR no test-only sources given (FW_TEST_SRCS/BOARD_TEST_SRCS empty?)")
        return 2
    wanted_syms, wanted_files = {}, {}
    for src in args.srcs:
        obj = os.path.join(args.obj_dir, os.path.splitext(src)[0] + ".o")
        if not os.path.isfile(obj):
            print("release-check: ERROR no object %s for test-only source %s (make firmware-test)"
                  % (obj, src))
            return 2
        names = defined_globals(obj)
        files = [name for typ, _, name in symbols(obj) if typ == "FILE"]
        if not names or not files:
            print("release-check: ERROR %s defines no global symbol or has no STT_FILE entry"
                  % obj)
            return 2
        for name in names:
            wanted_syms.setdefault(name, src)
        for name in files:
            wanted_files.setdefault(name, src)

    leaks = []
    for typ, bind, name in symbols(args.elf):
        if typ == "FILE" and name in wanted_files:
            leaks.append("file %s (STT_FILE of test-only %s)" % (name, wanted_files[name]))
        elif typ != "FILE" and name in wanted_syms:
            leaks.append("symbol %s (%s %s, defined by test-only %s)" % (
                name, bind, typ, wanted_syms[name]))
    what = "%d test-only sources, %d global symbols, %d file names" % (
        len(args.srcs), len(wanted_syms), len(wanted_files))
    for leak in sorted(leaks):
        print("release-check: LEAK " + leak)
    if leaks:
        print("release-check: FAILED %d leaks in %s (%s)" % (len(leaks), args.elf, what))
        return 1
    print("release-check: OK none in %s (%s)" % (args.elf, what))
    return 0


if __name__ == "__main__":
    sys.exit(main())
