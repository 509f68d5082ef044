#!/usr/bin/env python3
"""The panel's drivers under QEMU: the test image's `panel` hook shows a fixed healthy state;
the LED register (QMP `xp`) and the OLED (QMP `screendump`) must match exactly — the display
pixel for pixel against tests/unit/golden/summary_healthy.pbm, the same golden frame the host
renderer is tested against. The screenshot is kept as build/e2e/panel/summary_healthy.png.

    python3 tests/e2e/test_panel_qemu.py --build build [--board mps2-an385] [-k name] [-v]
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import qemu  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import check, eq  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTH, HEIGHT, SCALE = 96, 16, 4


def read_golden(name):
    with open(os.path.join(ROOT, "tests", "unit", "golden", name)) as handle:
        lines = handle.read().split("\n")
    eq(lines[0], "P1", "golden format")
    eq(lines[1], "%d %d" % (WIDTH, HEIGHT), "golden size")
    return [row for row in lines[2:2 + HEIGHT]]


def frame_from_screen(img):
    """96x16 bits from the 4x-scaled screendump (sample inside each scaled pixel)."""
    rows = []
    for y in range(HEIGHT):
        row = ""
        for x in range(WIDTH):
            r, g, b = img.pixel(x * SCALE + 1, y * SCALE + 1)[:3]
            row += "1" if (r + g + b) > 3 * 127 else "0"
        rows.append(row)
    return rows


def settled_led(vm, want, timeout=2.0):
    """The LED register is written from the 1 ms tick after the state is computed: poll."""
    deadline = time.monotonic() + timeout
    value = vm.led()
    while (value & 0x3) != want and time.monotonic() < deadline:
        time.sleep(0.05)
        value = vm.led()
    return value & 0x3


def assert_solid(vm, want, samples=10, interval=0.05):
    """Solid means every sample reads the same: a blinking pattern would show both values."""
    seen = set()
    for _ in range(samples):
        seen.add(vm.led() & 0x3)
        time.sleep(interval)
    eq(seen, {want}, "LED0 register over %d samples" % samples)


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf
        self.out = os.path.join(build, "e2e", "panel")

    def test_leds_and_display_match_golden(self):
        os.makedirs(self.out, exist_ok=True)
        with qemu.Qemu(self.elf, display=True, semihosting_args="panel", time_limit=60).start() as vm:
            vm.wait_for(r"\[panel\] selftest display=1 t=\d+ms ready", 30)
            eq(settled_led(vm, 0x3), 0x3, "LED0 register (both user LEDs solid: HEALTHY)")
            assert_solid(vm, 0x3)
            img = vm.screendump(os.path.join(self.out, "summary_healthy.png"))
            eq((img.width, img.height), (WIDTH * SCALE, HEIGHT * SCALE), "screendump size")
            got, want = frame_from_screen(img), read_golden("summary_healthy.pbm")
            diff = sum(1 for y in range(HEIGHT) for x in range(WIDTH) if got[y][x] != want[y][x])
            check(diff == 0, "%d pixels differ from the golden frame:\n%s" % (
                diff, "\n".join(r.replace("0", ".").replace("1", "#") for r in got)))

    def test_panel_runs_without_display(self):
        with qemu.Qemu(self.elf, display=False, semihosting_args="panel", time_limit=60).start() as vm:
            vm.wait_for(r"\[panel\] selftest display=0 t=\d+ms ready", 30)
            eq(settled_led(vm, 0x3), 0x3, "LED0 register without a display")


if __name__ == "__main__":
    sys.exit(e2e_runner.main(Cases))
