/* Unit tests of net/http/http_response: framing, limits, header interpretation, splits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/http/http_response.h"

#define BODY_CAP 4096u

typedef struct {
    uint8_t body[BODY_CAP];
    size_t len;
    size_t calls;
    size_t refuse_after; /* refuse the call with this index (0 = never) */
    uint16_t status_seen;
} Collector_t;

static Collector_t g_body;
static HttpResponse_t g_resp;

static bool Collect(void *sink_ctx, const HttpResponseMeta_t *meta, const uint8_t *data, size_t len)
{
    Collector_t *c = (Collector_t *)sink_ctx;
    assert_non_null(meta);
    assert_true(len > 0u);
    c->calls++;
    c->status_seen = meta->status_code;
    if ((c->refuse_after != 0u) && (c->calls >= c->refuse_after)) {
        return false;
    }
    if ((c->len + len) <= BODY_CAP) {
        memcpy(&c->body[c->len], data, len);
    }
    c->len += len;
    return true;
}

static void Reset(void)
{
    memset(&g_body, 0, sizeof(g_body));
    HttpResponse_Init(&g_resp, Collect, &g_body);
}

/* Feeds text[0..len) cut at the given points (ascending, each <= len); returns the status of
 * the last call that made progress and the total consumed. */
static HttpResponseStatus_t FeedCuts(const char *text, size_t len, const size_t *cuts, size_t ncuts,
                                     size_t *total)
{
    HttpResponseStatus_t st = HTTP_RESPONSE_OK;
    size_t from = 0u;
    *total = 0u;
    for (size_t i = 0u; i <= ncuts; i++) {
        const size_t to = (i < ncuts) ? cuts[i] : len;
        size_t used = 0u;
        st = HttpResponse_Feed(&g_resp, (const uint8_t *)&text[from], to - from, &used);
        assert_true(used <= (to - from));
        *total += used;
        if ((st != HTTP_RESPONSE_OK) || (used < (to - from))) {
            break;
        }
        from = to;
    }
    return st;
}

static HttpResponseStatus_t FeedAll(const char *text, size_t *total)
{
    return FeedCuts(text, strlen(text), NULL, 0u, total);
}

static HttpResponseStatus_t FeedBytewise(const char *text, size_t len, size_t *total)
{
    HttpResponseStatus_t st = HTTP_RESPONSE_OK;
    *total = 0u;
    for (size_t i = 0u; (i < len) && (st == HTTP_RESPONSE_OK); i++) {
        size_t used = 0u;
        st = HttpResponse_Feed(&g_resp, (const uint8_t *)&text[i], 1u, &used);
        *total += used;
    }
    return st;
}

static HttpResponseStatus_t ParseText(const char *text)
{
    size_t total = 0u;
    Reset();
    return FeedAll(text, &total);
}

static const HttpResponseMeta_t *Meta(void)
{
    return HttpResponse_Meta(&g_resp);
}

static void AssertBody(const char *expected)
{
    assert_int_equal(g_body.len, strlen(expected));
    assert_memory_equal(g_body.body, expected, strlen(expected));
    assert_int_equal(Meta()->body_len, strlen(expected));
}

/* ---- Content-Length bodies ---------------------------------------------------------- */

