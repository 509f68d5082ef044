#!/usr/bin/env python3
"""parse_overhead_vs_jsmn_host_x86_64: host x86-64 instructions (gcc -Os, valgrind callgrind Ir)
of our Forge page parser (ForgePage_Parse: one pass that tokenizes, validates, matches the kept
keys and delivers records) divided by those of bare jsmn_parse (same options: strict, parent links) over the
whole of the same 30-record page from the mock."""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import page30  # noqa: E402

SRCS = ["tests/bench/parse_harness.c", "tests/bench/parse_jsmn.c", "firmware/forge/forge_page.c",
        "firmware/forge/forge_record.c", "firmware/forge/forge_time.c"]


def callgrind_ir(binary, mode, body_path, out_dir):
    out = os.path.join(out_dir, "callgrind.%s" % mode)
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                           "--toggle-collect=bench_%s_*" % mode, binary, mode, body_path],
                          capture_output=True, text=True, check=False)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or m is None:
        raise RuntimeError("callgrind %s failed (exit %d): %s%s" % (mode, proc.returncode,
                                                                    proc.stdout, proc.stderr[-400:]))
    return int(m.group(1)), proc.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    args = ap.parse_args()
    out_dir = os.path.join(args.build, "bench", "parse-host")
    os.makedirs(out_dir, exist_ok=True)
    figures = {"parse_overhead_vs_jsmn_host_x86_64": None}
    if shutil.which("valgrind") is None:
        benchlib.write_part(args.build, "parse_host", figures, ["valgrind missing: figure null"])
        return 1
    body_path = os.path.join(out_dir, "page30.json")
    with open(body_path, "wb") as handle:
        handle.write(page30.body())
    binary = os.path.join(out_dir, "parse_harness")
    cmd = [os.environ.get("HOST_CC", "gcc"), "-Os", "-g"] + benchlib.strict_warnings() + [
        "-DFL_TEST_BUILD=1", "-DFL_HOST=1", "-Ihal/include", "-I.", "-Ihal/host",
        "-isystem", os.path.join(args.build, "third_party", "jsmn")] + SRCS + ["-o", binary]
    subprocess.run(cmd, cwd=benchlib.ROOT, check=True)
    forge_ir, forge_out = callgrind_ir(binary, "forge", body_path, out_dir)
    jsmn_ir, jsmn_out = callgrind_ir(binary, "jsmn", body_path, out_dir)
    size = os.path.getsize(body_path)
    figures["parse_overhead_vs_jsmn_host_x86_64"] = round(forge_ir / jsmn_ir, 2)
    benchlib.write_part(args.build, "parse_host", figures, [
        "%s; %s" % (forge_out, jsmn_out),
        "host -Os callgrind Ir: ForgePage_Parse %d (%.1f/byte), bare jsmn_parse %d (%.1f/byte)"
        % (forge_ir, forge_ir / size, jsmn_ir, jsmn_ir / size)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
