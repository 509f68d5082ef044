"""Raw Ethernet on the lab's tap from Python: play the guest without QEMU (self-tests), or be
the tap end of a frame relay.

    with TapDevice(lab) as tap:              # opens tap0 inside the lab (IFF_TAP | IFF_NO_PI)
        tap.write(frame); frame = tap.read(timeout=1.0)
    lease = dhcp_handshake(lab)              # DISCOVER/OFFER/REQUEST/ACK as a fake guest
    lease -> DhcpLease(ip, server, router, dns, ntp, lease_time, mac)

Only one opener at a time: do not use it while QEMU holds the same tap.
"""

import fcntl
import os
import secrets
import select
import socket
import struct
from dataclasses import dataclass

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
GUEST_MAC = bytes.fromhex("525400e2e001")


class TapDevice:
    def __init__(self, lab, name=None):
        self.lab, self.name, self.fd = lab, name or lab.tap, None

    def open(self):
        with self.lab.inside():  # the device is looked up in the caller's namespace
            fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
            try:
                fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", self.name.encode(),
                                                       IFF_TAP | IFF_NO_PI))
            except OSError:
                os.close(fd)
                raise
        self.fd = fd
        return self

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc):
        self.close()
        return False

    def write(self, frame):
        os.write(self.fd, frame)

    def read(self, timeout=1.0):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        return os.read(self.fd, 65536)


def _csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def udp_frame(src_mac, src_ip, dst_ip, sport, dport, payload, dst_mac=b"\xff" * 6):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     socket.inet_aton(src_ip), socket.inet_aton(dst_ip))
    ip = ip[:10] + struct.pack("!H", _csum(ip)) + ip[12:]
    return dst_mac + src_mac + b"\x08\x00" + ip + udp


def parse_udp(frame):
    """(src_ip, dst_ip, sport, dport, payload) of an IPv4/UDP frame, else None."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
        return None
    ihl = (frame[14] & 0xF) * 4
    sport, dport, length = struct.unpack("!HHH", frame[14 + ihl:14 + ihl + 6])
    payload = frame[14 + ihl + 8:14 + ihl + length]
    return (socket.inet_ntoa(frame[26:30]), socket.inet_ntoa(frame[30:34]), sport, dport,
            payload)


def _bootp(xid, mac, options):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4,
                       b"\0" * 4, b"\0" * 4, b"\0" * 4, mac, b"", b"")
    opts = b"".join(bytes([k, len(v)]) + v for k, v in options)
    return head + b"\x63\x82\x53\x63" + opts + b"\xff"


def _options(payload):
    opts, pos = {}, 240
    while pos < len(payload) and payload[pos] != 255:
        if payload[pos] == 0:
            pos += 1
            continue
        k, n = payload[pos], payload[pos + 1]
        opts[k] = payload[pos + 2:pos + 2 + n]
        pos += 2 + n
    return opts


@dataclass
class DhcpLease:
    ip: str
    server: str
    router: str
    dns: str
    ntp: str
    lease_time: int
    mac: str


def discover_frame(xid, mac=GUEST_MAC):
    """A DHCPDISCOVER as the guest would broadcast it (asks for router, DNS, NTP, lease)."""
    return udp_frame(mac, "0.0.0.0", "255.255.255.255", 68, 67,
                     _bootp(xid, mac, [(53, b"\x01"), (55, bytes([1, 3, 6, 42, 51]))]))


def dhcp_reply(frame, xid):
    """(message type, BOOTP payload, options) if frame is a DHCP reply for xid, else None."""
    udp = parse_udp(frame)
    if udp is None or udp[2:4] != (67, 68):
        return None
    payload = udp[4]
    if len(payload) < 240 or struct.unpack("!I", payload[4:8])[0] != xid:
        return None
    opts = _options(payload)
    return (opts.get(53, b"\0")[0], payload, opts)


def _exchange(tap, frame, xid, msg_type, tries=6, wait=0.5):
    """Send frame, wait for a reply of msg_type; retransmit like a DHCP client would (the
    first frame after the tap comes up can race the carrier)."""
    for _ in range(tries):
        tap.write(frame)
        for _ in range(int(wait / 0.1)):
            got = tap.read(0.1)
            reply = dhcp_reply(got, xid) if got is not None else None
            if reply is not None and reply[0] == msg_type:
                return reply[1], reply[2]
    raise TimeoutError("no DHCP message type %d" % msg_type)


def dhcp_handshake(lab, mac=GUEST_MAC):
    xid = secrets.randbits(32)
    ask = (55, bytes([1, 3, 6, 42, 51]))
    with TapDevice(lab) as tap:
        offer, opts = _exchange(tap, discover_frame(xid, mac), xid, 2)
        yiaddr = socket.inet_ntoa(offer[16:20])
        request = udp_frame(mac, "0.0.0.0", "255.255.255.255", 68, 67, _bootp(
            xid, mac, [(53, b"\x03"), (50, offer[16:20]), (54, opts[54]), ask]))
        ack, opts = _exchange(tap, request, xid, 5)
    ip = lambda k: socket.inet_ntoa(opts[k][:4]) if k in opts else None  # noqa: E731
    return DhcpLease(socket.inet_ntoa(ack[16:20]) or yiaddr, ip(54), ip(3), ip(6), ip(42),
                     struct.unpack("!I", opts[51])[0] if 51 in opts else 0, mac.hex(":"))