static const char k_simple[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: application/vnd.api+json\r\n"
                               "Content-Length: 13\r\n"
                               "\r\n"
                               "{\"data\":[1 ]}";

static void test_content_length_whole(void **state)
{
    (void)state;
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedAll(k_simple, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(k_simple));
    assert_int_equal(Meta()->status_code, 200);
    assert_int_equal(Meta()->http_minor, 1);
    assert_true(Meta()->has_content_length);
    assert_int_equal(Meta()->content_length, 13);
    assert_false(Meta()->chunked);
    assert_string_equal(Meta()->content_type, "application/vnd.api+json");
    assert_int_equal(Meta()->content_type_len, 24);
    assert_true(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(g_body.status_seen, 200);
    AssertBody("{\"data\":[1 ]}");
}

static void test_content_length_every_split(void **state)
{
    (void)state;
    const size_t len = strlen(k_simple);
    for (size_t cut = 0u; cut <= len; cut++) {
        size_t total = 0u;
        Reset();
        assert_int_equal(FeedCuts(k_simple, len, &cut, 1u, &total), HTTP_RESPONSE_DONE);
        assert_int_equal(total, len);
        AssertBody("{\"data\":[1 ]}");
    }
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedBytewise(k_simple, len, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, len);
    AssertBody("{\"data\":[1 ]}");
    assert_int_equal(g_body.calls, 13);
}

static void test_content_length_zero_and_extra_bytes(void **state)
{
    (void)state;
    static const char text[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1";
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedAll(text, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(text) - 8u); /* the next message is not consumed */
    assert_int_equal(g_body.calls, 0);

    static const char longer[] = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef";
    Reset();
    assert_int_equal(FeedAll(longer, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(longer) - 3u);
    AssertBody("abc");
}

static void test_content_length_truncated(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd"), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_TRUNCATED);
    assert_false(HttpResponse_IsReusable(&g_resp));
    AssertBody("abcd");
    /* closed inside the headers, and before anything at all */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Len"), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_TRUNCATED);
    Reset();
    assert_false(HttpResponse_HasStarted(&g_resp));
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_TRUNCATED);
}

static void test_bad_content_length(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "abc", "-1", "+5", "12a", "", "1 2", "4294967296", "99999999999999999999", "5, 6", "5,,5", "0x10",
    };
    for (size_t i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        char text[128];
        strcpy(text, "HTTP/1.1 200 OK\r\nContent-Length: ");
        strcat(text, bad[i]);
        strcat(text, "\r\n\r\n");
        assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_BAD_CONTENT_LENGTH);
        assert_false(HttpResponse_IsReusable(&g_resp));
    }
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
                     HTTP_RESPONSE_ERR_BAD_CONTENT_LENGTH);
    /* identical copies are one value */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length:2\r\n\r\nok"),
                     HTTP_RESPONSE_DONE);
    AssertBody("ok");
}

/* ---- chunked ------------------------------------------------------------------------- */

static const char k_chunked[] = "HTTP/1.1 200 OK\r\n"
                                "Transfer-Encoding: chunked\r\n"
                                "\r\n"
                                "5;name=\"v;x\"\r\nhello\r\n"
                                "1 ; ext\r\n,\r\n"
                                "0000006\r\n world\r\n"
                                "A\r\n0123456789\r\n"
                                "0;last\r\n"
                                "X-Trailer: yes\r\n"
                                "Server-Timing: db;dur=53\r\n"
                                "\r\n";
static const char k_chunked_body[] = "hello, world0123456789";

static void test_chunked_whole(void **state)
{
    (void)state;
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedAll(k_chunked, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(k_chunked));
    assert_true(Meta()->chunked);
    assert_true(HttpResponse_IsReusable(&g_resp));
    AssertBody(k_chunked_body);
}

static void test_chunked_every_split_pair(void **state)
{
    (void)state;
    const size_t len = strlen(k_chunked);
    for (size_t a = 0u; a <= len; a++) {
        for (size_t b = a; b <= len; b++) {
            const size_t cuts[2] = { a, b };
            size_t total = 0u;
            Reset();
            assert_int_equal(FeedCuts(k_chunked, len, cuts, 2u, &total), HTTP_RESPONSE_DONE);
            assert_int_equal(total, len);
            AssertBody(k_chunked_body);
        }
    }
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedBytewise(k_chunked, len, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, len);
    AssertBody(k_chunked_body);
}

static void test_chunked_empty_body_and_bare_lf(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    AssertBody("");
    assert_int_equal(g_body.calls, 0);
    assert_int_equal(ParseText("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nab\n0\n\n"),
                     HTTP_RESPONSE_DONE);
    AssertBody("ab");
}

static void test_chunked_truncated(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"),
                     HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_TRUNCATED);
    /* the last chunk without its final empty line is not complete either */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"),
                     HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_TRUNCATED);
}

