"""Mock Laravel Forge API over HTTPS (HTTP/1.1 keep-alive), run in threads of the test process.

    api = lab.start_mock(pki, chain="ecdsa")        # listens on 192.0.2.1:443 inside the lab
    api.set_processes(make_processes(90))           # the list for (ORG, SERVER)
    api.set_processes(procs, org="acme", server="7")  # more servers (watches)
    api.update_process("3", status="restarting")
    api.queue(Scripted(status=503))                 # one-shot responses, FIFO, see Scripted
    api.queue(Scripted(chunks=[7, 1, 300], truncate_chunked=True))   # the real page, mangled
    api.override = lambda req: None                 # persistent hook: req dict -> Scripted|None
    api.block_for(15, status=429)                   # 429 (Retry-After counts down) for 15 s
    api.set_rate_limit(60, 60.0); api.reset_budget()  # the real budget per token
    api.set_chain("expired")                        # new connections get another certificate
    api.silent = True                               # accept TCP, never answer TLS
    api.drop_connections()                          # close every open connection now
    api.requests() / api.wait_requests(n, timeout)  # the request log (token never stored)
    api.connections()                               # per connection: sni, tls, resumed, requests

Keep-alive idle timeout (idle_timeout, 75 s like nginx's default): by default on the host's clock
(time.monotonic: the socket's read timeout ends the idle connection, close_notify then FIN).
With clock=<callable returning seconds> (e.g. guest_clock.GuestClock: the firmware's own ms
counter) it runs on that clock instead: a reaper thread closes a connection that has been idle
(handshake done or last answer sent, no request being served) for idle_timeout seconds of that
clock with a FIN (no close_notify, as nginx does on its keep-alive timeout); the host-time read
timeout is then off. connections() shows idle_closed / idle_close_late (clock seconds: when,
and how long after the deadline the reaper saw it). Everything else stays on host time.

Endpoint: GET /api/orgs/{org}/servers/{server}/background-processes, `Authorization: Bearer`.
  401 {"message":"Unauthenticated."} on a missing or wrong token; 403 for api.forbidden
  (org, server) pairs; 404 for unknown org/server or path; 405 for other methods.
  Query: sort=key,-key (api.sort_keys; else 422 {"message", "errors": {"sort": [..]}});
  filter[user|site_id|directory] exact match (other filters: 422); page[size] 1..max_page_size
  (default 30; else 422); page[cursor] opaque keyset cursor (bad: 422). Body (JSON:API,
  application/vnd.api+json, slashes escaped like PHP): {data: [{id, type: "backgroundProcesses",
  attributes: {command, user, directory, processes, status, created_at}}], links: {first, last,
  prev, next}, meta: {path, per_page, next_cursor (null on the last page), prev_cursor}}.
  Rate limit per token: rate_limit (60) requests per rate_window (60 s) fixed window,
  X-RateLimit-Limit/-Remaining/-Reset (Unix time) on every authenticated answer, 429
  {"message":"Too Many Attempts."} + Retry-After when exhausted; 401s are not counted.

Request log entries (dicts): index, conn, seq (1-based within the connection), time
(monotonic), method, version, target, path, query {name: [values]}, headers [(name, value)] with the
Authorization value replaced by "Bearer <redacted>", auth ("ok" | "bad" | "missing"), status,
scripted (bool), token_index (index in api.tokens, or None).
"""

import base64
import binascii
import contextlib
import functools
import http.client
import http.server
import itertools
import json
import math
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

import netlab

