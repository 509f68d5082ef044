"""Shared helpers of the measure_*.py scripts: paths, the part file each writes, the strict
warning set read from toolchain/warnings.mk, and the timer unit of the target hooks."""
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# CMSDK timer0 runs at SYSCLK = 25 MHz; under -icount shift=0 one guest instruction is one
# virtual ns, so one timer tick is 40 instructions (or 40 ns of idle virtual time).
INSNS_PER_TICK = 40


def write_part(build, name, figures, notes=None):
    """build/bench-parts/<name>.json with the figures; notes (why a figure is null, how it was
    measured) go to <name>.notes.txt and are printed."""
    parts = os.path.join(build, "bench-parts")
    os.makedirs(parts, exist_ok=True)
    with open(os.path.join(parts, name + ".json"), "w") as out:
        json.dump(figures, out, indent=2)
    for line in notes or []:
        print("  %s: %s" % (name, line), flush=True)


def strict_warnings():
    """STRICT_WARNINGS from toolchain/warnings.mk (backslash-continued make variable)."""
    with open(os.path.join(ROOT, "toolchain", "warnings.mk")) as handle:
        text = handle.read().replace("\\\n", " ")
    m = re.search(r"^STRICT_WARNINGS\s*:=\s*(.*)$", text, re.M)
    return m.group(1).split() if m else []


def bench_lines(lines):
    """{key: int} from the hooks' `bench: key value` log lines (last one wins)."""
    out = {}
    for _, text in lines:
        m = re.search(r"bench: (\w+) (\d+)", text)
        if m:
            out[m.group(1)] = int(m.group(2))
    return out


def make_vars(build, board, names):
    """Values of fully expanded make variables (`make -pn`), e.g. test_OBJS, TARGET_LDFLAGS."""
    import subprocess
    proc = subprocess.run(["make", "-pn", "BUILD=" + build, "BOARD=" + board, "firmware-test"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    found = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^(\w+) :?= ?(.*)$", line)
        if m and m.group(1) in names and m.group(1) not in found:
            found[m.group(1)] = m.group(2)
    return found


DISPATCH = "    else if (Benchhook_Run(command))\n    {\n        /* not reached: the bench hook ends the run */\n    }\n"


def bench_elf(build, board):
    """The test image with the bench hooks reachable. Once firmware/app/selftest.c dispatches to
    Benchhook_Run, that is the test ELF itself; until then a private copy under build/bench/
    links the same test objects with a selftest.c that has the one dispatch line added."""
    import subprocess
    test_elf = os.path.join(build, board + "-test", "forgelight.elf")
    with open(os.path.join(ROOT, "firmware", "app", "selftest.c")) as handle:
        source = handle.read()
    if "Benchhook_Run" in source:
        return test_elf
    anchor = "    else if (Nettest_Run(command))\n"
    if anchor not in source:
        raise RuntimeError("selftest.c has no Nettest_Run dispatch to add the bench line before")
    patched = source.replace(anchor, DISPATCH + anchor, 1).replace(
        '#include "firmware/nettest/nettest.h"\n',
        '#include "firmware/benchhook/benchhook.h"\n#include "firmware/nettest/nettest.h"\n', 1)
    out = os.path.join(build, "bench", "image")
    os.makedirs(out, exist_ok=True)
    src = os.path.join(out, "selftest_bench.c")
    with open(src, "w") as handle:
        handle.write(patched)
    v = make_vars(build, board, {"test_OBJS", "TARGET_CC", "FW_CFLAGS", "FW_DEFS_test", "FW_DIR_test",
                                 "TARGET_LDFLAGS", "BOARD_LDFLAGS", "BOARD_LDSCRIPT"})
    obj = os.path.join(out, "selftest_bench.o")
    subprocess.run([v["TARGET_CC"]] + v["FW_CFLAGS"].replace('\\"', '"').split() + v["FW_DEFS_test"].split()
                   + ["-I" + v["FW_DIR_test"], "-c", src, "-o", obj], cwd=ROOT, check=True)
    objs = [o for o in v["test_OBJS"].split() if not o.endswith("firmware/app/selftest.o")] + [obj]
    elf = os.path.join(out, "forgelight-bench.elf")
    subprocess.run([v["TARGET_CC"]] + v["TARGET_LDFLAGS"].split() + v["BOARD_LDFLAGS"].split()
                   + ["-T" + v["BOARD_LDSCRIPT"], "-Wl,-Map=" + os.path.join(out, "forgelight-bench.map")]
                   + objs + ["-o", elf], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return elf