static void test_bad_chunk_sizes(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "zz\r\n", "\r\n", "-1\r\n", "0x5\r\n", "1 2\r\n", " 5\r\n", "5 x\r\n",
        "100000000\r\n",  /* 2^32: overflow */
        "FFFFFFFFF\r\n",  /* nine digits */
        "1\x01\r\n",      /* control character */
        "5\rx\n",         /* bare CR */
    };
    for (size_t i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        char text[128];
        strcpy(text, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        strcat(text, bad[i]);
        assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_BAD_CHUNK_SIZE);
        assert_false(HttpResponse_IsReusable(&g_resp));
    }
    /* the largest size that fits 32 bits parses, then exceeds the body limit */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n"),
                     HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
}

static void test_bad_chunk_end(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"),
                     HTTP_RESPONSE_ERR_BAD_CHUNK_END);
    AssertBody("ab");
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\r\n"),
                     HTTP_RESPONSE_ERR_BAD_CHUNK_END);
}

static void test_chunk_extension_too_long(void **state)
{
    (void)state;
    static char text[HTTP_MAX_CHUNK_LINE + 128u];
    strcpy(text, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;");
    const size_t at = strlen(text);
    memset(&text[at], 'e', HTTP_MAX_CHUNK_LINE);
    strcpy(&text[at + HTTP_MAX_CHUNK_LINE], "\r\nx\r\n0\r\n\r\n");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_CHUNK_LINE_TOO_LONG);
    assert_string_equal(HttpResponse_StatusName(HTTP_RESPONSE_ERR_CHUNK_LINE_TOO_LONG), "chunk-size line too long");
    /* a long extension within the limit is skipped */
    strcpy(&text[at + HTTP_MAX_CHUNK_LINE - 2u], "\r\nx\r\n0\r\n\r\n");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    AssertBody("x");
}

static void test_transfer_encoding_rules(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                     HTTP_RESPONSE_ERR_FRAMING_CONFLICT);
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
                     HTTP_RESPONSE_ERR_FRAMING_CONFLICT);
    static const char *const unsupported[] = {
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n",
        "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
    };
    for (size_t i = 0u; i < (sizeof(unsupported) / sizeof(unsupported[0])); i++) {
        assert_int_equal(ParseText(unsupported[i]), HTTP_RESPONSE_ERR_UNSUPPORTED_CODING);
    }
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTRANSFER-encoding:  Chunked , \r\n\r\n1\r\nz\r\n0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    AssertBody("z");
}

/* ---- close-delimited, no-body statuses, interim responses ----------------------------- */

static void test_close_delimited(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"),
                     HTTP_RESPONSE_OK);
    assert_false(Meta()->keep_alive);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_DONE);
    assert_false(HttpResponse_IsReusable(&g_resp));
    AssertBody("until the end");
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_DONE);
}

static void test_no_body_statuses(void **state)
{
    (void)state;
    size_t total = 0u;
    static const char text[] = "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n";
    Reset();
    assert_int_equal(FeedAll(text, &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(text));
    assert_int_equal(Meta()->status_code, 304);
    assert_true(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(ParseText("HTTP/1.1 204 No Content\r\n\r\n"), HTTP_RESPONSE_DONE);
    AssertBody("");
}

static void test_interim_responses(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\n"
                               "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                               "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
                     HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->status_code, 200);
    AssertBody("hi");
    char text[512] = "";
    for (uint32_t i = 0u; i <= HTTP_MAX_INTERIM_RESPONSES; i++) {
        strcat(text, "HTTP/1.1 100 Continue\r\n\r\n");
    }
    assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_BAD_STATUS_LINE);
    assert_int_equal(ParseText("HTTP/1.1 101 Switching Protocols\r\n\r\n"), HTTP_RESPONSE_ERR_BAD_STATUS_LINE);
}

