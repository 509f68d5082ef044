"""The private test network: one network namespace per lab, nothing ever leaves it.

Needs root (CI and these sessions run as root): `ip netns add`, /dev/net/tun and setns(2).

    with NetLab(build_dir="build") as lab:          # ns "fl-<pid>-<n>", tap0 = 192.0.2.1/24, lo up
        dns = lab.start_dnsmasq()                     # dnsmasq.Dnsmasq: DHCP, DNS, option 42
        ntp = lab.start_sntp(offset=0.0)              # sntp.SntpServer on 192.0.2.1:123
        api = lab.start_mock(pki, chain="ecdsa")      # mock_forge.MockForge on 192.0.2.1:443
        lab.start_echo(8080)                          # echo.TcpEcho: plain TCP echo
        p = lab.spawn(["qemu-system-arm", ...])       # any process, inside the namespace
        s = lab.socket()                              # a socket created inside the namespace
        with lab.inside(): ...                        # this thread runs inside the namespace
        lab.ip("link", "set", "tap0", "down")         # `ip -n <ns> ...`

Isolation: the namespace has only lo and tap0, no default route, forwarding off; so a guest on
tap0 reaches 192.0.2.1 and nothing else. The lab never touches the host's own interfaces.

Cleanup: close() (also __exit__, atexit, and SIGTERM/SIGHUP turned into SystemExit) stops the
services the lab started (LIFO), terminates then kills only the PIDs it spawned, and deletes
the namespace (the kernel removes tap0 with it). Every child is spawned through
`setpriv --pdeathsig KILL` so it dies with the test even on SIGKILL; a namespace left by a test
killed that way is reaped by the next NetLab: "fl-<pid>-*" whose <pid> no longer runs is deleted
after the processes inside it (all started by that dead lab) are killed.
Spawn from a long-lived thread (the main one): PDEATHSIG fires when the spawning thread exits.
Work files (logs, leases, QMP sockets) go to build/e2e/run/<ns>/ and are kept for debugging.
"""

import atexit
import contextlib
import ctypes
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time

HOST_IP = "192.0.2.1"        # TEST-NET-1 (RFC 5737): the lab's side of tap0
PREFIX_LEN = 24
TAP = "tap0"
DHCP_FIRST, DHCP_LAST = "192.0.2.50", "192.0.2.99"
NETNS_DIR = "/run/netns"
_NAME_RE = re.compile(r"^fl-(\d+)-(\d+)$")
_CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)
_counter = itertools.count(1)
_live = set()
_live_lock = threading.Lock()


class LabError(RuntimeError):
    pass


def _setns(fd):
    if _libc.setns(fd, _CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "setns: " + os.strerror(err))


@contextlib.contextmanager
def netns_of(path):
    """Run the body of the `with` in the network namespace at `path` (this thread only)."""
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    try:
        target = os.open(path, os.O_RDONLY)
        try:
            _setns(target)
        finally:
            os.close(target)
        try:
            yield
        finally:
            _setns(own)
    finally:
        os.close(own)


def _run(argv, timeout=20, check=True):
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise LabError("%s: %s" % (" ".join(argv), (proc.stderr or proc.stdout).strip()))
    return proc


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_stale():
    """Delete namespaces left by labs whose owning process is gone. Returns their names."""
    reaped = []
    try:
        names = os.listdir(NETNS_DIR)
    except FileNotFoundError:
        return reaped
    for name in names:
        m = _NAME_RE.match(name)
        if m is None or _pid_alive(int(m.group(1))):
            continue
        pids = _run(["ip", "netns", "pids", name], check=False).stdout.split()
        for pid in pids:  # only processes the dead lab itself put in its own namespace
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        _run(["ip", "netns", "del", name], check=False)
        reaped.append(name)
    return reaped


def prune_workdirs(run_dir, keep=20):
    """Keep the newest `keep` work dirs of finished labs under build/e2e/run/."""
    try:
        entries = [e for e in os.scandir(run_dir) if e.is_dir()]
    except FileNotFoundError:
        return
    done = []
    for e in entries:
        m = re.match(r"^(?:fl|qemu)-(\d+)", e.name)
        if m is not None and not _pid_alive(int(m.group(1))):
            done.append((e.stat().st_mtime, e.path))
    for _, path in sorted(done)[:-keep or None]:
        shutil.rmtree(path, ignore_errors=True)


def _signal_to_exit(signum, _frame):
    raise SystemExit(128 + signum)


def _install_signal_handlers():
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, _signal_to_exit)


@atexit.register
def _close_all():
    with _live_lock:
        labs = list(_live)
    for lab in labs:
        lab.close()


