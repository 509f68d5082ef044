#!/usr/bin/env python3
"""`make bench`: footprint and per-poll cost figures, written to build/bench.json and printed
as a table against the product budget (a 256 KiB flash / 64 KiB RAM Cortex-M3 part).

A figure that cannot be measured yet (the part it measures has not landed, or its run failed)
is null, never a guess. Benchmarks report numbers; they do not pass or fail."""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import map_components  # noqa: E402

BUDGET_FLASH = 256 * 1024
BUDGET_RAM = 64 * 1024
CPU_HZ = 25_000_000  # the mps2-an385 SYSCLK; a cheap M3 part runs at about this clock

HOUR_KEYS = ["handshakes_per_hour_server_idle_30s_poll_60s", "handshakes_per_hour_server_idle_75s_poll_60s"]
KEYS = [
    "flash_bytes", "ram_static_bytes", "components",
    "tls_arena_high_water_bytes", "lwip_pool_high_water_bytes", "stack_high_water_bytes",
    "insns_boot_to_first_state", "virtual_ms_boot_to_first_state",
    "insns_handshake_ecdsa_p256_median", "insns_handshake_ecdsa_p256_min",
    "insns_handshake_rsa2048_median", "insns_handshake_rsa2048_min",
    "insns_handshake_resumed_median", "insns_handshake_resumed_min",
    "insns_poll_keepalive_30_median", "insns_poll_keepalive_30_min",
    "parse_insns_per_byte", "parse_overhead_vs_jsmn_target", "parse_overhead_vs_jsmn_host_x86_64",
] + HOUR_KEYS


def footprint(build, board):
    elf_map = os.path.join(build, board, "forgelight.map")
    comps = map_components.parse(elf_map)
    flash = sum(c["flash"] for c in comps.values())
    ram = sum(c["ram"] for c in comps.values())
    return flash, ram, comps


def optional_figures(build, board):
    """Figures from suites that write build/bench-parts/*.json (e2e runs, callgrind)."""
    figures = {}
    parts = os.path.join(build, "bench-parts")
    if os.path.isdir(parts):
        for name in sorted(os.listdir(parts)):
            if name.endswith(".json"):
                with open(os.path.join(parts, name)) as handle:
                    figures.update(json.load(handle))
    return figures


def run_measurements(build, board):
    """Run each measurement script under tests/bench/measure_*.py; each writes one part."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = os.path.join(build, "bench-parts")
    os.makedirs(parts, exist_ok=True)
    for name in os.listdir(parts):  # a part left by an earlier run must not stand in for a failed one
        if name.endswith(".json"):
            os.remove(os.path.join(parts, name))
    for name in sorted(os.listdir(here)):
        if name.startswith("measure_") and name.endswith(".py"):
            print(f"bench: {name}", flush=True)
            proc = subprocess.run([sys.executable, os.path.join(here, name), "--build", build, "--board", board])
            if proc.returncode != 0:
                print(f"bench: {name} failed (exit {proc.returncode}); its figures stay null", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--board", default="mps2-an385")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    run_measurements(build, args.board)
    flash, ram, comps = footprint(build, args.board)
    bench = {key: None for key in KEYS}
    bench["flash_bytes"] = flash
    bench["ram_static_bytes"] = ram
    bench["components"] = {name: {"flash_bytes": c["flash"], "ram_static_bytes": c["ram"]}
                           for name, c in comps.items()}
    for key, value in optional_figures(build, args.board).items():
        if key in bench:
            bench[key] = value
    with open(os.path.join(build, "bench.json"), "w") as out:
        json.dump(bench, out, indent=2)

    print(f"\n{'figure':<46} {'value':>12}  note")
    for key in KEYS:
        value = bench[key]
        if key == "components":
            for name, c in bench["components"].items():
                print(f"  {name:<44} {c['flash_bytes']:>8} B flash {c['ram_static_bytes']:>8} B RAM")
            continue
        shown = "null" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))
        note = ""
        if key == "flash_bytes":
            note = f"{value / BUDGET_FLASH * 100:5.1f} % of 256 KiB ({BUDGET_FLASH - value:+d} B left)"
        elif key in ("ram_static_bytes",):
            note = f"{value / BUDGET_RAM * 100:5.1f} % of 64 KiB ({BUDGET_RAM - value:+d} B left)"
        elif key.endswith("_bytes") and value is not None:
            note = f"{value / BUDGET_RAM * 100:5.1f} % of 64 KiB RAM"
        elif key.startswith("insns_") and value is not None:
            # busy instructions; a Cortex-M3 needs at least one cycle for each
            note = f"busy; >= {value / CPU_HZ * 1000:.1f} ms at {CPU_HZ // 1000000} MHz (1 cycle/insn at best)"
        elif key.startswith("virtual_ms_") and value is not None:
            note = "virtual time under -icount shift=0, idle waits included"
        elif key == "parse_overhead_vs_jsmn_target" and value is not None:
            note = "Cortex-M3 instructions, ours / bare jsmn"
        elif key == "parse_overhead_vs_jsmn_host_x86_64" and value is not None:
            note = "x86-64 callgrind Ir, ours / bare jsmn"
        elif key in HOUR_KEYS and value is not None:
            note = "full + resumed, over a virtual hour"
        print(f"{key:<46} {shown:>12}  {note}")
    print(f"\nbench: written to {os.path.relpath(os.path.join(build, 'bench.json'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