static void test_bad_status_lines(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "HTTP/2 200 OK\r\n", "HTTP/1.1 20 OK\r\n", "HTTP/1.1 2000 OK\r\n", "ICY 200 OK\r\n",
        "HTTP/1.1  200 OK\r\n", "http/1.1 200 OK\r\n", "HTTP/1.1 099 Low\r\n", "HTTP/1.1 600 High\r\n",
        "\r\n", "HTTP/1.1 200\tOK\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 200 O\x00K\r\n",
        "HTTP/1.1 200 OK\rX\n", "HTTP/0.9 200 OK\r\n",
    };
    for (size_t i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        size_t total = 0u;
        Reset();
        /* the NUL case needs an explicit length */
        const size_t len = (i == 11u) ? 18u : strlen(bad[i]);
        assert_int_equal(FeedCuts(bad[i], len, NULL, 0u, &total), HTTP_RESPONSE_ERR_BAD_STATUS_LINE);
    }
    assert_int_equal(ParseText("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"), HTTP_RESPONSE_DONE);
    assert_int_equal(ParseText("HTTP/1.1 599 \r\nContent-Length: 0\r\n\r\n"), HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->status_code, 599);
}

/* ---- header syntax and limits --------------------------------------------------------- */

static void test_bad_header_lines(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "X-A: b\r\n c\r\n\r\n",   /* obs-fold */
        "X-A: b\r\n\tc\r\n\r\n",  /* obs-fold with tab */
        "X-A : b\r\n\r\n",        /* space before colon */
        "no colon here\r\n\r\n",
        ": empty name\r\n\r\n",
        "X-A: a\x01z\r\n\r\n",    /* control character */
        "X-A: a\x7fz\r\n\r\n",    /* DEL */
        "X-A: a\rz\r\n\r\n",      /* bare CR */
        "X(A): b\r\n\r\n",        /* not a token */
    };
    for (size_t i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        char text[128];
        strcpy(text, "HTTP/1.1 200 OK\r\n");
        strcat(text, bad[i]);
        assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_BAD_HEADER);
    }
    /* trailers follow the same rules */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n y\r\n\r\n"),
                     HTTP_RESPONSE_ERR_BAD_HEADER);
    /* obs-text and tabs in values are fine */
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nX-A: caf\xc3\xa9\tok\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
}

static void FillHeader(char *at, size_t line_len)
{
    /* "X-Pad: ppp...\r\n" of exactly line_len bytes before the CRLF */
    strcpy(at, "X-Pad: ");
    memset(&at[7], 'p', line_len - 7u);
    strcpy(&at[line_len], "\r\n");
}

/* Issue 16: a header line the client does not need is skipped whatever its length. */
static void test_long_unneeded_header_skipped(void **state)
{
    (void)state;
    static char text[6000u + 128u];
    strcpy(text, "HTTP/1.1 200 OK\r\n");
    const size_t at = strlen(text);
    FillHeader(&text[at], 6000u);
    strcat(text, "Content-Length: 1\r\n\r\nq");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    AssertBody("q");
    /* the same split byte by byte */
    size_t total = 0u;
    Reset();
    assert_int_equal(FeedBytewise(text, strlen(text), &total), HTTP_RESPONSE_DONE);
    assert_int_equal(total, strlen(text));
    /* and as a trailer */
    strcpy(text, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n");
    FillHeader(&text[strlen(text)], 6000u);
    strcat(text, "\r\n");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    AssertBody("z");
    /* a status line with a 6,000-byte reason phrase */
    memset(text, 'r', sizeof(text));
    memcpy(text, "HTTP/1.1 200 ", 13u);
    strcpy(&text[6000u], "\r\nContent-Length: 0\r\n\r\n");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->status_code, 200u);
}

/* The header section as a whole is bounded: a server streaming headers forever fails. */
static void test_header_section_limit(void **state)
{
    (void)state;
    static char text[HTTP_MAX_HEADER_BYTES + 4096u];
    const char *const end = "Content-Length: 1\r\n\r\nq";
    strcpy(text, "HTTP/1.1 200 OK\r\n");
    size_t at = strlen(text);
    /* exactly HTTP_MAX_HEADER_BYTES: accepted */
    const size_t fill = HTTP_MAX_HEADER_BYTES - at - (strlen(end) - 1u) - 2u;
    FillHeader(&text[at], fill);
    strcat(text, end);
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    AssertBody("q");
    /* one byte more: the named error */
    FillHeader(&text[at], fill + 1u);
    strcat(text, end);
    assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE);
    assert_string_equal(HttpResponse_StatusName(HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE), "header section too large");
    /* an endless header line, fed in pieces, ends in it too */
    memset(text, 'r', sizeof(text));
    memcpy(text, "HTTP/1.1 200 OK\r\nX-Forever: ", 28u);
    size_t total = 0u;
    Reset();
    const size_t cuts[3] = { 100u, 5000u, 40000u };
    assert_int_equal(FeedCuts(text, sizeof(text), cuts, 3u, &total), HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE);
    assert_int_equal(total, HTTP_MAX_HEADER_BYTES + 1u); /* the refused byte included */
}

