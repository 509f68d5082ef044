/* Unit tests of net/http/http_client over a scripted fake transport and a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/http/http_client.h"

/* ---- fake transport --------------------------------------------------------------------- */

typedef enum { EV_DATA, EV_TIMEOUT, EV_CLOSED, EV_ERROR } EventKind_t;

typedef struct {
    EventKind_t kind;
    const char *data;  /* EV_DATA */
    uint32_t delay_ms; /* EV_DATA: silence before the bytes */
} Event_t;

#define MAX_EVENTS 64u
#define SENT_CAP 8192u

typedef struct {
    Event_t events[MAX_EVENTS];
    size_t count;
    size_t next;
    size_t offset;   /* bytes of the current EV_DATA already delivered */
    uint32_t waited; /* ms of the current EV_DATA delay already spent */
    uint32_t now;
    unsigned connects;
    unsigned closes;
    unsigned sends;
    unsigned recvs;
    bool connected;
    HttpTransportStatus_t connect_result;
    uint32_t connect_delay_ms;
    uint32_t last_connect_timeout;
    char last_host[64];
    uint16_t last_port;
    unsigned fail_sends;
    char sent[SENT_CAP];
    size_t sent_len;
} Fake_t;

static Fake_t g_fake;

static HttpTransportStatus_t FakeConnect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    Fake_t *f = (Fake_t *)ctx;
    f->connects++;
    f->last_connect_timeout = timeout_ms;
    f->last_port = port;
    strncpy(f->last_host, host, sizeof(f->last_host) - 1u);
    f->now += f->connect_delay_ms;
    f->connected = (f->connect_result == HTTP_TRANSPORT_OK);
    return f->connect_result;
}

static HttpTransportStatus_t FakeSend(void *ctx, const uint8_t *data, size_t len, size_t *sent)
{
    Fake_t *f = (Fake_t *)ctx;
    f->sends++;
    assert_true(f->connected);
    if (f->fail_sends > 0u) {
        f->fail_sends--;
        f->connected = false;
        *sent = 0u;
        return HTTP_TRANSPORT_ERROR;
    }
    assert_true((f->sent_len + len) <= SENT_CAP);
    memcpy(&f->sent[f->sent_len], data, len);
    f->sent_len += len;
    *sent = len;
    return HTTP_TRANSPORT_OK;
}

static HttpTransportStatus_t FakeData(Fake_t *f, const Event_t *ev, uint8_t *buf, size_t cap, uint32_t timeout_ms,
                                      size_t *received)
{
    const uint32_t delay_left = ev->delay_ms - f->waited;
    if (delay_left > timeout_ms) {
        f->waited += timeout_ms;
        f->now += timeout_ms;
        return HTTP_TRANSPORT_TIMEOUT;
    }
    f->now += delay_left;
    f->waited = ev->delay_ms;
    const size_t left = strlen(ev->data) - f->offset;
    const size_t n = (left < cap) ? left : cap;
    memcpy(buf, &ev->data[f->offset], n);
    f->offset += n;
    *received = n;
    if (f->offset == strlen(ev->data)) {
        f->next++;
        f->offset = 0u;
        f->waited = 0u;
    }
    return HTTP_TRANSPORT_OK;
}

static HttpTransportStatus_t FakeRecv(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *received)
{
    Fake_t *f = (Fake_t *)ctx;
    f->recvs++;
    *received = 0u;
    assert_true(cap == HTTP_RECV_CHUNK_SIZE);
    assert_true(timeout_ms > 0u);
    assert_true(timeout_ms <= HTTP_RESPONSE_TIMEOUT_MS);
    if (!f->connected) {
        return HTTP_TRANSPORT_ERROR;
    }
    if (f->next >= f->count) {
        f->now += timeout_ms;
        return HTTP_TRANSPORT_TIMEOUT;
    }
    const Event_t *ev = &f->events[f->next];
    switch (ev->kind) {
    case EV_DATA:
        return FakeData(f, ev, buf, cap, timeout_ms, received);
    case EV_TIMEOUT:
        f->next++;
        f->now += timeout_ms;
        return HTTP_TRANSPORT_TIMEOUT;
    case EV_CLOSED:
        f->next++;
        f->connected = false;
        return HTTP_TRANSPORT_CLOSED;
    case EV_ERROR:
    default:
        f->next++;
        f->connected = false;
        return HTTP_TRANSPORT_ERROR;
    }
}

