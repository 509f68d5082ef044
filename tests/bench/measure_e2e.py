#!/usr/bin/env python3
"""Figures from the firmware in the lab (private namespace, dnsmasq, SNTP, mock Forge API),
under QEMU -icount shift=0: one guest instruction is one virtual ns, timer0 ticks at 25 MHz, so
one tick is 40 instructions or 40 ns of idle virtual time.

Busy instructions = (timer0 ticks elapsed - ticks the core spent in System_Idle) x 40.
System_Idle (hal/mps2-an385/system.c) counts its own WFI time with interrupts masked, so the
interrupt that wakes it is handled after the count: its handler counts as busy. Everything the
core executes counts (TLS, HTTP, parsing, lwIP, checksums, the Ethernet driver's copies, the
1 ms tick and LED patterns, log output); only the core waiting for an interrupt is left out.

- `bench tls` per chain (ecdsa, rsa): BENCH_TLS_REPEATS full handshakes (session forgotten),
  then as many resumed ones, against the mock (DNS resolved and TCP connected beforehand; the
  TCP connect is timed separately and reported in the notes). Median and minimum.
- `bench poll`: BENCH_POLL_ROUNDS rounds back to back over one kept-alive connection; the
  first connects, the others are steady state (one page of 30, no handshake). Median, minimum.
- `bench agent 1` (poll 10 s): busy instructions and virtual ms from reset (System_Init) to
  the first panel state.
- `bench agent 63` under -icount shift=0,sleep=off (poll 60 s), twice: against a mock whose
  keep-alive idle timeout (on the GUEST's clock, read over QMP) is 30 s, then 75 s; handshakes
  per hour over the 61 intervals after the first steady round (61 virtual minutes), and the
  stack / TLS arena / lwIP high-water marks at the end (the larger of the two runs).
Needs root (the lab). Any failure leaves its figures null and says why."""
import argparse
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import benchlib  # noqa: E402
import firmware_lab  # noqa: E402
import guest_clock  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402

PROCESSES = 30
TICK = benchlib.INSNS_PER_TICK
TICKS_PER_MS = 25_000  # timer0 at 25 MHz
MIN_SAMPLES = 5
HOUR_POLL_S = 60
HOUR_ROUNDS = 63  # round 0 connects at a random offset; rounds 1..62 span 61 intervals
HOUR_IDLE_TIMEOUTS = (30, 75)
HOUR_TIME_LIMIT_S = 900  # host seconds for one virtual hour and a bit
ROUND_RE = re.compile(r"\[\s*([\d.]+)\] [IW] poll: web-1: (\S+).*handshakes (\d+) full (\d+) resumed")

KEYS = ["tls_arena_high_water_bytes", "lwip_pool_high_water_bytes", "stack_high_water_bytes",
        "insns_boot_to_first_state", "virtual_ms_boot_to_first_state",
        "insns_handshake_ecdsa_p256_median", "insns_handshake_ecdsa_p256_min",
        "insns_handshake_rsa2048_median", "insns_handshake_rsa2048_min",
        "insns_handshake_resumed_median", "insns_handshake_resumed_min",
        "insns_poll_keepalive_30_median", "insns_poll_keepalive_30_min"] + [
        "handshakes_per_hour_server_idle_%ds_poll_%ds" % (t, HOUR_POLL_S) for t in HOUR_IDLE_TIMEOUTS]


def median(values):
    return int(round(statistics.median(values)))


def run_hook(build, elf, chain, anchor, command, time_limit, poll=10, processes=5, icount=0,
             extra=(), mock_kw=None, use_guest_clock=False, rate_limit=None):
    """Returns (exit code, UART lines, the mock's connections)."""
    with netlab.NetLab(build) as lab:
        pki = pkimod.Pki.ensure(build)
        clock = guest_clock.GuestClock(elf) if use_guest_clock else None
        kw = dict(mock_kw or {})
        if clock is not None:
            kw["clock"] = clock
        api = firmware_lab.standard_lab(lab, pki, chain=chain, **kw)
        if rate_limit is not None:
            api.set_rate_limit(rate_limit, 60.0)
        api.set_processes(mf.make_processes(processes))
        image = firmware_lab.provision(lab, pki, elf, anchors=[anchor], poll=poll, watches=[
            "server=%s,label=web-1,page_size=30" % mf.SERVER])
        vm = qemu.Qemu(image, lab=lab, icount=icount, semihosting_args=command,
                       time_limit=time_limit, extra=list(extra)).start()
        if clock is not None:
            clock.attach(vm)
        try:
            code = vm.wait_exit(time_limit)
        except TimeoutError:
            code = None
        lines = list(vm.lines)
        if clock is not None:
            clock.attach(None)
        vm.close()
        conns = api.connections()
    if any(mf.TOKEN in text for _, text in lines):
        raise RuntimeError("the token appeared in the UART log")
    return code, lines, conns


def all_bench_values(lines):
    got = {}
    for _, text in lines:
        m = re.search(r"bench: (\w+) (\d+)", text)
        if m:
            got.setdefault(m.group(1), []).append(int(m.group(2)))
    return got


