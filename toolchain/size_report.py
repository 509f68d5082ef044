#!/usr/bin/env python3
"""Flash and RAM figures of a firmware ELF, from `arm-none-eabi-size -A -d` on stdin.
flash = text + rodata + data (+ exidx); RAM = data + bss + noinit + stack."""
import re
import sys

FLASH_SECTIONS = {".text", ".ARM.exidx", ".data"}
RAM_SECTIONS = {".data", ".bss", ".noinit", ".stack"}


def main():
    elf = sys.argv[1] if len(sys.argv) > 1 else "firmware"
    sizes = {}
    for line in sys.stdin:
        m = re.match(r"^(\.\S+)\s+(\d+)\s+(\d+)", line)
        if m:
            sizes[m.group(1)] = int(m.group(2))
    flash = sum(sizes.get(s, 0) for s in FLASH_SECTIONS)
    ram = sum(sizes.get(s, 0) for s in RAM_SECTIONS)
    print(f"{elf}")
    for name in sorted(set(FLASH_SECTIONS | RAM_SECTIONS)):
        print(f"  {name:<12} {sizes.get(name, 0):>8} bytes")
    print(f"  flash (text+rodata+data): {flash} bytes ({flash / 1024:.1f} KiB)")
    print(f"  RAM (data+bss+noinit+stack): {ram} bytes ({ram / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