static void FakeClose(void *ctx)
{
    Fake_t *f = (Fake_t *)ctx;
    f->closes++;
    f->connected = false;
}

static bool FakeIsConnected(void *ctx)
{
    return ((Fake_t *)ctx)->connected;
}

static uint32_t FakeClock(void *ctx)
{
    return ((Fake_t *)ctx)->now;
}

static const HttpTransport_t g_transport = { FakeConnect, FakeSend, FakeRecv, FakeClose, FakeIsConnected, &g_fake };

static void Script(EventKind_t kind, const char *data, uint32_t delay_ms)
{
    assert_true(g_fake.count < MAX_EVENTS);
    g_fake.events[g_fake.count].kind = kind;
    g_fake.events[g_fake.count].data = data;
    g_fake.events[g_fake.count].delay_ms = delay_ms;
    g_fake.count++;
}

static void Reply(const char *data)
{
    Script(EV_DATA, data, 0u);
}

/* ---- body sink ------------------------------------------------------------------------------ */

typedef struct {
    char body[8192];
    size_t len;
    bool refuse;
} Body_t;

static Body_t g_body;

static bool Sink(void *sink_ctx, const HttpResponseMeta_t *meta, const uint8_t *data, size_t len)
{
    Body_t *b = (Body_t *)sink_ctx;
    (void)meta;
    if (b->refuse) {
        return false;
    }
    assert_true((b->len + len) < sizeof(b->body));
    memcpy(&b->body[b->len], data, len);
    b->len += len;
    b->body[b->len] = '\0';
    return true;
}

/* ---- fixtures ------------------------------------------------------------------------------- */

static HttpClient_t g_client;
static const char k_token[] = "secret-token-0123456789abcdef";

