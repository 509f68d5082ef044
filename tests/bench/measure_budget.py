#!/usr/bin/env python3
"""The `budget` link: the release objects linked against hal/<board>/memory-budget.ld (the
product's 256 KiB flash / 64 KiB RAM part), as `make budget` will do once the Makefile has the
target. Prints whether today's image fits, by how much each region overflows, and the largest
static RAM and flash symbols of the release image (where trimming pays)."""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

TOP = 12


def largest(elf, kinds, nm="arm-none-eabi-nm"):
    proc = subprocess.run([nm, "-S", "--size-sort", "-t", "d", elf], capture_output=True, text=True,
                          check=False)
    rows = []
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in kinds:
            rows.append((int(parts[1]), parts[3]))
    return sorted(rows, reverse=True)[:TOP]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    args = ap.parse_args()
    script = os.path.join(benchlib.ROOT, "hal", args.board, "memory-budget.ld")
    if not os.path.exists(script):
        benchlib.write_part(args.build, "budget", {}, ["no hal/%s/memory-budget.ld" % args.board])
        return 1
    out = os.path.join(args.build, "bench", "budget")
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(script, os.path.join(out, "memory.ld"))
    v = benchlib.make_vars(args.build, args.board, {"release_OBJS", "TARGET_CC", "TARGET_LDFLAGS",
                                                     "BOARD_LDFLAGS", "BOARD_LDSCRIPT"})
    cmd = ([v["TARGET_CC"]] + v["TARGET_LDFLAGS"].split() + ["-L" + out] + v["BOARD_LDFLAGS"].split()
           + ["-T" + v["BOARD_LDSCRIPT"], "-Wl,-Map=" + os.path.join(out, "forgelight.map")]
           + v["release_OBJS"].split() + ["-o", os.path.join(out, "forgelight.elf")])
    proc = subprocess.run(cmd, cwd=benchlib.ROOT, capture_output=True, text=True, check=False)
    notes = ["budget link (%s): %s" % (os.path.relpath(script, benchlib.ROOT),
                                       "FITS" if proc.returncode == 0 else "DOES NOT FIT")]
    for line in (proc.stdout + proc.stderr).splitlines():
        if re.search(r"^\s+(FLASH|CONFIG|RAM):|overflowed by|will not fit", line):
            notes.append(re.sub(r"^.*?ld: ", "", line.strip()))
    elf = os.path.join(args.build, args.board, "forgelight.elf")
    notes.append("largest RAM symbols: " + ", ".join("%s %d" % (n, s) for s, n in largest(elf, "bBdD")))
    notes.append("largest flash symbols: " + ", ".join("%s %d" % (n, s) for s, n in largest(elf, "tTrR")))
    benchlib.write_part(args.build, "budget", {}, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
