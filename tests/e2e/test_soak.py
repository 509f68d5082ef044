#!/usr/bin/env python3
"""Soak (issue 6, item 5): N poll rounds of the test image under QEMU `-icount shift=0`
against the mock, with faults mixed in, and the firmware's periodic `stats:` lines as the
evidence: no reset, every poll accounted for, the mbedTLS arena and lwIP heap/pool high-waters
flat after warm-up, the painted-stack high-water under the static bound (computed by the suite
itself with `make stack-bound`, the gate's own step), full
and resumed handshakes counted. Figures go to build/soak.json.

    python3 tests/e2e/test_soak.py --build build [--polls 100] [--board mps2-an385] [-v]

Virtual time: `-icount shift=0,sleep=off` (one ns per instruction; idle time is skipped), so
100 polls at the 10 s minimum interval take well under the wall time they would in real time.
The mock's rate limit counts real seconds, which no longer match the guest's, so it is lifted;
the firmware's own budget still holds in virtual time. The mock's keep-alive idle timeout runs
on the guest's clock (guest_clock.GuestClock: the firmware's g_now_ms over QMP), so the
per-hour handshake figures (from the stats lines' guest timestamps) see the server behave as it
would in real time.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import firmware_lab  # noqa: E402
import guest_clock  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
from e2e_runner import Failed, check, eq, run_cases, summary  # noqa: E402

WATCHES = [("4242", "web-1", 12), ("4243", "web-2", 30), ("4244", "worker", 3), ("4245", "db", 45)]
POLL_S = 10
STATS_EVERY = 10  # AGENT_STATS_EVERY_POLLS
STATS_RE = re.compile(r"^\[\s*([\d.]+)\] I stats: (.*)$")
POLL_RE = re.compile(r"^\[\s*([\d.]+)\] [IW] poll: (\S+): (\S+)")
FLAT_KEYS = ("arena_peak", "lwip_heap_max", "lwip_pool_max")
# An open TLS connection holds its 16 KB record buffer in the arena; a closed one holds none.
CONNECTED_ARENA_BYTES = 8192


def connected(sample):
    return sample["arena_cur"] >= CONNECTED_ARENA_BYTES


KEPT = FLAT_KEYS + ("stack_hw", "lwip_err", "arena_cur", "lwip_pool_used", "pools")


def fault_cycle(api):
    """One fault per call, in turn: the soak's mix (each recovers on its own)."""
    faults = [
        ("500", lambda: api.queue(mf.Scripted.error(500))),
        ("503", lambda: api.queue(mf.Scripted.maintenance())),
        ("close mid-body", lambda: api.queue(mf.Scripted(close_mid="body"))),
        ("malformed json", lambda: api.queue(mf.Scripted(status=200, body=b'{"data": ['))),
        ("truncated chunked", lambda: api.queue(mf.Scripted(chunks=[50], truncate_chunked=True))),
        ("429 retry-after 5", lambda: api.queue(mf.Scripted.rate_limited(5))),
        ("connections dropped", api.drop_connections),
    ]
    state = {"n": 0}

    def inject():
        name, fn = faults[state["n"] % len(faults)]
        state["n"] += 1
        fn()
        return name
    return inject


def static_stack_bound(build, board):
    """The release image's worst-case stack bound, computed now (`make stack-bound`, the gate's
    step 5) rather than read from whatever an earlier `make check` left: (bound, why)."""
    # The linker map names objects relative to the repository: BUILD must be given the same way
    # or the tool finds no stack data for them (and reports it as findings).
    rel = os.path.relpath(os.path.abspath(build), ROOT)
    proc = subprocess.run(["make", "--no-print-directory", "-s", "stack-bound", "BUILD=" + rel,
                           "BOARD=" + board], cwd=ROOT, capture_output=True, text=True, check=False)
    findings, m = "", None
    try:
        with open(os.path.join(ROOT, rel, "check", "stack.txt"), encoding="utf-8") as handle:
            findings = handle.read().strip()
        with open(os.path.join(ROOT, rel, "check", "log", "stack.log"), encoding="utf-8") as handle:
            m = re.search(r"worst case: (\d+) B", handle.read())
    except OSError as exc:
        findings = findings or str(exc)
    if proc.returncode != 0 or m is None or findings:
        return None, "make stack-bound: exit %d, findings %r, %s" % (
            proc.returncode, findings[:300], (proc.stdout + proc.stderr)[-300:])
    return int(m.group(1)), ""


