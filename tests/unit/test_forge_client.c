/* Unit tests of firmware/forge/forge_client: whole rounds over a scripted HTTP transport. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_client.h"

#define MAX_SCRIPT 16
#define RESPONSE_MAX 20000

typedef struct {
    char response[MAX_SCRIPT][RESPONSE_MAX];
    size_t response_len[MAX_SCRIPT];
    size_t count;
    size_t next;          /* response for the next request */
    size_t offset;        /* bytes of the current response already delivered */
    bool sending_done;
    bool connected;
    bool refuse;
    size_t chunk;         /* bytes per receive, 0: 700 */
    unsigned connects;
    char targets[MAX_SCRIPT][1200];
    size_t requests;
    uint32_t now;
} Fake_t;

static Fake_t g_fake;
static HttpClient_t g_http;
static ForgeClient_t g_client;
static unsigned g_budget;

static HttpTransportStatus_t fake_connect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    (void)ctx; (void)host; (void)port; (void)timeout_ms;
    if (g_fake.refuse) {
        return HTTP_TRANSPORT_ERROR;
    }
    g_fake.connected = true;
    g_fake.connects++;
    return HTTP_TRANSPORT_OK;
}

static HttpTransportStatus_t fake_send(void *ctx, const uint8_t *data, size_t len, size_t *sent)
{
    (void)ctx;
    const char *line_end = memchr(data, '\r', len);
    size_t n = line_end ? (size_t)(line_end - (const char *)data) : len;
    assert_true(n < sizeof g_fake.targets[0]);
    assert_true(g_fake.requests < MAX_SCRIPT);
    memcpy(g_fake.targets[g_fake.requests], data, n);
    g_fake.targets[g_fake.requests][n] = '\0';
    g_fake.requests++;
    g_fake.offset = 0;
    *sent = len;
    return HTTP_TRANSPORT_OK;
}

static HttpTransportStatus_t fake_recv(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *received)
{
    (void)ctx;
    *received = 0;
    if (g_fake.next >= g_fake.count) {
        g_fake.now += timeout_ms;
        return HTTP_TRANSPORT_CLOSED;
    }
    size_t left = g_fake.response_len[g_fake.next] - g_fake.offset;
    size_t n = left < cap ? left : cap;
    size_t piece = (g_fake.chunk != 0) ? g_fake.chunk : 700;
    if (n > piece) {
        n = piece; /* arrive in pieces, as TLS records would */
    }
    memcpy(buf, &g_fake.response[g_fake.next][g_fake.offset], n);
    g_fake.offset += n;
    if (g_fake.offset == g_fake.response_len[g_fake.next]) {
        g_fake.next++;
    }
    *received = n;
    return HTTP_TRANSPORT_OK;
}

static void fake_close(void *ctx)
{
    (void)ctx;
    g_fake.connected = false;
    /* a response cut short by the client is abandoned with its connection */
    if (g_fake.offset != 0 && g_fake.next < g_fake.count) {
        g_fake.next++;
        g_fake.offset = 0;
    }
}

static bool fake_is_connected(void *ctx)
{
    (void)ctx;
    return g_fake.connected;
}

static uint32_t fake_clock(void *ctx)
{
    (void)ctx;
    return g_fake.now++;
}

static const HttpTransport_t g_transport = {fake_connect, fake_send, fake_recv, fake_close,
                                            fake_is_connected, NULL};

static void add_response(int status, const char *extra_headers, const char *body)
{
    assert_true(g_fake.count < MAX_SCRIPT);
    int n = snprintf(g_fake.response[g_fake.count], RESPONSE_MAX,
                     "HTTP/1.1 %d X\r\nContent-Type: application/vnd.api+json\r\n%sContent-Length: %zu\r\n\r\n%s",
                     status, extra_headers, strlen(body), body);
    assert_true(n > 0 && n < RESPONSE_MAX);
    g_fake.response_len[g_fake.count] = (size_t)n;
    g_fake.count++;
}

