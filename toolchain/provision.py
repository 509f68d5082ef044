#!/usr/bin/env python3
"""Write a forgelight configuration block into a built image (ELF, BIN or Intel HEX) without
recompiling, or show the block an image carries.

    provision.py IMAGE --org SLUG --watch server=123,label=web --anchor ISRG_Root_X1 \\
                 --token-file token.txt [--output OUT] [--config panel.ini|panel.json] ...
    provision.py --show IMAGE

The token comes from --token-file or the FORGE_TOKEN environment variable, never from the
command line or a config file, and is never printed (only "set (N chars)"). Trust anchors are
names in the system CA store (/etc/ssl/certs/<name>.pem, or a certificate whose subject CN
matches) or PEM/DER files; each must be a CA certificate valid now. They are stored as DER.
Limits come from firmware/config/config_limits.h (and the board's board_config.h), so the
tool and the firmware agree. The block format is documented in firmware/config/config_block.h.

Images: ELF - the `.config` section is found by name and its file bytes are patched; BIN - the
section's offset is its load address minus the image's load base, read from the ELF next to the
BIN (same name, .elf) or given with --config-offset/--config-size; HEX - the data records that
cover the section are rewritten in place (addresses from the ELF next to it, or --config-address
and --config-size). Exit status: 0 ok, 2 invalid input (message on stderr), 1 other failures.

A board already in the field gets new trust anchors over its console, without reflashing:
toolchain/console.py --port /dev/ttyACM0 anchors push NAME... (same anchor names as --anchor);
other fields with `config set KEY VALUE` + `config save` on the same console.
"""
import argparse
import configparser
import datetime
import glob
import json
import os
import re
import secrets
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMITS_HEADER = os.path.join(ROOT, "firmware", "config", "config_limits.h")
CA_DIR = "/etc/ssl/certs"
CA_BUNDLE = "ca-certificates.crt"
DEFAULT_HOST = "forge.laravel.com"

MAGIC = 0x46434C46
HEADER = struct.Struct("<IHHIIII")  # magic, version, header size, length, sequence, base, crc
HEADER_SIZE = HEADER.size
FIELD = struct.Struct("<BBH")

TAG = {
    "host": 0x01, "token": 0x02, "org": 0x03, "poll": 0x04, "brightness": 0x05, "display": 0x06,
    "seed": 0x07, "net_mode": 0x08, "address": 0x09, "netmask": 0x0A, "gateway": 0x0B, "dns": 0x0C,
    "sntp": 0x0D, "mac": 0x0E, "w_server": 0x10, "w_label": 0x11, "w_sort": 0x12, "w_page_size": 0x13,
    "w_user": 0x14, "w_site": 0x15, "w_directory": 0x16, "w_expected": 0x17, "anchor": 0x20,
}
TAG_NAME = {v: k for k, v in TAG.items()}
WATCH_KEYS = ("server", "label", "sort", "page_size", "user", "site_id", "directory", "expected")

HOST_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
SORT_RE = re.compile(r"^-?[a-z_]+(?:,-?[a-z_]+)*$")
USER_RE = re.compile(r"^[A-Za-z0-9_.-]*$")
UINT_RE = re.compile(r"^(?:0|[1-9][0-9]*)$")
PRINTABLE_RE = re.compile(r"^[\x20-\x7e]*$")
TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
MAC_RE = re.compile(r"^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$")


class ProvisionError(Exception):
    """Invalid input: reported as one clear message, exit status 2."""


# ---- limits ---------------------------------------------------------------------------------

def read_limits(board):
    """CONFIG_* numbers from config_limits.h, overridden by the board's board_config.h."""
    define = re.compile(r"^\s*#\s*define\s+(CONFIG_[A-Z0-9_]+)\s+\(?\s*(\d+)u?\s*\)?\s*(?:/\*.*)?$")
    limits = {}
    paths = [LIMITS_HEADER]
    if board:
        paths.insert(0, os.path.join(ROOT, "hal", board, "board_config.h"))
    for path in paths:
        if not os.path.isfile(path):
            continue
        with open(path) as f:
            for line in f:
                m = define.match(line)
                if m and m.group(1) not in limits:
                    limits[m.group(1)] = int(m.group(2))
    needed = ("FORMAT_VERSION", "BLOCK_MAX_SIZE", "HOST_MAX_LEN", "TOKEN_MAX_LEN", "ORG_MAX_LEN",
              "LABEL_MAX_LEN", "SORT_MAX_LEN", "SORT_MAX_KEYS", "FILTER_USER_MAX_LEN",
              "FILTER_DIR_MAX_LEN", "MAX_WATCHES", "PAGE_SIZE_MAX", "MAX_ANCHORS", "ANCHOR_MAX_LEN",
              "ANCHORS_TOTAL_MAX", "POLL_MIN_S", "POLL_MAX_S", "POLL_DEFAULT_S", "BRIGHTNESS_MAX",
              "BRIGHTNESS_DEFAULT", "SEED_SIZE", "MAC_SIZE")
    missing = [n for n in needed if "CONFIG_" + n not in limits]
    if missing:
        raise SystemExit(f"provision: cannot read limits {missing} from {LIMITS_HEADER}")
    return {n: limits["CONFIG_" + n] for n in needed}