def busy(ticks, idle):
    return [(t - i) * TICK for t, i in zip(ticks, idle)]


def tls_figures(build, elf, chain, anchor, notes):
    """(full busy insns, resumed busy insns) lists, or (None, None)."""
    code, lines, _ = run_hook(build, elf, chain, anchor, "bench tls", 180)
    got = all_bench_values(lines)
    full = busy(got.get("handshake_full_ticks", []), got.get("handshake_full_idle_ticks", []))
    res = busy(got.get("handshake_resumed_ticks", []), got.get("handshake_resumed_idle_ticks", []))
    if code != 0 or len(full) < MIN_SAMPLES or len(res) < MIN_SAMPLES:
        notes.append("bench tls %s failed (exit %s, %d full, %d resumed): %s" % (
            chain, code, len(full), len(res), [t for _, t in lines[-6:]]))
        return None, None
    notes.append("%s: busy insns per handshake: full %s, resumed %s; virtual ns incl. idle: "
                 "full %s, resumed %s; TCP connect busy %s (virtual %s); arena peak %s B"
                 % (chain, full, res, [v * TICK for v in got["handshake_full_ticks"]],
                    [v * TICK for v in got["handshake_resumed_ticks"]],
                    busy(got["tcp_connect_ticks"], got["tcp_connect_idle_ticks"]),
                    [v * TICK for v in got["tcp_connect_ticks"]],
                    got.get("handshake_full_arena_peak_bytes")))
    return full, res


def poll_figures(build, elf, figures, notes):
    code, lines, _ = run_hook(build, elf, "ecdsa", "ecdsa-root", "bench poll", 180,
                              processes=PROCESSES)
    rounds, cur = [], None
    for _, text in lines:
        m = re.search(r"bench: (poll_\w+) (\d+)", text)
        if m and m.group(1) == "poll_round":
            cur = {}
            rounds.append(cur)
        elif m and cur is not None:
            cur[m.group(1)] = int(m.group(2))

    def insns(r):
        return (r.get("poll_ticks", 0) - r.get("poll_idle_ticks", 0)) * TICK
    steady = [r for r in rounds[1:] if r.get("poll_status") == 0 and r.get("poll_pages") == 1
              and r.get("poll_page_size") == PROCESSES
              and r.get("poll_handshakes_full", 0) + r.get("poll_handshakes_resumed", 0) == 1]
    summary = ["round %d: status %s, %s pages/%s requests of page[size]=%s, %d busy insns "
               "(%d virtual ns), handshakes %s+%s" % (
                   i, r.get("poll_status"), r.get("poll_pages"), r.get("poll_requests"),
                   r.get("poll_page_size"), insns(r), r.get("poll_ticks", 0) * TICK,
                   r.get("poll_handshakes_full"), r.get("poll_handshakes_resumed"))
               for i, r in enumerate(rounds)]
    notes.append("poll (bench poll, %d processes, page_size=30, exit %s): %s" % (
        PROCESSES, code, "; ".join(summary)))
    if code == 0 and len(steady) >= MIN_SAMPLES:
        values = [insns(r) for r in steady]
        figures["insns_poll_keepalive_30_median"] = median(values)
        figures["insns_poll_keepalive_30_min"] = min(values)
    else:
        notes.append("insns_poll_keepalive_30_* null: fewer than %d steady-state rounds of one "
                     "page of 30 over the kept-alive connection (see the rounds above)" % MIN_SAMPLES)


def agent_boot(build, elf, figures, notes):
    """-icount shift=0, poll interval 10 s (the minimum), one round: the first state."""
    code, lines, _ = run_hook(build, elf, "ecdsa", "ecdsa-root", "bench agent 1", 90, poll=10,
                              processes=PROCESSES)
    got = benchlib.bench_lines(lines)
    if code != 0 or not got.get("first_state_ticks"):
        notes.append("bench agent 1 failed (exit %s): %s" % (code, [t for _, t in lines[-8:]]))
        return
    # timer0 starts in System_Init: the reset handler's .data copy, .bss zeroing and stack
    # painting before it are not counted (nor in the virtual ms: well under 1 ms).
    ticks, idle = got["first_state_ticks"], got.get("first_state_idle_ticks", 0)
    figures["insns_boot_to_first_state"] = (ticks - idle) * TICK
    figures["virtual_ms_boot_to_first_state"] = round(ticks / TICKS_PER_MS, 1)
    notes.append("boot to first state: %.1f virtual ms, of which %.1f ms idle (DHCP, SNTP, DNS, "
                 "network round trips, the schedule's first slot); %d busy insns" % (
                     ticks / TICKS_PER_MS, idle / TICKS_PER_MS, (ticks - idle) * TICK))


