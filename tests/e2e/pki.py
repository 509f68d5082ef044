"""Throwaway test PKI, generated with the openssl CLI at test time (never committed).

API
    pki = Pki.ensure("build")        # generate into build/e2e/pki/ or reuse the cached copy
    ch = pki.chain("ecdsa")          # Chain(name, cert_pem, key_pem, anchor, host, why)
    pki.anchor_der("ecdsa-root")     # bytes: DER of a trust anchor (what the firmware gets)
    pki.anchor_path("ecdsa-root", "pem"|"der")
    pki.trusted_anchors()            # names of the anchors a correctly configured panel trusts
    pki.anchor_blob(names)           # DER list as <u32 LE length><DER>... <u32 0> (for a QEMU loader)
    write_c_array(data, path, symbol)

Chains (server side: leaf first, then intermediates; the key is the leaf's):
    ecdsa          P-256 root "ecdsa-root" -> P-256 leaf forge.laravel.com  (valid)
    ecdsa-int      ecdsa-root -> P-256 intermediate -> P-256 leaf            (valid)
    rsa            RSA-2048 root "rsa-root" -> RSA-2048 leaf                 (valid)
    rsa4096        RSA-4096 root "rsa4096-root" -> RSA-2048 leaf             (valid)
    unknown-ca     leaf under "rogue-root", a CA nobody trusts      (bad: issuer unknown)
    impostor       leaf under a CA named like ecdsa-root, other key (bad: signature);
                   the leaf has no authority key id, so the trusted root is found by name
    wrong-host     ecdsa-root -> leaf for wrong.example.net          (bad: host name)
    expired        ecdsa-root -> leaf valid now-60d .. now-30d       (bad: expired)
    not-yet-valid  ecdsa-root -> leaf valid now+5y .. now+6y         (bad: not yet valid)

Valid certificates run from generation time - 1 day to + 2 years; the cache is regenerated when
that window gets within 30 days of either end, or when this file's FORMAT changes.
"""

import datetime
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

HOST = "forge.laravel.com"
FORMAT = 5  # bump to invalidate cached PKIs
_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Chain:
    name: str
    cert_pem: str   # path: leaf + intermediates
    key_pem: str    # path: the leaf's private key
    anchor: str     # name of the root that issued it
    host: str       # DNS name in the leaf's SAN
    why: str        # "ok" or the reason a verifier must refuse it


# root name -> (key spec, subject CN, issuer root or None for self-signed)
_ROOTS = {
    "ecdsa-root": ("ec", "Forgelight Test Root ECDSA"),
    "rsa-root": ("rsa2048", "Forgelight Test Root RSA"),
    "rsa4096-root": ("rsa4096", "Forgelight Test Root RSA-4096"),
    "rogue-root": ("ec", "Untrusted Rogue Root"),
    # same subject as ecdsa-root, different key: a verifier must check signatures, not names
    "impostor-root": ("ec", "Forgelight Test Root ECDSA"),
}
_TRUSTED = ("ecdsa-root", "rsa-root", "rsa4096-root")

# chain name -> (issuer root, leaf key, host, validity, why, via intermediate)
_CHAINS = {
    "ecdsa": ("ecdsa-root", "ec", HOST, "valid", "ok", False),
    "ecdsa-int": ("ecdsa-root", "ec", HOST, "valid", "ok", True),
    "rsa": ("rsa-root", "rsa2048", HOST, "valid", "ok", False),
    "rsa4096": ("rsa4096-root", "rsa2048", HOST, "valid", "ok", False),
    "unknown-ca": ("rogue-root", "ec", HOST, "valid", "unknown issuer", False),
    "impostor": ("impostor-root", "ec", HOST, "valid", "bad signature", False),
    "wrong-host": ("ecdsa-root", "ec", "wrong.example.net", "valid", "host name mismatch", False),
    "expired": ("ecdsa-root", "ec", HOST, "expired", "expired", False),
    "not-yet-valid": ("ecdsa-root", "ec", HOST, "future", "not yet valid", False),
}