# ---- validation -----------------------------------------------------------------------------

def check_text(what, value, limit, pattern, rule):
    if len(value) > limit:
        raise ProvisionError(f"{what} is {len(value)} characters long (at most {limit})")
    if not pattern.match(value):
        raise ProvisionError(f"{what} {value!r} is not valid: {rule}")
    return value


def parse_uint(what, text, low, high):
    text = str(text).strip()
    if not UINT_RE.match(text) or not low <= int(text) <= high:
        raise ProvisionError(f"{what} {text!r} is not a whole number in {low}..{high}")
    return int(text)


def parse_ipv4(what, text):
    parts = str(text).strip().split(".")
    if len(parts) != 4 or not all(UINT_RE.match(p) and int(p) <= 255 for p in parts):
        raise ProvisionError(f"{what} {text!r} is not an IPv4 address (a.b.c.d)")
    return bytes(int(p) for p in parts)


def parse_mac(text, limits):
    """Same rules as firmware/config/config_mac.c: xx:xx:xx:xx:xx:xx, unicast, not all zero."""
    text = str(text).strip()
    if not MAC_RE.match(text) or limits["MAC_SIZE"] != 6:
        raise ProvisionError(f"MAC address {text!r} is not six hex octets separated by colons "
                             "(e.g. 52:54:00:12:34:56)")
    mac = bytes.fromhex(text.replace(":", ""))
    if mac == bytes(len(mac)):
        raise ProvisionError(f"MAC address {text!r} is all zeros")
    if mac[0] & 0x01:
        raise ProvisionError(f"MAC address {text!r} is a multicast/broadcast address "
                             "(bit 0 of the first octet must be clear)")
    return mac


def mac_text(mac):
    return ":".join(f"{b:02x}" for b in mac)