def agent_hour(build, elf, idle_timeout, figures, notes):
    """-icount shift=0,sleep=off: a virtual hour takes a few host minutes. The mock's keep-alive
    idle timeout runs on the guest's clock (GuestClock: g_now_ms over QMP) and it closes idle
    connections with a FIN, so the firmware sees the close before its next poll. The mock's
    rate limit counts host seconds, which no longer match the guest's: it is lifted (the
    firmware's own budget still holds in virtual time). Returns the memory figures."""
    key = "handshakes_per_hour_server_idle_%ds_poll_%ds" % (idle_timeout, HOUR_POLL_S)
    code, lines, conns = run_hook(
        build, elf, "ecdsa", "ecdsa-root", "bench agent %d" % HOUR_ROUNDS, HOUR_TIME_LIMIT_S,
        poll=HOUR_POLL_S, processes=PROCESSES, icount=None, extra=["-icount", "shift=0,sleep=off"],
        mock_kw={"idle_timeout": float(idle_timeout)}, use_guest_clock=True, rate_limit=1000000)
    got = benchlib.bench_lines(lines)
    rounds = [(float(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4)))
              for _, t in lines for m in [ROUND_RE.search(t)] if m]
    if code != 0 or len(rounds) < HOUR_ROUNDS:
        notes.append("%s: bench agent failed (exit %s, %d rounds): %s" % (
            key, code, len(rounds), [t for _, t in lines[-8:]]))
        return None
    first, last = rounds[1], rounds[-1]
    hs_full, hs_res = last[2] - first[2], last[3] - first[3]
    window_s = last[0] - first[0]
    ok = sum(1 for r in rounds if r[1] == "ok")
    reaped = [c for c in conns if c.get("idle_closed") is not None]
    late = max((c["idle_close_late"] for c in reaped), default=None)
    # A failed round stays in: a handshake it causes is one the firmware made. Under
    # sleep=off a wait on a host service (dnsmasq, the mock) runs ~20x faster in guest time,
    # so a slow host can time one out; the notes list each failure.
    if window_s >= 3600.0:
        figures[key] = int(round((hs_full + hs_res) * 3600.0 / window_s))
    else:
        notes.append("%s null: steady window %.1f s (needs >= 3600)" % (key, window_s))
    failed = ["%.0f s: %s" % (t, text.split("poll: web-1: ", 1)[1].split(";")[0])
              for _, text in lines for m in [ROUND_RE.search(text)] if m and m.group(2) != "ok"
              for t in [float(m.group(1))]]
    notes.append("%s: %d rounds (%d ok; failed: %s), rounds 1..%d at %.1f..%.1f s virtual: %d full + %d "
                 "resumed handshakes over %.1f s; mock: %d connections, %d closed idle on the "
                 "guest clock (latest %.2f s after the deadline); stack %s of %s B, arena %s of "
                 "%s B, lwIP %s of %s B reserved (heap peak %s)" % (
                     key, len(rounds), ok, failed or "none", len(rounds) - 1, first[0], last[0], hs_full, hs_res,
                     window_s, len(conns), len(reaped), late if late is not None else 0.0,
                     got.get("stack_high_water_bytes"), got.get("stack_size_bytes"),
                     got.get("tls_arena_high_water_bytes"), got.get("tls_arena_size_bytes"),
                     got.get("lwip_pool_high_water_bytes"), got.get("lwip_pool_reserved_bytes"),
                     got.get("lwip_heap_high_water_bytes")))
    return {k: got.get(k) for k in ("tls_arena_high_water_bytes", "lwip_pool_high_water_bytes",
                                    "stack_high_water_bytes")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("--only", choices=("tls", "poll", "boot", "hour"), default=None)
    args = ap.parse_args()
    figures = {k: None for k in KEYS}
    notes = []
    if os.geteuid() != 0:
        benchlib.write_part(args.build, "e2e", figures, ["not root: the lab needs root; figures null"])
        return 1
    elf = benchlib.bench_elf(args.build, args.board)
    if args.only in (None, "tls"):
        full, resumed = tls_figures(args.build, elf, "ecdsa", "ecdsa-root", notes)
        if full is not None:
            figures["insns_handshake_ecdsa_p256_median"] = median(full)
            figures["insns_handshake_ecdsa_p256_min"] = min(full)
            figures["insns_handshake_resumed_median"] = median(resumed)
            figures["insns_handshake_resumed_min"] = min(resumed)
        full, _ = tls_figures(args.build, elf, "rsa", "rsa-root", notes)
        if full is not None:
            figures["insns_handshake_rsa2048_median"] = median(full)
            figures["insns_handshake_rsa2048_min"] = min(full)
    if args.only in (None, "poll"):
        poll_figures(args.build, elf, figures, notes)
    if args.only in (None, "boot"):
        agent_boot(args.build, elf, figures, notes)
    if args.only in (None, "hour"):
        mems = [m for m in (agent_hour(args.build, elf, t, figures, notes)
                            for t in HOUR_IDLE_TIMEOUTS) if m is not None]
        for key in ("tls_arena_high_water_bytes", "lwip_pool_high_water_bytes",
                    "stack_high_water_bytes"):
            values = [m[key] for m in mems if m.get(key) is not None]
            figures[key] = max(values) if values else None
    if args.only is not None:
        figures = {k: v for k, v in figures.items() if v is not None}
    benchlib.write_part(args.build, "e2e" if args.only is None else "e2e-" + args.only, figures, notes)
    return 0 if all(v is not None for v in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
