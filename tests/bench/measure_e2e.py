#!/usr/bin/env python3
"""Figures from the firmware in the lab (private namespace, dnsmasq, SNTP, mock Forge API),
under QEMU -icount shift=0 so timer0 ticks (x 40) are guest instructions plus idle virtual time:

- `bench tls` per chain (ecdsa, rsa): full handshake, then resumed ones, against the mock
  (TLS over net/tcp + net/tls, DNS resolved beforehand, TCP connect timed separately);
- `bench poll`: rounds back to back over one kept-alive connection, instructions excluding
  the transport (lwIP and waiting);
- `bench agent 1` (poll 10 s): instructions from boot to the first panel state;
- `bench agent 3` without -icount (poll 60 s, one watch of 30 processes): handshakes per poll
  in steady state, and the stack / TLS arena / lwIP high-water marks at the end.
Needs root (the lab). Any failure leaves its figures null and says why."""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import benchlib  # noqa: E402
import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402

POLL_S = 60
ROUNDS = 3
PROCESSES = 30
TICK = benchlib.INSNS_PER_TICK
ROUND_RE = re.compile(r"\[\s*([\d.]+)\] I poll: web-1: (\w+).*handshakes (\d+) full (\d+) resumed")


def run_hook(build, elf, chain, anchor, command, time_limit, poll=10, processes=5, icount=0):
    with netlab.NetLab(build) as lab:
        pki = pkimod.Pki.ensure(build)
        api = firmware_lab.standard_lab(lab, pki, chain=chain)
        api.set_processes(mf.make_processes(processes))
        image = firmware_lab.provision(lab, pki, elf, anchors=[anchor], poll=poll, watches=[
            "server=%s,label=web-1,page_size=30" % mf.SERVER])
        vm = qemu.Qemu(image, lab=lab, icount=icount, semihosting_args=command,
                       time_limit=time_limit).start()
        try:
            code = vm.wait_exit(time_limit)
        except TimeoutError:
            code = None
        lines = list(vm.lines)
        vm.close()
    if any(mf.TOKEN in text for _, text in lines):
        raise RuntimeError("the token appeared in the UART log")
    return code, lines


def tls_figures(build, elf, chain, anchor, notes):
    code, lines = run_hook(build, elf, chain, anchor, "bench tls", 120)
    got = {}
    for _, text in lines:
        m = re.search(r"bench: (\w+) (\d+)", text)
        if m:
            got.setdefault(m.group(1), []).append(int(m.group(2)))
    if code != 0 or not got.get("handshake_full_ticks") or not got.get("handshake_resumed_ticks"):
        notes.append("bench tls %s failed (exit %s): %s" % (chain, code, [t for _, t in lines[-6:]]))
        return None, None
    # Instructions of the handshake itself: its virtual time minus the time inside the
    # transport (lwIP and idle waiting for the mock, which is host wall time under sleep=on).
    full_cpu = [(t - io) * TICK for t, io in zip(got["handshake_full_ticks"], got["handshake_full_io_ticks"])]
    res_cpu = [(t - io) * TICK for t, io in zip(got["handshake_resumed_ticks"],
                                                got["handshake_resumed_io_ticks"])]
    full, resumed = min(full_cpu), min(res_cpu)
    notes.append("%s: handshake insns excl. transport: full %s, resumed %s; virtual time incl. "
                 "transport: full %s, resumed %s; TCP connect %s; arena peak %s B"
                 % (chain, full_cpu, res_cpu, [v * TICK for v in got["handshake_full_ticks"]],
                    [v * TICK for v in got["handshake_resumed_ticks"]],
                    [v * TICK for v in got["tcp_connect_ticks"]],
                    got.get("handshake_full_arena_peak_bytes")))
    return full, resumed


def poll_figures(build, elf, figures, notes):
    code, lines = run_hook(build, elf, "ecdsa", "ecdsa-root", "bench poll", 120, processes=PROCESSES)
    rounds, cur = [], None
    for _, text in lines:
        m = re.search(r"bench: (poll_\w+) (\d+)", text)
        if m and m.group(1) == "poll_round":
            cur = {}
            rounds.append(cur)
        elif m and cur is not None:
            cur[m.group(1)] = int(m.group(2))
    steady = [r for r in rounds[1:] if r.get("poll_status") == 0 and r.get("poll_pages") == 1
              and r.get("poll_handshakes_full", 0) + r.get("poll_handshakes_resumed", 0) == 1]
    summary = ["round %d: status %s, %s pages/%s requests of page[size]=%s, %d insns excl. transport "
               "(%d virtual), handshakes %s+%s" % (
                   i, r.get("poll_status"), r.get("poll_pages"), r.get("poll_requests"),
                   r.get("poll_page_size"), (r.get("poll_ticks", 0) - r.get("poll_io_ticks", 0)) * TICK,
                   r.get("poll_ticks", 0) * TICK, r.get("poll_handshakes_full"),
                   r.get("poll_handshakes_resumed")) for i, r in enumerate(rounds)]
    notes.append("poll (bench poll, %d processes, page_size=30, exit %s): %s" % (PROCESSES, code,
                                                                                 "; ".join(summary)))
    if code == 0 and steady and all(r.get("poll_page_size") == PROCESSES for r in steady):
        figures["insns_poll_keepalive_30"] = min((r["poll_ticks"] - r["poll_io_ticks"]) * TICK for r in steady)
    else:
        notes.append("insns_poll_keepalive_30 null: no steady-state round of one page of 30 "
                     "over the kept-alive connection (see the rounds above)")


