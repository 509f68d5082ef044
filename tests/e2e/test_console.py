#!/usr/bin/env python3
"""The UART console under QEMU (issue 7): `help`, `config show` with the token masked,
`config set` / `config save` / `reboot` read back from a run-time slot with a higher sequence,
bounded input, a token that can be written but never read back; and an image provisioned for
another organisation, server and CA that polls accordingly.

    python3 tests/e2e/test_console.py --build build [--board mps2-an385] [-k name] [-v]
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import firmware_lab  # noqa: E402
import mock_forge as mf  # noqa: E402
import netlab  # noqa: E402
import pki as pkimod  # noqa: E402
import e2e_runner  # noqa: E402
from e2e_runner import check, eq  # noqa: E402

BYTE_DELAY_S = 0.004      # the CMSDK UART holds one byte: type slowly
REPLY_TIMEOUT_S = 15.0    # the main loop may be inside a bounded network wait
NEW_TOKEN = "fl-console-new-9f3e51"
NEW_TOKEN_PARTS = ("console-new", "9f3e51")  # a leak split by a log line
OTHER_ORG = "acme2"
OTHER_SERVER = "777"
BANNER = r"boot: forgelight .* board "


class Console:
    """Types lines into the VM's UART and waits for the answer."""

    def __init__(self, vm):
        self.vm = vm

    def type(self, text):
        for byte in text.encode("ascii"):
            self.vm.write_uart(bytes([byte]))
            time.sleep(BYTE_DELAY_S)

    def run(self, line, expect, timeout=REPLY_TIMEOUT_S):
        """Send line + CR; return the first UART line after it matching `expect`."""
        self.type(line + "\r")
        return self.vm.wait_for(expect, timeout)

    def lines_since(self, mark):
        return [text for _, text in self.vm.lines[mark:]]


def uart_text(vm):
    return "\n".join(text for _, text in vm.lines)


def uart_log_file(vm):
    with open(os.path.join(vm.workdir, "uart.log"), encoding="utf-8", errors="replace") as f:
        return f.read()