/* A JSON:API page of `count` records with ids first..first+count-1. */
static void make_page(char *out, size_t cap, unsigned first, unsigned count, const char *status,
                      const char *next_cursor, size_t command_len)
{
    size_t len = (size_t)snprintf(out, cap, "{\"data\":[");
    char command[700];
    assert_true(command_len < sizeof command);
    memset(command, 'x', command_len);
    memcpy(command, "php artisan queue:work", command_len < 22 ? command_len : 22);
    command[command_len] = '\0';
    for (unsigned i = 0; i < count; i++) {
        len += (size_t)snprintf(out + len, cap - len,
                                "%s{\"id\":%u,\"type\":\"backgroundProcesses\",\"attributes\":{\"command\":\"%s\","
                                "\"user\":\"forge\",\"directory\":\"/home/forge\",\"processes\":1,\"status\":\"%s\","
                                "\"created_at\":\"2026-01-02T03:04:05Z\"}}",
                                i ? "," : "", first + i, command, status);
        assert_true(len < cap);
    }
    if (next_cursor) {
        len += (size_t)snprintf(out + len, cap - len, "],\"links\":{},\"meta\":{\"next_cursor\":\"%s\"}}", next_cursor);
    } else {
        len += (size_t)snprintf(out + len, cap - len, "],\"links\":{},\"meta\":{\"next_cursor\":null}}");
    }
    assert_true(len < cap);
}

static bool budget(void *ctx)
{
    (void)ctx;
    if (g_budget == 0) {
        return false;
    }
    g_budget--;
    return true;
}

static const ForgeClientWatch_t g_watch = {"acme", "secret-token", "42", "-user,created_at", "forge", "", ""};

static int setup(void **state)
{
    (void)state;
    memset(&g_fake, 0, sizeof g_fake);
    g_budget = 100;
    const HttpClientConfig_t cfg = {&g_transport, fake_clock, NULL, "forge.laravel.com", 443};
    assert_int_equal(HttpClient_Init(&g_http, &cfg), HTTP_CLIENT_OK);
    assert_int_equal(ForgeClient_Init(&g_client, &g_http), FORGE_CLIENT_OK);
    return 0;
}

static char g_page[3][RESPONSE_MAX];

static void test_three_pages_one_snapshot(void **state)
{
    (void)state;
    make_page(g_page[0], RESPONSE_MAX, 1, 10, "running", "c2", 30);
    make_page(g_page[1], RESPONSE_MAX, 11, 10, "installed", "c3", 30);
    make_page(g_page[2], RESPONSE_MAX, 21, 5, "restarting", NULL, 30);
    add_response(200, "X-RateLimit-Remaining: 57\r\n", g_page[0]);
    add_response(200, "", g_page[1]);
    add_response(200, "X-RateLimit-Remaining: 55\r\n", g_page[2]);
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, budget, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(result.requests, 3);
    assert_int_equal(result.pages, 3);
    assert_int_equal(g_fake.connects, 1); /* one kept-alive connection */
    const ForgeSnapshotView_t *view = ForgeClient_Published(&g_client);
    assert_non_null(view);
    assert_int_equal(view->kept, 25);
    assert_int_equal(view->by_status[FORGE_STATUS_RUNNING], 10);
    assert_int_equal(view->by_status[FORGE_STATUS_INSTALLED], 10);
    assert_int_equal(view->by_status[FORGE_STATUS_RESTARTING], 5);
    assert_true(result.meta.has_ratelimit_remaining);
    assert_int_equal(result.meta.ratelimit_remaining, 55);
    assert_string_equal(g_fake.targets[0],
                        "GET /api/orgs/acme/servers/42/background-processes?sort=-user%2Ccreated_at"
                        "&page%5Bsize%5D=30&filter%5Buser%5D=forge HTTP/1.1");
    assert_non_null(strstr(g_fake.targets[1], "page%5Bcursor%5D=c2"));
    assert_non_null(strstr(g_fake.targets[2], "page%5Bcursor%5D=c3"));
    assert_int_equal(g_budget, 97);
}

/* A first round of 3 records, published: returns its generation. */
static uint32_t PublishThreeRecords(ForgePaging_t *paging, ForgeClientResult_t *result)
{
    ForgePaging_Init(paging);
    make_page(g_page[0], RESPONSE_MAX, 1, 3, "running", NULL, 20);
    add_response(200, "", g_page[0]);
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, paging, NULL, NULL, result), FORGE_CLIENT_OK);
    return ForgeClient_Published(&g_client)->generation;
}

static void test_failure_mid_round_publishes_nothing(void **state)
{
    (void)state;
    ForgePaging_t paging;
    ForgeClientResult_t result;
    const uint32_t generation = PublishThreeRecords(&paging, &result);

    make_page(g_page[1], RESPONSE_MAX, 10, 4, "stopping", "next", 20);
    add_response(200, "", g_page[1]);
    add_response(500, "", "{\"message\":\"Server Error\"}");
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_API);
    assert_int_equal(result.api_result, FORGE_RESULT_SERVER_ERROR);
    assert_int_equal(result.http_status, 500);
    assert_true(result.error.has_message);
    assert_string_equal(result.error.message, "Server Error");
    const ForgeSnapshotView_t *view = ForgeClient_Published(&g_client);
    assert_int_equal(view->generation, generation);
    assert_int_equal(view->kept, 3);
    assert_int_equal(view->by_status[FORGE_STATUS_STOPPING], 0);
}

