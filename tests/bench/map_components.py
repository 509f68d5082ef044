#!/usr/bin/env python3
"""Attribute every input section of a GNU ld map file to a component (ours, lwip, mbedtls,
jsmn, libc/libgcc) and sum flash (text, rodata, data load image) and static RAM (data, bss,
noinit, stack) per component."""
import re

FLASH_OUT = {".text", ".ARM.exidx", ".data"}
RAM_OUT = {".data", ".bss", ".noinit", ".stack"}
COMPONENTS = ("ours", "lwip", "mbedtls", "jsmn", "libc", "stack", "other")


def component_of(section, path):
    if ".jsmn" in section:
        return "jsmn"
    if "/tp/" in path or "third_party" in path:
        if "lwip" in path:
            return "lwip"
        if "mbedtls" in path:
            return "mbedtls"
    if "/obj/" in path:
        return "ours"
    if re.search(r"lib(c|c_nano|g|g_nano|gcc|m|nosys)\.a", path):
        return "libc"
    return "other"


def parse(map_path):
    """Returns {component: {"flash": n, "ram": n}}."""
    totals = {c: {"flash": 0, "ram": 0} for c in COMPONENTS}
    with open(map_path, errors="replace") as handle:
        lines = handle.read().split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("Linker script and memory map"))
    except StopIteration:
        return totals
    out_section = None
    pending = None
    out_sizes = {}
    for line in lines[start:]:
        m = re.match(r"^(\.[\w.]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)", line)
        if m or re.match(r"^(\.[\w.]+)\s*$", line):
            out_section = m.group(1) if m else line.strip()
            if m:
                out_sizes[out_section] = int(m.group(2), 16)
            pending = None
            continue
        if re.match(r"^\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s*$", line) and out_section and out_section not in out_sizes:
            out_sizes[out_section] = int(line.split()[1], 16)
            continue
        m = re.match(r"^ (\.\S+|COMMON)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^\s+(?:(\.\S+|COMMON)\s+)?0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.(?:o|a)\S*)", line)
        if m and out_section is not None:
            section = m.group(1) or pending or ""
            pending = None
            size = int(m.group(3), 16)
            comp = component_of(section, m.group(4))
            if out_section in FLASH_OUT:
                totals[comp]["flash"] += size
            if out_section in RAM_OUT:
                totals[comp]["ram"] += size
    totals["stack"]["ram"] += out_sizes.get(".stack", 0)
    flash_all = sum(out_sizes.get(s, 0) for s in FLASH_OUT)
    ram_all = sum(out_sizes.get(s, 0) for s in RAM_OUT)
    totals["other"]["flash"] += flash_all - sum(t["flash"] for t in totals.values())
    totals["other"]["ram"] += ram_all - sum(t["ram"] for t in totals.values())
    return totals