_CA_CONF = """\
[ ca ]
default_ca = fl_ca
[ fl_ca ]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = sha256
policy = fl_policy
unique_subject = no
copy_extensions = none
email_in_dn = no
[ fl_policy ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = fl_dn
prompt = no
[ fl_dn ]
CN = unused
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""

_LEAF_EXT = """\
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, {ku}
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
{akid}subjectAltName = DNS:{host}
"""


def _ossl(*args, cwd=None):
    proc = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)
    if proc.returncode != 0:
        raise RuntimeError("openssl %s failed: %s" % (args[0], proc.stderr.strip()[-800:]))
    return proc.stdout


def _gentime(when):
    return when.strftime("%Y%m%d%H%M%SZ")


def _genkey(path, spec):
    if spec == "ec":
        _ossl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-out", path)
    else:
        bits = spec[len("rsa"):]
        _ossl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits,
              "-out", path)


class _Ca:
    """One issuing CA: key, certificate and its openssl `ca` database."""

    def __init__(self, root_dir, name):
        self.dir = os.path.join(root_dir, "ca", name)
        self.key = os.path.join(self.dir, "key.pem")
        self.cert = os.path.join(self.dir, "cert.pem")
        self.conf = os.path.join(self.dir, "ca.cnf")

    def init_db(self):
        os.makedirs(os.path.join(self.dir, "new"), exist_ok=True)
        with open(os.path.join(self.dir, "index.txt"), "w", encoding="ascii"):
            pass
        with open(os.path.join(self.dir, "serial"), "w", encoding="ascii") as f:
            f.write(os.urandom(8).hex().upper() + "\n")
        with open(self.conf, "w", encoding="ascii") as f:
            f.write(_CA_CONF.format(dir=self.dir))

    def sign(self, csr, out, start, end, ext_file, ext, selfsign=False):
        args = ["ca", "-batch", "-notext", "-config", self.conf, "-in", csr, "-out", out,
                "-startdate", _gentime(start), "-enddate", _gentime(end), "-keyfile", self.key]
        if selfsign:
            args += ["-selfsign", "-extensions", ext]
        else:
            args += ["-cert", self.cert, "-extfile", ext_file, "-extensions", ext]
        _ossl(*args)


def _csr(key, cn, out, conf):
    _ossl("req", "-new", "-config", conf, "-key", key, "-subj", "/CN=" + cn, "-out", out)


class Pki:
    def __init__(self, root):
        self.root = root

    # ---- public API ----------------------------------------------------------------------
    @classmethod
    def ensure(cls, build_dir="build"):
        root = os.path.abspath(os.path.join(build_dir, "e2e", "pki"))
        pki = cls(root)
        os.makedirs(os.path.dirname(root), exist_ok=True)
        with open(root + ".lock", "w", encoding="ascii") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test runs share one build dir
            if not pki._cache_ok():
                pki._generate()
        return pki

    def chain(self, name):
        issuer, _key, host, _validity, why, _via = _CHAINS[name]
        d = os.path.join(self.root, "chains", name)
        return Chain(name, os.path.join(d, "chain.pem"), os.path.join(d, "key.pem"),
                     issuer, host, why)

    @staticmethod
    def chain_names():
        return list(_CHAINS)

    @staticmethod
    def trusted_anchors():
        return list(_TRUSTED)

    def anchor_path(self, name, form="der"):
        return os.path.join(self.root, "anchors", "%s.%s" % (name, form))

    def anchor_der(self, name):
        with open(self.anchor_path(name, "der"), "rb") as f:
            return f.read()

    def anchor_blob(self, names=None):
        out = bytearray()
        for n in names or _TRUSTED:
            der = self.anchor_der(n)
            out += len(der).to_bytes(4, "little") + der
        return bytes(out + b"\0\0\0\0")

    def trust_bundle(self, names=None):
        """Path of a PEM file holding the given anchors (default: the trusted ones)."""
        names = list(names or _TRUSTED)
        path = os.path.join(self.root, "anchors", "bundle-%s.pem" % "+".join(names))
        if not os.path.exists(path):
            with open(path + ".tmp", "w", encoding="ascii") as out:
                for n in names:
                    with open(self.anchor_path(n, "pem"), encoding="ascii") as f:
                        out.write(f.read())
            os.replace(path + ".tmp", path)
        return path

    # ---- generation ----------------------------------------------------------------------
    def _stamp_path(self):
        return os.path.join(self.root, "stamp.json")

    def _cache_ok(self):
        try:
            with open(self._stamp_path(), encoding="ascii") as f:
                stamp = json.load(f)
        except (OSError, ValueError):
            return False
        born = datetime.datetime.fromtimestamp(stamp.get("born", 0), datetime.timezone.utc)
        now = datetime.datetime.now(datetime.timezone.utc)
        fresh = born <= now < born + 700 * _DAY  # valid leaves end at born + 730 days
        files = all(os.path.exists(self.chain(n).cert_pem) for n in _CHAINS)
        return stamp.get("format") == FORMAT and fresh and files

    def _generate(self):
        parent = os.path.dirname(self.root)
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix="pki-", dir=parent)
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        try:
            gen = _Generator(tmp, now)
            gen.run()
            with open(os.path.join(tmp, "stamp.json"), "w", encoding="ascii") as f:
                json.dump({"format": FORMAT, "born": now.timestamp()}, f)
            old = self.root + ".old"
            shutil.rmtree(old, ignore_errors=True)
            if os.path.exists(self.root):
                os.rename(self.root, old)
            os.rename(tmp, self.root)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class _Generator:
    def __init__(self, root, now):
        self.root = root
        self.now = now
        self.valid = (now - _DAY, now + 730 * _DAY)
        self.windows = {
            "valid": self.valid,
            "expired": (now - 60 * _DAY, now - 30 * _DAY),
            "future": (now + 5 * 365 * _DAY, now + 6 * 365 * _DAY),
        }
        self.cas = {}

    def run(self):
        os.makedirs(os.path.join(self.root, "anchors"))
        for name, (spec, cn) in _ROOTS.items():
            self._root(name, spec, cn)
        for name, (issuer, spec, host, validity, _why, via) in _CHAINS.items():
            self._leaf(name, issuer, spec, host, validity, via)

    def _root(self, name, spec, cn):
        ca = _Ca(self.root, name)
        ca.init_db()
        _genkey(ca.key, spec)
        csr = os.path.join(ca.dir, "csr.pem")
        _csr(ca.key, cn, csr, ca.conf)
        start, end = self.now - 2 * _DAY, self.now + 3650 * _DAY
        ca.sign(csr, ca.cert, start, end, None, "v3_root", selfsign=True)
        _ossl("x509", "-in", ca.cert, "-outform", "DER",
              "-out", os.path.join(self.root, "anchors", name + ".der"))
        shutil.copyfile(ca.cert, os.path.join(self.root, "anchors", name + ".pem"))
        self.cas[name] = ca

    def _intermediate(self, issuer, label):
        ca = _Ca(self.root, label)
        ca.init_db()
        _genkey(ca.key, "ec")
        csr = os.path.join(ca.dir, "csr.pem")
        _csr(ca.key, "Forgelight Test Intermediate", csr, ca.conf)
        issuer.sign(csr, ca.cert, self.now - 2 * _DAY, self.now + 3000 * _DAY, issuer.conf,
                    "v3_int")
        return ca

    def _leaf(self, name, issuer_name, spec, host, validity, via):
        d = os.path.join(self.root, "chains", name)
        os.makedirs(d)
        issuer = self.cas[issuer_name]
        extra = []
        if via:
            issuer = self._intermediate(issuer, name + "-int")
            extra.append(issuer.cert)
        key = os.path.join(d, "key.pem")
        _genkey(key, spec)
        csr = os.path.join(d, "csr.pem")
        _csr(key, host, csr, issuer.conf)
        ext = os.path.join(d, "ext.cnf")
        ku = "digitalSignature" if spec == "ec" else "digitalSignature, keyEncipherment"
        with open(ext, "w", encoding="ascii") as f:
            # the impostor's leaf names its issuer only by DN, so verifiers find the trusted
            # root of that name and must fail on the signature
            akid = "authorityKeyIdentifier = %s\n" % (
                "none" if name == "impostor" else "keyid:always")
            f.write(_LEAF_EXT.format(ku=ku, host=host, akid=akid))
        leaf = os.path.join(d, "leaf.pem")
        start, end = self.windows[validity]
        issuer.sign(csr, leaf, start, end, ext, "v3_leaf")
        _ossl("x509", "-in", leaf, "-outform", "DER", "-out", os.path.join(d, "leaf.der"))
        with open(os.path.join(d, "chain.pem"), "w", encoding="ascii") as out:
            for p in [leaf] + extra:
                with open(p, encoding="ascii") as f:
                    out.write(f.read())


def write_c_array(data, path, symbol):
    """Write `data` as `const unsigned char symbol[]` plus `symbol_len` (for test builds)."""
    lines = ["/* generated by tests/e2e/pki.py: test-only data, never in a release image */",
             "#include <stddef.h>", "const unsigned char %s[] = {" % symbol]
    for i in range(0, len(data), 12):
        lines.append("    " + ", ".join("0x%02xu" % b for b in data[i:i + 12]) + ",")
    lines += ["};", "const size_t %s_len = %du;" % (symbol, len(data)), ""]
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    import sys
    p = Pki.ensure(sys.argv[1] if len(sys.argv) > 1 else "build")
    print(p.root)
    for n in Pki.chain_names():
        print(n, p.chain(n))