static void test_unauthorized_keeps_message(void **state)
{
    (void)state;
    add_response(401, "", "{\"message\":\"Unauthenticated.\"}");
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_API);
    assert_int_equal(result.api_result, FORGE_RESULT_UNAUTHORIZED);
    assert_string_equal(result.error.message, "Unauthenticated.");
    assert_null(ForgeClient_Published(&g_client));
}

static void test_rate_limited_reports_retry_after(void **state)
{
    (void)state;
    add_response(429, "Retry-After: 17\r\nX-RateLimit-Remaining: 0\r\n", "{\"message\":\"Too Many Attempts.\"}");
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_API);
    assert_int_equal(result.api_result, FORGE_RESULT_RATE_LIMITED);
    assert_true(result.meta.has_retry_after);
    assert_int_equal(result.meta.retry_after_s, 17);
}

/* The old 12 KB body buffer is gone: a page of 16 records of ~780 bytes streams through. */
static void test_large_page_streams_in_one_request(void **state)
{
    (void)state;
    make_page(g_page[0], RESPONSE_MAX, 1, 16, "running", NULL, 600);
    assert_true(strlen(g_page[0]) > 12288u);
    add_response(200, "", g_page[0]);
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(result.requests, 1);
    assert_int_equal(ForgeClient_Published(&g_client)->kept, 16);
    assert_int_equal(ForgeClient_Published(&g_client)->total, 16);
}

/* `count` records from `first`, then (huge_len > 0) one record whose command is huge_len bytes,
 * then a tail long enough that the client stops reading before the response ends. */
static void make_page_with_huge(char *out, size_t cap, unsigned first, unsigned count, size_t huge_len,
                                const char *next_cursor)
{
    make_page(out, cap, first, count, "running", next_cursor, 20);
    if (huge_len > 0) {
        char *end = strstr(out, "],\"links\"");
        assert_non_null(end);
        char tail[256];
        snprintf(tail, sizeof tail, "%s", end);
        size_t len = (size_t)(end - out);
        len += (size_t)snprintf(out + len, cap - len, ",{\"id\":%u,\"attributes\":{\"command\":\"", first + count);
        assert_true(len + huge_len + 2000 < cap);
        memset(out + len, 'h', huge_len);
        len += huge_len;
        len += (size_t)snprintf(out + len, cap - len, "\"}}");
        /* padding records after it */
        for (unsigned i = 0; i < 4; i++) {
            len += (size_t)snprintf(out + len, cap - len, ",{\"id\":%u,\"attributes\":{\"command\":\"pad%0200u\"}}",
                                    first + count + 1 + i, i);
        }
        (void)snprintf(out + len, cap - len, "%s", tail);
    }
}

/* One record far larger than the old 2 KiB record window: kept, its command cut to
 * FORGE_COMMAND_SIZE (counted as tolerated), the round publishes; the next one too. */
static void test_huge_record_is_kept_and_tolerated(void **state)
{
    (void)state;
    make_page_with_huge(g_page[0], RESPONSE_MAX, 1, 8, 3000u, NULL);
    make_page(g_page[1], RESPONSE_MAX, 1, 8, "running", NULL, 20);
    add_response(200, "", g_page[0]);
    add_response(200, "", g_page[1]);
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(result.requests, 1);
    assert_int_equal(result.page, FORGE_PAGE_OK);
    assert_int_equal(result.tolerated, 5u); /* the huge command and the four padding commands, cut */
    const ForgeSnapshotView_t *view = ForgeClient_Published(&g_client);
    assert_int_equal(view->kept, 13);
    assert_int_equal(view->total, 13);
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(result.requests, 1);
    assert_int_equal(result.tolerated, 0u);
    assert_non_null(strstr(g_fake.targets[1], "page%5Bsize%5D=30"));
    view = ForgeClient_Published(&g_client);
    assert_int_equal(view->kept, 8);
    assert_int_equal(view->total, view->kept);
}