static const char k_r1[] = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Length: 7\r\n\r\n{\"a\":1}";
static const char k_r2[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"b\r\n4\r\n\":2}\r\n0\r\n\r\n";
static const char k_r3[] = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"c\":3}";

static int Setup(void **state)
{
    (void)state;
    memset(&g_fake, 0, sizeof(g_fake));
    g_fake.connect_result = HTTP_TRANSPORT_OK;
    g_fake.now = 1000u;
    memset(&g_body, 0, sizeof(g_body));
    const HttpClientConfig_t config = { &g_transport, FakeClock, &g_fake, "forge.laravel.com", 443u };
    assert_int_equal(HttpClient_Init(&g_client, &config), HTTP_CLIENT_OK);
    return 0;
}

static HttpClientStatus_t Get(const char *path, HttpResponseMeta_t *meta)
{
    const HttpClientRequest_t req = { path, "application/vnd.api+json", k_token, Sink, &g_body };
    g_body.len = 0u;
    g_body.body[0] = '\0';
    return HttpClient_Get(&g_client, &req, meta);
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void test_keep_alive_three_requests_one_connection(void **state)
{
    (void)state;
    HttpResponseMeta_t meta;
    Reply(k_r1);
    Reply(k_r2);
    Reply(k_r3);
    assert_int_equal(Get("/p1", &meta), HTTP_CLIENT_OK);
    assert_int_equal(meta.status_code, 200);
    assert_string_equal(meta.content_type, "application/vnd.api+json");
    assert_string_equal(g_body.body, "{\"a\":1}");
    assert_int_equal(Get("/p2", &meta), HTTP_CLIENT_OK);
    assert_true(meta.chunked);
    assert_string_equal(g_body.body, "{\"b\":2}");
    assert_int_equal(Get("/p3", &meta), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "{\"c\":3}");
    assert_int_equal(g_fake.connects, 1);
    assert_int_equal(HttpClient_ConnectCount(&g_client), 1);
    assert_int_equal(g_fake.sends, 3);
    assert_int_equal(g_fake.closes, 1); /* the close before the first connect */
    assert_true(g_fake.connected);
    assert_string_equal(g_fake.last_host, "forge.laravel.com");
    assert_int_equal(g_fake.last_port, 443);
    assert_int_equal(g_fake.last_connect_timeout, HTTP_CONNECT_TIMEOUT_MS);
    assert_int_equal(HttpClient_LastResponseStatus(&g_client), HTTP_RESPONSE_DONE);
    HttpClient_Close(&g_client);
    assert_false(g_fake.connected);
}

static void test_exact_request_bytes(void **state)
{
    (void)state;
    static const char expected[] = "GET /p1 HTTP/1.1\r\n"
                                   "Host: forge.laravel.com\r\n"
                                   "Authorization: Bearer secret-token-0123456789abcdef\r\n"
                                   "Accept: application/vnd.api+json\r\n"
                                   "User-Agent: forgelight/" FL_VERSION "\r\n"
                                   "Connection: keep-alive\r\n"
                                   "\r\n";
    Reply(k_r1);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_fake.sent_len, strlen(expected));
    assert_memory_equal(g_fake.sent, expected, strlen(expected));
}

static bool Contains(const uint8_t *hay, size_t hay_len, const char *needle)
{
    const size_t n = strlen(needle);
    for (size_t i = 0u; (i + n) <= hay_len; i++) {
        if (memcmp(&hay[i], needle, n) == 0) {
            return true;
        }
    }
    return false;
}

static void test_token_wiped_after_send(void **state)
{
    (void)state;
    /* a long path puts the token beyond the bytes the response overwrites */
    static char path[300];
    memset(path, 'x', sizeof(path) - 1u);
    path[0] = '/';
    Reply(k_r1);
    assert_int_equal(Get(path, NULL), HTTP_CLIENT_OK);
    assert_true(Contains((const uint8_t *)g_fake.sent, g_fake.sent_len, k_token));
    assert_false(Contains(g_client.buf, sizeof(g_client.buf), k_token));
    assert_false(Contains(g_client.buf, sizeof(g_client.buf), "Bearer"));
}

static void test_connection_close_reconnects(void **state)
{
    (void)state;
    Reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi");
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "hi");
    assert_false(g_fake.connected); /* closed by the client right away */
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "{\"c\":3}");
    assert_int_equal(g_fake.connects, 2);
    assert_int_equal(g_fake.sends, 2);
}

static void test_server_closed_idle_connection_retried_once(void **state)
{
    (void)state;
    Reply(k_r1);
    Script(EV_CLOSED, NULL, 0u); /* the server dropped the kept-alive connection */
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "{\"c\":3}");
    assert_int_equal(g_fake.connects, 2);
    assert_int_equal(g_fake.sends, 3);
    /* the request written into the dropped connection went out: it counts, and so does the retry */
    assert_int_equal(HttpClient_RequestCount(&g_client), 3u);
}

static void test_stale_send_failure_retried_once(void **state)
{
    (void)state;
    Reply(k_r1);
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    g_fake.fail_sends = 1u;
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "{\"c\":3}");
    assert_int_equal(g_fake.connects, 2);
    assert_int_equal(g_fake.sends, 3);
    /* two failures in a row: one retry only */
    g_fake.fail_sends = 2u;
    assert_int_equal(Get("/p3", NULL), HTTP_CLIENT_ERR_SEND);
    assert_int_equal(g_fake.connects, 3);
    assert_int_equal(g_fake.sends, 5);
}