static void test_framing_header_beyond_kept_buffer(void **state)
{
    (void)state;
    static char text[HTTP_LINE_BUFFER_SIZE + 128u];
    strcpy(text, "HTTP/1.1 200 OK\r\nConnection: ");
    size_t at = strlen(text);
    for (size_t i = 0u; i < (HTTP_LINE_BUFFER_SIZE / 6u); i++) {
        strcpy(&text[at], "a-b-c,");
        at += 6u;
    }
    strcpy(&text[at], "close\r\nContent-Length: 0\r\n\r\n");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_LINE_TOO_LONG);
    /* an informative header that long is cut, not refused */
    memcpy(text, "HTTP/1.1 200 OK\r\nContent-Type: ", 31u);
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    assert_true(Meta()->content_type_truncated);
    assert_int_equal(Meta()->content_type_len, HTTP_CONTENT_TYPE_MAX - 1u);
    assert_int_equal(strlen(Meta()->content_type), HTTP_CONTENT_TYPE_MAX - 1u);
}

/* Any number of headers: only the section's size is bounded. */
static void test_many_headers(void **state)
{
    (void)state;
    static char text[1000u * 8u + 128u];
    strcpy(text, "HTTP/1.1 200 OK\r\n");
    size_t at = strlen(text);
    for (uint32_t i = 0u; i < 1000u; i++) {
        memcpy(&text[at], "X-H: v\r\n", 8u);
        at += 8u;
    }
    strcpy(&text[at], "Content-Length: 2\r\n\r\nok");
    assert_int_equal(ParseText(text), HTTP_RESPONSE_DONE);
    AssertBody("ok");
}

/* Every status has its own name (the log prints names, never numbers). */
static void test_status_names(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < (uint32_t)HTTP_RESPONSE_STATUS_COUNT; i++) {
        const char *name = HttpResponse_StatusName((HttpResponseStatus_t)i);
        assert_non_null(name);
        assert_true(strlen(name) > 0u);
        for (uint32_t j = 0u; j < i; j++) {
            assert_true(strcmp(name, HttpResponse_StatusName((HttpResponseStatus_t)j)) != 0);
        }
    }
    assert_string_equal(HttpResponse_StatusName(HTTP_RESPONSE_ERR_LINE_TOO_LONG), "header line too long");
    assert_string_equal(HttpResponse_StatusName(HTTP_RESPONSE_STATUS_COUNT), "unknown http response status");
}

