#!/usr/bin/env python3
"""Interop (issue 16, item 9): the release image against responses a real Forge-like server may
send and our mock never did. Every body the suite serves is a file of the corpus under
tests/corpus/interop/ (its manifest.json gives each case's pages and the counts the panel must
show); the same files are replayed by tests/unit/test_forge_page.c and seed the page fuzzer.

- corpus rounds (each multi-page round of the manifest, and each good last page alone): the
  pages are served verbatim (cursor by cursor) and the watch must reach its state with the right
  per-status counts on the display (golden frames
  tests/e2e/golden/interop_<state>_<run>r<chg>c<unk>u.pbm);
- HTTP cases: more than 64 header lines, and one 6,000-byte header line the client does not need;
- request patterns under virtual time (`-icount shift=0,sleep=off`, so minutes pass in seconds):
  a run of 401s backs off to one request per 5 minutes after the second; a run of malformed
  bodies never waits longer than max(2 x poll interval, 60 s), and the panel shows recovery
  within about a minute of the server healing. The firmware's rounds (guest time) are checked
  against the requests in the mock's log.

    python3 tests/e2e/test_interop.py --build build [--board mps2-an385] [-k name] [-v]
                                      [--update-golden]
"""

import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import guest_clock  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import panel_probe as panel  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import Failed, check, eq  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "corpus", "interop")
LABEL = "web-1"
POLL_S = 10
STATE_TIMEOUT_S = 40.0
GUEST_RE = re.compile(r"^\[\s*([\d.]+)\] ")
POLL_RE = re.compile(r"poll: %s: (.*)$" % LABEL)


CHANGING_STATUSES = ("installing", "removing", "restarting", "starting", "stopping")


