#!/usr/bin/env python3
"""parse_insns_per_byte and parse_overhead_vs_jsmn_target: the Forge page parser on the
target. The test image runs `bench parse` under QEMU -icount shift=0 with the mock's
30-record page loaded into PSRAM; the hook times ForgePage_Parse and bare jsmn_parse (strict,
parent links, the whole page) with timer0. Instructions = ticks x 40 (no network, no idle)."""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import benchlib  # noqa: E402
import page30  # noqa: E402
import qemu  # noqa: E402

PAGE_ADDR = 0x21000000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    args = ap.parse_args()
    out = os.path.join(args.build, "bench", "parse-target")
    os.makedirs(out, exist_ok=True)
    blob = os.path.join(out, "page30.bin")
    data = page30.body()
    with open(blob, "wb") as handle:
        handle.write(page30.BLOB_MAGIC + len(data).to_bytes(4, "little") + data)
    elf = benchlib.bench_elf(args.build, args.board)
    vm = qemu.Qemu(elf, workdir=os.path.join(out, "qemu"), icount=0, semihosting_args="bench parse",
                   loaders=[(blob, PAGE_ADDR)], time_limit=60).start()
    try:
        code = vm.wait_exit(60)
    finally:
        vm.close()
    got = benchlib.bench_lines(vm.lines)
    figures = {"parse_insns_per_byte": None, "parse_overhead_vs_jsmn_target": None}
    notes = []
    if code == 0 and got.get("parse_records") == page30.RECORDS and got.get("parse_bytes") == len(data):
        insns = got["parse_forge_ticks"] * benchlib.INSNS_PER_TICK
        jsmn = got["parse_jsmn_ticks"] * benchlib.INSNS_PER_TICK
        figures["parse_insns_per_byte"] = round(insns / len(data), 1)
        figures["parse_overhead_vs_jsmn_target"] = round(insns / jsmn, 2) if jsmn else None
        notes.append("target: ForgePage_Parse %d insns over %d B (%.1f/B, %d records); bare jsmn %d "
                     "insns (%.1f/B, %d tokens); target ratio %.2f" % (
                         insns, len(data), insns / len(data), got["parse_records"], jsmn,
                         jsmn / len(data), got.get("parse_jsmn_tokens", 0), insns / jsmn))
    else:
        notes.append("bench parse failed (exit %s): %s" % (code, vm.tail(8)))
    benchlib.write_part(args.build, "parse_target", figures, notes)
    return 0 if all(v is not None for v in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
