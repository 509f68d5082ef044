"""Firmware in the lab: provision a test image for the lab's mock API and boot it.

    image = provision(lab, pki, elf, watches=["server=4242,label=web-1,page_size=30"],
                      anchors=["ecdsa-root"], poll=10)
    vm = boot(lab, image)                     # QEMU on the lab's tap, display attached

The image is a copy of the test ELF with a configuration block written by
toolchain/provision.py (organisation, token from a file, trust anchors as DER, watches, poll
interval); nothing is compiled in. The token file lives in the lab's work dir with mode 0600.
"""

import os
import subprocess
import sys

import mock_forge as mf
import qemu

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_count = [0]


def provision(lab, pki, elf, watches, anchors=("ecdsa-root",), token=mf.TOKEN, org=mf.ORG,
              poll=10, extra=()):
    _count[0] += 1
    out = os.path.join(lab.workdir, "forgelight-%d.elf" % _count[0])
    token_file = os.path.join(lab.workdir, "token-%d" % _count[0])
    fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
    argv = [sys.executable, os.path.join(ROOT, "toolchain", "provision.py"), elf, "-o", out,
            "--org", org, "--token-file", token_file, "--poll", str(poll),
            "--host", mf.HOST]
    for name in anchors:
        argv += ["--anchor", pki.anchor_path(name, "pem")]
    for spec in watches:
        argv += ["--watch", spec]
    argv += list(extra)
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError("provision.py failed: %s%s" % (proc.stdout, proc.stderr))
    if token in proc.stdout + proc.stderr:
        raise RuntimeError("provision.py printed the token")
    return out


def boot(lab, image, display=True, time_limit=240, **kw):
    return qemu.Qemu(image, lab=lab, display=display, time_limit=time_limit, **kw).start()


def standard_lab(lab, pki, chain="ecdsa", **mock_kw):
    """dnsmasq (no address probe), SNTP and the mock API on 443 with `chain`."""
    lab.start_dnsmasq()
    lab.start_sntp()
    return lab.start_mock(pki, chain=chain, **mock_kw)