def manifest():
    with open(os.path.join(CORPUS, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)


def rounds():
    """{name: (pages, total, (run, chg, unk), state)} for every round the corpus makes: each
    multi-page round of manifest["rounds"], and each good page that is a round by itself."""
    doc = manifest()
    files = {c["file"]: c for c in doc["cases"]}
    in_rounds = {f for pages in doc.get("rounds", {}).values() for f in pages}
    out = {name: pages for name, pages in doc.get("rounds", {}).items()}
    for case in doc["cases"]:
        if case["status"] == "ok" and not case["has_next"] and case["file"] not in in_rounds:
            out[os.path.splitext(case["file"])[0]] = [case["file"]]
    result = {}
    for name, pages in sorted(out.items()):
        by = {}
        for page in pages:
            for status, n in files[page]["by_status"].items():
                by[status] = by.get(status, 0) + n
        total = sum(files[p]["records"] for p in pages)
        counts = (by.get("running", 0) + by.get("installed", 0),
                  sum(by.get(s, 0) for s in CHANGING_STATUSES), by.get("unknown", 0))
        state = "ATTENTION" if counts[2] else ("CHANGING" if counts[1] else "HEALTHY")
        result[name] = (pages, total, counts, state)
    return result


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
        self.served = 0
        self.pages = len(pages)
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
        self.served += 1
        return mf.Scripted(status=200, body=body)


class HeaderServer:
    """The mock's own page with extra response headers."""

    def __init__(self, headers):
        self.headers, self.served, self.pages = headers, 0, 1

    def __call__(self, req):
        self.served += 1
        return mf.Scripted(headers=self.headers)


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
        """A lab, the mock and a provisioned VM: (lab, api, vm). The caller closes the lab."""
        lab = netlab.NetLab(self.build)
        lab.start()
        api = firmware_lab.standard_lab(lab, self.pki, chain="ecdsa")
        api.set_processes(mf.make_processes(3))
        img = firmware_lab.provision(lab, self.pki, self.elf, poll=POLL_S,
                                     watches=["server=%s,label=%s" % (mf.SERVER, LABEL)])
        extra = ["-icount", icount] if icount else []
        return lab, api, firmware_lab.boot(lab, img, time_limit=600, extra=extra)

    def _shared_vm(self):
        """One real-time VM for the corpus and HTTP cases (started by the first of them)."""
        if self.boot_error is not None:
            raise Failed("lab VM failed earlier: %s" % self.boot_error)
        if self.vm is None:
            try:
                self.lab, self.api, self.vm = self._boot()
                self.vm.wait_for(panel_line("HEALTHY"), STATE_TIMEOUT_S, from_start=True)
            except Exception as exc:  # pylint: disable=broad-except
                self.boot_error = exc
                raise
        return self.vm

    def _expect(self, state, total, golden):
        vm = self.vm
        self.display.expect(vm, golden, os.path.join(panel.GOLDEN_DIR, golden + ".pbm"),
                            max(panel.SCREEN_WINDOW_S, panel.rotation_s(total)))
        # The console prints a [panel] line per state change (counts alone print none): the
        # last one must show the state; the counts are on the display and in the poll line.
        last = [t for _, t in vm.lines if "[panel] %s " % LABEL in t][-1:]
        check(last and re.search(panel_line(state), last[0]),
              "last [panel] line %r shows %s" % (last, state))
        check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")

    def _round_served(self, server, total, rounds=3):
        """Waits for a poll line of `total` processes from a round that `server` answered whole
        (a round already in flight when the answer changed does not count)."""
        for _ in range(rounds):
            self.vm.wait_for(r"poll: %s: ok 200, %d processes" % (LABEL, total), STATE_TIMEOUT_S)
            if server.served >= server.pages:
                return
            server.served = 0
        raise Failed("no round of %d processes answered by the new server" % total)

    def _corpus_case(self, name):
        pages, total, counts, state = rounds()[name]
        self._shared_vm()
        server = PageServer(pages)
        self.api.override = server
        self._round_served(server, total)
        self._expect(state, total, "interop_%s_%dr%dc%du" % ((state.lower(),) + counts))

    # ---- the HTTP header cases ------------------------------------------------------------
    def _header_case(self, headers):
        self._shared_vm()
        self.api.set_processes(mf.make_processes(4))
        server = HeaderServer(headers)
        self.api.override = server
        self._round_served(server, 4)
        self._expect("HEALTHY", 4, "interop_healthy_4r0c0u")

    def test_many_header_lines(self):
        self._header_case([("X-Pad-%03d" % i, "v%d" % i) for i in range(100)])

    def test_one_long_header_line(self):
        self._header_case([("X-Debug-Trace", "a" * 6000)])

    # ---- request patterns in virtual time ----------------------------------------------------
    @staticmethod
    def _poll_times(vm, since, want):
        """Guest times of the watch's poll lines at or after `since` for which want(text)."""
        out = []
        for _, text in vm.lines:
            m = POLL_RE.search(text)
            t = guest_time(text) if m else None
            if m and t is not None and t >= since and want(m.group(1)):
                out.append(t)
        return out

    def _run_for(self, vm, clock, seconds, wall_s=300):
        """Lets `seconds` of guest time pass (-icount sleep=off: idle time runs fast)."""
        start = clock()
        deadline = time.monotonic() + wall_s
        while time.monotonic() < deadline and (clock() or start) < start + seconds:
            time.sleep(0.5)
        check((clock() or start) >= start + seconds, "%d s of guest time passed within %d s"
              % (seconds, wall_s))

    def _virtual_time_lab(self):
        lab, api, vm = self._boot("shift=0,sleep=off")
        clock = guest_clock.GuestClock(self.elf).attach(vm)
        vm.wait_for(panel_line("HEALTHY"), 120, from_start=True)
        return lab, api, vm, clock

    def test_auth_failures_back_off_to_five_minutes(self):
        lab, api, vm, clock = self._virtual_time_lab()
        try:
            api.override = lambda req: mf.Scripted.error(401, "Unauthenticated.")
            start = clock()
            vm.wait_for(panel_line("AUTH_ERROR"), 120)
            self._run_for(vm, clock, 16 * 60)
            times = self._poll_times(vm, start, lambda text: "401" in text)
            seen = [r for r in api.requests() if r["status"] == 401]
        finally:
            lab.close()
        gaps = [round(b - a, 1) for a, b in zip(times, times[1:])]
        print("  401 rounds at guest s %s; gaps %s" % ([round(t - start) for t in times], gaps))
        check(len(times) >= 3, "401 rounds over 16 minutes: %s" % times)
        check(all(g >= 299.0 for g in gaps[1:]), "after the second 401 in a row, one request "
              "per 5 minutes at most: gaps %s" % gaps)
        check(len(times) <= 2 + 3, "requests in 16 minutes: %d (%s)" % (len(times), gaps))
        eq(len(seen), len(times), "401 answers in the mock's log vs the firmware's 401 rounds")

    def test_malformed_bodies_back_off_at_most_a_minute(self):
        lab, api, vm, clock = self._virtual_time_lab()
        try:
            api.override = lambda req: mf.Scripted(status=200, body=b'{"data":[{"id":')
            start = clock()
            vm.wait_for(panel_line("BAD_RESPONSE"), 120)
            self._run_for(vm, clock, 6 * 60)
            times = self._poll_times(vm, start, lambda text: not text.startswith("ok"))
            seen = [r for r in api.requests() if r["scripted"]]
            healed = clock()
            api.override = None
            vm.wait_for(panel_line("HEALTHY"), 120)
            back = self._poll_times(vm, healed, lambda text: text.startswith("ok 200"))
        finally:
            lab.close()
        gaps = [round(b - a, 1) for a, b in zip(times, times[1:])]
        cap = max(2 * POLL_S, 60) + 1.0
        print("  malformed rounds: gaps %s; recovered %.1f s after healing"
              % (gaps, (back[0] - healed) if back else -1))
        check(len(times) >= 5, "malformed rounds in 6 virtual minutes: %s" % times)
        check(len(times) <= len(seen) <= len(times) + 1, "malformed answers in the mock's log (%d) "
              "match the firmware's failed rounds (%d)" % (len(seen), len(times)))
        check(all(g <= cap for g in gaps), "no wait beyond %.0f s: gaps %s" % (cap, gaps))
        check(back and back[0] - healed <= cap + 5, "recovered %.1f s after the server healed"
              % ((back[0] - healed) if back else -1))


def add_corpus_cases(cls):
    """One test_corpus_<round> per round of the corpus, so each is named in the summary."""
    try:
        names = sorted(rounds())
    except OSError:
        names = []

    def test_corpus_manifest(self):
        check(names, "rounds in %s" % os.path.join(CORPUS, "manifest.json"))
    cls.test_corpus_manifest = test_corpus_manifest
    for name in names:
        def run(self, name=name):
            self._corpus_case(name)
        run.__name__ = "test_corpus_" + name
        setattr(cls, run.__name__, run)
    return cls


def main():
    add_corpus_cases(Cases)
    return e2e_runner.main(Cases, image="release", golden=True)

if __name__ == "__main__":
    sys.exit(main())