ORG = "forgelight"
SERVER = "4242"
TOKEN = "fl-e2e-token-7c1d3a"  # test-only; a real token never goes near the lab
HOST = "forge.laravel.com"
PATH_RE = re.compile(r"^/api/orgs/([^/]+)/servers/([^/]+)/background-processes$")
FILTERS = ("user", "site_id", "directory")
JSONAPI = "application/vnd.api+json"
MESSAGES = {400: "Bad Request.", 401: "Unauthenticated.", 403: "This action is unauthorized.",
            404: "Not Found.", 405: "Method Not Allowed.", 422: "The given data was invalid.",
            429: "Too Many Attempts.", 500: "Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}
STATUSES = ("installing", "installed", "removing", "restarting", "starting", "stopping",
            "running")


# ---- records -----------------------------------------------------------------------------
_COMMANDS = ("php artisan queue:work redis --queue=default --sleep=3 --tries=3",
             "php artisan horizon", "php artisan reverb:start --port=8080",
             "php artisan schedule:work", "php artisan pulse:check",
             "node /home/forge/app/current/worker.js", "php artisan queue:work sqs --queue=mail")


def make_process(i, **attrs):
    """One record with id str(i); any attribute can be overridden (None gives JSON null)."""
    rec = {"id": str(i), "site_id": 100 + i % 3,
           "command": _COMMANDS[i % len(_COMMANDS)],
           "user": ("forge", "root", "deploy")[i % 3],
           "directory": "/home/forge/site%d.example.com" % (i % 3),
           "processes": 1 + i % 4, "status": "running",
           "created_at": "2026-0%d-%02dT09:%02d:00Z" % (1 + i % 9, 1 + i % 28, i % 60)}
    rec.update(attrs)
    return rec


def make_processes(n, first=1, **attrs):
    return [make_process(i, **attrs) for i in range(first, first + n)]


# ---- scripted responses ------------------------------------------------------------------
@dataclass
class Scripted:
    """A one-shot (or `times`-shot) answer. status None (or 200 without a body) = what the API
    logic would answer, with the transport manipulations below applied to it."""
    status: int = None
    headers: list = None        # [(name, value)]: replaces same-named headers; value None drops
    body: object = None         # bytes | str | dict/list (JSON) | None (API body or error body)
    raw: bytes = None           # the whole response verbatim, status line included
    delay: float = 0.0          # seconds before the first byte
    chunks: list = None         # Transfer-Encoding: chunked, these chunk sizes, then the rest
    chunk_ext: str = None       # appended to every chunk-size line (";" added)
    trailers: list = None       # [(name, value)] after the last chunk
    truncate_chunked: bool = False  # never send the 0-chunk, close instead
    write_delay: float = 0.0    # pause between separate writes (one TLS record each)
    close_after: int = None     # send only the first N bytes, then close
    close_mid: str = None       # "headers" | "body": close halfway through that part
    close: bool = False         # Connection: close and close after the answer
    close_style: str = "fin"    # "fin" | "notify" (TLS close_notify first) | "rst"
    stall: bool = False         # send nothing and hold the connection
    times: int = 1
    match: str = None           # regex searched in the request target; None: any request
    count_budget: bool = False  # also count against the rate-limit budget

    @classmethod
    def error(cls, status, message=None, **kw):
        return cls(status=status, body={"message": message or MESSAGES.get(status, "Error")},
                   **kw)

    @classmethod
    def rate_limited(cls, retry_after=30, **kw):
        hdrs = [("Retry-After", str(retry_after)), ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Reset", str(int(time.time()) + retry_after))]
        return cls(status=429, headers=hdrs + list(kw.pop("headers", None) or []), **kw)

    @classmethod
    def maintenance(cls, **kw):
        return cls(status=503, body={"message": "Service Unavailable"}, **kw)


def php_json(obj):
    """Laravel's default encoding: compact, \\uXXXX for non-ASCII and escaped slashes."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/").encode()


def _b64(obj):
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text):
    pad = "=" * (-len(text) % 4)
    return json.loads(base64.urlsafe_b64decode(text + pad))


class ApiError(Exception):
    def __init__(self, status, message, errors=None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors

    def body(self):
        body = {"message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def _cmp_values(a, b):
    if a == b:
        return 0
    if a is None or b is None:
        return -1 if a is None else 1
    if isinstance(a, str) and isinstance(b, str) and a.isdigit() and b.isdigit():
        return -1 if int(a) < int(b) else 1
    return -1 if str(a) < str(b) else 1


# ---- the API logic -----------------------------------------------------------------------
class ForgeApi:
    """Pure request -> (status, headers, body) logic; MockForge adds transport and TLS."""

    def __init__(self, tokens, sort_keys, max_page_size, rate_limit, rate_window):
        self.tokens = list(tokens)
        self.sort_keys = tuple(sort_keys)
        self.max_page_size = max_page_size
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.servers = {(ORG, SERVER): []}
        self.forbidden = set()
        self.windows = {}
        self.lock = threading.Lock()

    def auth(self, header):
        if header is None:
            return "missing", None
        scheme, _, cred = header.partition(" ")
        if scheme.lower() != "bearer" or cred.strip() not in self.tokens:
            return "bad", None
        return "ok", self.tokens.index(cred.strip())

    def budget(self, token_index):
        """Count one request; returns (allowed, limit headers)."""
        now = time.monotonic()
        with self.lock:
            start, used = self.windows.get(token_index, (now, 0))
            if now - start >= self.rate_window:
                start, used = now, 0
            allowed = used < self.rate_limit
            used += 1 if allowed else 0
            self.windows[token_index] = (start, used)
        left = max(0.0, start + self.rate_window - now)
        hdrs = [("X-RateLimit-Limit", str(self.rate_limit)),
                ("X-RateLimit-Remaining", str(self.rate_limit - used)),
                ("X-RateLimit-Reset", str(int(time.time() + left + 0.999)))]
        if not allowed:
            hdrs.append(("Retry-After", str(max(1, math.ceil(left)))))
        return allowed, hdrs

    def list_page(self, org, server, query):
        with self.lock:
            if (org, server) in self.forbidden:
                raise ApiError(403, MESSAGES[403])
            if (org, server) not in self.servers:
                raise ApiError(404, MESSAGES[404])
            records = list(self.servers[(org, server)])
        order = self._sort_spec(query.get("sort", [""])[-1])
        filters = self._filters(query)
        size = self._page_size(query.get("page[size]", ["30"])[-1])
        records = [r for r in records
                   if all(str(r.get(k)) == v for k, v in filters.items())]
        keyf = functools.cmp_to_key(lambda a, b: self._cmp(order, a, b))
        records.sort(key=keyf)
        cursor = query.get("page[cursor]", [None])[-1]
        page, nxt, prv = self._slice(records, order, cursor, size)
        return self._document(org, server, query, page, size, nxt, prv)

    def _sort_spec(self, text):
        if text == "":
            return [("id", False)]
        order = []
        for item in text.split(","):
            key = item[1:] if item.startswith("-") else item
            if key not in self.sort_keys:
                msg = "Requested sort(s) `%s` is not allowed. Allowed sort(s) are `%s`." % (
                    key, ", ".join(self.sort_keys))
                raise ApiError(422, msg, {"sort": [msg]})
            order.append((key, item.startswith("-")))
        return order + [("id", False)]

    @staticmethod
    def _filters(query):
        out = {}
        for name, values in query.items():
            m = re.fullmatch(r"filter\[(.*)\]", name)
            if m is None:
                continue
            if m.group(1) not in FILTERS:
                msg = "Requested filter(s) `%s` are not allowed. Allowed filter(s) are `%s`." % (
                    m.group(1), ", ".join(FILTERS))
                raise ApiError(422, msg, {"filter": [msg]})
            out[m.group(1)] = values[-1]
        return out

    def _page_size(self, text):
        if not text.isdigit() or not 1 <= int(text) <= self.max_page_size:
            msg = "The page.size field must be between 1 and %d." % self.max_page_size
            raise ApiError(422, msg, {"page.size": [msg]})
        return int(text)

    @staticmethod
    def _cmp(order, a, b):
        for key, desc in order:
            c = _cmp_values(a.get(key), b.get(key))
            if c != 0:
                return -c if desc else c
        return 0

    def _slice(self, records, order, cursor, size):
        if cursor is None or cursor == "":
            before, after = [], records
        else:
            try:
                cur = _unb64(cursor)
                mark = dict(zip([k for k, _ in order], cur["k"], strict=True))
                forward = cur["d"] == "n"
            except (ValueError, KeyError, TypeError, binascii.Error) as exc:
                msg = "The page.cursor is invalid."
                raise ApiError(422, msg, {"page.cursor": [msg]}) from exc
            before = [r for r in records if self._cmp(order, r, mark) < 0]
            after = [r for r in records if self._cmp(order, r, mark) > 0]
            if not forward:
                page = before[-size:]
                rest_before = before[:-size] if len(before) > size else []
                nxt = self._cursor(order, page[-1], "n") if page else None
                prv = self._cursor(order, page[0], "p") if rest_before else None
                return page, nxt, prv
        page = after[:size]
        nxt = self._cursor(order, page[-1], "n") if len(after) > size else None
        prv = self._cursor(order, page[0], "p") if before and page else None
        return page, nxt, prv

    @staticmethod
    def _cursor(order, rec, direction):
        return _b64({"k": [rec.get(k) for k, _ in order], "d": direction})

    @staticmethod
    def _document(org, server, query, page, size, nxt, prv):
        base = "https://%s/api/orgs/%s/servers/%s/background-processes" % (HOST, org, server)

        def link(cursor):
            if cursor is None:
                return None
            q = {k: v[-1] for k, v in query.items() if k != "page[cursor]"}
            q["page[cursor]"] = cursor
            return base + "?" + urllib.parse.urlencode(q, safe="[],")

        data = [{"id": r["id"], "type": "backgroundProcesses",
                 "attributes": {k: v for k, v in r.items() if k not in ("id", "site_id")}}
                for r in page]
        return {"data": data,
                "links": {"first": None, "last": None, "prev": link(prv), "next": link(nxt)},
                "meta": {"path": base, "per_page": size, "next_cursor": nxt, "prev_cursor": prv}}


# ---- HTTP over TLS -----------------------------------------------------------------------
class _Closed(Exception):
    """The script closed the connection on purpose."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def __init__(self, sock, peer, mock, conn):
        self.mock, self.conn = mock, conn
        # on another clock, the reaper ends idle connections (see MockForge)
        self.timeout = mock.idle_timeout if mock.clock is time.monotonic else None
        super().__init__(sock, peer, mock)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except _Closed:
            self.close_connection = True
        except (ssl.SSLError, OSError):
            self.close_connection = True

    def do_GET(self):
        self.mock.serve(self)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def send_raw(self, segments, script, ends_connection):
        """Write response segments, honouring the script's transport manipulations."""
        stop = self.mock.stopping
        if script is not None and script.delay > 0 and stop.wait(script.delay):
            raise _Closed()
        if script is not None and script.stall:
            stop.wait(self.mock.idle_timeout)
            raise _Closed()
        limit = script.close_after if script is not None else None
        sent = 0
        for i, seg in enumerate(segments):
            if limit is not None and sent + len(seg) >= limit:
                self.connection.sendall(seg[:limit - sent])
                self.mock.abort(self.connection, script.close_style)
                raise _Closed()
            if i > 0 and script is not None and script.write_delay > 0:
                if stop.wait(script.write_delay):
                    raise _Closed()
            self.connection.sendall(seg)
            sent += len(seg)
        if script is not None and (script.truncate_chunked or script.close):
            self.mock.abort(self.connection, script.close_style)
            raise _Closed()
        if ends_connection:
            self.close_connection = True


def _header_lines(status, headers):
    reason = http.server.BaseHTTPRequestHandler.responses.get(status, ("Unknown",))[0]
    lines = ["HTTP/1.1 %d %s" % (status, reason)] + ["%s: %s" % (k, v) for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _merge(headers, extra):
    out = list(headers)
    for name, value in extra or []:
        out = [(k, v) for k, v in out if k.lower() != name.lower()]
        if value is not None:
            out.append((name, value))
    return out


def _body_bytes(body):
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return php_json(body)


def render(status, headers, body, script=None):
    """Response as a list of separately written segments; with the byte offsets of
    the body's start and end (for close_mid)."""
    chunks = script.chunks if script is not None else None
    forced = script.headers if script is not None else None  # may lie about framing
    if chunks is None:
        head = _header_lines(status, _merge(_merge(headers, [
            ("Content-Length", str(len(body)))]), forced))
        return [head, body] if body else [head], len(head), len(head) + len(body)
    head = _header_lines(status, _merge(_merge(headers, [("Transfer-Encoding", "chunked"),
                                                         ("Content-Length", None)]), forced))
    ext = (";" + script.chunk_ext if script.chunk_ext else "").encode("latin-1")
    segs, pos = [head], 0
    for n in list(chunks) + [len(body)]:
        piece = body[pos:pos + n]
        if not piece:
            break
        pos += len(piece)
        segs.append(b"%x%s\r\n" % (len(piece), ext) + piece + b"\r\n")
    end = sum(len(s) for s in segs)
    if not script.truncate_chunked:
        trailer = "".join("%s: %s\r\n" % kv for kv in script.trailers or []).encode("latin-1")
        segs.append(b"0" + ext + b"\r\n" + trailer + b"\r\n")
    return segs, len(head), end


@dataclass
class _Conn:
    id: int
    peer: tuple
    opened: float
    sock: object = None
    sni: str = None
    tls_version: str = None
    cipher: str = None
    resumed: bool = False
    error: str = None
    silent: bool = False
    requests: int = 0
    closed: float = None
    chain: str = None
    busy: bool = False          # a request is being served
    last_active: float = None   # mock.clock(): handshake done or last answer sent
    idle_closed: float = None   # mock.clock() when the reaper closed it (clock= only)
    idle_close_late: float = None

    def info(self):
        return {k: v for k, v in self.__dict__.items() if k != "sock"}


class MockForge:
    def __init__(self, lab, pki, chain="ecdsa", address=netlab.HOST_IP, port=443,
                 tokens=(TOKEN,), sort_keys=("user", "command", "directory", "status",
                                             "created_at"),
                 max_page_size=200, rate_limit=60, rate_window=60.0, idle_timeout=75.0,
                 max_requests_per_conn=1000, handshake_timeout=30.0, tls_max="1.3",
                 session_tickets=True, clock=time.monotonic):
        self.lab, self.pki = lab, pki
        self.address = (address, port)
        self.api = ForgeApi(tokens, sort_keys, max_page_size, rate_limit, rate_window)
        self.idle_timeout = idle_timeout
        self.clock = clock
        self.max_requests_per_conn = max_requests_per_conn
        self.handshake_timeout = handshake_timeout
        self.tls_max = tls_max
        self.session_tickets = session_tickets
        self.silent = False
        self.override = None
        self.stopping = threading.Event()
        self._queue = []
        self._log = []
        self._conns = {}
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self._listener = None
        self._threads = []
        self._ctx = None
        self.chain_name = None
        self.set_chain(chain)

    # ---- scripting API --------------------------------------------------------------------
    @property
    def tokens(self):
        return self.api.tokens

    @property
    def forbidden(self):
        return self.api.forbidden

    def set_tokens(self, tokens):
        with self.api.lock:
            self.api.tokens = list(tokens)

    def set_processes(self, records, org=ORG, server=SERVER):
        with self.api.lock:
            self.api.servers[(org, str(server))] = [dict(r) for r in records]

    def processes(self, org=ORG, server=SERVER):
        with self.api.lock:
            return [dict(r) for r in self.api.servers.get((org, str(server)), [])]

    def update_process(self, pid, org=ORG, server=SERVER, **attrs):
        with self.api.lock:
            for rec in self.api.servers[(org, str(server))]:
                if rec["id"] == str(pid):
                    rec.update(attrs)
                    return
        raise KeyError(pid)

    def set_rate_limit(self, limit=60, window=60.0):
        with self.api.lock:
            self.api.rate_limit, self.api.rate_window = limit, window
            self.api.windows.clear()

    def reset_budget(self):
        with self.api.lock:
            self.api.windows.clear()

    def queue(self, *scripts):
        with self._cond:
            self._queue.extend(scripts)

    def pending(self):
        with self._cond:
            return len(self._queue)

    def block_for(self, seconds, status=429):
        """Answer every request with `status` for `seconds` (429: Retry-After counts down)."""
        until = time.monotonic() + seconds

        def hook(_req):
            left = until - time.monotonic()
            if left <= 0:
                return None
            if status == 429:
                return Scripted.rate_limited(max(1, math.ceil(left)))
            return Scripted.error(status)
        self.override = hook

    def set_chain(self, name):
        chain = self.pki.chain(name)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if self.tls_max == "1.2":
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        if not self.session_tickets:
            ctx.options |= ssl.OP_NO_TICKET
        ctx.load_cert_chain(chain.cert_pem, chain.key_pem)
        ctx.sni_callback = self._sni
        with self._cond:
            self._ctx, self.chain_name = ctx, name

    def drop_connections(self, style="fin"):
        with self._cond:
            conns = [c for c in self._conns.values() if c.closed is None and c.sock is not None]
        for c in conns:
            self.abort(c.sock, style)

    def requests(self, path_re=None):
        with self._cond:
            log = list(self._log)
        if path_re is None:
            return log
        return [r for r in log if re.search(path_re, r["target"])]

    def clear_log(self):
        with self._cond:
            self._log.clear()

    def wait_requests(self, n, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._log) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("mock: %d of %d requests after %.1f s"
                                       % (len(self._log), n, timeout))
                self._cond.wait(left)
            return list(self._log)

    def connections(self):
        with self._cond:
            return [c.info() for c in self._conns.values()]

    # ---- lifecycle ------------------------------------------------------------------------
    def start(self):
        sock = self.lab.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(self.address)
        sock.listen(16)
        sock.settimeout(0.2)
        self._listener = sock
        t = threading.Thread(target=self._accept_loop, name="mock-accept", daemon=True)
        t.start()
        self._threads.append(t)
        if self.clock is not time.monotonic:
            t = threading.Thread(target=self._reap_loop, name="mock-reaper", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def close(self):
        self.stopping.set()
        self.drop_connections()
        for t in list(self._threads):
            t.join(2)
        if self._listener is not None:
            self._listener.close()

    def _accept_loop(self):
        while not self.stopping.is_set():
            try:
                raw, peer = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn = _Conn(next(self._ids), peer, time.monotonic(), sock=raw)
            with self._cond:
                self._conns[conn.id] = conn
                self._threads = [t for t in self._threads if t.is_alive()]
            t = threading.Thread(target=self._serve_conn, args=(conn,),
                                 name="mock-conn-%d" % conn.id, daemon=True)
            self._threads.append(t)
            t.start()

    def _now(self):
        try:
            return self.clock()
        except Exception:  # pylint: disable=broad-except  (a foreign clock that failed)
            return None

    REAP_PERIOD_S = 0.005  # host seconds between two looks at the idle connections

    def _reap_loop(self):
        """Close connections idle for idle_timeout on self.clock, with a FIN."""
        while not self.stopping.wait(self.REAP_PERIOD_S):
            with self._cond:
                idle = [c for c in self._conns.values() if c.closed is None and not c.busy
                        and c.last_active is not None and c.idle_closed is None]
            if not idle:
                continue
            now = self._now()
            if now is None:
                continue
            for c in idle:
                with self._cond:
                    due = (not c.busy and c.last_active is not None
                           and now - c.last_active >= self.idle_timeout)
                    if due:
                        c.idle_closed = now
                        c.idle_close_late = now - c.last_active - self.idle_timeout
                if due:
                    self.abort(c.sock, "fin")

    def _sni(self, sslsock, name, _ctx):
        with self._cond:
            for c in self._conns.values():
                if c.sock is sslsock or getattr(c, "_ssl", None) is sslsock:
                    c.sni = name

    def _serve_conn(self, conn):
        raw = conn.sock
        try:
            raw.settimeout(None)
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.silent:
                conn.silent = True
                self._hold(raw)
                return
            with self._cond:
                ctx, conn.chain = self._ctx, self.chain_name
            ssock = ctx.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
            conn._ssl = ssock  # pylint: disable=protected-access
            ssock.settimeout(self.handshake_timeout)
            ssock.do_handshake()
            conn.sock = ssock
            conn.tls_version, conn.cipher = ssock.version(), ssock.cipher()[0]
            conn.resumed = ssock.session_reused
            conn.last_active = self._now()
            _Handler(ssock, conn.peer, self, conn)
            with contextlib.suppress(ssl.SSLError, OSError, ValueError):
                ssock.settimeout(0.5)
                ssock.unwrap()  # graceful end: close_notify, as nginx does
        except (ssl.SSLError, OSError) as exc:
            conn.error = "%s: %s" % (type(exc).__name__, exc)
        finally:
            conn.closed = time.monotonic()
            with contextlib.suppress(OSError):
                conn.sock.close()
            with contextlib.suppress(OSError):
                raw.close()

    def _hold(self, raw):
        raw.settimeout(0.2)
        while not self.stopping.is_set():
            try:
                if raw.recv(4096) == b"":
                    return
            except socket.timeout:
                continue

    @staticmethod
    def abort(sock, style):
        with contextlib.suppress(OSError, ValueError):
            if style == "notify" and isinstance(sock, ssl.SSLSocket):
                sock.settimeout(1.0)
                sock = sock.unwrap()
            if style == "rst":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            else:
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    # ---- one request ----------------------------------------------------------------------
    def _take_script(self, target):
        with self._cond:
            for i, s in enumerate(self._queue):
                if s.match is None or re.search(s.match, target):
                    s.times -= 1
                    if s.times <= 0:
                        del self._queue[i]
                    return s
        return None

    def serve(self, h):
        conn = h.conn
        with self._cond:
            conn.busy = True
        try:
            self._serve(h, conn)
        finally:
            now = self._now()
            with self._cond:
                conn.busy, conn.last_active = False, now

    def _serve(self, h, conn):
        conn.requests += 1
        parts = urllib.parse.urlsplit(h.path)
        auth, token_index = self.api.auth(h.headers.get("Authorization"))
        entry = {"conn": conn.id, "seq": conn.requests, "time": time.monotonic(),
                 "method": h.command, "version": h.request_version, "target": h.path,
                 "path": parts.path,
                 "query": urllib.parse.parse_qs(parts.query, keep_blank_values=True),
                 "headers": [(k, "Bearer <redacted>" if k.lower() == "authorization" else v)
                             for k, v in h.headers.items()],
                 "auth": auth, "token_index": token_index, "status": None, "scripted": False}
        script = self._take_script(h.path)
        if script is None and self.override is not None:
            script = self.override(entry)
        status, headers, body = self._answer(h, entry, script, token_index)
        last = (conn.requests >= self.max_requests_per_conn or h.close_connection
                or (script is not None and script.close))
        headers = _merge(headers, [("Connection", "close" if last else "keep-alive")])
        entry["status"], entry["scripted"] = status, script is not None
        with self._cond:
            entry["index"] = len(self._log)
            self._log.append(entry)
            self._cond.notify_all()
        if script is not None and script.raw is not None:
            segs, body_start, body_end = [script.raw], len(script.raw), len(script.raw)
        else:
            segs, body_start, body_end = render(status, headers, body, script)
        if script is not None and script.close_mid is not None:
            script.close_after = (body_start // 2 if script.close_mid == "headers"
                                  else (body_start + body_end) // 2)
        h.send_raw(segs, script, last)

    def _answer(self, h, entry, script, token_index):
        base = [("Server", "nginx"), ("Content-Type", "application/json"),
                ("Cache-Control", "no-cache, private"),
                ("Date", time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()))]
        if script is not None and script.status is not None and not (
                script.status == 200 and script.body is None):
            limits = []
            if script.count_budget and token_index is not None:
                limits = self.api.budget(token_index)[1]
            body = script.body if script.body is not None else {
                "message": MESSAGES.get(script.status, "Error")}
            ctype = JSONAPI if script.status == 200 else "application/json"
            return script.status, _merge(base + limits, [("Content-Type", ctype)]), \
                _body_bytes(body)
        status, extra, body = self._api_answer(h, entry, token_index)
        if script is not None and script.body is not None:
            body = script.body
        return status, _merge(base, extra), _body_bytes(body)

    def _api_answer(self, h, entry, token_index):
        m = PATH_RE.match(entry["path"])
        if m is None:
            return 404, [], {"message": MESSAGES[404]}
        if h.command != "GET":
            return 405, [("Allow", "GET, HEAD")], {"message": "The %s method is not supported "
                                                   "for route." % h.command}
        if token_index is None:
            return 401, [], {"message": MESSAGES[401]}
        allowed, limits = self.api.budget(token_index)
        if not allowed:
            return 429, limits, {"message": MESSAGES[429]}
        org, server = (urllib.parse.unquote(g) for g in m.groups())
        try:
            doc = self.api.list_page(org, server, entry["query"])
        except ApiError as err:
            return err.status, limits, err.body()
        return 200, limits + [("Content-Type", JSONAPI)], doc



# ---- a client for self-tests and e2e tests that talk to the mock from inside the lab ---------
class LabHTTPSConnection(http.client.HTTPSConnection):
    """http.client over a socket made inside the lab; verifies against the given CA file."""

    def __init__(self, lab, cafile, host=HOST, address=(netlab.HOST_IP, 443), timeout=10.0):
        ctx = ssl.create_default_context(cafile=cafile)
        super().__init__(host, address[1], timeout=timeout, context=ctx)
        self.lab, self.lab_address = lab, address

    def connect(self):
        sock = self.lab.create_connection(self.lab_address, timeout=self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)

    def get_json(self, target, token=TOKEN, headers=None):
        hdrs = {"Accept": JSONAPI, "User-Agent": "forgelight-e2e"}
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        hdrs.update(headers or {})
        self.request("GET", target, headers=hdrs)
        resp = self.getresponse()
        raw = resp.read()
        return resp, (json.loads(raw) if raw else None)


def list_target(org=ORG, server=SERVER, **params):
    """Request target for the endpoint; params like {"page[size]": 30, "sort": "-user"}."""
    path = "/api/orgs/%s/servers/%s/background-processes" % (org, server)
    return path + ("?" + urllib.parse.urlencode(params, safe="[],") if params else "")
