"""Panel probes shared by the e2e suites: the LED register sampled over QMP and classified
(solid, off, wig-wag, pulse, slow/fast blink, wink, blink code n), the OLED frame from a QMP
screendump compared pixel-exactly with a golden PBM (tests/e2e/golden/), and a paused-VM reader
for runs under `-icount sleep=off` (the firmware's millisecond counter as the clock).

    expect_leds(vm, "solid", "HEALTHY")                  # raises Failed with the transitions
    Display(out_dir, update=False).expect(vm, "healthy", GOLDEN_DIR + "/healthy.pbm")
    with Paused(vm, symbol_address(elf, "g_now_ms")) as p: p.sample_leds(3.0)

An update run (update=True) writes candidate frames and raises Failed: it never counts as a pass.
"""

import os
import time

import image
from e2e_runner import Failed, eq
from guest_clock import symbol_address  # noqa: F401  (re-exported for the suites)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN_DIR = os.path.join(ROOT, "tests", "e2e", "golden")
WIDTH, HEIGHT, SCALE = 96, 16, 4
LED_MASK = 0x3            # mps2-an385: LED 0 = global, LED 1 = the watch (one watch: same look)
LED_WINDOW_S = 3.0        # three periods of the slowest blink (1 s)
CODE_CYCLE_S, CODE_SLOT_S, CODE_ON_S = 4.0, 0.4, 0.15   # PANEL_CODE_CYCLE/FLASH_SLOT/FLASH_ON_MS
GROUP_GAP_S = 0.6         # code_groups: a group counts only with this much dark on both sides
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


def code_window(flashes):
    """Long enough that, whatever the phase, one whole group of `flashes` with GROUP_GAP_S of
    dark on both sides falls inside: a cycle plus the group plus both gaps (and 0.2 s slack)."""
    return CODE_CYCLE_S + (flashes - 1) * CODE_SLOT_S + CODE_ON_S + 2 * GROUP_GAP_S + 0.2