/* Records already delivered from a page that then fails are never published. */
static void test_page_failing_mid_stream_publishes_nothing(void **state)
{
    (void)state;
    ForgePaging_t paging;
    ForgeClientResult_t result;
    const uint32_t generation = PublishThreeRecords(&paging, &result);

    /* 5 good records, a bad one, more after it */
    make_page(g_page[1], RESPONSE_MAX, 10, 8, "stopping", NULL, 200);
    char *bad = strstr(g_page[1], "{\"id\":15,");
    assert_non_null(bad);
    memcpy(bad, "{\"id\":01,", 9); /* a leading zero: malformed JSON */
    add_response(200, "", g_page[1]);
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_PARSE);
    assert_int_equal(result.page, FORGE_PAGE_ERR_SYNTAX);
    const ForgeSnapshotView_t *view = ForgeClient_Published(&g_client);
    assert_int_equal(view->generation, generation);
    assert_int_equal(view->kept, 3);
    assert_int_equal(view->by_status[FORGE_STATUS_STOPPING], 0);

    /* a body cut short after records streamed (the server closes early) */
    make_page(g_page[2], RESPONSE_MAX, 20, 6, "stopping", NULL, 20);
    add_response(200, "", g_page[2]);
    g_fake.response_len[g_fake.count - 1] -= 40; /* Content-Length promises more */
    assert_int_not_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(ForgeClient_Published(&g_client)->generation, generation);
    assert_int_equal(ForgeClient_Published(&g_client)->kept, 3);

    /* the next good round starts clean (the fake forgets the cut response) */
    g_fake.offset = 0;
    make_page(g_page[0], RESPONSE_MAX, 10, 4, "installed", NULL, 20);
    add_response(200, "", g_page[0]);
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    view = ForgeClient_Published(&g_client);
    assert_int_equal(view->generation, generation + 1u);
    assert_int_equal(view->kept, 4);
    assert_int_equal(view->total, view->kept);
    assert_int_equal(view->by_status[FORGE_STATUS_INSTALLED], 4);
    assert_int_equal(view->by_status[FORGE_STATUS_STOPPING], 0);
}

/* An error body arriving a few bytes at a time is still read for its message. */
static void test_error_body_streamed_in_small_chunks(void **state)
{
    (void)state;
    g_fake.chunk = 3;
    add_response(422, "", "{\n  \"message\": \"The given data was invalid.\",\n  \"errors\": {\n"
                          "    \"page.size\": [\"The page.size field must not be greater than 200.\"]\n  }\n}\n");
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_API);
    assert_int_equal(result.api_result, FORGE_RESULT_VALIDATION);
    assert_int_equal(result.http_status, 422);
    assert_true(result.error.has_message);
    assert_string_equal(result.error.message, "The given data was invalid.");
    assert_true(result.error.has_field);
    assert_string_equal(result.error.field, "page.size");
    /* a 200 page in 1-byte pieces works the same */
    g_fake.chunk = 1;
    make_page(g_page[0], RESPONSE_MAX, 1, 2, "running", NULL, 20);
    add_response(200, "", g_page[0]);
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_OK);
    assert_int_equal(ForgeClient_Published(&g_client)->kept, 2);
}

/* An error body larger than the record window keeps the status alone. */
static void test_error_body_too_large_keeps_status(void **state)
{
    (void)state;
    static char html[FORGE_ERROR_BODY_SIZE + 600];
    memset(html, 'h', sizeof html - 1);
    memcpy(html, "{\"message\":\"", 12);
    memcpy(&html[sizeof html - 3], "\"}", 2);
    html[sizeof html - 1] = '\0';
    add_response(503, "", html);
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_API);
    assert_int_equal(result.api_result, FORGE_RESULT_MAINTENANCE);
    assert_false(result.error.has_message);
    assert_string_equal(result.error.message, "");
}

static void test_budget_denial_defers_round(void **state)
{
    (void)state;
    make_page(g_page[0], RESPONSE_MAX, 1, 2, "running", "c2", 20);
    add_response(200, "", g_page[0]);
    g_budget = 1;
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, budget, NULL, &result), FORGE_CLIENT_DEFERRED);
    assert_int_equal(result.requests, 1);
    assert_null(ForgeClient_Published(&g_client));
}

static void test_malformed_body_is_parse_error(void **state)
{
    (void)state;
    add_response(200, "", "{\"data\":[{\"id\":1,]}");
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_PARSE);
    assert_null(ForgeClient_Published(&g_client));
}

