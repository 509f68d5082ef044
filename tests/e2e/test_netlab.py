#!/usr/bin/env python3
"""Self-tests of the e2e package (no firmware needed): namespace, dnsmasq, SNTP, PKI, mock.

    python3 tests/e2e/test_netlab.py --build build [-k substring] [-v]

Prints one PASS/FAIL line per check and ends with "N passed, N failed"; exit 1 on any failure.
Needs root (the lab is a network namespace with a tap).
"""

import argparse
import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dnsmasq  # noqa: E402
from e2e_runner import Failed, check, eq, run_cases, run_one, summary  # noqa: E402
import image  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import qemu  # noqa: E402
import relay  # noqa: E402
import scenario_lively  # noqa: E402
import sntp  # noqa: E402
import taplink  # noqa: E402


class Suite:
    def __init__(self, lab, pki, api, dns, ntp, build):
        self.lab, self.pki, self.api, self.dns, self.ntp = lab, pki, api, dns, ntp
        self.build = build
        self.ca = pki.trust_bundle()

    def conn(self, host=mf.HOST, timeout=5.0):
        return mf.LabHTTPSConnection(self.lab, self.ca, host=host, timeout=timeout)

    def tls_connect(self, cafile=None, host=mf.HOST, timeout=5.0):
        ctx = ssl.create_default_context(cafile=cafile or self.ca)
        sock = self.lab.create_connection((netlab.HOST_IP, 443), timeout=timeout)
        return ctx.wrap_socket(sock, server_hostname=host)

    def fresh(self, n=90, **kw):
        self.api.set_chain("ecdsa")
        self.api.silent = False
        self.api.override = None
        self.api.drop_connections()
        self.api.set_processes(mf.make_processes(n, **kw))
        self.api.reset_budget()
        self.api.clear_log()

    # ---- the namespace -------------------------------------------------------------------
    def test_namespace_isolated(self):
        names = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                               check=True).stdout
        check(self.lab.name in names, "namespace listed")
        addr = self.lab.ip("-4", "-o", "addr", "show", "dev", "tap0").stdout
        check("192.0.2.1/24" in addr, "tap0 has 192.0.2.1/24: " + addr)
        routes = self.lab.ip("-4", "route", "show", "table", "all").stdout
        check("default" not in routes, "no default route")
        for target in ("198.51.100.1", "8.8.8.8"):
            s = self.lab.socket()
            s.settimeout(1)
            try:
                err = s.connect_ex((target, 443))
            finally:
                s.close()
            check(err != 0, "connect to %s from the lab must fail" % target)

    # ---- DNS and DHCP configuration ------------------------------------------------------
    def test_dns_answers(self):
        for name in ("forge.laravel.com", "pool.ntp.org"):
            ans = dnsmasq.dns_query(self.lab, name)
            check(ans is not None, "answer for " + name)
            eq((ans.rcode_name, ans.addresses), ("NOERROR", ["192.0.2.1"]), name)
        other = dnsmasq.dns_query(self.lab, "example.com")
        eq(other.rcode_name, "REFUSED", "a name outside the lab")
        self.dns.wait_for_log(r"query\[A\] forge\.laravel\.com", 3)  # logged by dnsmasq

    def test_dns_failure_modes(self):
        try:
            self.dns.restart(mode="nxdomain")
            eq(dnsmasq.dns_query(self.lab, "forge.laravel.com").rcode_name, "NXDOMAIN",
               "nxdomain mode")
            self.dns.restart(mode="refused")
            eq(dnsmasq.dns_query(self.lab, "forge.laravel.com").rcode_name, "REFUSED",
               "refused mode")
            self.dns.restart(mode="down")
            eq(dnsmasq.dns_query(self.lab, "forge.laravel.com", timeout=0.5), None, "down mode")
            self.dns.restart(mode="ok", hosts={"forge.laravel.com": "192.0.2.7"})
            eq(dnsmasq.dns_query(self.lab, "forge.laravel.com").addresses, ["192.0.2.7"],
               "moved host")
        finally:
            self.dns.restart(mode="ok", hosts=dnsmasq.DEFAULT_HOSTS)
        eq(dnsmasq.dns_query(self.lab, "forge.laravel.com").addresses, ["192.0.2.1"],
           "restored")

    def test_dhcp_configuration(self):
        argv = " ".join(self.dns.argv())
        for part in ("--dhcp-range=192.0.2.50,192.0.2.99", "option:ntp-server,192.0.2.1",
                     "--interface=tap0", "--no-resolv"):
            check(part in argv, "dnsmasq argv has " + part)
        check(re.search(r"DHCP, IP range 192\.0\.2\.50 -- 192\.0\.2\.99",
                        "\n".join(self.dns.log())), "dnsmasq reports the DHCP range")

    def test_dhcp_lease_as_a_guest(self):
        lease = taplink.dhcp_handshake(self.lab)
        check(re.fullmatch(r"192\.0\.2\.(\d+)", lease.ip)
              and 50 <= int(lease.ip.rsplit(".", 1)[1]) <= 99, "address in pool: " + lease.ip)
        eq((lease.server, lease.router, lease.dns, lease.ntp), ("192.0.2.1",) * 4,
           "server, router, DNS, NTP (option 42)")
        eq(lease.lease_time, 3600, "lease time")
        check((lease.mac, lease.ip) in self.dns.leases(), "lease recorded: %s" % self.dns.leases())
        self.dns.restart()
        check((lease.mac, lease.ip) in self.dns.leases(), "lease survives a dnsmasq restart")
        eq(taplink.dhcp_handshake(self.lab).ip, lease.ip, "same address again")

    # ---- SNTP ----------------------------------------------------------------------------
    def test_sntp(self):
        t, stratum, leap = sntp.sntp_query(self.lab)
        check(abs(t - time.time()) < 2.0, "SNTP time near now: %.3f" % (t - time.time()))
        eq((stratum, leap), (1, 0), "stratum, leap")
        self.ntp.offset = -86400.0 * 400
        try:
            t2 = sntp.sntp_query(self.lab)[0]
            check(abs(t2 - (time.time() - 86400.0 * 400)) < 2.0, "offset applied")
            self.ntp.mode = "kod"
            eq(sntp.sntp_query(self.lab)[1], 0, "kiss-o'-death stratum")
            self.ntp.mode = "silent"
            eq(sntp.sntp_query(self.lab, timeout=0.3), None, "silent")
        finally:
            self.ntp.offset, self.ntp.mode = 0.0, "ok"
        check(len(self.ntp.requests) >= 4, "requests recorded")

    # ---- TLS -----------------------------------------------------------------------------
    def test_tls_valid_chains(self):
        want_kx = {"ecdsa": "ECDSA", "ecdsa-int": "ECDSA", "rsa": "RSA", "rsa4096": "RSA"}
        for name, kx in want_kx.items():
            self.api.set_chain(name)
            self.api.clear_log()
            with self.tls_connect() as s:
                peer = s.getpeercert()
                eq(dict(x[0] for x in peer["subject"])["commonName"], mf.HOST, name + " CN")
            conns = self.api.connections()
            eq(conns[-1]["sni"], mf.HOST, name + " SNI seen by the mock")
            eq(conns[-1]["chain"], name, "chain served")
            self.api.set_chain("ecdsa")
            ctx = ssl.create_default_context(cafile=self.ca)
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2  # what mbedTLS 2.28 will negotiate
            self.api.set_chain(name)
            with self.lab.create_connection((netlab.HOST_IP, 443)) as raw:
                with ctx.wrap_socket(raw, server_hostname=mf.HOST) as s:
                    eq(s.version(), "TLSv1.2", name + " TLS 1.2 offered")
                    check(kx in s.cipher()[0] and "GCM" in s.cipher()[0],
                          "%s cipher %s" % (name, s.cipher()[0]))
        self.api.set_chain("ecdsa")

    def test_tls_bad_chains(self):
        # chain -> (OpenSSL verify code, reason text)
        want = {"unknown-ca": (20, "unable to get local issuer certificate"),
                "impostor": (7, "certificate signature failure"),
                "wrong-host": (62, "Hostname mismatch"),
                "expired": (10, "certificate has expired"),
                "not-yet-valid": (9, "certificate is not yet valid")}
        try:
            for name, (code, text) in want.items():
                self.api.set_chain(name)
                try:
                    self.tls_connect().close()
                except ssl.SSLCertVerificationError as exc:
                    eq((exc.verify_code, text in exc.verify_message), (code, True),
                       "%s refused for its own reason (%s)" % (name, exc.verify_message))
                else:
                    raise Failed(name + " was accepted")
        finally:
            self.api.set_chain("ecdsa")
        der = self.pki.anchor_der("ecdsa-root")
        eq(der[0], 0x30, "anchor DER starts with a SEQUENCE")
        check(ssl.DER_cert_to_PEM_cert(der) == open(self.pki.anchor_path("ecdsa-root", "pem"),
                                                    encoding="ascii").read(), "DER == PEM")

    def test_silent_server(self):
        self.api.silent = True
        try:
            t0 = time.monotonic()
            try:
                self.tls_connect(timeout=0.7).close()
                raise Failed("handshake succeeded against a silent server")
            except (socket.timeout, TimeoutError):
                pass
            check(time.monotonic() - t0 >= 0.6, "the client waited")
            check(any(c["silent"] for c in self.api.connections()), "TCP accepted, held")
        finally:
            self.api.silent = False

    # ---- the API -------------------------------------------------------------------------
    def test_pagination_one_connection(self):
        self.fresh(90)
        c = self.conn()
        ids, cursor, pages = [], None, 0
        for _ in range(5):
            params = {"page[size]": 30}
            if cursor is not None:
                params["page[cursor]"] = cursor
            resp, doc = c.get_json(mf.list_target(**params))
            eq(resp.status, 200, "status")
            eq(resp.getheader("Content-Type"), mf.JSONAPI, "content type")
            eq(len(doc["data"]), 30, "page size")
            check(all(r["type"] == "backgroundProcesses" for r in doc["data"]), "type")
            eq(sorted(doc["data"][0]["attributes"]), sorted(
                ["command", "user", "directory", "processes", "status", "created_at"]), "attrs")
            ids += [r["id"] for r in doc["data"]]
            pages += 1
            cursor = doc["meta"]["next_cursor"]
            eq(doc["links"]["next"] is None, cursor is None, "links.next matches")
            if cursor is None:
                break
        c.close()
        eq(pages, 3, "pages")
        eq(len(set(ids)), 90, "distinct records")
        log = self.api.requests()
        eq(len(log), 3, "requests logged")
        eq({r["conn"] for r in log}, {log[0]["conn"]}, "one kept-alive connection")
        eq([r["seq"] for r in log], [1, 2, 3], "sequence on that connection")
        eq([("page[cursor]" in r["query"]) for r in log], [False, True, True], "cursor sent")
        auth = [v for r in log for k, v in r["headers"] if k.lower() == "authorization"]
        eq(set(auth), {"Bearer <redacted>"}, "token redacted")
        check(mf.TOKEN not in repr(log) + repr(self.api.connections()), "token absent")

    def test_default_page_and_php_json(self):
        self.fresh(31, directory="/home/forge/é")
        c = self.conn()
        c.request("GET", mf.list_target(), headers={"Authorization": "Bearer " + mf.TOKEN})
        resp = c.getresponse()
        raw = resp.read()
        c.close()
        check(b"\\/home\\/forge\\/\\u00e9" in raw, "PHP-style escapes in the body")
        import json  # pylint: disable=import-outside-toplevel
        doc = json.loads(raw)
        eq(len(doc["data"]), 30, "default page[size]")
        eq(doc["meta"]["per_page"], 30, "meta.per_page")
        eq(resp.getheader("Content-Length"), str(len(raw)), "Content-Length")

    def test_sort_and_filters(self):
        self.fresh(90)
        c = self.conn()
        resp, doc = c.get_json(mf.list_target(**{"sort": "-user,command", "page[size]": 200}))
        eq(resp.status, 200, "sorted status")
        got = [(r["attributes"]["user"], r["attributes"]["command"]) for r in doc["data"]]
        want = sorted(got, key=lambda uc: uc[1])
        want = sorted(want, key=lambda uc: uc[0], reverse=True)
        eq(got, want, "sort -user,command")
        eq(self.api.requests()[-1]["query"]["sort"], ["-user,command"], "sort recorded")
        params = {"filter[user]": "root", "filter[site_id]": "101",
                  "filter[directory]": "/home/forge/site1.example.com", "page[size]": 200}
        resp, doc = c.get_json(mf.list_target(**params))
        want_ids = [p["id"] for p in mf.make_processes(90)
                    if p["user"] == "root" and p["site_id"] == 101
                    and p["directory"] == "/home/forge/site1.example.com"]
        check(len(want_ids) > 0, "the filter selects something")
        eq([r["id"] for r in doc["data"]], want_ids, "three filters applied")
        q = self.api.requests()[-1]["query"]
        eq((q["filter[user]"], q["filter[site_id]"], q["filter[directory]"]),
           (["root"], ["101"], ["/home/forge/site1.example.com"]), "filters recorded")
        resp, doc = c.get_json(mf.list_target(sort="bogus"))
        eq(resp.status, 422, "unknown sort")
        check("sort" in doc["errors"] and isinstance(doc["errors"]["sort"], list)
              and "message" in doc, "422 body shape")
        resp, doc = c.get_json(mf.list_target(**{"page[cursor]": "not-a-cursor"}))
        eq(resp.status, 422, "bad cursor")
        c.close()

    def test_errors_401_403_404(self):
        self.fresh(5)
        c = self.conn()
        resp, doc = c.get_json(mf.list_target(), token="wrong")
        eq((resp.status, doc), (401, {"message": "Unauthenticated."}), "bad token")
        check(resp.getheader("X-RateLimit-Limit") is None, "401 carries no budget")
        resp, doc = c.get_json(mf.list_target(), token=None)
        eq((resp.status, doc), (401, {"message": "Unauthenticated."}), "no token")
        eq(self.api.requests()[-2]["auth"], "bad", "auth recorded")
        self.api.forbidden.add((mf.ORG, mf.SERVER))
        try:
            resp, doc = c.get_json(mf.list_target())
            eq((resp.status, sorted(doc)), (403, ["message"]), "403")
        finally:
            self.api.forbidden.clear()
        resp, doc = c.get_json(mf.list_target(server="999"))
        eq((resp.status, doc), (404, {"message": "Not Found."}), "404")
        c.close()

    def test_rate_limit(self):
        self.fresh(3)
        c = self.conn()
        remaining = []
        for _ in range(60):
            resp, _doc = c.get_json(mf.list_target())
            eq(resp.status, 200, "within budget")
            remaining.append(int(resp.getheader("X-RateLimit-Remaining")))
        eq(remaining, list(range(59, -1, -1)), "X-RateLimit-Remaining counts down")
        resp, doc = c.get_json(mf.list_target())
        eq((resp.status, doc), (429, {"message": "Too Many Attempts."}), "61st request")
        retry = int(resp.getheader("Retry-After"))
        check(50 <= retry <= 60, "Retry-After %d" % retry)
        eq(resp.getheader("X-RateLimit-Remaining"), "0", "remaining 0")
        reset = int(resp.getheader("X-RateLimit-Reset"))
        check(abs(reset - (time.time() + retry)) <= 2, "X-RateLimit-Reset is a Unix time")
        c.close()
        eq(len({r["conn"] for r in self.api.requests()}), 1, "all on one connection")
        self.api.reset_budget()
        self.api.block_for(5, status=429)
        c = self.conn()
        resp, _ = c.get_json(mf.list_target())
        eq(resp.status, 429, "block_for")
        check(1 <= int(resp.getheader("Retry-After")) <= 5, "countdown Retry-After")
        self.api.override = None
        c.close()

    def test_scripted_responses(self):
        self.fresh(40)
        self.api.queue(mf.Scripted.maintenance(), mf.Scripted.error(500),
                       mf.Scripted(status=200, body=b'{"data":[', headers=[("X-Test", "1")]))
        c = self.conn()
        resp, doc = c.get_json(mf.list_target())
        eq((resp.status, doc), (503, {"message": "Service Unavailable"}), "503")
        eq(c.get_json(mf.list_target())[0].status, 500, "500")
        c.request("GET", mf.list_target(), headers={"Authorization": "Bearer " + mf.TOKEN})
        resp = c.getresponse()
        eq((resp.status, resp.read(), resp.getheader("X-Test")), (200, b'{"data":[', "1"),
           "raw body + header")
        self.api.queue(mf.Scripted(delay=0.5))
        t0 = time.monotonic()
        resp, doc = c.get_json(mf.list_target())
        check(time.monotonic() - t0 >= 0.45 and len(doc["data"]) == 30, "delayed real page")
        c.close()
        eq(len({r["conn"] for r in self.api.requests()}), 1, "errors kept the connection")

    def raw_get(self, timeout=3.0):
        """Send one GET on a fresh TLS connection; read until EOF/timeout -> bytes."""
        s = self.tls_connect(timeout=timeout)
        req = "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n" % (
            mf.list_target(), mf.HOST, mf.TOKEN)
        s.sendall(req.encode())
        data = b""
        try:
            while True:
                piece = s.recv(65536)
                if not piece:
                    break
                data += piece
        except (socket.timeout, ssl.SSLError, OSError):
            pass
        s.close()
        return data

    def test_transport_faults(self):
        self.fresh(30)
        self.api.queue(mf.Scripted(chunks=[7, 1, 300], chunk_ext="x=1", close=True))
        data = self.raw_get()
        head, _, body = data.partition(b"\r\n\r\n")
        check(b"Transfer-Encoding: chunked" in head, "chunked header")
        check(body.startswith(b"7;x=1\r\n") and b"\r\n1;x=1\r\n" in body
              and b"\r\n12c;x=1\r\n" in body and body.endswith(b"0;x=1\r\n\r\n"),
              "chunk sizes 7, 1, 300, rest, 0")
        self.api.queue(mf.Scripted(chunks=[100, 100], truncate_chunked=True))
        data = self.raw_get()
        check(data.endswith(b"\r\n") and not data.endswith(b"0\r\n\r\n"), "truncated chunked")
        self.api.queue(mf.Scripted(close_mid="headers"))
        data = self.raw_get()
        check(data.startswith(b"HTTP/1.1 200") and b"\r\n\r\n" not in data, "mid-headers")
        self.api.queue(mf.Scripted(close_mid="body"))
        data = self.raw_get()
        head, _, body = data.partition(b"\r\n\r\n")
        want = int(re.search(rb"Content-Length: (\d+)", head).group(1))
        check(0 < len(body) < want, "mid-body: %d of %d" % (len(body), want))
        self.api.queue(mf.Scripted(close_after=10))
        eq(self.raw_get(), b"HTTP/1.1 2", "close after 10 bytes")
        self.api.queue(mf.Scripted(body=b"{}", headers=[("Content-Length", "5")], close=True))
        data = self.raw_get()
        check(b"Content-Length: 5\r\n" in data and data.endswith(b"\r\n\r\n{}"),
              "a lying Content-Length is sent as scripted")
        c = self.conn()
        self.api.queue(mf.Scripted(close_mid="body"))
        try:
            c.get_json(mf.list_target())
            raise Failed("a cut body was read as complete")
        except http.client.IncompleteRead:
            pass
        c.close()

    def test_drop_and_reconnect(self):
        self.fresh(5)
        c = self.conn()
        eq(c.get_json(mf.list_target())[0].status, 200, "first")
        self.api.drop_connections()
        time.sleep(0.1)
        c.close()
        eq(c.get_json(mf.list_target())[0].status, 200, "after reconnect")
        c.close()
        eq(len({r["conn"] for r in self.api.requests()}), 2, "two connections")

    def test_session_resumption_and_close(self):
        self.fresh(3)
        ctx = ssl.create_default_context(cafile=self.ca)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        sessions = []
        for _ in range(2):
            raw = self.lab.create_connection((netlab.HOST_IP, 443))
            s = ctx.wrap_socket(raw, server_hostname=mf.HOST,
                                session=sessions[-1] if sessions else None)
            s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                       "Connection: close\r\n\r\n" % (mf.list_target(), mf.HOST, mf.TOKEN))
                      .encode())
            data = b""
            for _ in range(100):
                piece = s.recv(65536)
                if not piece:
                    break
                data += piece
            check(b"Connection: close" in data and data.startswith(b"HTTP/1.1 200"),
                  "server honours Connection: close and ends the connection")
            sessions.append(s.session)
            s.close()
        eq([c["resumed"] for c in self.api.connections()[-2:]], [False, True],
           "second handshake resumed (mock records it)")
        self.api.queue(mf.Scripted(stall=True))
        c = self.conn(timeout=0.5)
        try:
            c.get_json(mf.list_target())
            raise Failed("a stalled answer arrived")
        except (socket.timeout, TimeoutError):
            pass
        c.close()

    def test_qemu_harness(self):
        elf = build_guest(self.build)
        vm = qemu.Qemu(elf, lab=self.lab, display=True, time_limit=20)
        vm.start()
        try:
            vm.wait_for(r"harness: hello", 10)
            vm.wait_for(r"harness: led set", 5)
            eq(vm.led(), 2, "LED register over QMP (2 user LEDs on an385)")
            shot = os.path.join(vm.workdir, "shot.png")
            img = vm.screendump(shot)
            eq((img.width, img.height), (384, 64), "OLED screendump size")
            eq(image.read_png(shot), img, "PNG round trip")
            vm.set_link(False)
            vm.set_link(True)
            up = self.lab.ip("link", "show", "tap0").stdout
            check("LOWER_UP" in up, "QEMU holds tap0: " + up)
            vm.write_uart(b"Z")
            vm.wait_for(r"got Z", 5)
            eq(vm.wait_exit(10), 42, "semihosting exit code")
            check(vm.lines[0][0] >= 0 and vm.lines[0][1] == "harness: hello", "timestamps")
        finally:
            vm.close()

    def test_lively_scenario(self):
        self.fresh(0)
        self.api.set_rate_limit(100000)  # this test polls far faster than 60/min
        seen = []
        player = scenario_lively.ScenarioPlayer(self.api, speed=40.0, loop=False,
                                                on_step=seen.append).start()
        c = self.conn()
        statuses = set()
        try:
            _, doc = c.get_json(mf.list_target(server=scenario_lively.WORKERS))
            check(doc["meta"]["next_cursor"] is not None, "workers span two pages")
            deadline = time.monotonic() + 6
            while len(seen) < len(scenario_lively.STEPS) and time.monotonic() < deadline:
                resp, doc = c.get_json(mf.list_target(server=scenario_lively.WORKERS))
                statuses.add(resp.status)
                if resp.status == 200:
                    statuses |= {r["attributes"]["status"] for r in doc["data"]}
                time.sleep(0.02)
        finally:
            player.stop()
            c.close()
            self.api.override = None
            self.api.set_rate_limit(60)
        eq(len(seen), len(scenario_lively.STEPS), "every step played")
        for want in (429, 503, 200, "fatal", "restarting", "running"):
            check(want in statuses, "the scenario showed %r (saw %s)" % (want, statuses))
        web = {p["id"]: p["status"] for p in self.api.processes()}
        eq((web["7"], web["6"]), ("running", "removing"), "end of cycle")

    def test_frame_relay(self):
        """A fake QEMU socket netdev talks DHCP through the relay: delay, loss, down."""
        rel = relay.FrameRelay(self.lab, delay=0.15, seed=1).start()
        guest = self.lab.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            guest.bind(("127.0.0.1", rel.qemu_ports[1]))
            guest.settimeout(0.1)
            time.sleep(0.3)  # let tap0's carrier come up (see taplink._exchange)

            def offer_after(xid, wait):
                guest.sendto(taplink.discover_frame(xid), ("127.0.0.1", rel.qemu_ports[0]))
                t0 = time.monotonic()
                while time.monotonic() - t0 < wait:
                    try:
                        frame = guest.recv(65536)
                    except socket.timeout:
                        continue
                    reply = taplink.dhcp_reply(frame, xid)
                    if reply is not None and reply[0] == 2:
                        return time.monotonic() - t0
                return None
            rtt = offer_after(0x1001, 3.0)
            check(rtt is not None and 0.28 <= rtt < 1.5, "offer through the relay in %s s"
                  % rtt)
            rel.delay, rel.loss = 0.0, 1.0
            eq(offer_after(0x1002, 0.8), None, "100% loss")
            rel.loss, rel.down = 0.0, True
            eq(offer_after(0x1003, 0.8), None, "link down")
            rel.down, rel.duplicate = False, 1.0
            check(offer_after(0x1004, 2.0) is not None, "recovered")
            check(rel.stats["duplicated"] >= 2 and rel.stats["dropped"] >= 2, str(rel.stats))
        finally:
            guest.close()
            rel.close()

    def test_multiple_servers(self):
        self.fresh(3)
        self.api.set_processes(mf.make_processes(2, first=500), org="acme", server="7")
        c = self.conn()
        _, doc = c.get_json(mf.list_target(org="acme", server="7"))
        eq([r["id"] for r in doc["data"]], ["500", "501"], "second watch")
        c.close()