static void test_no_retry_once_response_started(void **state)
{
    (void)state;
    HttpResponseMeta_t meta;
    Reply(k_r1);
    Reply("HTTP/1.1 200 OK\r\nContent-Len");
    Script(EV_CLOSED, NULL, 0u);
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_int_equal(Get("/p2", &meta), HTTP_CLIENT_ERR_CLOSED);
    assert_int_equal(meta.status_code, 200);
    assert_int_equal(HttpClient_LastResponseStatus(&g_client), HTTP_RESPONSE_ERR_TRUNCATED);
    assert_int_equal(g_fake.connects, 1);
    assert_int_equal(g_fake.sends, 2);
    assert_false(g_fake.connected);
}

static void test_no_retry_on_fresh_connection(void **state)
{
    (void)state;
    Script(EV_CLOSED, NULL, 0u);
    Reply(k_r1);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_CLOSED);
    assert_int_equal(g_fake.connects, 1);
    assert_int_equal(g_fake.sends, 1);
    Script(EV_ERROR, NULL, 0u);
    g_fake.next = g_fake.count - 1u;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_RECV);
    assert_int_equal(g_fake.connects, 2);
}

static void test_transport_reports_gone_connection(void **state)
{
    (void)state;
    Reply(k_r1);
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    g_fake.connected = false; /* e.g. lwIP saw the FIN */
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_fake.connects, 2);
    assert_int_equal(g_fake.sends, 2);
}

static void test_close_delimited_body_then_reconnect(void **state)
{
    (void)state;
    HttpResponseMeta_t meta;
    Reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of ");
    Reply("it");
    Script(EV_CLOSED, NULL, 0u);
    Reply(k_r3);
    assert_int_equal(Get("/p1", &meta), HTTP_CLIENT_OK);
    assert_false(meta.keep_alive);
    assert_string_equal(g_body.body, "all of it");
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_fake.connects, 2);
}

static void test_bytes_beyond_response_force_reconnect(void **state)
{
    (void)state;
    Reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhixx");
    Reply(k_r3);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_string_equal(g_body.body, "hi");
    assert_false(g_fake.connected);
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_fake.connects, 2);
}

static void test_read_timeout_exact(void **state)
{
    (void)state;
    const uint32_t start = g_fake.now;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_TIMEOUT);
    assert_int_equal(g_fake.now - start, HTTP_READ_TIMEOUT_MS);
    assert_false(g_fake.connected);
    assert_int_equal(g_fake.closes, 2);
}

static void test_read_timeout_edges(void **state)
{
    (void)state;
    Script(EV_DATA, k_r1, HTTP_READ_TIMEOUT_MS - 1u);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    Script(EV_DATA, k_r3, HTTP_READ_TIMEOUT_MS + 1u);
    const uint32_t start = g_fake.now;
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_ERR_TIMEOUT);
    assert_int_equal(g_fake.now - start, HTTP_READ_TIMEOUT_MS);
}

static void test_slow_trickle_hits_response_timeout(void **state)
{
    (void)state;
    static const char *const bytes[] = { "H", "T", "T", "P", "/", "1", ".", "1", " " };
    const uint32_t step = HTTP_READ_TIMEOUT_MS / 2u;
    for (size_t i = 0u; i < (sizeof(bytes) / sizeof(bytes[0])); i++) {
        Script(EV_DATA, bytes[i], step);
    }
    const uint32_t start = g_fake.now;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_TIMEOUT);
    assert_int_equal(g_fake.now - start, HTTP_RESPONSE_TIMEOUT_MS);
}

static void test_timeouts_across_clock_wrap(void **state)
{
    (void)state;
    g_fake.now = 0xFFFFF000u;
    Script(EV_DATA, k_r1, 5000u);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    const uint32_t start = g_fake.now;
    assert_int_equal(Get("/p2", NULL), HTTP_CLIENT_ERR_TIMEOUT);
    assert_int_equal((uint32_t)(g_fake.now - start), HTTP_READ_TIMEOUT_MS);
}

