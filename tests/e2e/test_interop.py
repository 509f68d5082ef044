#!/usr/bin/env python3
"""Interop (issue 16, item 9): the release image against responses a real Forge-like server may
send and our mock never did. Every body the suite serves is a file of the corpus under
tests/corpus/interop/ (its manifest.json gives each case's pages and the counts the panel must
show); the same files are replayed by tests/unit/test_forge_page.c and seed the page fuzzer.

- corpus cases: the pages are served verbatim (cursor by cursor) and the watch must reach its
  state with the right per-status counts on the console line and on the display (golden frames
  tests/e2e/golden/interop_<case>.pbm);
- HTTP cases: more than 64 header lines, and one 6,000-byte header line the client does not need;
- request patterns under virtual time (`-icount shift=0,sleep=off`, so minutes pass in seconds):
  a run of 401s backs off to one request per 5 minutes after the second; a run of malformed
  bodies never waits longer than max(2 x poll interval, 60 s), and the panel shows recovery
  within about a minute of the server healing.

    python3 tests/e2e/test_interop.py --build build [--board mps2-an385] [-k name] [-v]
                                      [--update-golden]
"""

import argparse
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import panel_probe as panel  # noqa: E402
from e2e_runner import Failed, check, run_cases, summary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "corpus", "interop")
LABEL = "web-1"
POLL_S = 10
STATE_TIMEOUT_S = 40.0
GUEST_RE = re.compile(r"^\[\s*([\d.]+)\] ")
POLL_RE = re.compile(r"poll: %s: (.*)$" % LABEL)


