#!/usr/bin/env python3
"""Trust-anchor rotation on a running image (issue 16, item 8), end to end on mps2-an385:
toolchain/console.py pushes a new anchor set over the serial line (a pty bridged to the QEMU
UART, opened with termios as a /dev/ttyACM0 would be) to the running firmware, which streams it
into the run-time slot not in use, checks it and only then makes it valid.

  - rotate: an image that trusts only CA A polls the mock (chain A); the mock switches to chain
    B (untrusted: TLS refused); the tool pushes B; the panel polls again without a reboot; after
    `reboot` (QEMU keeps the code memory, so the run-time slot survives) it still trusts B.
  - refused: a set whose anchor has one flipped byte (in the outer tag, in the serial number,
    in the signature), and a set with a wrong CRC, are refused with their named errors; the old
    anchor stays in use (a fresh handshake works), before and after a reset, and so after a
    reset in the middle of a rotation.
  - capacity: a realistic set (3 RSA-4096 roots, 3 P-384 roots of real sizes, plus the lab's
    RSA-4096 and P-256 roots: 8 anchors, about 8 KB of DER, the full capacity; the old limit was
    3,072 bytes) is pushed, verified, used with an ECDSA and with an RSA-4096 chain and kept
    across a reset.

    python3 tests/e2e/test_anchor_rotation.py --build build [-k name] [-v]
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import check, eq  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "toolchain", "console.py")
POLL_OK = r"poll: web-1: ok 200, 5 processes"
TLS_REFUSED = r"poll: web-1: transport \(certificate"
OLD_TOTAL_MAX = 3072  # the store's anchor capacity before this change

# Realistic roots: what Cloudflare's Universal SSL may chain to, by algorithm (throwaway keys).
REALISTIC = (
    ("isrg-x1", "rsa:4096", "/C=US/O=Internet Security Research Group/CN=Forgelight Test ISRG Root X1"),
    ("isrg-x2", "ec:secp384r1", "/C=US/O=Internet Security Research Group/CN=Forgelight Test ISRG Root X2"),
    ("gts-r1", "rsa:4096", "/C=US/O=Google Trust Services LLC/CN=Forgelight Test GTS Root R1"),
    ("gts-r4", "ec:secp384r1", "/C=US/O=Google Trust Services LLC/CN=Forgelight Test GTS Root R4"),
    ("sslcom-rsa", "rsa:4096", "/C=US/ST=Texas/L=Houston/O=SSL Corporation/CN=Forgelight Test SSL.com Root "
                               "Certification Authority RSA"),
    ("sslcom-ecc", "ec:secp384r1", "/C=US/ST=Texas/L=Houston/O=SSL Corporation/CN=Forgelight Test SSL.com Root "
                                   "Certification Authority ECC"),
)


def realistic_roots(build):
    """DER files of the REALISTIC roots under build/e2e/pki-realistic/ (generated once)."""
    directory = os.path.join(build, "e2e", "pki-realistic")
    os.makedirs(directory, exist_ok=True)
    paths = []
    for name, key, subject in REALISTIC:
        der = os.path.join(directory, name + ".der")
        if not os.path.exists(der):
            kind, param = key.split(":")
            keyfile = os.path.join(directory, name + ".key")
            if kind == "rsa":
                subprocess.run(["openssl", "genrsa", "-out", keyfile, param], check=True, capture_output=True)
            else:
                subprocess.run(["openssl", "ecparam", "-name", param, "-genkey", "-noout", "-out", keyfile],
                               check=True, capture_output=True)
            subprocess.run(["openssl", "req", "-x509", "-new", "-key", keyfile, "-sha384", "-days", "3650",
                            "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE",
                            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                            "-outform", "DER", "-out", der + ".tmp"], check=True, capture_output=True)
            os.replace(der + ".tmp", der)
        paths.append(der)
    return paths


def push(port, *args, timeout=180):
    """Run the host tool; (exit status, stdout + stderr)."""
    proc = subprocess.run([sys.executable, TOOL, "--port", port, "--timeout", "40"] + list(args),
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    return proc.returncode, proc.stdout + proc.stderr


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf
        self.pki = pkimod.Pki.ensure(build)

    def _boot(self, lab, chain, anchors):
        api = firmware_lab.standard_lab(lab, self.pki, chain=chain)
        api.set_processes(mf.make_processes(5))
        image = firmware_lab.provision(lab, self.pki, self.elf, anchors=anchors,
                                       watches=["server=%s,label=web-1" % mf.SERVER])
        vm = firmware_lab.boot(lab, image, time_limit=200)
        vm.wait_for(r"config: loaded from provisioned block", 10, from_start=True)
        vm.wait_for(POLL_OK, 60)
        return api, vm, vm.serial_pty()

    def _no_token(self, vm, output):
        time.sleep(0.2)
        text = output + "\n".join(t for _, t in vm.lines)
        check(mf.TOKEN not in text, "the token appeared on the UART or in the tool's output")

    def _reboot(self, vm, loaded):
        vm.write_uart(b"\rreboot\r")
        vm.wait_for(r"^rebooting", 20)
        vm.wait_for(loaded, 20)

    def test_rotate_to_new_ca_live_and_after_reboot(self):
        with netlab.NetLab(self.build) as lab:
            api, vm, port = self._boot(lab, "ecdsa", ["ecdsa-root"])
            # The server moves to a chain under CA B, which the board does not trust.
            api.set_chain("rsa")
            api.drop_connections()
            vm.wait_for(TLS_REFUSED, 60)
            vm.wait_for(r"\[panel\] web-1 \S*TLS_ERROR", 30)
            t0 = time.monotonic()
            code, out = push(port, "anchors", "push", self.pki.anchor_path("rsa-root", "pem"))
            took = time.monotonic() - t0
            eq(code, 0, "the tool pushed and verified anchor B:\n" + out)
            check(re.search(r"verified: the board holds 1 anchors", out), out)
            print("    push of 1 anchor (%d bytes): %.1f s" % (len(self.pki.anchor_der("rsa-root")), took))
            vm.wait_for(r"tls anchors reloaded: ok", 10)
            # Live: the next connection verifies against B, without a reboot; the panel recovers.
            vm.wait_for(POLL_OK, 90)
            vm.wait_for(r"\[panel\] web-1 \S*HEALTHY", 30)
            # After a reset the slot written by the rotation wins and still trusts B.
            self._reboot(vm, r"config: loaded from run-time slot \d+, sequence 1")
            vm.wait_for(POLL_OK, 60)
            code, out2 = push(port, "anchors", "show")
            eq(code, 0, "anchors show after the reset:\n" + out2)
            check(re.search(r"anchors: 1, %d bytes" % len(self.pki.anchor_der("rsa-root")), out2), out2)
            # A is no longer trusted.
            api.set_chain("ecdsa")
            api.drop_connections()
            vm.wait_for(TLS_REFUSED, 60)
            self._no_token(vm, out + out2)

    def test_corrupt_or_bad_crc_refused_old_anchors_kept(self):
        with netlab.NetLab(self.build) as lab:
            api, vm, port = self._boot(lab, "ecdsa", ["ecdsa-root"])
            # One flipped byte in the DER (the outer tag): the board's parse refuses it.
            der = bytearray(self.pki.anchor_der("rsa-root"))
            der[0] ^= 0x01
            corrupt = os.path.join(lab.workdir, "rsa-root-corrupt.der")
            with open(corrupt, "wb") as f:
                f.write(bytes(der))
            code, out = push(port, "anchors", "push", "--raw", corrupt)
            eq(code, 1, "a corrupt anchor is refused:\n" + out)
            check(re.search(r"anchors commit refused: der \(anchor 0\)", out), out)
            check("the old anchors stay in use" in out, out)
            # A flipped byte where the DER still parses (the serial number, the signature): the
            # root's own signature no longer verifies.
            for place in (15, -2):
                der = bytearray(self.pki.anchor_der("rsa-root"))
                der[place] ^= 0x80
                with open(corrupt, "wb") as f:
                    f.write(bytes(der))
                code, out_body = push(port, "anchors", "push", "--raw", corrupt)
                eq(code, 1, "a root with byte %d flipped is refused:\n%s" % (place, out_body))
                check(re.search(r"anchors commit refused: der \(anchor 0\)", out_body), out_body)
            # A wrong CRC for a good set: refused, named.
            code, out2 = push(port, "anchors", "push", "--crc", "deadbeef", self.pki.anchor_path("rsa-root", "pem"))
            eq(code, 1, "a bad CRC is refused:\n" + out2)
            check(re.search(r"anchors commit refused: crc", out2), out2)
            # The old anchor (A) is still the one in use: a fresh full handshake with chain A works.
            mark = len(vm.lines)
            api.drop_connections()
            vm.wait_for(POLL_OK, 60)
            check(not any(re.search(TLS_REFUSED, t) for _, t in vm.lines[mark:]), "no TLS refusal")
            code, out3 = push(port, "anchors", "show")
            check(re.search(r"anchors: 1, %d bytes" % len(self.pki.anchor_der("ecdsa-root")), out3), out3)
            # A rotation interrupted by a reset (begun, part of the data sent, never committed).
            good = self.pki.anchor_der("rsa-root")
            vm.write_uart(b"\ranchors begin %d\r" % len(good))
            vm.wait_for(r"^ok: anchors begin: 1 anchors", 20)
            vm.write_uart(b"anchors data 0 0 " + good[:200].hex().encode() + b"\r")
            vm.wait_for(r"^ok: anchors data: 200 of %d bytes" % len(good), 20)
            # After the reset: no rotation became valid, the provisioned block (A) is loaded.
            self._reboot(vm, r"config: loaded from provisioned block")
            vm.wait_for(POLL_OK, 60)
            self._no_token(vm, out + out2 + out3)

    def test_realistic_set_fits_and_is_used(self):
        roots = realistic_roots(self.build)
        lab_roots = [self.pki.anchor_path("rsa4096-root", "pem"), self.pki.anchor_path("ecdsa-root", "pem")]
        sizes = [os.path.getsize(p) for p in roots] + [len(self.pki.anchor_der(n)) for n in ("rsa4096-root",
                                                                                          "ecdsa-root")]
        total = sum(sizes)
        print("    realistic set: %d anchors, %s = %d bytes of DER" % (len(sizes), sizes, total))
        check(total > OLD_TOTAL_MAX, "the set is larger than the old capacity")
        with netlab.NetLab(self.build) as lab:
            api, vm, port = self._boot(lab, "ecdsa", ["ecdsa-root"])
            t0 = time.monotonic()
            code, out = push(port, "anchors", "push", *roots, *lab_roots)
            took = time.monotonic() - t0
            eq(code, 0, "the realistic set was pushed and verified:\n" + out)
            check(re.search(r"verified: the board holds %d anchors, %d bytes" % (len(sizes), total), out), out)
            print("    push of %d anchors (%d bytes): %.1f s" % (len(sizes), total, took))
            vm.wait_for(r"tls anchors reloaded: ok", 10)
            mark = len(vm.lines)
            api.drop_connections()
            vm.wait_for(POLL_OK, 90)
            # The heaviest handshake (an RSA-4096 root) with every anchor configured: the arena
            # holds only the anchors that match the issuer sought, not the set.
            api.set_chain("rsa4096")
            api.drop_connections()
            vm.wait_for(r"poll: web-1: ok 200, 5 processes; .*handshakes \d+ full", 90)
            check(not any(re.search(r"poll: web-1: transport", t) for _, t in vm.lines[mark:]),
                  "no TLS failure with %d anchors" % len(sizes))
            vm.write_uart(b"\rstatus\r")
            m = vm.wait_for(r"tls arena peak (\d+)", 20)
            print("    tls arena peak with %d anchors, ECDSA then RSA-4096 chain: %s B" % (len(sizes), m.group(1)))
            self._reboot(vm, r"config: loaded from run-time slot \d+, sequence 1")
            vm.wait_for(POLL_OK, 60)
            self._no_token(vm, out)

if __name__ == "__main__":
    sys.exit(e2e_runner.main(Cases))
