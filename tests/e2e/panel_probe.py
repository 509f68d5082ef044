"""Panel probes shared by the e2e suites (moved from test_panel_scenario.py): the LED register
sampled over QMP and classified (solid, off, wig-wag, pulse, slow/fast blink, blink code n),
and the OLED frame from a QMP screendump compared pixel-exactly with a golden PBM
(tests/e2e/golden/).

    expect_leds(vm, "solid", "HEALTHY")                  # raises Failed with the transitions
    Display(out_dir, update=False).expect(vm, "healthy", GOLDEN_DIR + "/healthy.pbm")
"""

import os
import time

import image
from e2e_runner import Failed, eq

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN_DIR = os.path.join(ROOT, "tests", "e2e", "golden")
WIDTH, HEIGHT, SCALE = 96, 16, 4
LED_MASK = 0x3            # mps2-an385: LED 0 = global, LED 1 = the watch (one watch: same look)
LED_WINDOW_S = 3.0        # three periods of the slowest blink (1 s)
LED_CODE_WINDOW_S = 5.6   # one 4 s blink-code cycle plus the longest code group
SCREEN_WINDOW_S = 6.5     # the rotation: summary 3 s, processes 3 s


# ---- LED patterns from register samples --------------------------------------------------
def on_runs(samples, lit):
    """[(start, end)] of consecutive samples equal to `lit`."""
    runs, start, last = [], None, None
    for t, value in samples:
        if value == lit and start is None:
            start = t
        elif value != lit and start is not None:
            runs.append((start, last))
            start = None
        last = t
    if start is not None:
        runs.append((start, last))
    return runs


def code_groups(runs, t0, t1, gap=0.6):
    """Sizes of flash groups wholly inside the window (dark for `gap` on both sides)."""
    groups, current = [], []
    for run in runs:
        if current and run[0] - current[-1][1] > gap:
            groups.append(current)
            current = []
        current.append(run)
    if current:
        groups.append(current)
    return [len(g) for g in groups if g[0][0] - t0 > gap and t1 - g[-1][1] > gap]


def classify(samples):
    values = {v for _, v in samples}
    if values == {LED_MASK}:
        return "solid"
    if values == {0}:
        return "off"
    if values == {1, 2}:
        return "wigwag"
    if not values <= {0, LED_MASK}:
        return "mixed %s" % sorted(values)
    t0, t1 = samples[0][0], samples[-1][0]
    runs = on_runs(samples, LED_MASK)
    lit = sum(1 for _, v in samples if v == LED_MASK) / len(samples)
    if len(runs) >= 40:
        return "pulse"
    inner = sorted(e - s for s, e in runs if s > t0 and e < t1)
    median = inner[len(inner) // 2] if inner else 0.0
    if median >= 0.35 and 0.35 <= lit <= 0.65:
        return "slow blink"
    if 0.08 <= median <= 0.2 and 0.35 <= lit <= 0.65:
        return "fast blink"
    groups = set(code_groups(runs, t0, t1))
    if lit < 0.3 and len(groups) == 1:
        return "code %d" % groups.pop()
    return "unknown (%d runs, lit %.2f, median %.3f s, groups %s)" % (len(runs), lit, median,
                                                                       sorted(groups))


# ---- display frames ------------------------------------------------------------------------
def frame_from_screen(img):
    """96x16 rows of '0'/'1' from the 4x screendump (sampled inside each scaled pixel)."""
    return ["".join("1" if sum(img.pixel(x * SCALE + 1, y * SCALE + 1)[:3]) > 3 * 127 else "0"
                    for x in range(WIDTH)) for y in range(HEIGHT)]


def read_pbm(path):
    with open(path, encoding="ascii") as handle:
        lines = handle.read().split("\n")
    eq(lines[:2], ["P1", "%d %d" % (WIDTH, HEIGHT)], "PBM header of %s" % path)
    return lines[2:2 + HEIGHT]


def write_pbm(path, rows):
    with open(path, "w", encoding="ascii") as handle:
        handle.write("P1\n%d %d\n%s\n" % (WIDTH, HEIGHT, "\n".join(rows)))


def art(rows):
    return "\n".join(r.replace("0", ".").replace("1", "#") for r in rows)


def sample_leds(vm, seconds, interval=0.003):
    samples, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append((time.monotonic(), vm.led() & LED_MASK))
        time.sleep(interval)
    return samples


def max_gap(samples):
    return max((b[0] - a[0] for a, b in zip(samples, samples[1:])), default=0.0)


def transitions(samples, limit=40):
    out, prev, t0 = [], None, samples[0][0] if samples else 0.0
    for t, value in samples:
        if value != prev:
            out.append("%.3f:%d" % (t - t0, value))
            prev = value
    return " ".join(out[:limit])


def expect_leds(vm, want, what):
    """Classify the LED register; a busy host can stall QMP long enough to miss a 150 ms
    flash, so a window with a sampling gap over 50 ms is measured again (at most 3 times)."""
    window = LED_CODE_WINDOW_S if want.startswith("code") else LED_WINDOW_S
    for _ in range(3):
        samples = sample_leds(vm, window)
        got = classify(samples)
        if got == want or max_gap(samples) < 0.05:
            break
    eq(got, want, "LED pattern of %s (%d samples, largest gap %.0f ms; %s)" % (
        what, len(samples), 1000 * max_gap(samples), transitions(samples)))


class Display:
    """Screendumps until one equals the golden frame; every distinct frame is kept as PNG."""

    def __init__(self, out_dir, update):
        self.out_dir, self.update = out_dir, update
        os.makedirs(out_dir, exist_ok=True)

    def expect(self, vm, name, golden_path):
        """The rotation (and a screendump taken mid-flush) shows other frames too."""
        want = None if self.update else read_pbm(golden_path)
        frames, end = [], time.monotonic() + SCREEN_WINDOW_S
        while time.monotonic() < end:
            img = vm.screendump()
            rows = frame_from_screen(img)
            if rows not in frames:
                frames.append(rows)
                image.write_png(img, os.path.join(self.out_dir, "%s-%d.png" % (name, len(frames))))
            if rows == want:
                image.write_png(img, os.path.join(self.out_dir, name + ".png"))
                return
            time.sleep(0.2)
        if self.update:
            for i, rows in enumerate(frames, 1):
                write_pbm(os.path.join(GOLDEN_DIR, "%s.candidate-%d.pbm" % (name, i)), rows)
            print("  %s: %d candidate frame(s) written" % (name, len(frames)))
            return
        raise Failed("no screen matched %s within %.1f s; frames seen:\n%s\nwanted:\n%s" % (
            golden_path, SCREEN_WINDOW_S, "\n\n".join(art(r) for r in frames), art(want)))