class NetLab:
    def __init__(self, build_dir="build", tap=TAP, host_ip=HOST_IP):
        self.build_dir = os.path.abspath(build_dir)
        self.name = "fl-%d-%d" % (os.getpid(), next(_counter))
        self.path = os.path.join(NETNS_DIR, self.name)
        self.tap = tap
        self.host_ip = host_ip
        self.workdir = os.path.join(self.build_dir, "e2e", "run", self.name)
        self._procs = []
        self._services = []
        self._lock = threading.Lock()
        self._up = False

    # ---- lifecycle -----------------------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def start(self):
        if os.geteuid() != 0:
            raise LabError("the test network needs root (ip netns, /dev/net/tun)")
        reap_stale()
        prune_workdirs(os.path.dirname(self.workdir))
        _install_signal_handlers()
        os.makedirs(self.workdir, exist_ok=True)
        _run(["ip", "netns", "add", self.name])
        with _live_lock:
            _live.add(self)
        self._up = True
        try:
            self.ip("link", "set", "lo", "up")
            self.ip("tuntap", "add", "dev", self.tap, "mode", "tap")
            # IPv4 only: no router solicitations or MLD reports to confuse the guest's log
            self.run(["sysctl", "-q", "-w", "net.ipv6.conf.%s.disable_ipv6=1" % self.tap],
                     check=True)
            self.ip("addr", "add", "%s/%d" % (self.host_ip, PREFIX_LEN), "dev", self.tap)
            self.ip("link", "set", self.tap, "up")
            self._assert_isolated()
        except BaseException:
            self.close()
            raise
        return self

    def _assert_isolated(self):
        routes = self.ip("-4", "route", "show", "table", "all").stdout
        if "default" in routes:
            raise LabError("namespace %s has a default route: %s" % (self.name, routes))
        with open_in(self, "/proc/sys/net/ipv4/ip_forward") as f:
            if f.read().strip() != "0":
                raise LabError("forwarding is on in %s" % self.name)
        links = self.ip("-o", "link", "show").stdout
        names = sorted(re.findall(r"^\d+: ([^:@]+)", links, re.M))
        if names != sorted(["lo", self.tap]):
            raise LabError("unexpected interfaces in %s: %s" % (self.name, names))

    def close(self):
        with self._lock:
            if not self._up:
                return
            self._up = False
            services, self._services = self._services[::-1], []
            procs, self._procs = self._procs[::-1], []
        for svc in services:
            with contextlib.suppress(Exception):
                svc.close()
        for proc in procs:
            stop_process(proc)
        _run(["ip", "netns", "del", self.name], check=False)
        with _live_lock:
            _live.discard(self)

    @property
    def up(self):
        return self._up

    # ---- running things inside -----------------------------------------------------------
    def ip(self, *args, check=True):
        return _run(["ip", "-n", self.name, *args], check=check)

    def ns_argv(self, argv):
        """argv wrapped so it runs in the namespace and dies with this process."""
        return ["setpriv", "--pdeathsig", "KILL", "--",
                "nsenter", "--net=" + self.path, "--", *argv]

    def spawn(self, argv, **popen_kw):
        """Start argv inside the namespace; the lab kills it at close()."""
        popen_kw.setdefault("stdin", subprocess.DEVNULL)
        proc = subprocess.Popen(self.ns_argv(argv), **popen_kw)
        with self._lock:
            self._procs.append(proc)
        return proc

    def run(self, argv, timeout=20, check=False):
        proc = subprocess.run(self.ns_argv(argv), capture_output=True, text=True,
                              timeout=timeout, check=False)
        if check and proc.returncode != 0:
            raise LabError("%s: %s" % (" ".join(argv), proc.stderr.strip()))
        return proc

    def forget(self, proc):
        """Stop tracking a process the caller has already stopped."""
        with self._lock:
            if proc in self._procs:
                self._procs.remove(proc)

    def inside(self):
        return netns_of(self.path)

    def socket(self, family=socket.AF_INET, type=socket.SOCK_STREAM, proto=0):
        with self.inside():
            return socket.socket(family, type, proto)

    def create_connection(self, address, timeout=5.0):
        with self.inside():
            return socket.create_connection(address, timeout=timeout)

    def add_service(self, svc):
        """Register an object with close(); closed (LIFO) before processes are killed."""
        with self._lock:
            self._services.append(svc)
        return svc

    def logpath(self, name):
        return os.path.join(self.workdir, name)

    # ---- the standard services -----------------------------------------------------------
    def start_dnsmasq(self, **kw):
        import dnsmasq  # pylint: disable=import-outside-toplevel
        return self.add_service(dnsmasq.Dnsmasq(self, **kw).start())

    def start_sntp(self, **kw):
        import sntp  # pylint: disable=import-outside-toplevel
        return self.add_service(sntp.SntpServer(self, **kw).start())

    def start_echo(self, port=8080, **kw):
        import echo  # pylint: disable=import-outside-toplevel
        return self.add_service(echo.TcpEcho(self, port=port, **kw).start())

    def start_mock(self, pki, chain="ecdsa", **kw):
        import mock_forge  # pylint: disable=import-outside-toplevel
        return self.add_service(mock_forge.MockForge(self, pki, chain=chain, **kw).start())


@contextlib.contextmanager
def open_in(lab, path):
    """Open a per-namespace /proc/sys file as seen from inside the lab."""
    with lab.inside():
        # /proc/sys/net reflects the namespace of the opening thread
        f = open(path, encoding="ascii")  # pylint: disable=consider-using-with
    try:
        yield f
    finally:
        f.close()


def stop_process(proc, grace=3.0, close_streams=True):
    """Terminate, then kill, one process we started; returns its exit code. Pass
    close_streams=False when reader threads still drain its pipes (join them, then close)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait(grace)
    if close_streams:
        close_streams_of(proc)
    return proc.returncode


def close_streams_of(proc):
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def wait_until(predicate, timeout, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(interval)

