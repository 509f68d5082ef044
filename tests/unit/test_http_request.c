/* Unit tests of net/http/http_request: exact bytes, bounds, header injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/http/http_request.h"

#define GUARD 16u
#define GUARD_BYTE 0xA5u

static const char k_expected[] =
    "GET /api/orgs/acme/servers/42/background-processes?page%5Bsize%5D=30&sort=-user HTTP/1.1\r\n"
    "Host: forge.laravel.com\r\n"
    "Authorization: Bearer tok.EN-_~+/=\r\n"
    "Accept: application/vnd.api+json\r\n"
    "User-Agent: forgelight/" FL_VERSION "\r\n"
    "Connection: keep-alive\r\n"
    "\r\n";

static HttpRequest_t Valid(void)
{
    const HttpRequest_t r = {
        "forge.laravel.com", 443u, "/api/orgs/acme/servers/42/background-processes?page%5Bsize%5D=30&sort=-user",
        "tok.EN-_~+/=", "application/vnd.api+json",
    };
    return r;
}

static uint8_t g_buf[HTTP_REQUEST_BUFFER_SIZE + GUARD];

static HttpRequestStatus_t Write(const HttpRequest_t *r, size_t size, size_t *len)
{
    memset(g_buf, GUARD_BYTE, sizeof(g_buf));
    return HttpRequest_WriteGet(r, g_buf, size, len);
}

/* The request written, as a NUL-terminated string. */
static const char *Text(size_t len)
{
    static char text[HTTP_REQUEST_BUFFER_SIZE + 1u];
    assert_true(len <= HTTP_REQUEST_BUFFER_SIZE);
    memcpy(text, g_buf, len);
    text[len] = '\0';
    return text;
}

static void AssertUntouchedFrom(size_t from)
{
    for (size_t i = from; i < sizeof(g_buf); i++) {
        assert_int_equal(g_buf[i], GUARD_BYTE);
    }
}

static void test_exact_bytes(void **state)
{
    (void)state;
    const HttpRequest_t r = Valid();
    size_t len = 0u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_int_equal(len, strlen(k_expected));
    assert_memory_equal(g_buf, k_expected, len);
    AssertUntouchedFrom(len);
}

static void test_host_port(void **state)
{
    (void)state;
    HttpRequest_t r = Valid();
    size_t len = 0u;
    r.host = "192.0.2.1";
    r.port = 8443u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_non_null(strstr(Text(len), "\r\nHost: 192.0.2.1:8443\r\n"));
    r.port = 0u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_non_null(strstr(Text(len), "\r\nHost: 192.0.2.1\r\n"));
    r.port = 1u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_non_null(strstr(Text(len), "\r\nHost: 192.0.2.1:1\r\n"));
    r.port = 65535u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_non_null(strstr(Text(len), "\r\nHost: 192.0.2.1:65535\r\n"));
}