def manifest():
    with open(os.path.join(CORPUS, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)


def corpus_bytes(name):
    with open(os.path.join(CORPUS, name), "rb") as handle:
        return handle.read()


def panel_line(state, counts=None):
    tail = " %d run %d chg %d unk" % counts if counts else " "
    return r"\[panel\] %s (?:\x1b\[[0-9;]*m)?%s(?:\x1b\[0m)?%s" % (LABEL, state, re.escape(tail))


def guest_time(text):
    """The firmware's own uptime stamp of a UART line (virtual time under -icount)."""
    m = GUEST_RE.match(text)
    return float(m.group(1)) if m else None


class PageServer:
    """Serves a case's pages from the corpus: the first request gets pages[0], a request whose
    page[cursor] is the next_cursor of page i gets page i+1 (cursors read from the files)."""

    def __init__(self, pages):
        self.bodies = [corpus_bytes(p) for p in pages]
        self.by_cursor = {}
        for i, body in enumerate(self.bodies[:-1]):
            cursor = json.loads(body.decode("utf-8"))["meta"]["next_cursor"]
            self.by_cursor[cursor] = self.bodies[i + 1]

    def __call__(self, req):
        cursor = (req["query"].get("page[cursor]") or [None])[0]
        body = self.bodies[0] if cursor is None else self.by_cursor.get(cursor)
        if body is None:
            return mf.Scripted.error(422, "bad cursor")
        return mf.Scripted(status=200, body=body)


class Cases:
    def __init__(self, build, elf, update):
        self.build, self.elf = build, elf
        self.pki = pkimod.Pki.ensure(build)
        self.display = panel.Display(os.path.join(build, "e2e", "interop"), update)
        self.lab = self.api = self.vm = None
        self.boot_error = None

    def close(self):
        if self.lab is not None:
            self.lab.close()
            self.lab = self.api = self.vm = None

    def _boot(self, icount=None):
        self.close()
        self.lab = netlab.NetLab(self.build)
        self.lab.start()
        self.api = firmware_lab.standard_lab(self.lab, self.pki, chain="ecdsa")
        self.api.set_processes(mf.make_processes(3))
        img = firmware_lab.provision(self.lab, self.pki, self.elf, poll=POLL_S,
                                     watches=["server=%s,label=%s" % (mf.SERVER, LABEL)])
        extra = ["-icount", icount] if icount else []
        self.vm = firmware_lab.boot(self.lab, img, time_limit=600, extra=extra)
        return self.vm

    def _shared_vm(self):
        """One real-time VM for the corpus and HTTP cases (started by the first of them)."""
        if self.boot_error is not None:
            raise Failed("lab VM failed earlier: %s" % self.boot_error)
        if self.vm is None:
            try:
                self._boot()
                self.vm.wait_for(panel_line("HEALTHY"), STATE_TIMEOUT_S, from_start=True)
            except Exception as exc:  # pylint: disable=broad-except
                self.boot_error = exc
                raise
        return self.vm

    def _expect(self, state, counts, golden):
        vm = self.vm
        vm.wait_for(panel_line(state, counts), STATE_TIMEOUT_S)
        self.display.expect(vm, golden, os.path.join(panel.GOLDEN_DIR, golden + ".pbm"))
        check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")

    def _reset_panel(self):
        """Back to the mock's own 3-process answer, so each case starts from a known state."""
        self.api.override = None
        self.api.set_processes(mf.make_processes(3))
        self.vm.wait_for(panel_line("HEALTHY", (3, 0, 0)), STATE_TIMEOUT_S)

    def _corpus_case(self, name):
        case = next((c for c in manifest()["cases"] if c["name"] == name), None)
        check(case is not None, "corpus case %s in manifest.json" % name)
        self._shared_vm()
        self._reset_panel()
        self.api.override = PageServer(case["pages"])
        counts = (case["run"], case["chg"], case["unk"])
        self._expect(case["state"], counts, "interop_" + name)
        polls = [t for _, t in self.vm.lines if POLL_RE.search(t)]
        check(any("ok 200, %d processes" % case["total"] in p for p in polls),
              "a poll line with %d processes: %s" % (case["total"], polls[-3:]))

    # ---- the HTTP header cases ------------------------------------------------------------
    def test_many_header_lines(self):
        self._shared_vm()
        self._reset_panel()
        pads = [("X-Pad-%03d" % i, "v%d" % i) for i in range(100)]
        self.api.set_processes(mf.make_processes(4))
        self.api.override = lambda req: mf.Scripted(headers=pads)
        self._expect("HEALTHY", (4, 0, 0), "interop_headers")

    def test_one_long_header_line(self):
        self._shared_vm()
        self._reset_panel()
        self.api.set_processes(mf.make_processes(4))
        self.api.override = lambda req: mf.Scripted(headers=[("X-Debug-Trace", "a" * 6000)])
        self._expect("HEALTHY", (4, 0, 0), "interop_headers")

    # ---- request patterns in virtual time ----------------------------------------------------
    def _poll_times(self, since, word):
        out = []
        for _, text in self.vm.lines:
            m = POLL_RE.search(text)
            t = guest_time(text) if m else None
            if m and t is not None and t >= since and word in m.group(1):
                out.append(t)
        return out

    def _guest_now(self):
        return max((guest_time(t) or 0.0) for _, t in self.vm.lines)

    def test_auth_failures_back_off_to_five_minutes(self):
        vm = self._boot("shift=0,sleep=off")
        vm.wait_for(panel_line("HEALTHY"), 120, from_start=True)
        self.api.override = lambda req: mf.Scripted.error(401, "Unauthenticated.")
        start = self._guest_now()
        vm.wait_for(panel_line("AUTH_ERROR"), 120)
        deadline = time.monotonic() + 240
        while self._guest_now() < start + 16 * 60 and time.monotonic() < deadline:
            time.sleep(1.0)
        check(self._guest_now() >= start + 16 * 60, "16 virtual minutes passed (%.0f s)"
              % (self._guest_now() - start))
        times = self._poll_times(start, "401")
        gaps = [round(b - a, 1) for a, b in zip(times, times[1:])]
        check(len(times) >= 2, "at least two 401 rounds: %s" % times)
        check(all(g >= 299.0 for g in gaps[1:]), "after the second 401 in a row, one request per "
              "5 minutes at most: gaps %s" % gaps)
        check(len(times) <= 2 + 4, "requests in 16 minutes: %d (%s)" % (len(times), gaps))
        print("  401 rounds at guest s %s; gaps %s" % ([round(t - start) for t in times], gaps))

    def test_malformed_bodies_back_off_at_most_a_minute(self):
        vm = self._boot("shift=0,sleep=off")
        vm.wait_for(panel_line("HEALTHY"), 120, from_start=True)
        self.api.override = lambda req: mf.Scripted(status=200, body=b'{"data":[{"id":')
        start = self._guest_now()
        vm.wait_for(panel_line("BAD_RESPONSE"), 120)
        deadline = time.monotonic() + 240
        while self._guest_now() < start + 6 * 60 and time.monotonic() < deadline:
            time.sleep(1.0)
        times = self._poll_times(start, "bad")
        gaps = [round(b - a, 1) for a, b in zip(times, times[1:])]
        cap = max(2 * POLL_S, 60) + 1.0
        check(len(times) >= 4, "malformed rounds in 6 virtual minutes: %s" % times)
        check(all(g <= cap for g in gaps), "no wait beyond %.0f s: gaps %s" % (cap, gaps))
        healed = self._guest_now()
        self.api.override = None
        vm.wait_for(panel_line("HEALTHY"), 120)
        back = self._poll_times(healed, "ok 200")
        check(back and back[0] - healed <= cap + 5, "recovered %.1f s after the server healed"
              % ((back[0] - healed) if back else -1))
        print("  malformed gaps %s; recovered %.1f s after healing" % (gaps, back[0] - healed))


def add_corpus_cases(cls):
    """One test_corpus_<name> per manifest case, so each is named in the summary."""
    try:
        cases = manifest()["cases"]
    except OSError:
        cases = []

    def test_corpus_manifest(self):
        check(cases, "cases in %s" % os.path.join(CORPUS, "manifest.json"))
    cls.test_corpus_manifest = test_corpus_manifest
    for case in cases:
        def run(self, name=case["name"]):
            self._corpus_case(name)
        run.__name__ = "test_corpus_" + case["name"]
        setattr(cls, run.__name__, run)
    return cls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("-k", default=None)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--update-golden", action="store_true")
    args = ap.parse_args()
    elf = os.path.join(args.build, args.board, "forgelight.elf")  # the release image
    cases = Cases(args.build, elf, args.update_golden)
    add_corpus_cases(Cases)
    try:
        results = run_cases(cases, args.k, args.v)
    finally:
        cases.close()
    return summary(results)


if __name__ == "__main__":
    sys.exit(main())