def parse_flag(what, value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("on", "true", "yes", "1"):
        return True
    if text in ("off", "false", "no", "0"):
        return False
    raise ProvisionError(f"{what} {value!r} must be on or off")


def check_slug(value, limits):
    if len(value) > limits["ORG_MAX_LEN"]:
        raise ProvisionError(f"organization is {len(value)} characters long (at most {limits['ORG_MAX_LEN']})")
    if not SLUG_RE.match(value):
        raise ProvisionError(f"organization {value!r} is not a valid slug (lower-case letters, digits and '-', "
                             "not starting or ending with '-')")
    return value


def check_host(what, value, limits):
    return check_text(what, value, limits["HOST_MAX_LEN"], HOST_RE,
                      "letters, digits, '.' and '-', starting and ending with a letter or digit")


def check_watch(index, spec, limits):
    what = f"watch {index}"
    unknown = set(spec) - set(WATCH_KEYS)
    if unknown:
        raise ProvisionError(f"{what}: unknown key(s) {sorted(unknown)} (known: {', '.join(WATCH_KEYS)})")
    if "server" not in spec:
        raise ProvisionError(f"{what}: server id missing")
    w = {"server": parse_uint(f"{what}: server id", spec["server"], 1, 0xFFFFFFFF)}
    w["label"] = check_text(f"{what}: label", str(spec.get("label", "")), limits["LABEL_MAX_LEN"],
                            PRINTABLE_RE, "printable ASCII only")
    sort = str(spec.get("sort", ""))
    if sort:
        check_text(f"{what}: sort", sort, limits["SORT_MAX_LEN"], SORT_RE,
                   "comma-separated keys such as user or -user")
        if len(sort.split(",")) > limits["SORT_MAX_KEYS"]:
            raise ProvisionError(f"{what}: sort has more than {limits['SORT_MAX_KEYS']} keys")
    w["sort"] = sort
    w["page_size"] = (parse_uint(f"{what}: page_size", spec["page_size"], 1, limits["PAGE_SIZE_MAX"])
                      if str(spec.get("page_size", "")) != "" else 0)
    w["user"] = check_text(f"{what}: user", str(spec.get("user", "")), limits["FILTER_USER_MAX_LEN"],
                           USER_RE, "letters, digits, '_', '.' and '-'")
    w["site_id"] = (parse_uint(f"{what}: site_id", spec["site_id"], 1, 0xFFFFFFFF)
                    if str(spec.get("site_id", "")) != "" else 0)
    directory = str(spec.get("directory", ""))
    check_text(f"{what}: directory", directory, limits["FILTER_DIR_MAX_LEN"], PRINTABLE_RE, "printable ASCII only")
    if directory and not directory.startswith("/"):
        raise ProvisionError(f"{what}: directory {directory!r} must be an absolute path")
    w["directory"] = directory
    w["expected"] = (parse_uint(f"{what}: expected", spec["expected"], 0, 0xFFFF)
                     if str(spec.get("expected", "")) != "" else None)
    return w


# ---- trust anchors --------------------------------------------------------------------------

def openssl(args, data=None):
    proc = subprocess.run(["openssl"] + args, input=data, capture_output=True)
    return proc.returncode, proc.stdout, proc.stderr


PEM_RE = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


def pem_blocks(data):
    return PEM_RE.findall(data)


def find_by_cn(name, ca_dir):
    """PEM blocks of the CA bundle whose subject CN equals name (case-insensitive)."""
    bundle = os.path.join(ca_dir, CA_BUNDLE)
    if not os.path.isfile(bundle):
        return []
    code, out, _ = openssl(["crl2pkcs7", "-nocrl", "-certfile", bundle])
    if code != 0:
        return []
    code, out, _ = openssl(["pkcs7", "-print_certs"], out)
    found = []
    subject = None
    for chunk in re.split(rb"\n(?=subject=)", out):
        m = re.match(rb"subject=(.*)", chunk)
        subject = m.group(1).decode(errors="replace") if m else subject
        cn = re.search(r"CN\s*=\s*([^,]+?)\s*(?:,|$)", subject or "")
        if cn and cn.group(1).strip().lower() == name.strip().lower():
            found.extend(pem_blocks(chunk))
    return found


def load_anchor_source(name, ca_dir):
    """PEM blocks for one --anchor value: a file, a CA store name, or a subject CN."""
    candidates = [name, os.path.join(ca_dir, name), os.path.join(ca_dir, name + ".pem"),
                  os.path.join(ca_dir, name.replace(" ", "_") + ".pem")]
    for path in candidates:
        if os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            blocks = pem_blocks(data)
            if not blocks:
                code, out, _ = openssl(["x509", "-inform", "DER", "-outform", "PEM"], data)
                blocks = pem_blocks(out) if code == 0 else []
            if not blocks:
                raise ProvisionError(f"trust anchor {name!r}: {path} holds no certificate")
            return blocks
    blocks = find_by_cn(name, ca_dir)
    if not blocks:
        raise ProvisionError(f"trust anchor {name!r}: no such file, no {ca_dir}/{name}.pem and no "
                             f"certificate with that subject CN in {ca_dir}/{CA_BUNDLE}")
    return blocks


def parse_openssl_date(text):
    return datetime.datetime.strptime(text.strip().replace("  ", " "), "%b %d %H:%M:%S %Y GMT").replace(
        tzinfo=datetime.timezone.utc)


def anchor_der(name, pem, now):
    """Check one certificate (CA, valid now) and return (DER, subject)."""
    code, out, err = openssl(["x509", "-noout", "-subject", "-startdate", "-enddate", "-ext",
                              "basicConstraints", "-nameopt", "oneline"], pem)
    if code != 0:
        raise ProvisionError(f"trust anchor {name!r}: not a readable X.509 certificate")
    text = out.decode(errors="replace")
    subject = re.search(r"^subject=\s*(.*)$", text, re.M).group(1).strip()
    not_before = parse_openssl_date(re.search(r"^notBefore=(.*)$", text, re.M).group(1))
    not_after = parse_openssl_date(re.search(r"^notAfter=(.*)$", text, re.M).group(1))
    if now > not_after:
        raise ProvisionError(f"trust anchor {name!r} ({subject}): certificate expired on "
                             f"{not_after:%Y-%m-%d %H:%M} UTC")
    if now < not_before:
        raise ProvisionError(f"trust anchor {name!r} ({subject}): certificate not valid before "
                             f"{not_before:%Y-%m-%d %H:%M} UTC")
    if not re.search(r"CA:TRUE", text):
        raise ProvisionError(f"trust anchor {name!r} ({subject}): not a CA certificate "
                             "(basicConstraints CA:TRUE missing)")
    code, der, _ = openssl(["x509", "-outform", "DER"], pem)
    if code != 0 or not der:
        raise ProvisionError(f"trust anchor {name!r}: conversion to DER failed")
    return der, subject


def load_anchors(names, ca_dir, limits, now):
    anchors = []
    for name in names:
        for pem in load_anchor_source(name, ca_dir):
            der, subject = anchor_der(name, pem, now)
            if len(der) > limits["ANCHOR_MAX_LEN"]:
                raise ProvisionError(f"trust anchor {name!r} ({subject}) is {len(der)} bytes as DER "
                                     f"(at most {limits['ANCHOR_MAX_LEN']})")
            if der not in anchors:
                anchors.append(der)
    if not anchors:
        raise ProvisionError("no trust anchor: give at least one --anchor (a CA store name or a PEM file)")
    if len(anchors) > limits["MAX_ANCHORS"]:
        raise ProvisionError(f"too many trust anchors: {len(anchors)} (at most {limits['MAX_ANCHORS']})")
    total = sum(len(a) for a in anchors)
    if total > limits["ANCHORS_TOTAL_MAX"]:
        raise ProvisionError(f"trust anchors total {total} bytes as DER (at most {limits['ANCHORS_TOTAL_MAX']})")
    return anchors


# ---- configuration input --------------------------------------------------------------------

def parse_watch_spec(text):
    spec = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            if not spec:
                spec["server"] = part.strip()
                continue
            raise ProvisionError(f"--watch: {part!r} is not key=value")
        key, value = part.split("=", 1)
        spec[key.strip()] = value.strip()
    return spec


def read_config_file(path):
    """A config file as a flat dict plus a list of watch specs and anchor names."""
    with open(path) as f:
        text = f.read()
    if path.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ProvisionError(f"{path}: not valid JSON ({e})")
        if not isinstance(data, dict):
            raise ProvisionError(f"{path}: the top level must be an object")
        net = data.pop("network", {}) or {}
        watches = data.pop("watches", []) or []
        anchors = data.pop("anchors", []) or []
        flat = {k: v for k, v in data.items()}
        flat.update({k: v for k, v in net.items()})
        return flat, [dict(w) for w in watches], list(anchors)
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=path)
    except configparser.Error as e:
        raise ProvisionError(f"{path}: not a valid INI file ({e.message.splitlines()[0]})")
    flat, watches, anchors = {}, [], []
    for section in parser.sections():
        items = dict(parser.items(section))
        if section.lower().startswith("watch"):
            watches.append(items)
        elif section.lower() == "anchors":
            for value in items.values():
                anchors.extend(v.strip() for v in re.split(r"[,\n]", value) if v.strip())
        else:
            flat.update(items)
    return flat, watches, anchors