static void test_connect_failures(void **state)
{
    (void)state;
    g_fake.connect_result = HTTP_TRANSPORT_TIMEOUT;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_CONNECT_TIMEOUT);
    g_fake.connect_result = HTTP_TRANSPORT_ERROR;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_CONNECT);
    /* a transport that overran the allowed time */
    g_fake.connect_result = HTTP_TRANSPORT_OK;
    g_fake.connect_delay_ms = HTTP_CONNECT_TIMEOUT_MS;
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_CONNECT_TIMEOUT);
    assert_false(g_fake.connected);
    assert_int_equal(g_fake.sends, 0);
    g_fake.connect_delay_ms = HTTP_CONNECT_TIMEOUT_MS - 1u;
    Reply(k_r1);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_fake.connects, 4);
    assert_int_equal(HttpClient_ConnectCount(&g_client), 1);
    /* connections that never opened sent no request */
    assert_int_equal(HttpClient_RequestCount(&g_client), 1u);
}

static void test_status_names(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < (uint32_t)HTTP_CLIENT_STATUS_COUNT; i++) {
        const char *name = HttpClient_StatusName((HttpClientStatus_t)i);
        assert_true(strlen(name) > 0u);
        for (uint32_t j = 0u; j < i; j++) {
            assert_true(strcmp(name, HttpClient_StatusName((HttpClientStatus_t)j)) != 0);
        }
    }
    assert_string_equal(HttpClient_StatusName(HTTP_CLIENT_ERR_TIMEOUT), "read timeout");
    assert_string_equal(HttpClient_StatusName(HTTP_CLIENT_STATUS_COUNT), "unknown http client status");
}

static void test_protocol_error_closes(void **state)
{
    (void)state;
    Reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_PROTOCOL);
    assert_int_equal(HttpClient_LastResponseStatus(&g_client), HTTP_RESPONSE_ERR_BAD_CHUNK_SIZE);
    assert_false(g_fake.connected);
}

static void test_invalid_request_never_connects(void **state)
{
    (void)state;
    assert_int_equal(Get("/p1\r\nX-Evil: 1", NULL), HTTP_CLIENT_ERR_REQUEST_INVALID);
    static char long_path[HTTP_REQUEST_BUFFER_SIZE + 1u];
    memset(long_path, 'a', sizeof(long_path) - 1u);
    long_path[0] = '/';
    assert_int_equal(Get(long_path, NULL), HTTP_CLIENT_ERR_REQUEST_TOO_LARGE);
    assert_int_equal(g_fake.connects, 0);
    assert_int_equal(g_fake.sends, 0);
}

static void test_sink_abort(void **state)
{
    (void)state;
    g_body.refuse = true;
    Reply(k_r1);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_ERR_ABORTED);
    assert_int_equal(HttpClient_LastResponseStatus(&g_client), HTTP_RESPONSE_ERR_SINK);
    assert_false(g_fake.connected);
}

static void test_rate_limit_metadata(void **state)
{
    (void)state;
    HttpResponseMeta_t meta;
    Reply("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nX-RateLimit-Limit: 60\r\n"
          "X-RateLimit-Remaining: 0\r\nDate: Sat, 28 Nov 2026 21:00:00 GMT\r\n"
          "Content-Type: application/json\r\nContent-Length: 33\r\n\r\n{\"message\":\"Too Many Attempts.\"}\n");
    assert_int_equal(Get("/p1", &meta), HTTP_CLIENT_OK);
    assert_int_equal(meta.status_code, 429);
    assert_true(meta.has_retry_after);
    assert_int_equal(meta.retry_after_s, 30);
    assert_int_equal(meta.ratelimit_limit, 60);
    assert_true(meta.has_ratelimit_remaining);
    assert_int_equal(meta.ratelimit_remaining, 0);
    assert_true(meta.has_date);
    assert_int_equal(meta.date_unix, 1795899600u);
    assert_string_equal(meta.content_type, "application/json");
    assert_int_equal(meta.body_len, 33);
    assert_true(g_fake.connected);
}

