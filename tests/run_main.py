#!/usr/bin/env python3
"""`make run`: boot the release firmware under QEMU (mps2-an385) with its console on this
terminal. Ctrl-C stops QEMU. No network is attached yet: the private test network and the
mock Forge API join once the networking and panel work lands."""
import argparse
import os
import signal
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--board", default="mps2-an385")
    args = parser.parse_args()
    elf = os.path.join(args.build, args.board, "forgelight.elf")
    cmd = ["qemu-system-arm", "-M", args.board, "-display", "none", "-monitor", "none",
           "-serial", "stdio", "-nic", "none", "-kernel", elf]
    print("run: " + " ".join(cmd) + "\nrun: Ctrl-C stops it", flush=True)
    proc = subprocess.Popen(cmd)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        return 0


if __name__ == "__main__":
    sys.exit(main())