def read_token(args, limits):
    if args.token_file:
        try:
            with open(args.token_file, "rb") as f:
                raw = f.read()
        except OSError as e:
            raise ProvisionError(f"cannot read the token file {args.token_file}: {e.strerror}")
        token = raw.decode("ascii", errors="replace").strip()
    elif os.environ.get("FORGE_TOKEN"):
        token = os.environ["FORGE_TOKEN"].strip()
    else:
        raise ProvisionError("no API token: use --token-file FILE or the FORGE_TOKEN environment variable")
    if len(token) > limits["TOKEN_MAX_LEN"]:
        raise ProvisionError(f"the API token is {len(token)} characters long (at most {limits['TOKEN_MAX_LEN']})")
    if not TOKEN_RE.match(token):
        raise ProvisionError("the API token is empty or contains characters other than visible ASCII")
    return token


def read_seed(args, limits):
    size = limits["SEED_SIZE"]
    if not args.seed_file:
        return secrets.token_bytes(size)
    with open(args.seed_file, "rb") as f:
        raw = f.read()
    if len(raw) == size:
        return raw
    text = raw.decode("ascii", errors="replace").strip()
    if re.fullmatch(r"[0-9a-fA-F]{%d}" % (2 * size), text):
        return bytes.fromhex(text)
    raise ProvisionError(f"the seed file must hold {size} bytes or {2 * size} hex digits")


def build_config(args, limits):
    flat, watch_specs, anchor_names = ({}, [], [])
    if args.config:
        flat, watch_specs, anchor_names = read_config_file(args.config)
    if any(k.lower() in ("token", "api_token", "forge_token") for k in flat):
        raise ProvisionError(f"{args.config}: a token in a config file is refused; "
                             "use --token-file FILE or FORGE_TOKEN")
    get = lambda key, cli, default=None: cli if cli is not None else flat.get(key, default)
    cfg = {}
    cfg["host"] = check_host("API host", str(get("host", args.host, DEFAULT_HOST)), limits)
    org = get("organization", args.org, flat.get("org"))
    if not org:
        raise ProvisionError("no organization: give --org SLUG (or organization= in the config file)")
    cfg["org"] = check_slug(str(org), limits)
    cfg["poll"] = parse_uint("poll interval", get("poll", args.poll, limits["POLL_DEFAULT_S"]),
                             limits["POLL_MIN_S"], limits["POLL_MAX_S"])
    cfg["brightness"] = parse_uint("LED brightness", get("brightness", args.brightness, limits["BRIGHTNESS_DEFAULT"]),
                                   0, limits["BRIGHTNESS_MAX"])
    cfg["display"] = parse_flag("display", get("display", args.display, True))
    cfg.update(build_network(flat, args, limits))
    specs = watch_specs + [parse_watch_spec(w) for w in (args.watch or [])]
    if len(specs) > limits["MAX_WATCHES"]:
        raise ProvisionError(f"too many watches: {len(specs)} (at most {limits['MAX_WATCHES']})")
    cfg["watches"] = [check_watch(i, s, limits) for i, s in enumerate(specs)]
    cfg["token"] = read_token(args, limits)
    cfg["seed"] = read_seed(args, limits)
    now = datetime.datetime.now(datetime.timezone.utc)
    cfg["anchors"] = load_anchors(anchor_names + (args.anchor or []), args.ca_dir, limits, now)
    return cfg


