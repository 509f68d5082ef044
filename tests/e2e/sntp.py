"""SNTP responder (RFC 4330 server side) on UDP 123 inside the lab, in a thread.

    ntp = lab.start_sntp()          # answers with the real current time
    ntp.offset = -86400.0           # answer one day in the past from now on
    ntp.fixed = 946684800.0         # or a fixed Unix time (None: real time + offset)
    ntp.mode = "kod"                # "ok" | "kod" (kiss-o'-death RATE, stratum 0) |
                                    # "unsync" (leap indicator 3) | "silent" (no reply)
    ntp.requests -> [(monotonic, peer, version)]
    sntp_query(lab) -> (unix_time, stratum, leap)   # a client, for self-tests

The reply echoes the client's transmit timestamp as originate (lwIP's SNTP_CHECK_RESPONSE checks
it), stratum 1, reference id "LOCL".
"""

import select
import socket
import struct
import threading
import time

import netlab

NTP_UNIX_DELTA = 2208988800  # seconds from 1900-01-01 to 1970-01-01
MODES = ("ok", "kod", "unsync", "silent")


def to_ntp(unix_time):
    secs = int(unix_time)
    frac = int((unix_time - secs) * (1 << 32)) & 0xFFFFFFFF
    return ((secs + NTP_UNIX_DELTA) & 0xFFFFFFFF) << 32 | frac


def from_ntp(stamp):
    return (stamp >> 32) - NTP_UNIX_DELTA + (stamp & 0xFFFFFFFF) / (1 << 32)


class SntpServer:
    def __init__(self, lab, offset=0.0, address=netlab.HOST_IP, port=123):
        self.lab = lab
        self.offset = offset
        self.fixed = None
        self.mode = "ok"
        self.address = (address, port)
        self.requests = []
        self._sock = None
        self._stop = threading.Event()
        self._thread = None

    def now(self):
        return (self.fixed if self.fixed is not None else time.time()) + self.offset

    def start(self):
        self._sock = self.lab.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(self.address)
        self._thread = threading.Thread(target=self._serve, name="sntp", daemon=True)
        self._thread.start()
        return self

    def close(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
        if self._sock is not None:
            self._sock.close()

    def _serve(self):
        while not self._stop.is_set():
            ready, _, _ = select.select([self._sock], [], [], 0.2)
            if not ready:
                continue
            try:
                data, peer = self._sock.recvfrom(512)
            except OSError:
                continue
            reply = self.reply_for(data, peer)
            if reply is not None:
                self._sock.sendto(reply, peer)

    def reply_for(self, data, peer):
        if len(data) < 48:
            return None
        version = (data[0] >> 3) & 7
        if data[0] & 7 != 3:  # only client requests
            return None
        self.requests.append((time.monotonic(), peer, version))
        if self.mode == "silent":
            return None
        leap, stratum, refid = 0, 1, b"LOCL"
        if self.mode == "kod":
            stratum, refid = 0, b"RATE"
        elif self.mode == "unsync":
            leap = 3
        now = to_ntp(self.now())
        originate = struct.unpack("!Q", data[40:48])[0]
        return struct.pack("!BBbbII4sQQQQ", leap << 6 | version << 3 | 4, stratum, data[2],
                           -20, 0, 0x00000100, refid, now, originate, now, now)


def sntp_query(lab, server=netlab.HOST_IP, timeout=2.0):
    """Send one SNTPv4 request from inside the lab; returns (unix_time, stratum, leap) or None."""
    sock = lab.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.settimeout(timeout)
        sent = to_ntp(time.time())
        req = struct.pack("!B47x", 0 << 6 | 4 << 3 | 3)[:40] + struct.pack("!Q", sent)
        sock.sendto(req, (server, 123))
        try:
            data, _ = sock.recvfrom(512)
        except socket.timeout:
            return None
        if len(data) < 48 or struct.unpack("!Q", data[24:32])[0] != sent or data[0] & 7 != 4:
            raise ValueError("bad SNTP reply")
        return from_ntp(struct.unpack("!Q", data[40:48])[0]), data[1], data[0] >> 6
    finally:
        sock.close()