class Cases:
    def __init__(self, build, elf):
        self.build, self.elf = build, elf
        self.pki = pkimod.Pki.ensure(build)

    def _boot(self, lab, **kw):
        api = firmware_lab.standard_lab(lab, self.pki, chain="ecdsa")
        api.set_processes(mf.make_processes(5))
        image = firmware_lab.provision(lab, self.pki, self.elf,
                                       watches=["server=%s,label=web-1" % mf.SERVER], **kw)
        vm = firmware_lab.boot(lab, image, time_limit=80)
        vm.wait_for(r"config: loaded from provisioned block", 10, from_start=True)
        con = Console(vm)
        con.type("\r")  # a prompt after the boot logs: the console polls
        vm.wait_for(r"^> ", REPLY_TIMEOUT_S)
        return api, vm, con

    def _assert_no_token(self, vm, secrets):
        time.sleep(0.2)  # let the pump thread take the last bytes
        text = uart_text(vm) + uart_log_file(vm)
        for secret in secrets:
            check(secret not in text, "secret %r appeared on the UART" % secret)

    def test_help_lists_commands(self):
        with netlab.NetLab(self.build) as lab:
            _, vm, con = self._boot(lab)
            mark = len(vm.lines)
            con.run("help", r"^\s*reboot\s")
            out = "\n".join(con.lines_since(mark))
            for command in ("help", "status", "config show", "config set KEY VALUE",
                            "config save", "reboot"):
                check(re.search(r"^\s*%s\s" % re.escape(command), out, re.M),
                      "help lists %r:\n%s" % (command, out))
            con.run("frobnicate", r"error: unknown command 'frobnicate'")
            con.run("status", r"^config: ok \(provisioned block\)")
            self._assert_no_token(vm, [mf.TOKEN])

    def test_config_show_masks_token(self):
        with netlab.NetLab(self.build) as lab:
            _, vm, con = self._boot(lab)
            con.run("config show", r"^org = %s$" % re.escape(mf.ORG))
            m = vm.wait_for(r"^token = (.*)$", REPLY_TIMEOUT_S, from_start=True)
            eq(m.group(1), "set (%d chars)" % len(mf.TOKEN), "token shown masked")
            self._assert_no_token(vm, [mf.TOKEN])

    def test_set_save_reboot_reads_back(self):
        with netlab.NetLab(self.build) as lab:
            _, vm, con = self._boot(lab)
            first = vm.wait_for(r"config: loaded from provisioned block, sequence (\d+)", 1,
                                from_start=True)
            con.run("config set org other-org", r"^ok: org = other-org; config save")
            con.run("config show", r"^org = other-org$")
            saved = con.run("config save", r"saved to slot (\d+) \(sequence (\d+)\)")
            mark = len(vm.lines)
            con.run("reboot", r"^rebooting")
            vm.wait_for(BANNER, 15)
            eq(sum(1 for _, t in vm.lines if re.search(BANNER, t)), 2, "second banner")
            again = vm.wait_for(r"config: loaded from run-time slot (\d+), sequence (\d+)", 10)
            check(int(again.group(2)) > int(first.group(1)),
                  "slot sequence %s above the provisioned %s" % (again.group(2), first.group(1)))
            eq(again.groups(), saved.groups(), "booted from the slot just saved")
            check(any(re.search(r"reset cause: software", t) for t in con.lines_since(mark)),
                  "software reset recorded")
            con.type("\r")
            con.run("config show", r"^org = other-org$")
            con.run("status", r"^config: ok \(slot %s, sequence %s\)" % saved.groups())
            self._assert_no_token(vm, [mf.TOKEN])

    def test_bounded_input(self):
        with netlab.NetLab(self.build) as lab:
            _, vm, con = self._boot(lab)
            long_org = "config set org " + "a" * (300 - len("config set org "))
            eq(len(long_org), 300, "line length")
            con.run(long_org, r"^error: org: value too long$")
            con.run("x" * 300, r"^error: unknown command 'x+' \(type help\)$")
            m = con.run("y" * 1200, r"^error: line too long \(max (\d+) characters\)$", 30)
            check(int(m.group(1)) < 1200, "limit %s below the line sent" % m.group(1))
            con.run("config show", r"^org = %s$" % re.escape(mf.ORG))
            con.run("help", r"^\s*reboot\s")
            self._assert_no_token(vm, [mf.TOKEN])

    def test_token_written_never_read_back(self):
        with netlab.NetLab(self.build) as lab:
            api, vm, con = self._boot(lab)
            mark = len(vm.lines)
            con.run("config set token " + NEW_TOKEN,
                    r"^ok: token set \(%d chars\); config save" % len(NEW_TOKEN))
            # Agent log lines may interleave with the echo: count the stars, not one line.
            stars = sum(t.count("*") for t in con.lines_since(mark))
            eq(stars, len(NEW_TOKEN), "token echoed as '*' (%r)" % con.lines_since(mark))
            con.run("config show", r"^token = set \(%d chars\)$" % len(NEW_TOKEN))
            con.run("status", r"unsaved edits")
            # Written, it is used: after save + reboot the mock sees the second token.
            api.set_tokens([mf.TOKEN, NEW_TOKEN])
            con.run("config save", r"saved to slot 0 \(sequence 1\)")
            con.run("reboot", r"^rebooting")
            vm.wait_for(r"config: loaded from run-time slot 0, sequence 1", 15)
            api.clear_log()  # the new boot has not connected yet: the network comes up later
            vm.wait_for(r"poll: web-1: ok 200, 5 processes", 30)
            used = {r["token_index"] for r in api.requests()}
            eq(used, {1}, "token index the mock saw after the reboot")
            self._assert_no_token(vm, [mf.TOKEN, NEW_TOKEN] + list(NEW_TOKEN_PARTS))

    def test_saves_alternate_slots(self):
        with netlab.NetLab(self.build) as lab:
            _, vm, con = self._boot(lab)
            for slot, seq, poll in ((0, 1, 30), (1, 2, 40), (0, 3, 50)):
                con.run("config set poll %d" % poll, r"^ok: poll = %d;" % poll)
                con.run("config save", r"^saved to slot %d \(sequence %d\)" % (slot, seq))
                con.run("reboot", r"^rebooting")
                vm.wait_for(r"config: loaded from run-time slot %d, sequence %d" % (slot, seq), 15)
                con.type("\r")
                con.run("config show", r"^poll = %d$" % poll)
            self._assert_no_token(vm, [mf.TOKEN])

    def test_saves_in_one_run_keep_the_anchors_in_use(self):
        # The trust anchors are read in place from the slot the running configuration came
        # from (mbedTLS keeps pointing at them): saves in the same run must never erase it.
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain="ecdsa", session_tickets=False,
                                            max_requests_per_conn=1)  # every poll: a full handshake
            api.set_processes(mf.make_processes(5))
            image = firmware_lab.provision(lab, self.pki, self.elf,
                                           watches=["server=%s,label=web-1" % mf.SERVER])
            vm = firmware_lab.boot(lab, image, time_limit=120)
            con = Console(vm)
            vm.wait_for(r"poll: web-1: ok 200, 5 processes", 40, from_start=True)
            con.type("\r")
            con.run("config set poll 20", r"^ok: poll = 20;")
            con.run("config save", r"^saved to slot 0 \(sequence 1\)")
            con.run("reboot", r"^rebooting")
            vm.wait_for(r"config: loaded from run-time slot 0, sequence 1", 15)
            vm.wait_for(r"poll: web-1: ok 200, 5 processes", 40)
            con.type("\r")
            for seq, poll in ((2, 30), (3, 40)):  # both to slot 1: slot 0 is in use
                con.run("config set poll %d" % poll, r"^ok: poll = %d;" % poll)
                con.run("config save", r"^saved to slot 1 \(sequence %d\)" % seq)
            api.set_chain("ecdsa")  # a fresh server context: nothing to resume
            seen = len(api.connections())
            mark = len(vm.lines)
            for _ in range(2):
                vm.wait_for(r"poll: web-1: ok 200, 5 processes", 40)
            fresh = api.connections()[seen:]
            check(fresh and not fresh[0]["resumed"], "a full handshake after the saves: %s" % fresh)
            check(not any("TLS_ERROR" in t or "tls " in t for t in con.lines_since(mark)),
                  "no TLS failure after the saves")
            con.run("reboot", r"^rebooting")
            vm.wait_for(r"config: loaded from run-time slot 1, sequence 3", 15)
            con.type("\r")
            con.run("config show", r"^poll = 40$")
            self._assert_no_token(vm, [mf.TOKEN])

    def test_other_org_server_and_ca(self):
        with netlab.NetLab(self.build) as lab:
            api = firmware_lab.standard_lab(lab, self.pki, chain="rsa")
            api.set_processes(mf.make_processes(7), org=OTHER_ORG, server=OTHER_SERVER)
            image = firmware_lab.provision(lab, self.pki, self.elf, org=OTHER_ORG,
                                           anchors=["rsa-root"],
                                           watches=["server=%s,label=acme" % OTHER_SERVER])
            vm = firmware_lab.boot(lab, image, time_limit=80)
            vm.wait_for(r"poll: acme: ok 200, 7 processes", 60, from_start=True)
            paths = [r["path"] for r in api.requests()]
            check(paths, "the mock saw requests")
            want = "/api/orgs/%s/servers/%s/" % (OTHER_ORG, OTHER_SERVER)
            check(all(p.startswith(want) for p in paths), "every request under %s: %r"
                  % (want, paths))
            eq(api.requests()[0]["auth"], "ok", "bearer token accepted")
            con = Console(vm)
            con.type("\r")
            con.run("config show", r"^org = %s$" % OTHER_ORG)
            vm.wait_for(r"^watch0\.server = %s$" % OTHER_SERVER, 5, from_start=True)
            self._assert_no_token(vm, [mf.TOKEN])


if __name__ == "__main__":
    sys.exit(e2e_runner.main(Cases))