def build_network(flat, args, limits):
    mode = "static" if args.static else (flat.get("mode") or flat.get("net") or "dhcp")
    if args.dhcp:
        mode = "dhcp"
    mode = str(mode).strip().lower()
    if mode not in ("dhcp", "static"):
        raise ProvisionError(f"network mode {mode!r} must be dhcp or static")
    net = {"mode": mode, "address": bytes(4), "netmask": bytes(4), "gateway": bytes(4), "dns": bytes(4)}
    sntp = args.sntp if args.sntp is not None else flat.get("sntp", "")
    net["sntp"] = check_host("SNTP server", str(sntp), limits) if sntp else ""
    mac = args.mac if args.mac is not None else flat.get("mac")
    net["mac"] = parse_mac(mac, limits) if mac else b""
    if mode == "static":
        address = args.static or flat.get("address")
        if not address:
            raise ProvisionError("static network: the address is missing (--static a.b.c.d/prefix)")
        address = str(address)
        netmask = args.netmask or flat.get("netmask")
        if "/" in address:
            address, prefix = address.split("/", 1)
            bits = parse_uint("network prefix length", prefix, 1, 32)
            netmask = ".".join(str(b) for b in struct.pack(">I", (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF))
        net["address"] = parse_ipv4("address", address)
        if not netmask:
            raise ProvisionError("static network: the netmask is missing (--static a.b.c.d/prefix or --netmask)")
        net["netmask"] = parse_ipv4("netmask", netmask)
        value = struct.unpack(">I", net["netmask"])[0]
        inverted = ~value & 0xFFFFFFFF
        if value == 0 or (inverted & (inverted + 1)) != 0:
            raise ProvisionError(f"netmask {netmask!r} is not a contiguous mask")
        gateway = args.gateway or flat.get("gateway")
        net["gateway"] = parse_ipv4("gateway", gateway) if gateway else bytes(4)
        dns = args.dns or flat.get("dns")
        if not dns:
            raise ProvisionError("static network: the DNS server is missing (--dns a.b.c.d)")
        net["dns"] = parse_ipv4("DNS server", dns)
        if net["address"] == bytes(4) or net["dns"] == bytes(4):
            raise ProvisionError("static network: address and DNS server must not be 0.0.0.0")
    return net


# ---- block codec ----------------------------------------------------------------------------

def encode(cfg, limits, sequence=0, base=0):
    out = bytearray()

    def field(tag, value, index=0):
        out.extend(FIELD.pack(TAG[tag], index, len(value)))
        out.extend(value)

    def text(tag, value, index=0):
        if value:
            field(tag, value.encode("ascii") + b"\0", index)

    text("host", cfg["host"])
    text("token", cfg["token"])
    text("org", cfg["org"])
    field("poll", struct.pack("<I", cfg["poll"]))
    field("brightness", bytes([cfg["brightness"]]))
    field("display", bytes([1 if cfg["display"] else 0]))
    if cfg.get("seed"):
        field("seed", cfg["seed"])
    field("net_mode", bytes([1 if cfg["mode"] == "static" else 0]))
    if cfg["mode"] == "static":
        for key in ("address", "netmask", "gateway", "dns"):
            field(key, cfg[key])
    text("sntp", cfg["sntp"])
    if cfg.get("mac"):
        field("mac", cfg["mac"])
    for i, w in enumerate(cfg["watches"]):
        field("w_server", struct.pack("<I", w["server"]), i)
        text("w_label", w["label"], i)
        text("w_sort", w["sort"], i)
        if w["page_size"]:
            field("w_page_size", bytes([w["page_size"]]), i)
        text("w_user", w["user"], i)
        if w["site_id"]:
            field("w_site", struct.pack("<I", w["site_id"]), i)
        text("w_directory", w["directory"], i)
        if w["expected"] is not None:
            field("w_expected", struct.pack("<H", w["expected"]), i)
    for i, der in enumerate(cfg["anchors"]):
        field("anchor", der, i)
    header = HEADER.pack(MAGIC, limits["FORMAT_VERSION"], HEADER_SIZE, len(out), sequence, base, 0)
    crc = zlib.crc32(header[:HEADER_SIZE - 4] + bytes(out)) & 0xFFFFFFFF
    block = HEADER.pack(MAGIC, limits["FORMAT_VERSION"], HEADER_SIZE, len(out), sequence, base, crc) + bytes(out)
    if len(block) > limits["BLOCK_MAX_SIZE"]:
        raise ProvisionError(f"configuration block is {len(block)} bytes (at most {limits['BLOCK_MAX_SIZE']})")
    return block


def decode(block, limits):
    """Decode a block; returns (info, cfg) or raises ValueError with the reason."""
    if len(block) < HEADER_SIZE:
        raise ValueError("shorter than a header")
    magic, version, header_size, length, sequence, base, crc = HEADER.unpack_from(block)
    if magic != MAGIC:
        raise ValueError("erased (not provisioned)" if block[:4] == b"\xff" * 4 else "bad magic")
    if version != limits["FORMAT_VERSION"]:
        raise ValueError(f"format version {version} (this tool knows {limits['FORMAT_VERSION']})")
    if header_size != HEADER_SIZE or HEADER_SIZE + length > min(len(block), limits["BLOCK_MAX_SIZE"]):
        raise ValueError("bad length")
    payload = block[HEADER_SIZE:HEADER_SIZE + length]
    if zlib.crc32(block[:HEADER_SIZE - 4] + payload) & 0xFFFFFFFF != crc:
        raise ValueError("CRC mismatch")
    cfg = {"watches": [], "anchors": [], "mode": "dhcp", "sntp": "", "mac": b"", "seed": b"", "token": "",
           "poll": limits["POLL_DEFAULT_S"], "brightness": limits["BRIGHTNESS_DEFAULT"], "display": True}
    pos = 0
    while pos < len(payload):
        if len(payload) - pos < FIELD.size:
            raise ValueError("truncated field")
        tag, index, size = FIELD.unpack_from(payload, pos)
        pos += FIELD.size
        value = payload[pos:pos + size]
        if len(value) != size:
            raise ValueError("truncated field")
        pos += size
        decode_field(cfg, TAG_NAME.get(tag), index, value)
    return {"sequence": sequence, "base": base, "crc": crc, "size": HEADER_SIZE + length}, cfg


def decode_field(cfg, name, index, value):
    if name is None:
        raise ValueError("unknown field")
    if name in ("host", "token", "org", "sntp") or name in ("w_label", "w_sort", "w_user", "w_directory"):
        if not value.endswith(b"\0") or b"\0" in value[:-1]:
            raise ValueError(f"{name}: unterminated text")
        value = value[:-1].decode("ascii", errors="replace")
    if name.startswith("w_"):
        while len(cfg["watches"]) <= index:
            cfg["watches"].append({"server": 0, "label": "", "sort": "", "page_size": 0, "user": "",
                                   "site_id": 0, "directory": "", "expected": None})
        w = cfg["watches"][index]
        key = {"w_server": "server", "w_label": "label", "w_sort": "sort", "w_page_size": "page_size",
               "w_user": "user", "w_site": "site_id", "w_directory": "directory", "w_expected": "expected"}[name]
        if key in ("server", "site_id"):
            value = struct.unpack("<I", value)[0]
        elif key == "page_size":
            value = value[0]
        elif key == "expected":
            value = struct.unpack("<H", value)[0]
        w[key] = value
    elif name == "anchor":
        cfg["anchors"].append(bytes(value))
    elif name in ("poll",):
        cfg["poll"] = struct.unpack("<I", value)[0]
    elif name in ("brightness", "display"):
        cfg[name] = value[0] if name == "brightness" else bool(value[0])
    elif name == "net_mode":
        cfg["mode"] = "static" if value[0] == 1 else "dhcp"
    elif name in ("address", "netmask", "gateway", "dns", "seed"):
        cfg[name] = bytes(value)
    elif name == "mac":
        if len(value) != 6:
            raise ValueError("mac: not 6 bytes")
        cfg["mac"] = bytes(value)
    else:
        cfg[name] = value


# ---- images ---------------------------------------------------------------------------------

class Elf:
    """Just enough of a little-endian ELF32 file: sections by name and load addresses."""

    def __init__(self, data):
        if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
            raise ProvisionError("not a little-endian ELF32 file")
        self.data = data
        (self.phoff, self.shoff) = struct.unpack_from("<II", data, 0x1C)
        (self.phentsize, self.phnum, self.shentsize, self.shnum, self.shstrndx) = struct.unpack_from("<HHHHH", data, 0x2A)
        self.segments = [struct.unpack_from("<IIIIIIII", data, self.phoff + i * self.phentsize)
                         for i in range(self.phnum)]
        sections = [struct.unpack_from("<IIIIIIIIII", data, self.shoff + i * self.shentsize)
                    for i in range(self.shnum)]
        strtab = sections[self.shstrndx]
        names = data[strtab[4]:strtab[4] + strtab[5]]
        self.sections = {}
        for s in sections:
            name = names[s[0]:names.index(b"\0", s[0])].decode()
            self.sections[name] = {"type": s[1], "addr": s[3], "offset": s[4], "size": s[5]}

    def config_section(self):
        s = self.sections.get(".config")
        if s is None:
            raise ProvisionError("the image has no .config section (built before the config region existed?)")
        if s["type"] == 8:  # SHT_NOBITS
            raise ProvisionError("the .config section is NOLOAD (no contents in the image): the linker script "
                                 "must make the provisioned block loadable")
        return s

    def load_address(self, section):
        for p_type, p_offset, _vaddr, p_paddr, p_filesz, *_ in self.segments:
            if p_type == 1 and p_offset <= section["offset"] < p_offset + p_filesz:
                return p_paddr + section["offset"] - p_offset
        raise ProvisionError("the .config section is in no loadable segment")

    def load_base(self):
        return min(p[3] for p in self.segments if p[0] == 1 and p[4] > 0)


def sibling_elf(path):
    elf_path = os.path.splitext(path)[0] + ".elf"
    if not os.path.isfile(elf_path):
        return None
    with open(elf_path, "rb") as f:
        return Elf(f.read())


def image_kind(path, data):
    if data[:4] == b"\x7fELF":
        return "elf"
    if path.lower().endswith((".hex", ".ihex")) or data[:1] == b":":
        return "hex"
    return "bin"


def region_of(path, kind, data, args):
    """(address or offset, size) of the provisioned block in the image."""
    if kind == "elf":
        elf = Elf(data)
        s = elf.config_section()
        return s["offset"], s["size"], elf.load_address(s)
    explicit = args.config_address if kind == "hex" else args.config_offset
    if explicit is not None:
        if args.config_size is None:
            raise ProvisionError("--config-size is needed with --config-offset/--config-address")
        return explicit, args.config_size, explicit
    elf = sibling_elf(path)
    if elf is None:
        raise ProvisionError(f"{path}: no ELF next to it to find the .config section; give "
                             + ("--config-address" if kind == "hex" else "--config-offset") + " and --config-size")
    s = elf.config_section()
    address = elf.load_address(s)
    where = address if kind == "hex" else address - elf.load_base()
    return where, s["size"], address


def hex_records(text):
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if not line.startswith(":"):
            raise ProvisionError(f"HEX line {number}: not a record")
        raw = bytes.fromhex(line[1:])
        if len(raw) < 5 or len(raw) != raw[0] + 5 or sum(raw) & 0xFF:
            raise ProvisionError(f"HEX line {number}: bad length or checksum")
        yield raw


def hex_patch(text, address, block_bytes):
    """Rewrite the data records covering [address, address+len) with block_bytes."""
    end = address + len(block_bytes)
    covered = 0
    upper = 0
    lines = []
    for raw in hex_records(text):
        count, offset, rtype = raw[0], (raw[1] << 8) | raw[2], raw[3]
        data = bytearray(raw[4:4 + count])
        if rtype == 4:
            upper = ((raw[4] << 8) | raw[5]) << 16
        elif rtype == 2:
            upper = ((raw[4] << 8) | raw[5]) << 4
        elif rtype == 0:
            start = upper + offset
            for i in range(count):
                if address <= start + i < end:
                    data[i] = block_bytes[start + i - address]
                    covered += 1
        body = bytes([count, raw[1], raw[2], rtype]) + bytes(data)
        lines.append(":" + (body + bytes([(-sum(body)) & 0xFF])).hex().upper())
    if covered != len(block_bytes):
        raise ProvisionError(f"the HEX records cover {covered} of the {len(block_bytes)} bytes of the config "
                             "region (was the image built with a loadable .config section?)")
    newline = "\r\n" if "\r\n" in text else "\n"  # keep the file's line ends (objcopy writes CR LF)
    return newline.join(lines) + newline


def hex_read(text, address, size):
    found = {}
    upper = 0
    for raw in hex_records(text):
        count, offset, rtype = raw[0], (raw[1] << 8) | raw[2], raw[3]
        if rtype == 4:
            upper = ((raw[4] << 8) | raw[5]) << 16
        elif rtype == 2:
            upper = ((raw[4] << 8) | raw[5]) << 4
        elif rtype == 0:
            for i in range(count):
                if address <= upper + offset + i < address + size:
                    found[upper + offset + i - address] = raw[4 + i]
    if len(found) != size:
        raise ProvisionError("the HEX records do not cover the config region")
    return bytes(found[i] for i in range(size))


def read_region(path, args):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == struct.pack("<I", MAGIC):
        return data, "block", len(data), None
    kind = image_kind(path, data)
    where, size, address = region_of(path, kind, data, args)
    if kind == "hex":
        return hex_read(data.decode("ascii", errors="replace"), where, size), kind, size, address
    if where + size > len(data):
        raise ProvisionError(f"{path}: the config region ({where:#x}+{size:#x}) is outside the file")
    return data[where:where + size], kind, size, address


def write_image(path, output, block, args):
    with open(path, "rb") as f:
        data = f.read()
    kind = image_kind(path, data)
    where, size, address = region_of(path, kind, data, args)
    if len(block) > size:
        raise ProvisionError(f"configuration block is {len(block)} bytes; the image's config region holds {size}")
    region = block + b"\xff" * (size - len(block))
    if kind == "hex":
        new = hex_patch(data.decode("ascii", errors="replace"), where, region).encode("ascii")
    else:
        if where + size > len(data):
            raise ProvisionError(f"{path}: the config region ({where:#x}+{size:#x}) is outside the file")
        new = data[:where] + region + data[where + size:]
    directory = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".provision-")
    with os.fdopen(fd, "wb") as f:
        f.write(new)
    os.chmod(tmp, os.stat(path).st_mode & 0o777)
    os.replace(tmp, output)
    return kind, address, size


