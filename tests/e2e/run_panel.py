#!/usr/bin/env python3
"""`make run`: the panel under QEMU against the mock Forge API playing the lively scenario.

    python3 tests/e2e/run_panel.py --build build --board mps2-an385 [--seconds N] [--speed X]
                                   [--elf PATH] [--config BLOB]

Starts the private test network (dnsmasq, SNTP, mock API with the throwaway PKI), plays
scenario_lively on the mock, boots the firmware with the OLED attached and shows its UART live,
with a line for every scenario step. Display screenshots whose pixels changed are saved as PNG
under build/run/screens/. Ctrl-C (or --seconds) stops everything it started.

Configuration for the firmware: build/run/lab.json describes the lab (API host, organization,
watches, the test token, trust anchor DER files). A configuration block is loaded at the
board's config region (--config-addr, mps2-an385: 0x003FE000) from --config, or made from
lab.json by `toolchain/provision.py --lab build/run/lab.json --out build/run/config.bin`
when that tool exists.

With FORGE_TOKEN, FORGE_ORG and FORGE_SERVER set, no lab is made: QEMU gets user networking
(the only case where it may reach the internet) and the firmware polls the real API; the
configuration must then come from --config. The token is never printed.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import image  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402
import scenario_lively  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG_ADDR = {"mps2-an385": 0x003FE000}


def say(text):
    sys.stdout.write("\033[1;36m== %s\033[0m\n" % text if sys.stdout.isatty() else
                     "== %s\n" % text)
    sys.stdout.flush()


class ScreenSaver:
    """Every `every` seconds: screendump; save a PNG when the picture changed."""

    def __init__(self, vm, out_dir, every=1.0):
        self.vm, self.out_dir, self.every = vm, out_dir, every
        self.saved = 0
        self._last = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="screens", daemon=True)

    def start(self):
        os.makedirs(self.out_dir, exist_ok=True)
        self._thread.start()
        return self

    def _run(self):
        t0 = time.monotonic()
        while not self._stop.wait(self.every):
            if not self.vm.running:
                return
            try:
                img = self.vm.screendump()
            except (qemu.QemuError, OSError, ValueError):
                continue
            if self._last is not None and img.rgb == self._last.rgb:
                continue
            self._last = img
            self.saved += 1
            name = "%04d-%06.1fs.png" % (self.saved, time.monotonic() - t0)
            image.write_png(img, os.path.join(self.out_dir, name))
            image.write_png(img, os.path.join(self.out_dir, "latest.png"))

    def close(self):
        self._stop.set()
        self._thread.join(3)


def lab_description(pki, path):
    desc = {"api_host": mf.HOST, "api_address": netlab.HOST_IP, "organization": mf.ORG,
            "token": mf.TOKEN,  # test-only token of the mock
            "watches": [{"organization": o, "server": s, "label": label}
                        for o, s, label in scenario_lively.WATCHES],
            "ntp_server": netlab.HOST_IP,
            "trust_anchors": [pki.anchor_path(n, "der") for n in pki.trusted_anchors()]}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(desc, f, indent=2)
    return desc


def config_blob(args, lab_json):
    if args.config:
        return args.config
    tool = os.path.join(ROOT, "toolchain", "provision.py")
    if not os.path.exists(tool):
        say("no toolchain/provision.py yet: booting without a configuration block")
        return None
    out = os.path.join(args.build, "run", "config.bin")
    proc = subprocess.run([sys.executable, tool, "--lab", lab_json, "--out", out],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        say("provision.py failed (%s): booting without a configuration block"
            % proc.stderr.strip()[-200:])
        return None
    return out


def firmware_path(args):
    if args.elf:
        return args.elf
    for variant in (args.board + "-test", args.board):
        path = os.path.join(args.build, variant, "forgelight.elf")
        if os.path.exists(path):
            return path
    raise SystemExit("no firmware under %s: run `make firmware-test` first" % args.build)


def run_vm(args, vm, extra_services=()):
    shots = ScreenSaver(vm, os.path.join(args.build, "run", "screens"), args.screens_every)
    vm.start()
    shots.start()
    try:
        deadline = time.monotonic() + args.seconds if args.seconds else None
        while vm.running and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.2)
        if not vm.running:
            say("QEMU exited with %s" % vm.proc.returncode)
    finally:
        shots.close()
        for svc in extra_services:
            svc.close()
        vm.close()
    return shots.saved


def run_lab(args, elf):
    pki = pkimod.Pki.ensure(args.build)
    lab_json = os.path.join(args.build, "run", "lab.json")
    lab_description(pki, lab_json)
    blob = config_blob(args, lab_json)
    loaders = [(blob, args.config_addr)] if blob else []
    with netlab.NetLab(args.build) as lab:
        lab.start_dnsmasq()
        lab.start_sntp()
        api = lab.start_mock(pki, chain="ecdsa")
        player = scenario_lively.ScenarioPlayer(api, speed=args.speed,
                                                on_step=lambda s: say("scenario: " + s))
        vm = qemu.Qemu(elf, lab=lab, display=True, echo=True, time_limit=None,
                       loaders=loaders, workdir=os.path.join(args.build, "run", "qemu"))
        say("lab %s: DHCP/DNS/SNTP/mock Forge API on %s; firmware %s"
            % (lab.name, netlab.HOST_IP, elf))
        player.start()
        saved = run_vm(args, vm, [player])
        say("%d API requests served, %d screenshots in %s" % (
            len(api.requests()), saved, os.path.join(args.build, "run", "screens")))


def run_real(args, elf):
    say("FORGE_TOKEN/FORGE_ORG/FORGE_SERVER set: polling the real API through QEMU user "
        "networking (org %s, server %s)" % (os.environ["FORGE_ORG"], os.environ["FORGE_SERVER"]))
    if not args.config:
        say("the real-API mode needs --config BLOB (token, org, server, anchors)")
    loaders = [(args.config, args.config_addr)] if args.config else []
    vm = qemu.Qemu(elf, net="user", display=True, echo=True, time_limit=None, loaders=loaders,
                   workdir=os.path.join(args.build, "run", "qemu"))
    saved = run_vm(args, vm)
    say("%d screenshots in %s" % (saved, os.path.join(args.build, "run", "screens")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("--elf", default=None)
    ap.add_argument("--config", default=None, help="configuration block to load")
    ap.add_argument("--config-addr", type=lambda s: int(s, 0), default=None)
    ap.add_argument("--seconds", type=float, default=0.0, help="stop after this (0: Ctrl-C)")
    ap.add_argument("--speed", type=float, default=1.0, help="scenario speed factor")
    ap.add_argument("--screens-every", type=float, default=1.0)
    args = ap.parse_args()
    if args.config_addr is None:
        args.config_addr = CONFIG_ADDR.get(args.board, 0)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    elf = firmware_path(args)
    try:
        if all(os.environ.get(k) for k in ("FORGE_TOKEN", "FORGE_ORG", "FORGE_SERVER")):
            run_real(args, elf)
        else:
            run_lab(args, elf)
    except KeyboardInterrupt:
        say("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
