#!/usr/bin/env python3
"""The whole agent against the mock Forge API in the lab (issues 3 and 4): DHCP, DNS, SNTP,
a verified TLS handshake, GET of the endpoint, pages parsed and counted; one kept-alive
connection for all pages; the query strings the mock received for sort, page size, cursor and
each filter; and every certificate refusal with its own logged reason and no request sent.

    python3 tests/e2e/test_forge_e2e.py --build build [--board mps2-an385] [-k name] [-v]
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import check, eq  # noqa: E402

FILTERED = "4343"


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf
        self.pki = pkimod.Pki.ensure(build)

    def _requests(self, api, server):
        return [r for r in api.requests() if "/servers/%s/" % server in r["path"]]

    def test_three_pages_over_one_connection(self):
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain="ecdsa")
            api.set_processes(mf.make_processes(60))  # FORGE_MAX_RECORDS is 64 a watch
            api.set_processes(mf.make_processes(90), server=FILTERED)
            image = firmware_lab.provision(lab, self.pki, self.elf, watches=[
                "server=%s,label=web-1,page_size=20,sort=-user" % mf.SERVER,
                "server=%s,label=filtered,sort=user,user=forge,site_id=100,"
                "directory=/home/forge/site0.example.com" % FILTERED])
            vm = firmware_lab.boot(lab, image)
            vm.wait_for(r"config: loaded from provisioned block", 10, from_start=True)
            vm.wait_for(r"net: address up", 30, from_start=True)
            vm.wait_for(r"net: time set \d+", 30, from_start=True)
            vm.wait_for(r"poll: web-1: ok 200, 60 processes; 3 pages, 3 requests", 60, from_start=True)
            vm.wait_for(r"poll: filtered: ok 200, 30 processes", 60, from_start=True)
            reqs = self._requests(api, mf.SERVER)[:3]
            eq(len(reqs), 3, "requests for web-1")
            eq(len({r["conn"] for r in reqs}), 1, "one connection for the three pages")
            for r in reqs:
                eq(r["query"].get("sort"), ["-user"], "sort")
                eq(r["query"].get("page[size]"), ["20"], "page size")
                eq(r["auth"], "ok", "bearer token accepted")
            check("page[cursor]" not in reqs[0]["query"], "first page has no cursor")
            check(reqs[1]["query"].get("page[cursor]") and reqs[2]["query"].get("page[cursor]"),
                  "later pages carry the cursor")
            freq = self._requests(api, FILTERED)[0]
            eq(freq["query"].get("sort"), ["user"], "filtered sort")
            eq(freq["query"].get("filter[user]"), ["forge"], "filter[user]")
            eq(freq["query"].get("filter[site_id]"), ["100"], "filter[site_id]")
            eq(freq["query"].get("filter[directory]"), ["/home/forge/site0.example.com"],
               "filter[directory]")
            conns = api.connections()
            check(conns and conns[0].get("sni") == mf.HOST, "SNI %r" % (conns[:1],))
            check(not any(mf.TOKEN in text for _, text in vm.lines), "token never in the log")

    def test_rsa_chain_verifies(self):
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain="rsa")
            api.set_processes(mf.make_processes(5))
            image = firmware_lab.provision(lab, self.pki, self.elf, anchors=["rsa-root"],
                                           watches=["server=%s,label=web-1" % mf.SERVER])
            vm = firmware_lab.boot(lab, image)
            vm.wait_for(r"poll: web-1: ok 200, 5 processes", 60, from_start=True)

    def test_mac_from_configuration(self):
        mac = "52:54:00:12:34:99"
        with netlab.NetLab(self.build) as lab:
            dns = lab.start_dnsmasq()
            lab.start_sntp()
            api = lab.start_mock(self.pki, chain="ecdsa")
            api.set_processes(mf.make_processes(5))
            image = firmware_lab.provision(lab, self.pki, self.elf, extra=["--mac", mac],
                                           watches=["server=%s,label=web-1" % mf.SERVER])
            vm = firmware_lab.boot(lab, image, mac=mac)
            vm.wait_for(r"net: address up", 30, from_start=True)
            vm.wait_for(r"poll: web-1: ok 200, 5 processes", 60, from_start=True)
            leases = dns.leases()
            eq([m for m, _ in leases], [mac], "dnsmasq lease MACs (QEMU default 52:54:00:12:34:56 unused)")
            check(re.fullmatch(r"192\.0\.2\.\d+", leases[0][1]), "leased address %r" % (leases[0][1],))

    def _refused(self, chain, reason):
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain=chain)
            api.set_processes(mf.make_processes(5))
            image = firmware_lab.provision(lab, self.pki, self.elf,
                                           watches=["server=%s,label=web-1" % mf.SERVER])
            vm = firmware_lab.boot(lab, image)
            m = vm.wait_for(r"poll: web-1: transport \(certificate: tcp \S+, tls ([^)]+)\)", 60,
                            from_start=True)
            eq(m.group(1), reason, "logged reason for %s" % chain)
            eq(len(api.requests()), 0, "no HTTP request over a refused connection")
            check(not any(re.search(r"poll: web-1: ok", t) for _, t in vm.lines), "no data accepted")

    def test_unknown_ca_refused(self):
        self._refused("unknown-ca", "unknown CA")

    def test_wrong_host_refused(self):
        self._refused("wrong-host", "host name mismatch")

    def test_expired_refused(self):
        self._refused("expired", "certificate expired")

    def test_not_yet_valid_refused(self):
        self._refused("not-yet-valid", "certificate not yet valid")


if __name__ == "__main__":
    sys.exit(e2e_runner.main(Cases))