GUEST_C = r"""
#include <stdint.h>
#define REG(a) (*(volatile uint32_t *)(a))
#define UART0 0x40004000u
static void out(const char *s) {
    for (; *s != '\0'; s++) {
        while ((REG(UART0 + 4u) & 1u) != 0u) {}
        REG(UART0) = (uint32_t)*s;
    }
}
static void sh_exit(uint32_t code) {
    uint32_t blk[2] = {0x20026u, code};
    register uint32_t r0 __asm__("r0") = 0x20u;
    register uint32_t *r1 __asm__("r1") = blk;
    __asm__ volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
    for (;;) {}
}
void reset(void) {
    char got[8] = "got ?\r\n";
    REG(UART0 + 0x10u) = 16u;
    REG(UART0 + 8u) = 3u;
    out("harness: hello\r\n");
    REG(0x40028000u) = 2u;
    out("harness: led set\r\n");
    while ((REG(UART0 + 4u) & 2u) == 0u) {}
    got[4] = (char)REG(UART0);
    out(got);
    sh_exit(42u);
}
__attribute__((section(".vectors"), used))
void *const vectors[2] = {(void *)0x20010000u, (void *)reset};
"""


def build_guest(build):
    """A 200-byte mps2-an385 guest that exercises qemu.py: UART out/in, LED, exit 42."""
    d = os.path.abspath(os.path.join(build, "e2e", "harness"))
    os.makedirs(d, exist_ok=True)
    tag = "%d" % os.getpid()  # parallel runs share the build dir
    src, ld, elf = (os.path.join(d, n % tag) for n in ("guest-%s.c", "guest-%s.ld",
                                                       "guest-%s.elf"))
    with open(src, "w", encoding="ascii") as f:
        f.write(GUEST_C)
    with open(ld, "w", encoding="ascii") as f:
        f.write("SECTIONS { . = 0; .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } }\n")
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m3", "-mthumb", "-Os", "-nostdlib",
                    "-ffreestanding", "-T", ld, src, "-o", elf], check=True, timeout=60)
    final = os.path.join(d, "guest.elf")
    os.replace(elf, final)
    os.unlink(src)
    os.unlink(ld)
    return final


