"""dnsmasq in the lab namespace: DHCP for the guest on tap0 and the lab's only DNS server.

    dns = lab.start_dnsmasq()                # mode "ok", lease 1h
    dns.restart(mode="nxdomain")             # forge.laravel.com -> NXDOMAIN
    dns.restart(mode="refused")              # no record and no upstream: REFUSED
    dns.restart(mode="down")                 # DNS port closed (DHCP still served): lookups time out
    dns.restart(mode="ok", hosts={"forge.laravel.com": "192.0.2.7"})   # point elsewhere
    dns.wait_for_log(r"DHCPACK\\(tap0\\) (\\S+)", timeout=10) -> re.Match
    dns.leases() -> [(mac, ip)]
    dns_query(lab, "forge.laravel.com") -> DnsAnswer(rcode, addresses)   # raw UDP, from inside

DHCP: 192.0.2.50-99, router and DNS = 192.0.2.1, option 42 (NTP) = 192.0.2.1. Leases live in
a lease file in the lab's work dir, so a restart (DNS fault injection) does not forget them.
Names: forge.laravel.com and pool.ntp.org -> 192.0.2.1. There is no upstream (`--no-resolv`),
so every other name is refused: nothing resolves to the outside.
"""

import re
import secrets
import socket
import struct
import subprocess
import threading
import time
from dataclasses import dataclass

import netlab

DEFAULT_HOSTS = {"forge.laravel.com": netlab.HOST_IP, "pool.ntp.org": netlab.HOST_IP}
MODES = ("ok", "nxdomain", "refused", "down")


class Dnsmasq:
    def __init__(self, lab, mode="ok", hosts=None, lease_time="1h", ntp_server=netlab.HOST_IP):
        self.lab = lab
        self.mode = mode
        self.hosts = dict(DEFAULT_HOSTS if hosts is None else hosts)
        self.lease_time = lease_time
        self.ntp_server = ntp_server
        self.proc = None
        self.log_path = lab.logpath("dnsmasq.log")
        self.lease_file = lab.logpath("dnsmasq.leases")
        self._log_lines = []
        self._cond = threading.Condition()
        self._reader = None

    def argv(self):
        if self.mode not in MODES:
            raise ValueError("dnsmasq mode %r not in %s" % (self.mode, MODES))
        lo, hi = netlab.DHCP_FIRST, netlab.DHCP_LAST
        args = ["dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--interface=" + self.lab.tap,
                "--bind-interfaces", "--no-resolv", "--no-hosts", "--user=root", "--group=root",
                "--pid-file=", "--log-facility=-", "--log-queries", "--log-dhcp",
                "--dhcp-authoritative", "--no-ping", "--dhcp-leasefile=" + self.lease_file,
                "--dhcp-range=%s,%s,255.255.255.0,%s" % (lo, hi, self.lease_time),
                "--dhcp-option=option:router," + netlab.HOST_IP,
                "--dhcp-option=option:dns-server," + netlab.HOST_IP,
                "--dhcp-option=option:ntp-server," + self.ntp_server]
        if self.mode == "down":
            args.append("--port=0")
        for name, addr in self.hosts.items():
            if self.mode == "ok":
                args.append("--address=/%s/%s" % (name, addr))
            elif self.mode == "nxdomain":
                args.append("--address=/%s/" % name)
        return args

    def start(self):
        self.proc = self.lab.spawn(self.argv(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
        self._reader.start()
        self.wait_for_log(r"DHCP, IP range|compile time options", timeout=5, whole_log=True)
        if self.mode != "down":
            self._wait_dns_port()
        return self

    def _wait_dns_port(self):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if dns_query(self.lab, "probe.invalid", timeout=0.3) is not None:
                return
        raise TimeoutError("dnsmasq did not answer DNS")

    def _read(self, proc):
        with open(self.log_path, "a", encoding="utf-8") as log:
            for raw in proc.stderr:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                log.write(line + "\n")
                log.flush()
                with self._cond:
                    self._log_lines.append(line)
                    self._cond.notify_all()

    def restart(self, mode=None, hosts=None):
        if mode is not None:
            self.mode = mode
        if hosts is not None:
            self.hosts = dict(hosts)
        self.stop()
        return self.start()

    def stop(self):
        if self.proc is not None:
            netlab.stop_process(self.proc, close_streams=False)
            self.lab.forget(self.proc)
        if self._reader is not None:
            self._reader.join(2)
            self._reader = None
        if self.proc is not None:
            netlab.close_streams_of(self.proc)
            self.proc = None

    close = stop

    def log(self):
        with self._cond:
            return list(self._log_lines)

    def wait_for_log(self, pattern, timeout=10.0, whole_log=False):
        """First match of pattern in dnsmasq's output (since the last start unless whole_log)."""
        rx = re.compile(pattern)
        start = 0 if whole_log else self._start_index()
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._log_lines[start:]:
                    m = rx.search(line)
                    if m is not None:
                        return m
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("dnsmasq log: no %r within %.1f s" % (pattern, timeout))
                self._cond.wait(left)

    def _start_index(self):
        with self._cond:
            for i in range(len(self._log_lines) - 1, -1, -1):
                if "compile time options" in self._log_lines[i]:
                    return i
        return 0

    def leases(self):
        try:
            with open(self.lease_file, encoding="ascii") as f:
                rows = [line.split() for line in f]
        except FileNotFoundError:
            return []
        return [(r[1], r[2]) for r in rows if len(r) >= 3]


# ---- a raw DNS client (A records), usable from inside the lab ------------------------------
@dataclass
class DnsAnswer:
    rcode: int          # 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED
    addresses: list     # dotted quads from A records

    RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}

    @property
    def rcode_name(self):
        return self.RCODES.get(self.rcode, str(self.rcode))


def build_query(name, qid, qtype=1):
    header = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    qname = b"".join(bytes([len(p)]) + p.encode("ascii") for p in name.split(".")) + b"\0"
    return header + qname + struct.pack("!HH", qtype, 1)


def _skip_name(msg, pos):
    for _ in range(128):  # bounded walk over labels
        n = msg[pos]
        if n == 0:
            return pos + 1
        if n & 0xC0 == 0xC0:
            return pos + 2
        pos += 1 + n
    raise ValueError("DNS name too long")


def parse_answer(msg, qid):
    rid, flags, qd, an, _ns, _ar = struct.unpack("!HHHHHH", msg[:12])
    if rid != qid or not flags & 0x8000:
        raise ValueError("not our DNS response")
    pos = 12
    for _ in range(qd):
        pos = _skip_name(msg, pos) + 4
    addrs = []
    for _ in range(an):
        pos = _skip_name(msg, pos)
        rtype, _cls, _ttl, rdlen = struct.unpack("!HHIH", msg[pos:pos + 10])
        pos += 10
        if rtype == 1 and rdlen == 4:
            addrs.append(socket.inet_ntoa(msg[pos:pos + 4]))
        pos += rdlen
    return DnsAnswer(flags & 0xF, addrs)


def dns_query(lab, name, server=netlab.HOST_IP, timeout=2.0):
    """Ask `server` for the A record of `name` from inside the lab; None on no answer."""
    qid = secrets.randbelow(0x10000)
    sock = lab.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.settimeout(timeout)
        sock.sendto(build_query(name, qid), (server, 53))
        try:
            data, _ = sock.recvfrom(2048)
        except (socket.timeout, ConnectionRefusedError):
            return None
        return parse_answer(data, qid)
    finally:
        sock.close()