# ---- show -----------------------------------------------------------------------------------

def ip(value):
    return ".".join(str(b) for b in value)


def show_lines(cfg):
    lines = [f"host = {cfg.get('host') or '-'}",
             f"token = set ({len(cfg['token'])} chars)" if cfg.get("token") else "token = not set",
             f"org = {cfg.get('org') or '-'}", f"poll = {cfg['poll']}", f"brightness = {cfg['brightness']}",
             f"display = {'on' if cfg['display'] else 'off'}", f"net = {cfg['mode']}"]
    if cfg["mode"] == "static":
        lines += [f"{k} = {ip(cfg.get(k, bytes(4)))}" for k in ("address", "netmask", "gateway", "dns")]
    lines.append(f"sntp = {cfg.get('sntp') or '-'}")
    lines.append(f"mac = {mac_text(cfg['mac']) if cfg.get('mac') else '-'}")
    lines.append(f"seed = {'set' if cfg.get('seed') else 'not set'}")
    lines.append(f"anchors = {len(cfg['anchors'])} ({sum(len(a) for a in cfg['anchors'])} bytes)")
    for i, der in enumerate(cfg["anchors"]):
        code, out, _ = openssl(["x509", "-inform", "DER", "-noout", "-subject", "-nameopt", "oneline"], der)
        subject = out.decode(errors="replace").strip().replace("subject=", "") if code == 0 else "unreadable"
        lines.append(f"anchor{i} = {subject}")
    lines.append(f"watches = {len(cfg['watches'])}")
    for i, w in enumerate(cfg["watches"]):
        for key in WATCH_KEYS:
            value = w[key]
            value = "-" if value in ("", None) else value
            lines.append(f"watch{i}.{key} = {value}")
    return lines