def agent_boot(build, elf, figures, notes):
    """-icount shift=0, poll interval 10 s (the minimum), one round: the first state."""
    code, lines = run_hook(build, elf, "ecdsa", "ecdsa-root", "bench agent 1", 60, poll=10,
                           processes=PROCESSES)
    got = benchlib.bench_lines(lines)
    if code != 0 or not got.get("first_state_ticks"):
        notes.append("bench agent 1 failed (exit %s): %s" % (code, [t for _, t in lines[-8:]]))
        return
    # From timer0's start in Clock_Init (the reset handler's copy/zero/paint before it is not
    # counted) to the first [panel] line with a real state, minus the time the main loop sat
    # idle waiting for the schedule's first slot (a random offset within one poll interval,
    # not work). Waits inside the steps (DHCP, SNTP, TCP/TLS round trips) remain.
    total = got["first_state_ticks"] * TICK
    idle = got.get("first_state_idle_ticks", 0) * TICK
    figures["insns_boot_to_first_state"] = total - idle
    notes.append("boot to first state: %d virtual ns, of which %d idle in the main loop waiting for "
                 "the schedule's first slot; %d busy (incl. waits inside the steps)" % (total, idle,
                                                                                      total - idle))


def agent_steady(build, elf, figures, notes):
    """No -icount, so that virtual time is host time like the mock's: poll interval 60 s against
    the mock's keep-alive idle timeout (75 s, nginx's default); ROUNDS rounds. Under -icount the
    guest's 60 s took 69-84 s of host time here, past the mock's timeout, which turned a kept-alive
    connection into a resumed handshake per poll depending on host load."""
    limit = POLL_S * ROUNDS + 60  # the first round comes at a random offset within one interval
    code, lines = run_hook(build, elf, "ecdsa", "ecdsa-root", "bench agent %d" % ROUNDS, limit,
                           poll=POLL_S, processes=PROCESSES, icount=None)
    got = benchlib.bench_lines(lines)
    rounds = [(float(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4)))
              for _, t in lines for m in [ROUND_RE.search(t)] if m]
    if code != 0 or len(rounds) < ROUNDS:
        notes.append("bench agent failed (exit %s, %d rounds): %s" % (code, len(rounds),
                                                                      [t for _, t in lines[-8:]]))
        return
    for key in ("tls_arena_high_water_bytes", "lwip_pool_high_water_bytes", "stack_high_water_bytes"):
        figures[key] = got.get(key)
    ok = all(r[1] == "ok" for r in rounds)
    steady = rounds[1:]
    hs = (steady[-1][2] + steady[-1][3]) - (rounds[0][2] + rounds[0][3])
    window_s = steady[-1][0] - rounds[0][0]
    if ok and window_s > 0:
        figures["handshakes_per_hour"] = int(round(hs * 3600.0 / window_s))
    notes.append("agent: rounds at %s s, status %s, handshakes full+resumed %s; %d handshakes over "
                 "%.1f s of steady state; stack %s of %s B, arena %s of %s B, lwIP %s of %s B "
                 "reserved (heap peak %s)" % (
                     [r[0] for r in rounds], [r[1] for r in rounds],
                     ["%d+%d" % (r[2], r[3]) for r in rounds], hs, window_s,
                     got.get("stack_high_water_bytes"), got.get("stack_size_bytes"),
                     got.get("tls_arena_high_water_bytes"), got.get("tls_arena_size_bytes"),
                     got.get("lwip_pool_high_water_bytes"), got.get("lwip_pool_reserved_bytes"),
                     got.get("lwip_heap_high_water_bytes")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("--only", choices=("tls", "poll", "agent"), default=None)
    args = ap.parse_args()
    keys = ["tls_arena_high_water_bytes", "lwip_pool_high_water_bytes", "stack_high_water_bytes",
            "insns_boot_to_first_state", "insns_handshake_ecdsa_p256", "insns_handshake_rsa2048",
            "insns_handshake_resumed", "insns_poll_keepalive_30", "handshakes_per_hour"]
    figures = {k: None for k in keys}
    notes = []
    if os.geteuid() != 0:
        benchlib.write_part(args.build, "e2e", figures, ["not root: the lab needs root; figures null"])
        return 1
    elf = benchlib.bench_elf(args.build, args.board)
    if args.only in (None, "tls"):
        full, resumed = tls_figures(args.build, elf, "ecdsa", "ecdsa-root", notes)
        figures["insns_handshake_ecdsa_p256"], figures["insns_handshake_resumed"] = full, resumed
        figures["insns_handshake_rsa2048"], _ = tls_figures(args.build, elf, "rsa", "rsa-root", notes)
    if args.only in (None, "poll"):
        poll_figures(args.build, elf, figures, notes)
    if args.only in (None, "agent"):
        agent_boot(args.build, elf, figures, notes)
        agent_steady(args.build, elf, figures, notes)
    benchlib.write_part(args.build, "e2e" if args.only is None else "e2e-" + args.only, figures, notes)
    return 0 if all(v is not None for v in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