def run_suite(args):
    pki = pkimod.Pki.ensure(args.build)
    with netlab.NetLab(args.build) as lab:
        dns = lab.start_dnsmasq()
        ntp = lab.start_sntp()
        api = lab.start_mock(pki)
        suite = Suite(lab, pki, api, dns, ntp, args.build)
        results = run_cases(suite, args.k, args.v)
        ns_name = lab.name
        dns_pid = dns.proc.pid
    return results, ns_name, dns_pid


def _child(build):
    """Helper process for the cleanup checks: makes a lab, reports it, waits to be killed."""
    lab = netlab.NetLab(build).start()
    dns = lab.start_dnsmasq()
    print("%s %d" % (lab.name, dns.proc.pid), flush=True)
    time.sleep(60)


def _ns_exists(name):
    return os.path.exists(os.path.join(netlab.NETNS_DIR, name))


def cleanup_checks(build, ns_name, dns_pid):
    out = []

    def record(name, fn):
        out.append(run_one(name, fn))

    def after_close():
        check(not _ns_exists(ns_name), "namespace %s deleted" % ns_name)
        check(not netlab._pid_alive(dns_pid), "dnsmasq %d gone" % dns_pid)  # noqa

    def killed(sig):
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--build", build,
                                 "--child"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        try:
            name, pid = proc.stdout.readline().split()
            check(_ns_exists(name), "child lab exists")
            proc.send_signal(sig)
            proc.wait(10)
            netlab.wait_until(lambda: not netlab._pid_alive(int(pid)), 5,  # noqa
                              what="dnsmasq to die with its lab")
            if sig == signal.SIGKILL and _ns_exists(name):
                # a SIGKILLed lab leaves its namespace; the next lab (maybe another run's
                # if tests run in parallel) reaps it
                reaped = netlab.reap_stale()
                check(name in reaped or not _ns_exists(name), "the next lab reaps it")
            check(not _ns_exists(name), "namespace %s gone" % name)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    record("test_cleanup_after_close", after_close)
    record("test_cleanup_on_sigterm", lambda: killed(signal.SIGTERM))
    record("test_cleanup_on_sigint", lambda: killed(signal.SIGINT))
    record("test_cleanup_on_sigkill", lambda: killed(signal.SIGKILL))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--board", default="mps2-an385")
    ap.add_argument("-k", default=None, help="run only checks whose name contains this")
    ap.add_argument("-v", action="store_true", help="tracebacks on failure")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.build)
        return 0
    t0 = time.monotonic()
    results, ns_name, dns_pid = run_suite(args)
    if not args.k or "cleanup" in args.k:
        results += cleanup_checks(args.build, ns_name, dns_pid)
    print("e2e self-test took %.1f s" % (time.monotonic() - t0))
    return summary(results)


if __name__ == "__main__":
    sys.exit(main())