def cmd_show(args, limits):
    region, kind, size, address = read_region(args.image, args)
    where = f"{kind}" + (f", config region at {address:#010x}, {size} bytes" if address is not None else "")
    print(f"image: {args.image} ({where})")
    try:
        info, cfg = decode(region, limits)
    except ValueError as e:
        print(f"block: none ({e})")
        return 1
    print(f"block: {info['size']} bytes, format {limits['FORMAT_VERSION']}, sequence {info['sequence']}, "
          f"crc {info['crc']:#010x}")
    for line in show_lines(cfg):
        print(line)
    return 0


# ---- main -----------------------------------------------------------------------------------

def int_any(text):
    return int(text, 0)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("image", nargs="?", help="ELF, BIN or HEX image (or a raw block for --show); "
                                            "may be left out with --block-out")
    p.add_argument("--show", action="store_true", help="print the image's block (token masked) and exit")
    p.add_argument("--output", "-o", help="write here instead of changing IMAGE in place")
    p.add_argument("--block-out", help="also write the raw block to this file")
    p.add_argument("--config", help="INI or JSON file with the settings (never the token)")
    p.add_argument("--board", default="mps2-an385", help="board whose board_config.h overrides limits")
    p.add_argument("--host", help=f"API host (default {DEFAULT_HOST})")
    p.add_argument("--org", help="organization slug")
    p.add_argument("--token-file", help="file holding the API token (else $FORGE_TOKEN)")
    p.add_argument("--watch", action="append", help="server=ID[,label=..,sort=..,page_size=..,user=..,"
                                                    "site_id=..,directory=..,expected=..] (repeatable)")
    p.add_argument("--anchor", action="append", help="CA store name, subject CN or PEM/DER file (repeatable)")
    p.add_argument("--ca-dir", default=CA_DIR, help=f"CA store directory (default {CA_DIR})")
    p.add_argument("--poll", help="poll interval in seconds")
    p.add_argument("--brightness", help="LED brightness in percent")
    p.add_argument("--display", help="on or off")
    net = p.add_mutually_exclusive_group()
    net.add_argument("--dhcp", action="store_true", help="network by DHCP (default)")
    net.add_argument("--static", metavar="ADDR[/PREFIX]", help="static address")
    p.add_argument("--netmask")
    p.add_argument("--gateway")
    p.add_argument("--dns")
    p.add_argument("--sntp", help="SNTP server (default: from DHCP)")
    p.add_argument("--mac", metavar="XX:XX:XX:XX:XX:XX",
                   help="Ethernet MAC address, unicast (default: the board's own)")
    p.add_argument("--seed-file", help="32-byte entropy seed (raw or hex); default: fresh random bytes")
    p.add_argument("--config-offset", type=int_any, help="BIN: offset of the config region")
    p.add_argument("--config-address", type=int_any, help="HEX: address of the config region")
    p.add_argument("--config-size", type=int_any, help="size of the config region")
    return p.parse_args(argv)