static void AssertRefused(const HttpRequest_t *r)
{
    size_t len = 99u;
    assert_int_equal(Write(r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_ERR_INVALID_FIELD);
    assert_int_equal(len, 0u);
    for (size_t i = 0u; i < HTTP_REQUEST_BUFFER_SIZE; i++) {
        assert_int_equal(g_buf[i], 0u); /* wiped: part of the token may have been there */
    }
    AssertUntouchedFrom(HTTP_REQUEST_BUFFER_SIZE);
}

static void test_header_injection_refused(void **state)
{
    (void)state;
    static const char *const bad_common[] = {
        "a\r\nX-Evil: 1", "a\nb", "a\rb", "a\x01", "a\x7f", "a\tb", "",
    };
    for (size_t i = 0u; i < (sizeof(bad_common) / sizeof(bad_common[0])); i++) {
        HttpRequest_t r = Valid();
        r.token = bad_common[i];
        AssertRefused(&r);
        r = Valid();
        r.host = bad_common[i];
        AssertRefused(&r);
        r = Valid();
        r.accept = bad_common[i];
        AssertRefused(&r);
        r = Valid();
        r.path = (i == 6u) ? "" : "/ok\r\nX-Evil: 1";
        AssertRefused(&r);
    }
    HttpRequest_t r = Valid();
    r.token = "has space";
    AssertRefused(&r);
    r = Valid();
    r.path = "/a b";
    AssertRefused(&r);
    r.path = "/a#frag";
    AssertRefused(&r);
    r.path = "relative";
    AssertRefused(&r);
    r.path = "/caf\xc3\xa9";
    AssertRefused(&r);
    r = Valid();
    r.host = "evil.com/x";
    AssertRefused(&r);
    r.host = "user@host";
    AssertRefused(&r);
    r = Valid();
    r.accept = " application/json";
    AssertRefused(&r);
    r.accept = "application/json\r\n";
    AssertRefused(&r);
}

static void test_accept_list_with_spaces(void **state)
{
    (void)state;
    HttpRequest_t r = Valid();
    size_t len = 0u;
    r.accept = "application/vnd.api+json, application/json;q=0.9";
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_non_null(strstr(Text(len), "\r\nAccept: application/vnd.api+json, application/json;q=0.9\r\n"));
}

static void test_buffer_too_small_at_every_size(void **state)
{
    (void)state;
    const HttpRequest_t r = Valid();
    const size_t need = strlen(k_expected);
    for (size_t size = 0u; size < need; size++) {
        size_t len = 99u;
        assert_int_equal(Write(&r, size, &len), HTTP_REQUEST_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(len, 0u);
        for (size_t i = 0u; i < size; i++) {
            assert_int_equal(g_buf[i], 0u);
        }
        AssertUntouchedFrom(size);
    }
    size_t len = 0u;
    assert_int_equal(Write(&r, need, &len), HTTP_REQUEST_OK);
    assert_int_equal(len, need);
    AssertUntouchedFrom(need);
}

static void test_long_token_fits(void **state)
{
    (void)state;
    static char token[1101];
    memset(token, 'T', sizeof(token) - 1u);
    token[sizeof(token) - 1u] = '\0';
    HttpRequest_t r = Valid();
    r.token = token;
    size_t len = 0u;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_OK);
    assert_int_equal(len, strlen(k_expected) - strlen("tok.EN-_~+/=") + 1100u);
    /* a token that cannot fit is refused as too large, not cut */
    static char huge[HTTP_REQUEST_BUFFER_SIZE + 1u];
    memset(huge, 'T', sizeof(huge) - 1u);
    huge[sizeof(huge) - 1u] = '\0';
    r.token = huge;
    assert_int_equal(Write(&r, HTTP_REQUEST_BUFFER_SIZE, &len), HTTP_REQUEST_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(len, 0u);
}

static void test_null_arguments(void **state)
{
    (void)state;
    HttpRequest_t r = Valid();
    size_t len = 0u;
    assert_int_equal(HttpRequest_WriteGet(NULL, g_buf, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
    assert_int_equal(HttpRequest_WriteGet(&r, NULL, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
    assert_int_equal(HttpRequest_WriteGet(&r, g_buf, sizeof(g_buf), NULL), HTTP_REQUEST_ERR_ARG);
    r.token = NULL;
    assert_int_equal(HttpRequest_WriteGet(&r, g_buf, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
    r = Valid();
    r.host = NULL;
    assert_int_equal(HttpRequest_WriteGet(&r, g_buf, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
    r = Valid();
    r.path = NULL;
    assert_int_equal(HttpRequest_WriteGet(&r, g_buf, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
    r = Valid();
    r.accept = NULL;
    assert_int_equal(HttpRequest_WriteGet(&r, g_buf, sizeof(g_buf), &len), HTTP_REQUEST_ERR_ARG);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(HttpRequest_StatusName(HTTP_REQUEST_ERR_BUFFER_TOO_SMALL), "request too large");
    assert_string_equal(HttpRequest_StatusName(HTTP_REQUEST_OK), "ok");
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_bytes),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_host_port),
        cmocka_unit_test(test_header_injection_refused),
        cmocka_unit_test(test_accept_list_with_spaces),
        cmocka_unit_test(test_buffer_too_small_at_every_size),
        cmocka_unit_test(test_long_token_fits),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