static void test_body_limit(void **state)
{
    (void)state;
    char text[128];
    strcpy(text, "HTTP/1.1 200 OK\r\nContent-Length: 262145\r\n\r\n");
    assert_int_equal(HTTP_MAX_BODY, 262144u);
    assert_int_equal(ParseText(text), HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
    assert_int_equal(g_body.calls, 0);

    /* close-delimited and chunked bodies are counted as they arrive */
    static uint8_t big[HTTP_MAX_BODY + 1u];
    memset(big, 'b', sizeof(big));
    size_t used = 0u;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\n\r\n"), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Feed(&g_resp, big, HTTP_MAX_BODY, &used), HTTP_RESPONSE_OK);
    assert_int_equal(used, HTTP_MAX_BODY);
    assert_int_equal(HttpResponse_Feed(&g_resp, big, 1u, &used), HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
    assert_int_equal(Meta()->body_len, HTTP_MAX_BODY);

    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40000\r\n"), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Feed(&g_resp, big, HTTP_MAX_BODY, &used), HTTP_RESPONSE_OK);
    size_t total = 0u;
    assert_int_equal(FeedAll("\r\n1\r\n", &total), HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
}

/* ---- header interpretation ------------------------------------------------------------ */

static void test_case_insensitive_headers(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 429 Too Many Requests\r\n"
                               "cOnTeNt-TyPe: application/json\r\n"
                               "X-RATELIMIT-LIMIT: 60\r\n"
                               "x-ratelimit-remaining:0\r\n"
                               "X-RateLimit-Reset: 1764369000 \r\n"
                               "RETRY-AFTER: 42\r\n"
                               "CONTENT-LENGTH: 2\r\n"
                               "\r\n{}"),
                     HTTP_RESPONSE_DONE);
    const HttpResponseMeta_t *m = Meta();
    assert_int_equal(m->status_code, 429);
    assert_string_equal(m->content_type, "application/json");
    assert_true(m->has_ratelimit_limit);
    assert_int_equal(m->ratelimit_limit, 60);
    assert_true(m->has_ratelimit_remaining);
    assert_int_equal(m->ratelimit_remaining, 0);
    assert_true(m->has_ratelimit_reset);
    assert_int_equal(m->ratelimit_reset, 1764369000u);
    assert_true(m->has_retry_after);
    assert_false(m->retry_after_is_date);
    assert_int_equal(m->retry_after_s, 42);
    AssertBody("{}");
}

static void test_date_and_retry_after_date(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 503 Service Unavailable\r\n"
                               "Retry-After: Sun, 06 Nov 1994 08:51:07 GMT\r\n"
                               "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                               "Content-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    const HttpResponseMeta_t *m = Meta();
    assert_true(m->has_date);
    assert_int_equal(m->date_unix, 784111777u);
    assert_true(m->has_retry_after);
    assert_true(m->retry_after_is_date);
    assert_int_equal(m->retry_after_unix, 784111867u);
    assert_int_equal(m->retry_after_s, 90);
    /* no Date: the absolute time only; a date in the past: no wait */
    assert_int_equal(ParseText("HTTP/1.1 503 x\r\nRetry-After: Sun, 06 Nov 1994 08:51:07 GMT\r\n"
                               "Content-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_true(Meta()->retry_after_is_date);
    assert_int_equal(Meta()->retry_after_s, 0);
    assert_int_equal(ParseText("HTTP/1.1 503 x\r\nDate: Sun, 06 Nov 1994 09:00:00 GMT\r\n"
                               "Retry-After: Sun, 06 Nov 1994 08:51:07 GMT\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->retry_after_s, 0);
}

static void test_malformed_informative_headers_ignored(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\n"
                               "Date: Sunday, 06-Nov-94 08:49:37 GMT\r\n"
                               "Retry-After: soon\r\n"
                               "X-RateLimit-Limit: -1\r\n"
                               "X-RateLimit-Remaining: 99999999999\r\n"
                               "X-RateLimit-Reset:\r\n"
                               "Content-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    const HttpResponseMeta_t *m = Meta();
    assert_false(m->has_date);
    assert_false(m->has_retry_after);
    assert_false(m->has_ratelimit_limit);
    assert_false(m->has_ratelimit_remaining);
    assert_false(m->has_ratelimit_reset);
    assert_int_equal(m->content_type_len, 0);
    assert_string_equal(m->content_type, "");
}

static void test_connection_handling(void **state)
{
    (void)state;
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_false(Meta()->keep_alive);
    assert_false(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nconnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_false(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(ParseText("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_true(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(ParseText("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->http_minor, 0);
    assert_false(HttpResponse_IsReusable(&g_resp));
    assert_int_equal(ParseText("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"),
                     HTTP_RESPONSE_DONE);
    assert_true(HttpResponse_IsReusable(&g_resp));
}

/* ---- API behaviour -------------------------------------------------------------------- */

static void test_sink_abort_is_sticky(void **state)
{
    (void)state;
    size_t used = 99u;
    Reset();
    g_body.refuse_after = 2u;
    size_t total = 0u;
    assert_int_equal(FeedCuts(k_chunked, strlen(k_chunked), NULL, 0u, &total), HTTP_RESPONSE_ERR_SINK);
    assert_true(total < strlen(k_chunked));
    assert_int_equal(HttpResponse_Feed(&g_resp, (const uint8_t *)"x", 1u, &used), HTTP_RESPONSE_ERR_SINK);
    assert_int_equal(used, 0);
    assert_int_equal(HttpResponse_Status(&g_resp), HTTP_RESPONSE_ERR_SINK);
    assert_int_equal(HttpResponse_Finish(&g_resp), HTTP_RESPONSE_ERR_SINK);
    assert_false(HttpResponse_IsReusable(&g_resp));
}

static void test_done_is_sticky_and_null_sink(void **state)
{
    (void)state;
    size_t used = 99u;
    HttpResponse_Init(&g_resp, NULL, NULL);
    assert_int_equal(HttpResponse_Status(&g_resp), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Feed(&g_resp, (const uint8_t *)k_simple, strlen(k_simple), &used),
                     HTTP_RESPONSE_DONE);
    assert_int_equal(Meta()->body_len, 13);
    assert_int_equal(HttpResponse_Feed(&g_resp, (const uint8_t *)"x", 1u, &used), HTTP_RESPONSE_DONE);
    assert_int_equal(used, 0);
    assert_int_equal(HttpResponse_Status(&g_resp), HTTP_RESPONSE_DONE);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    size_t used = 0u;
    HttpResponse_t blank;
    memset(&blank, 0, sizeof(blank));
    assert_int_equal(HttpResponse_Feed(NULL, (const uint8_t *)"x", 1u, &used), HTTP_RESPONSE_ERR_ARG);
    assert_int_equal(HttpResponse_Feed(&blank, (const uint8_t *)"x", 1u, &used), HTTP_RESPONSE_ERR_ARG);
    Reset();
    assert_int_equal(HttpResponse_Feed(&g_resp, NULL, 1u, &used), HTTP_RESPONSE_ERR_ARG);
    assert_int_equal(HttpResponse_Feed(&g_resp, (const uint8_t *)"x", 1u, NULL), HTTP_RESPONSE_ERR_ARG);
    assert_int_equal(HttpResponse_Feed(&g_resp, NULL, 0u, &used), HTTP_RESPONSE_OK);
    assert_int_equal(HttpResponse_Finish(NULL), HTTP_RESPONSE_ERR_ARG);
    assert_false(HttpResponse_IsReusable(NULL));
    assert_null(HttpResponse_Meta(NULL));
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_length_whole),
        cmocka_unit_test(test_content_length_every_split),
        cmocka_unit_test(test_content_length_zero_and_extra_bytes),
        cmocka_unit_test(test_content_length_truncated),
        cmocka_unit_test(test_bad_content_length),
        cmocka_unit_test(test_chunked_whole),
        cmocka_unit_test(test_chunked_every_split_pair),
        cmocka_unit_test(test_chunked_empty_body_and_bare_lf),
        cmocka_unit_test(test_chunked_truncated),
        cmocka_unit_test(test_bad_chunk_sizes),
        cmocka_unit_test(test_bad_chunk_end),
        cmocka_unit_test(test_chunk_extension_too_long),
        cmocka_unit_test(test_transfer_encoding_rules),
        cmocka_unit_test(test_close_delimited),
        cmocka_unit_test(test_no_body_statuses),
        cmocka_unit_test(test_interim_responses),
        cmocka_unit_test(test_bad_status_lines),
        cmocka_unit_test(test_bad_header_lines),
        cmocka_unit_test(test_long_unneeded_header_skipped),
        cmocka_unit_test(test_header_section_limit),
        cmocka_unit_test(test_framing_header_beyond_kept_buffer),
        cmocka_unit_test(test_many_headers),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_body_limit),
        cmocka_unit_test(test_case_insensitive_headers),
        cmocka_unit_test(test_date_and_retry_after_date),
        cmocka_unit_test(test_malformed_informative_headers_ignored),
        cmocka_unit_test(test_connection_handling),
        cmocka_unit_test(test_sink_abort_is_sticky),
        cmocka_unit_test(test_done_is_sticky_and_null_sink),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