def refuse_token_in_argv(argv):
    for arg in argv:
        if arg == "--token" or arg.startswith("--token=") or arg.startswith("--api-token"):
            raise ProvisionError("a token on the command line is refused (it would be visible to other users "
                                 "and in shell history): use --token-file FILE or the FORGE_TOKEN environment variable")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        refuse_token_in_argv(argv)
        args = parse_args(argv)
        limits = read_limits(args.board)
        if args.image is None and (args.show or not args.block_out):
            raise ProvisionError("no image given (an ELF, BIN or HEX file; or --block-out FILE alone)")
        if args.show:
            return cmd_show(args, limits)
        cfg = build_config(args, limits)
        block = encode(cfg, limits)
        if args.block_out:
            with open(args.block_out, "wb") as f:
                f.write(block)
        if args.image is None:
            print(f"wrote a {len(block)}-byte block to {args.block_out}; org {cfg['org']}, "
                  f"token set ({len(cfg['token'])} chars)")
            return 0
        output = args.output or args.image
        kind, address, size = write_image(args.image, output, block, args)
        print(f"provisioned {output} ({kind}): {len(block)}-byte block at {address:#010x} "
              f"(region {size} bytes); org {cfg['org']}, {len(cfg['watches'])} watch(es), "
              f"{len(cfg['anchors'])} trust anchor(s), token set ({len(cfg['token'])} chars)")
        return 0
    except ProvisionError as e:
        print(f"provision: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except OSError as e:
        print(f"provision: error: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