def code_groups(runs, t0, t1, gap=GROUP_GAP_S):
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
    dark = sorted(e - s for s, e in on_runs(samples, 0) if s > t0 and e < t1)
    dark_median = dark[len(dark) // 2] if dark else 0.0
    if 0.75 <= lit <= 0.95 and 0.7 <= median <= 1.0 and 0.08 <= dark_median <= 0.2:
        return "wink"
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


class Paused:
    """A VM under -icount sleep=off runs its idle time as fast as the host can: read it paused
    (QMP stop), with the firmware's millisecond counter as the clock, and let it run in short
    steps. Inside `with`, the VM is stopped except during step()."""

    def __init__(self, vm, clock_addr):
        self.vm, self.clock_addr = vm, clock_addr
        self.start_ms = None

    def __enter__(self):
        self.vm.qmp.command("stop")
        self.start_ms = self.now_ms()
        return self

    def __exit__(self, *exc):
        self.vm.qmp.command("cont")
        return False

    def now_ms(self):
        return self.vm.read_word(self.clock_addr)

    def step(self, pause_s=0.0):
        self.vm.qmp.command("cont")
        if pause_s:
            time.sleep(pause_s)
        self.vm.qmp.command("stop")

    def sample_leds(self, seconds, max_gap_s=0.05, budget_s=30.0):
        """[(virtual seconds, LED bits)] over `seconds` of virtual time, no two samples more
        than max_gap_s apart: a step that jumps further (the host held the stop command back)
        starts the window again, within budget_s of virtual time (then the caller's checks of
        gap and length fail)."""
        begin = last = self.now_ms()
        samples, t0 = [], begin
        for _ in range(200000):
            now = self.now_ms()
            if samples and ((now - last) & 0xFFFFFFFF) > max_gap_s * 1000:
                samples, t0 = [], now
            samples.append((((now - t0) & 0xFFFFFFFF) / 1000.0, self.vm.led() & LED_MASK))
            last = now
            if samples[-1][0] >= seconds or ((now - begin) & 0xFFFFFFFF) > budget_s * 1000:
                break
            self.step()
        return samples


def expect_leds(vm, want, what, clock=None):
    """Classify the LED register; a busy host can stall QMP long enough to miss a 150 ms
    flash, so a window with a sampling gap over 50 ms is measured again (at most 3 times).
    A busy host can also stall the guest CPU: QEMU then drops SysTick periods, the firmware's
    millisecond counter (`clock`, the address of g_now_ms) falls behind real time and every
    pattern stretches; a window whose guest time is not within 5 % of its real time is
    measured again too."""
    window = code_window(int(want.split()[1])) if want.startswith("code") else LED_WINDOW_S
    rate = None
    for _ in range(3):
        g0 = vm.read_word(clock) if clock is not None else None
        samples = sample_leds(vm, window)
        if clock is not None:
            guest = ((vm.read_word(clock) - g0) & 0xFFFFFFFF) / 1000.0
            rate = guest / max(samples[-1][0] - samples[0][0], 1e-3)
        got = classify(samples)
        steady = max_gap(samples) < 0.05 and (rate is None or 0.95 <= rate <= 1.05)
        if got == want or steady:
            break
    eq(got, want, "LED pattern of %s (%d samples, largest gap %.0f ms, guest/real time %s; %s)"
       % (what, len(samples), 1000 * max_gap(samples),
          "-" if rate is None else "%.3f" % rate, transitions(samples)))


SCREEN_S = 3.0             # PANEL_SCREEN_MS: each screen of the rotation
PROCS_PER_SCREEN = 2       # DISPLAY_RENDER_PROCS_PER_SCREEN on the 96x16 display
PROCESS_SCREENS_MAX = 8    # PANEL_PROCESS_SCREENS_MAX
KEPT_MAX = 64              # FORGE_MAX_RECORDS: the processes a watch keeps for the display


def rotation_s(processes, watches=1):
    """One whole display rotation with `processes` per watch: a summary, then the process
    screens (two a screen, at most PANEL_PROCESS_SCREENS_MAX), plus half a screen of slack."""
    kept = min(processes, KEPT_MAX)
    screens = min((kept + PROCS_PER_SCREEN - 1) // PROCS_PER_SCREEN, PROCESS_SCREENS_MAX)
    return watches * (1 + screens) * SCREEN_S + SCREEN_S / 2


class Display:
    """Screendumps until one equals the golden frame; every distinct frame is kept as PNG."""

    def __init__(self, out_dir, update):
        self.out_dir, self.update = out_dir, update
        os.makedirs(out_dir, exist_ok=True)

    def expect(self, vm, name, golden_path, window_s=SCREEN_WINDOW_S):
        """The rotation (and a screendump taken mid-flush) shows other frames too: window_s must
        cover one whole rotation (see rotation_s)."""
        end = time.monotonic() + window_s

        def advance():
            if time.monotonic() >= end:
                return False
            time.sleep(0.2)
            return True
        self._expect(vm, name, golden_path, advance, "%.1f s" % window_s)

    def expect_stepped(self, paused, name, golden_path):
        """The same, for a paused VM (see Paused): it runs SCREEN_WINDOW_S of virtual time in
        short steps, a screendump after each."""
        t0 = paused.now_ms()

        def advance():
            if ((paused.now_ms() - t0) & 0xFFFFFFFF) >= SCREEN_WINDOW_S * 1000:
                return False
            paused.step()
            return True
        self._expect(paused.vm, name, golden_path, advance,
                     "%.1f s of virtual time" % SCREEN_WINDOW_S)

    def _expect(self, vm, name, golden_path, advance, window):
        want = None if self.update else read_pbm(golden_path)
        frames = []
        while True:
            img = vm.screendump()
            rows = frame_from_screen(img)
            if rows not in frames:
                frames.append(rows)
                image.write_png(img, os.path.join(self.out_dir, "%s-%d.png" % (name, len(frames))))
            if rows == want:
                image.write_png(img, os.path.join(self.out_dir, name + ".png"))
                return
            if not advance():
                break
        if self.update:
            for i, rows in enumerate(frames, 1):
                write_pbm(os.path.join(GOLDEN_DIR, "%s.candidate-%d.pbm" % (name, i)), rows)
            # an update run compares nothing: it must never count as a pass
            raise Failed("--update-golden: %d candidate frame(s) for %s written to %s, nothing "
                         "compared" % (len(frames), name, GOLDEN_DIR))
        raise Failed("no screen matched %s within %s; frames seen:\n%s\nwanted:\n%s" % (
            golden_path, window, "\n\n".join(art(r) for r in frames), art(want)))
