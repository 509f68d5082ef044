/* Unit tests of firmware/forge/forge_error: status mapping and error bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_error.h"

#ifndef FORGE_FIXTURE_DIR
#define FORGE_FIXTURE_DIR "tests/unit/fixtures/forge"
#endif

static jsmntok_t g_pool[FORGE_ERROR_TOKEN_POOL_SIZE];
static ForgeErrorBody_t g_out;

static ForgeErrorStatus_t Parse(const char *text)
{
    memset(&g_out, 0x5A, sizeof g_out);
    return ForgeError_Parse(text, strlen(text), g_pool, FORGE_ERROR_TOKEN_POOL_SIZE, &g_out);
}

static void AssertCleared(void)
{
    assert_false(g_out.has_message);
    assert_false(g_out.message_truncated);
    assert_int_equal(g_out.message_len, 0u);
    assert_string_equal(g_out.message, "");
    assert_false(g_out.has_field);
    assert_string_equal(g_out.field, "");
}

static void test_http_status_mapping(void **state)
{
    (void)state;
    assert_int_equal(ForgeError_FromHttpStatus(200u), FORGE_RESULT_OK);
    assert_int_equal(ForgeError_FromHttpStatus(401u), FORGE_RESULT_UNAUTHORIZED);
    assert_int_equal(ForgeError_FromHttpStatus(403u), FORGE_RESULT_FORBIDDEN);
    assert_int_equal(ForgeError_FromHttpStatus(404u), FORGE_RESULT_NOT_FOUND);
    assert_int_equal(ForgeError_FromHttpStatus(422u), FORGE_RESULT_VALIDATION);
    assert_int_equal(ForgeError_FromHttpStatus(429u), FORGE_RESULT_RATE_LIMITED);
    assert_int_equal(ForgeError_FromHttpStatus(503u), FORGE_RESULT_MAINTENANCE);
    assert_int_equal(ForgeError_FromHttpStatus(500u), FORGE_RESULT_SERVER_ERROR);
    assert_int_equal(ForgeError_FromHttpStatus(502u), FORGE_RESULT_SERVER_ERROR);
    assert_int_equal(ForgeError_FromHttpStatus(599u), FORGE_RESULT_SERVER_ERROR);
    static const uint16_t unexpected[] = {0u, 100u, 201u, 204u, 301u, 304u, 400u, 402u, 405u,
                                          418u, 499u, 600u, 65535u};
    for (size_t i = 0u; i < (sizeof unexpected / sizeof unexpected[0]); i++) {
        assert_int_equal(ForgeError_FromHttpStatus(unexpected[i]), FORGE_RESULT_UNEXPECTED);
    }
}

static void test_validation_body_fixture(void **state)
{
    (void)state;
    static char body[4096];
    FILE *file = fopen(FORGE_FIXTURE_DIR "/error_422.json", "rb");
    assert_non_null(file);
    size_t len = fread(body, 1u, sizeof body, file);
    (void)fclose(file);
    assert_int_equal(ForgeError_Parse(body, len, g_pool, FORGE_ERROR_TOKEN_POOL_SIZE, &g_out),
                     FORGE_ERROR_OK);
    assert_true(g_out.has_message);
    assert_string_equal(g_out.message, "The given data was invalid.");
    assert_int_equal(g_out.message_len, 27u);
    assert_false(g_out.message_truncated);
    assert_true(g_out.has_field);
    assert_string_equal(g_out.field, "page.size");
    assert_false(g_out.field_truncated);
}

static void test_message_only_and_nulls(void **state)
{
    (void)state;
    assert_int_equal(Parse("{\"message\":\"Unauthenticated.\"}"), FORGE_ERROR_OK);
    assert_string_equal(g_out.message, "Unauthenticated.");
    assert_false(g_out.has_field);
    assert_int_equal(Parse("{\"errors\":{},\"message\":null,\"exception\":\"X\"}"), FORGE_ERROR_OK);
    assert_false(g_out.has_message);
    assert_string_equal(g_out.message, "");
    assert_false(g_out.has_field);
    assert_int_equal(Parse("{}"), FORGE_ERROR_OK);
    assert_false(g_out.has_message);
    assert_int_equal(Parse("{\"message\":\"caf\\u00e9 \\\"q\\\"\",\"errors\":{\"f\\u00fc\":[]}}"),
                     FORGE_ERROR_OK);
    assert_string_equal(g_out.message, "caf\xc3\xa9 \"q\"");
    assert_string_equal(g_out.field, "f\xc3\xbc");
}

static void test_long_message_and_field_truncated(void **state)
{
    (void)state;
    static char body[1024];
    char message[300];
    char field[100];
    memset(message, 'm', sizeof message - 1u);
    message[sizeof message - 1u] = '\0';
    memset(field, 'f', sizeof field - 1u);
    field[sizeof field - 1u] = '\0';
    (void)snprintf(body, sizeof body, "{\"message\":\"%s\",\"errors\":{\"%s\":[\"x\"]}}", message,
                   field);
    assert_int_equal(Parse(body), FORGE_ERROR_OK);
    assert_int_equal(strlen(g_out.message), FORGE_MESSAGE_SIZE - 1u);
    assert_int_equal(g_out.message_len, FORGE_MESSAGE_SIZE - 1u);
    assert_true(g_out.message_truncated);
    assert_int_equal(strlen(g_out.field), FORGE_ERROR_FIELD_SIZE - 1u);
    assert_true(g_out.field_truncated);
}

static void test_invalid_bodies(void **state)
{
    (void)state;
    assert_int_equal(Parse("<html><body>503 Service Unavailable</body></html>"),
                     FORGE_ERROR_ERR_SYNTAX);
    AssertCleared();
    assert_int_equal(Parse(""), FORGE_ERROR_ERR_SYNTAX);
    AssertCleared();
    assert_int_equal(Parse("{\"message\":\"trunc"), FORGE_ERROR_ERR_SYNTAX);
    AssertCleared();
    assert_int_equal(Parse("{\"message\":\"a\"} junk"), FORGE_ERROR_ERR_SYNTAX);
    AssertCleared();
    /* jsmn links the value under the already closed object; still invalid JSON */
    assert_int_equal(Parse("{\"message\"}:\"Unauthenticated.\"}"), FORGE_ERROR_ERR_SYNTAX);
    AssertCleared();
    assert_int_equal(Parse("{\"message\":42}"), FORGE_ERROR_ERR_SCHEMA);
    AssertCleared();
    assert_int_equal(Parse("{\"message\":\"a\",\"errors\":[\"x\"]}"), FORGE_ERROR_ERR_SCHEMA);
    AssertCleared();
    assert_int_equal(Parse("{\"message\":\"a\",\"message\":\"b\"}"), FORGE_ERROR_ERR_DUPLICATE_KEY);
    AssertCleared();
    assert_int_equal(Parse("{\"errors\":null,\"errors\":{}}"), FORGE_ERROR_ERR_DUPLICATE_KEY);
    AssertCleared();
    static char big[4096];
    size_t n = (size_t)snprintf(big, sizeof big, "{\"message\":\"m\",\"errors\":{");
    for (size_t i = 0u; i < 40u; i++) {
        n += (size_t)snprintf(&big[n], sizeof big - n, "%s\"f%zu\":[\"e\"]", (i == 0u) ? "" : ",", i);
    }
    (void)snprintf(&big[n], sizeof big - n, "}}");
    assert_int_equal(Parse(big), FORGE_ERROR_ERR_TOO_LARGE);
    AssertCleared();
    assert_int_equal(ForgeError_Parse(NULL, 0u, g_pool, 4u, &g_out), FORGE_ERROR_ERR_ARG);
    assert_int_equal(ForgeError_Parse("{}", 2u, NULL, 4u, &g_out), FORGE_ERROR_ERR_ARG);
    assert_int_equal(ForgeError_Parse("{}", 2u, g_pool, 4u, NULL), FORGE_ERROR_ERR_ARG);
}

static void test_names(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < (uint32_t)FORGE_RESULT_COUNT; i++) {
        assert_true(strlen(ForgeError_ResultName((ForgeApiResult_t)i)) > 0u);
    }
    for (uint32_t i = 0u; i < (uint32_t)FORGE_ERROR_STATUS_COUNT; i++) {
        assert_true(strlen(ForgeError_StatusName((ForgeErrorStatus_t)i)) > 0u);
    }
    assert_string_equal(ForgeError_ResultName(FORGE_RESULT_UNAUTHORIZED), "unauthorized");
    assert_string_equal(ForgeError_ResultName(FORGE_RESULT_NOT_FOUND), "not found");
    assert_string_equal(ForgeError_ResultName(FORGE_RESULT_COUNT), "unknown api result");
    assert_string_equal(ForgeError_StatusName(FORGE_ERROR_ERR_SYNTAX), "syntax");
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_status_mapping),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_validation_body_fixture),
        cmocka_unit_test(test_message_only_and_nulls),
        cmocka_unit_test(test_long_message_and_field_truncated),
        cmocka_unit_test(test_invalid_bodies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
