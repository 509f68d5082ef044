#!/usr/bin/env python3
"""`make run`: the panel under QEMU against the mock Forge API playing the lively scenario.

    python3 tests/e2e/run_panel.py --build build --board mps2-an385 [--seconds N] [--speed X]
                                   [--poll S] [--elf PATH]

Builds nothing (make did). Starts the private test network (dnsmasq, SNTP, mock API with the
throwaway PKI), plays scenario_lively on the mock, provisions a copy of the test image
(toolchain/provision.py through firmware_lab.provision: the scenario's watches, the mock's test
token, the lab's trust anchor, a short poll interval), boots it with the OLED attached and
shows its UART live (ANSI colour kept only when stdout is a terminal), with a line for every
scenario step. Display screenshots whose pixels changed are saved as PNG under
build/run/screens/ (latest.png is the last one). Ctrl-C (or --seconds) stops every process it
started: QEMU, dnsmasq, and the namespace with its services.

Real API: with FORGE_TOKEN, FORGE_ORG and FORGE_SERVER set, no lab is made. The image is
provisioned with the token from the environment (provision.py reads $FORGE_TOKEN; it is never
on a command line or printed), organization FORGE_ORG, one watch on FORGE_SERVER, and the
system CA store anchors in FORGE_ANCHORS (comma-separated names, default REAL_ANCHORS). Only
then does QEMU get user networking (restrict=off) to reach the internet. The provisioned
image (build/run/forgelight-real.elf, mode 0600) holds the token and is deleted afterwards.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import image  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402
import scenario_lively  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POLL_S = 10  # the firmware's floor (CONFIG_POLL_MIN_S)
REAL_ENV = ("FORGE_TOKEN", "FORGE_ORG", "FORGE_SERVER")
# forge.laravel.com's chain could not be fetched from this machine (no internet): these cover
# Let's Encrypt (RSA and ECDSA roots) and Google Trust Services (ECDSA), and fit the block's
# anchor budget (3 of 4 anchors, 2459 of 3072 bytes as DER). Override with FORGE_ANCHORS.
REAL_ANCHORS = ("ISRG Root X1", "ISRG Root X2", "GTS Root R4")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TTY = sys.stdout.isatty()


def say(text):
    sys.stdout.write("\033[1;36m== %s\033[0m\n" % text if TTY else "== %s\n" % text)
    sys.stdout.flush()


class ScreenSaver:
    """Every `every` seconds: screendump; save a PNG when the picture changed."""

    def __init__(self, vm, out_dir, every=0.5):
        self.vm, self.out_dir, self.every = vm, out_dir, every
        self.saved = 0
        self._last = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="screens", daemon=True)

    def start(self):
        os.makedirs(self.out_dir, exist_ok=True)
        for name in os.listdir(self.out_dir):  # only what an earlier run of this tool left
            if name.endswith(".png"):
                os.unlink(os.path.join(self.out_dir, name))
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


def firmware_path(args):
    if args.elf:
        return args.elf
    path = os.path.join(args.build, args.board + "-test", "forgelight.elf")
    if not os.path.exists(path):
        raise SystemExit("no %s: run `make firmware-test` first" % path)
    return path


def show_uart(vm, shown):
    """Echo UART lines not shown yet; returns the new count. Colour only on a terminal."""
    lines = vm.lines[shown:]
    for _, text in lines:
        sys.stdout.write((text if TTY else ANSI.sub("", text)) + "\n")
    if lines:
        sys.stdout.flush()
    return shown + len(lines)


def run_vm(args, vm):
    shots = ScreenSaver(vm, os.path.join(args.build, "run", "screens"), args.screens_every)
    vm.start()
    shots.start()
    shown = 0
    try:
        deadline = time.monotonic() + args.seconds if args.seconds else None
        while vm.running and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.1)
            shown = show_uart(vm, shown)
        if not vm.running:
            say("QEMU exited with %s" % vm.proc.returncode)
    finally:
        shots.close()
        vm.close()
        show_uart(vm, shown)
    return shots.saved


def run_lab(args, elf):
    pki = pkimod.Pki.ensure(args.build)
    with netlab.NetLab(args.build) as lab:
        api = firmware_lab.standard_lab(lab, pki, chain="ecdsa")
        player = scenario_lively.ScenarioPlayer(api, speed=args.speed,
                                                on_step=lambda s: say("scenario: " + s))
        watches = ["server=%s,label=%s" % (server, label)
                   for _, server, label in scenario_lively.WATCHES]
        image_path = firmware_lab.provision(lab, pki, elf, watches=watches,
                                            anchors=["ecdsa-root"], poll=args.poll)
        vm = qemu.Qemu(image_path, lab=lab, display=True, time_limit=None,
                       workdir=os.path.join(args.build, "run", "qemu"))
        say("lab %s: DHCP/DNS/SNTP/mock Forge API on %s; image %s (%s, poll %d s)"
            % (lab.name, netlab.HOST_IP, image_path, ", ".join(watches), args.poll))
        say("Ctrl-C stops it; screenshots go to %s" % os.path.join(args.build, "run", "screens"))
        player.start()
        try:
            saved = run_vm(args, vm)
        finally:
            player.stop()
        say("%d API requests served, %d screenshots in %s" % (
            len(api.requests()), saved, os.path.join(args.build, "run", "screens")))


def provision_real(args, elf):
    out_dir = os.path.join(args.build, "run")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "forgelight-real.elf")
    anchors = [a.strip() for a in os.environ.get("FORGE_ANCHORS", "").split(",") if a.strip()]
    argv = [sys.executable, os.path.join(ROOT, "toolchain", "provision.py"), elf, "-o", out,
            "--org", os.environ["FORGE_ORG"], "--poll", str(max(args.poll, 30)),
            "--watch", "server=%s,label=forge" % os.environ["FORGE_SERVER"]]
    for name in anchors or REAL_ANCHORS:
        argv += ["--anchor", name]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    output = (proc.stdout + proc.stderr).replace(os.environ["FORGE_TOKEN"], "<token>")
    if proc.returncode != 0:
        raise SystemExit("provision.py failed:\n" + output)
    os.chmod(out, 0o600)
    return out


def run_real(args, elf):
    say("FORGE_TOKEN/FORGE_ORG/FORGE_SERVER set: polling the real API through QEMU user "
        "networking (org %s, server %s)" % (os.environ["FORGE_ORG"], os.environ["FORGE_SERVER"]))
    image_path = provision_real(args, elf)
    try:
        vm = qemu.Qemu(image_path, net="user", display=True, time_limit=None,
                       workdir=os.path.join(args.build, "run", "qemu"))
        saved = run_vm(args, vm)
    finally:
        os.unlink(image_path)  # it holds the real token
    say("%d screenshots in %s" % (saved, os.path.join(args.build, "run", "screens")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("--elf", default=None, help="test image to provision (default: the build's)")
    ap.add_argument("--seconds", type=float, default=0.0, help="stop after this (0: Ctrl-C)")
    ap.add_argument("--speed", type=float, default=1.0, help="scenario speed factor")
    ap.add_argument("--poll", type=int, default=POLL_S, help="poll interval (s)")
    ap.add_argument("--screens-every", type=float, default=0.5)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    elf = firmware_path(args)
    try:
        if all(os.environ.get(k) for k in REAL_ENV):
            run_real(args, elf)
        else:
            run_lab(args, elf)
    except KeyboardInterrupt:
        say("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