static void test_refused_connection_is_transport_error(void **state)
{
    (void)state;
    g_fake.refuse = true;
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    assert_int_equal(ForgeClient_FetchRound(&g_client, &g_watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_TRANSPORT);
    assert_int_equal(result.http, HTTP_CLIENT_ERR_CONNECT);
}

static void test_invalid_sort_and_org_are_query_errors(void **state)
{
    (void)state;
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    ForgeClientResult_t result;
    ForgeClientWatch_t watch = g_watch;
    watch.sort = "user,,status";
    assert_int_equal(ForgeClient_FetchRound(&g_client, &watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_QUERY);
    watch.sort = "-user,user";
    assert_int_equal(ForgeClient_FetchRound(&g_client, &watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_QUERY);
    watch.sort = "user,";
    assert_int_equal(ForgeClient_FetchRound(&g_client, &watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_QUERY);
    watch.sort = "";
    watch.org = "ac me";
    assert_int_equal(ForgeClient_FetchRound(&g_client, &watch, &paging, NULL, NULL, &result), FORGE_CLIENT_ERR_QUERY);
    assert_int_equal(g_fake.requests, 0);
}

static void test_parse_sort_keys(void **state)
{
    (void)state;
    ForgeSortKey_t keys[4];
    size_t count = 99;
    assert_int_equal(ForgeQuery_ParseSort("-user,created_at,status", 64, keys, 4, &count), FORGE_QUERY_OK);
    assert_int_equal(count, 3);
    assert_true(keys[0].descending);
    assert_int_equal(keys[0].field, FORGE_SORT_USER);
    assert_false(keys[1].descending);
    assert_int_equal(keys[1].field, FORGE_SORT_CREATED_AT);
    assert_int_equal(keys[2].field, FORGE_SORT_STATUS);
    assert_int_equal(ForgeQuery_ParseSort("", 64, keys, 4, &count), FORGE_QUERY_OK);
    assert_int_equal(count, 0);
    assert_int_equal(ForgeQuery_ParseSort("user", 64, keys, 4, &count), FORGE_QUERY_OK);
    assert_int_equal(count, 1);
    assert_int_equal(ForgeQuery_ParseSort("-", 64, keys, 4, &count), FORGE_QUERY_ERR_INVALID_SORT);
    assert_int_equal(ForgeQuery_ParseSort("users", 64, keys, 4, &count), FORGE_QUERY_ERR_INVALID_SORT);
    assert_int_equal(ForgeQuery_ParseSort("user,status", 64, keys, 1, &count), FORGE_QUERY_ERR_INVALID_SORT);
    /* text_max bounds the read: "user" within 4 bytes of "userXYZ" */
    assert_int_equal(ForgeQuery_ParseSort("userXYZ", 4, keys, 4, &count), FORGE_QUERY_OK);
    assert_int_equal(count, 1);
}

/* The round log names failures, never numbers (issue 16 item 5). */
static void test_status_names(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < (uint32_t)FORGE_CLIENT_STATUS_COUNT; i++) {
        const char *name = ForgeClient_StatusName((ForgeClientStatus_t)i);
        assert_true(strlen(name) > 0u);
        for (uint32_t j = 0u; j < i; j++) {
            assert_true(strcmp(name, ForgeClient_StatusName((ForgeClientStatus_t)j)) != 0);
        }
    }
    assert_string_equal(ForgeClient_StatusName(FORGE_CLIENT_ERR_PARSE), "bad body");
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_ERR_CURSOR), "cursor");
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_ERR_SYNTAX), "syntax");
    assert_string_equal(ForgeClient_StatusName(FORGE_CLIENT_STATUS_COUNT), "unknown forge client status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_three_pages_one_snapshot, setup),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test_setup(test_failure_mid_round_publishes_nothing, setup),
        cmocka_unit_test_setup(test_unauthorized_keeps_message, setup),
        cmocka_unit_test_setup(test_rate_limited_reports_retry_after, setup),
        cmocka_unit_test_setup(test_large_page_streams_in_one_request, setup),
        cmocka_unit_test_setup(test_huge_record_is_kept_and_tolerated, setup),
        cmocka_unit_test_setup(test_page_failing_mid_stream_publishes_nothing, setup),
        cmocka_unit_test_setup(test_error_body_streamed_in_small_chunks, setup),
        cmocka_unit_test_setup(test_error_body_too_large_keeps_status, setup),
        cmocka_unit_test_setup(test_budget_denial_defers_round, setup),
        cmocka_unit_test_setup(test_malformed_body_is_parse_error, setup),
        cmocka_unit_test_setup(test_refused_connection_is_transport_error, setup),
        cmocka_unit_test_setup(test_invalid_sort_and_org_are_query_errors, setup),
        cmocka_unit_test_setup(test_parse_sort_keys, setup),
    };
    return cmocka_run_group_tests_name("forge_client", tests, NULL, NULL);
}