class Soak:
    def __init__(self, build, board, elf, polls, out, fault_every):
        self.build, self.board, self.elf, self.polls, self.out = build, board, elf, polls, out
        self.fault_every = fault_every
        self.pki = pkimod.Pki.ensure(build)

    def test_soak(self):
        target = ((self.polls + STATS_EVERY - 1) // STATS_EVERY) * STATS_EVERY
        with netlab.NetLab(self.build) as lab:
            lab.start_dnsmasq()
            lab.start_sntp()
            clock = guest_clock.GuestClock(self.elf)
            api = lab.start_mock(self.pki, chain="ecdsa", clock=clock)
            api.set_rate_limit(1000000, 60.0)
            for server, _, n in WATCHES:
                api.set_processes(mf.make_processes(n), server=server)
            image = firmware_lab.provision(lab, self.pki, self.elf, poll=POLL_S, watches=[
                "server=%s,label=%s,page_size=30" % (s, label) for s, label, _ in WATCHES])
            vm = firmware_lab.boot(lab, image, time_limit=3600,
                                   extra=["-icount", "shift=0,sleep=off"])
            clock.attach(vm)
            t0 = time.monotonic()
            inject = fault_cycle(api)
            injected = []
            stop = threading.Event()
            # faults land every `fault_every` polls (counted from the UART, not the clock)
            state = {"next": self.fault_every}

            def count_polls():
                return sum(1 for _, t in vm.lines if POLL_RE.search(t))

            def injector():
                while not stop.is_set():
                    if count_polls() >= state["next"]:
                        injected.append((count_polls(), inject()))
                        state["next"] += self.fault_every
                    stop.wait(0.05)
            thread = threading.Thread(target=injector, daemon=True)
            thread.start()
            try:
                deadline = time.monotonic() + max(170.0, self.polls * 1.5)
                def complete():
                    texts = [t for _, t in vm.lines]
                    for i, text in enumerate(texts):
                        if STATS_RE.search(text) and ("polls=%d " % target) in text:
                            return any("I stats: pools" in t for t in texts[i + 1:i + 4])
                    return False
                while not complete():
                    if vm.proc.poll() is not None:
                        raise Failed("QEMU ended (code %s)" % vm.proc.poll())
                    if time.monotonic() > deadline:
                        raise Failed("%d polls not reached in %.0f s (at %d)" % (
                            target, deadline - t0, count_polls()))
                    time.sleep(0.2)
            finally:
                stop.set()
                thread.join(2)
            wall = time.monotonic() - t0
            lines = [t for _, t in vm.lines]
            self.verify(lines, target, injected, wall, api)

    def verify(self, lines, target, injected, wall, api):
        banners = [t for t in lines if "I boot: forgelight " in t]
        eq(len(banners), 1, "boot banners (resets)")
        check(not any("[FAULT]" in t for t in lines), "no fault dump")
        check(not any(mf.TOKEN in t for t in lines), "token never in the log")
        stats, polls, outcome = [], 0, {}
        for text in lines:
            m = POLL_RE.search(text)
            if m:
                polls += 1
                outcome[m.group(3)] = outcome.get(m.group(3), 0) + 1
                continue
            m = STATS_RE.search(text)
            if m:
                if m.group(2).startswith("pools"):  # third line: closes the record
                    if stats:
                        stats[-1]["pools"] = m.group(2)[len("pools"):].strip()
                        if stats[-1]["polls"] >= target:
                            break
                    continue
                fields = {k: int(v) for k, v in (kv.split("=") for kv in m.group(2).split())}
                if "polls" in fields:  # first of the two lines
                    fields["t"] = float(m.group(1))
                    eq(fields["polls"], polls, "stats polls= against the poll lines before it")
                    stats.append(fields)
                elif stats:
                    stats[-1].update(fields)
        check(stats and stats[-1]["polls"] == target, "a stats line at %d polls" % target)
        warm_at = min(100, target // 2)
        end = stats[-1]
        # What is "in use" depends on whether the connection was open when the line was
        # written (an injected fault closes it: the arena then holds only the anchors), so
        # the warm-up sample is the first one after warm_at in the same state as the end.
        warm = next((s for s in stats if s["polls"] >= warm_at
                     and connected(s) == connected(end)), None)
        check(warm is not None, "a stats line after poll %d with the connection %s as at the end"
              % (warm_at, "open" if connected(end) else "closed"))
        bound, bound_why = static_stack_bound(self.build, self.board)
        hours = (end["t"] - stats[0]["t"]) / 3600.0 if len(stats) > 1 else 0.0
        figures = {
            "polls": end["polls"], "polls_ok": end["ok"], "outcomes": outcome,
            "faults_injected": len(injected), "fault_kinds": sorted({n for _, n in injected}),
            "resets": 0, "wall_s": round(wall, 1), "virtual_s": end["t"],
            "requests_seen_by_mock": len(api.requests()),
            "handshakes_full": end["hs_full"], "handshakes_resumed": end["hs_resumed"],
            "handshakes_full_per_hour": round((end["hs_full"] - stats[0]["hs_full"]) / hours, 1)
            if hours else None,
            "handshakes_resumed_per_hour": round(
                (end["hs_resumed"] - stats[0]["hs_resumed"]) / hours, 1) if hours else None,
            "warmup_at_polls": warm["polls"],
            "at_warmup": {k: warm[k] for k in KEPT},
            "at_end": {k: end[k] for k in KEPT},
            "arena_size": end["arena_size"], "stack_size": end["stack_size"],
            "stack_static_bound": bound,
        }
        os.makedirs(os.path.dirname(self.out) or ".", exist_ok=True)
        with open(self.out, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
        print(json.dumps(figures, indent=2))
        for key in ("arena_peak", "lwip_heap_max"):
            eq(end[key], warm[key], "%s flat after warm-up (poll %d -> %d)" % (
                key, warm["polls"], end["polls"]))
        # Pools: nothing held (no leak), and the summed high-water may still find one more
        # block in a rare interleaving (a PBUF or a UDP PCB: seen 18 -> 19 once in 1000 polls).
        eq(end["lwip_pool_used"], warm["lwip_pool_used"], "lwIP pool blocks in use (leak)")
        check(end["lwip_pool_max"] - warm["lwip_pool_max"] <= 1,
              "lwIP pool high-water flat after warm-up: %d -> %d (%s -> %s)" % (
                  warm["lwip_pool_max"], end["lwip_pool_max"], warm["pools"], end["pools"]))
        eq(end["lwip_err"], 0, "lwIP allocation failures")
        eq(end["arena_cur"], warm["arena_cur"], "TLS arena in use between polls (leak)")
        check(end["stack_hw"] <= end["stack_size"], "stack high-water within the stack")
        check(bound is not None, "static stack bound: " + bound_why)
        check(end["stack_hw"] <= bound, "stack high-water %d <= static bound %d" % (
            end["stack_hw"], bound))
        check(end["ok"] >= end["polls"] - 3 * len(injected) - 4,
              "polls fail only around faults: %d ok of %d, %d faults" % (
                  end["ok"], end["polls"], len(injected)))
        check(len(injected) >= 3, "faults were mixed in (%d)" % len(injected))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("--polls", type=int, default=100)
    ap.add_argument("--fault-every", type=int, default=7, help="polls between injected faults")
    ap.add_argument("--out", default=None, help="figures (default <build>/soak.json)")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    elf = os.path.join(args.build, args.board + "-test", "forgelight.elf")
    out = args.out or os.path.join(args.build, "soak.json")
    return summary(run_cases(Soak(args.build, args.board, elf, args.polls, out, args.fault_every), None,
                             args.v))


if __name__ == "__main__":
    sys.exit(main())