static void test_large_body_over_many_reads(void **state)
{
    (void)state;
    static char response[6000];
    static char expected[4096];
    strcpy(response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    size_t at = strlen(response);
    size_t body = 0u;
    for (size_t c = 0u; c < 20u; c++) {
        static const char hex[] = "0123456789abcdef";
        const size_t n = 150u + c; /* 0x96.. */
        response[at++] = hex[n >> 4u];
        response[at++] = hex[n & 15u];
        response[at++] = '\r';
        response[at++] = '\n';
        for (size_t i = 0u; i < n; i++) {
            const char ch = (char)('a' + (char)((body + i) % 26u));
            response[at + i] = ch;
            expected[body + i] = ch;
        }
        at += n;
        body += n;
        response[at++] = '\r';
        response[at++] = '\n';
    }
    strcpy(&response[at], "0\r\n\r\n");
    expected[body] = '\0';
    Reply(response);
    assert_int_equal(Get("/p1", NULL), HTTP_CLIENT_OK);
    assert_int_equal(g_body.len, body);
    assert_string_equal(g_body.body, expected);
    assert_true(g_fake.recvs >= ((strlen(response) / HTTP_RECV_CHUNK_SIZE) + 1u));
}

static void test_bad_arguments(void **state)
{
    (void)state;
    static HttpClient_t client;
    HttpClientConfig_t config = { &g_transport, FakeClock, &g_fake, "h", 443u };
    assert_int_equal(HttpClient_Init(NULL, &config), HTTP_CLIENT_ERR_ARG);
    assert_int_equal(HttpClient_Init(&client, NULL), HTTP_CLIENT_ERR_ARG);
    config.clock = NULL;
    assert_int_equal(HttpClient_Init(&client, &config), HTTP_CLIENT_ERR_ARG);
    config.clock = FakeClock;
    config.host = NULL;
    assert_int_equal(HttpClient_Init(&client, &config), HTTP_CLIENT_ERR_ARG);
    HttpTransport_t partial = g_transport;
    partial.is_connected = NULL;
    config.host = "h";
    config.transport = &partial;
    assert_int_equal(HttpClient_Init(&client, &config), HTTP_CLIENT_ERR_ARG);
    assert_int_equal(HttpClient_Get(&g_client, NULL, NULL), HTTP_CLIENT_ERR_ARG);
    assert_int_equal(HttpClient_Get(NULL, NULL, NULL), HTTP_CLIENT_ERR_ARG);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_keep_alive_three_requests_one_connection, Setup),
        cmocka_unit_test_setup(test_exact_request_bytes, Setup),
        cmocka_unit_test_setup(test_token_wiped_after_send, Setup),
        cmocka_unit_test_setup(test_connection_close_reconnects, Setup),
        cmocka_unit_test_setup(test_server_closed_idle_connection_retried_once, Setup),
        cmocka_unit_test_setup(test_stale_send_failure_retried_once, Setup),
        cmocka_unit_test_setup(test_status_names, Setup),
        cmocka_unit_test_setup(test_no_retry_once_response_started, Setup),
        cmocka_unit_test_setup(test_no_retry_on_fresh_connection, Setup),
        cmocka_unit_test_setup(test_transport_reports_gone_connection, Setup),
        cmocka_unit_test_setup(test_close_delimited_body_then_reconnect, Setup),
        cmocka_unit_test_setup(test_bytes_beyond_response_force_reconnect, Setup),
        cmocka_unit_test_setup(test_read_timeout_exact, Setup),
        cmocka_unit_test_setup(test_read_timeout_edges, Setup),
        cmocka_unit_test_setup(test_slow_trickle_hits_response_timeout, Setup),
        cmocka_unit_test_setup(test_timeouts_across_clock_wrap, Setup),
        cmocka_unit_test_setup(test_connect_failures, Setup),
        cmocka_unit_test_setup(test_protocol_error_closes, Setup),
        cmocka_unit_test_setup(test_invalid_request_never_connects, Setup),
        cmocka_unit_test_setup(test_sink_abort, Setup),
        cmocka_unit_test_setup(test_rate_limit_metadata, Setup),
        cmocka_unit_test_setup(test_large_body_over_many_reads, Setup),
        cmocka_unit_test_setup(test_bad_arguments, Setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
