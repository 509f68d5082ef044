/* Unit tests of firmware/forge/forge_query: exact request targets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_query.h"

#define PATH "/api/orgs/acme-inc_2/servers/42/background-processes"

static char g_out[1024];
static size_t g_len;

static ForgeQuery_t Base(void)
{
    ForgeQuery_t q;
    memset(&q, 0, sizeof q);
    q.org = "acme-inc_2";
    q.server = "42";
    return q;
}

static void ExpectBuilt(const ForgeQuery_t *q, const char *expected)
{
    memset(g_out, 'Z', sizeof g_out);
    assert_int_equal(ForgeQuery_Build(q, g_out, sizeof g_out, &g_len), FORGE_QUERY_OK);
    assert_string_equal(g_out, expected);
    assert_int_equal(g_len, strlen(expected));
}

static void ExpectError(const ForgeQuery_t *q, ForgeQueryStatus_t expected)
{
    memset(g_out, 'Z', sizeof g_out);
    g_len = 99u;
    assert_int_equal(ForgeQuery_Build(q, g_out, sizeof g_out, &g_len), expected);
    assert_string_equal(g_out, "");
    assert_int_equal(g_len, 0u);
}

static void test_path_only(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    ExpectBuilt(&q, PATH);
    q.cursor = "";
    q.filter_user = "";
    ExpectBuilt(&q, PATH);
}

static void test_sort_keys(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    const ForgeSortKey_t one[] = {{FORGE_SORT_USER, false}};
    const ForgeSortKey_t desc[] = {{FORGE_SORT_USER, true}};
    const ForgeSortKey_t many[] = {{FORGE_SORT_USER, true},
                                   {FORGE_SORT_CREATED_AT, false},
                                   {FORGE_SORT_STATUS, true},
                                   {FORGE_SORT_DIRECTORY, false}};
    q.sort = one;
    q.sort_count = 1u;
    ExpectBuilt(&q, PATH "?sort=user");
    q.sort = desc;
    ExpectBuilt(&q, PATH "?sort=-user");
    q.sort = many;
    q.sort_count = 4u;
    ExpectBuilt(&q, PATH "?sort=-user%2Ccreated_at%2C-status%2Cdirectory");
    const ForgeSortKey_t cmd[] = {{FORGE_SORT_COMMAND, false}};
    q.sort = cmd;
    q.sort_count = 1u;
    ExpectBuilt(&q, PATH "?sort=command");
}

static void test_invalid_sort(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    const ForgeSortKey_t repeated[] = {{FORGE_SORT_USER, false}, {FORGE_SORT_USER, true}};
    const ForgeSortKey_t unknown[] = {{FORGE_SORT_FIELD_COUNT, false}};
    const ForgeSortKey_t five[] = {{FORGE_SORT_USER, false},      {FORGE_SORT_COMMAND, false},
                                   {FORGE_SORT_DIRECTORY, false}, {FORGE_SORT_STATUS, false},
                                   {FORGE_SORT_CREATED_AT, false}};
    q.sort = repeated;
    q.sort_count = 2u;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SORT);
    q.sort = unknown;
    q.sort_count = 1u;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SORT);
    q.sort = five;
    q.sort_count = 5u;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SORT);
    q.sort = NULL;
    q.sort_count = 1u;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SORT);
}

static void test_each_parameter(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    q.page_size = 20u;
    ExpectBuilt(&q, PATH "?page%5Bsize%5D=20");
    q = Base();
    q.cursor = "eyJpZCI6MTgzOH0=";
    ExpectBuilt(&q, PATH "?page%5Bcursor%5D=eyJpZCI6MTgzOH0%3D");
    q = Base();
    q.filter_user = "forge";
    ExpectBuilt(&q, PATH "?filter%5Buser%5D=forge");
    q = Base();
    q.filter_site_id = "1";
    ExpectBuilt(&q, PATH "?filter%5Bsite_id%5D=1");
    q = Base();
    q.filter_directory = "/home/forge/forge.laravel.com";
    ExpectBuilt(&q, PATH "?filter%5Bdirectory%5D=%2Fhome%2Fforge%2Fforge.laravel.com");
}

static void test_all_parameters_in_order(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    const ForgeSortKey_t sort[] = {{FORGE_SORT_USER, true}, {FORGE_SORT_CREATED_AT, false}};
    q.sort = sort;
    q.sort_count = 2u;
    q.page_size = 30u;
    q.cursor = "abc";
    q.filter_user = "forge";
    q.filter_site_id = "4294967295";
    q.filter_directory = "/srv/app";
    ExpectBuilt(&q, PATH "?sort=-user%2Ccreated_at&page%5Bsize%5D=30&page%5Bcursor%5D=abc"
                         "&filter%5Buser%5D=forge&filter%5Bsite_id%5D=4294967295"
                         "&filter%5Bdirectory%5D=%2Fsrv%2Fapp");
}

static void test_encoding_of_odd_bytes(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    q.filter_user = "a b&c=d?e#f%g+h/i~j.k_l-m";
    q.filter_directory = "/home/j\xc3\xbcrgen/[x],\"y\"\t'z'";
    ExpectBuilt(&q, PATH "?filter%5Buser%5D=a%20b%26c%3Dd%3Fe%23f%25g%2Bh%2Fi~j.k_l-m"
                         "&filter%5Bdirectory%5D=%2Fhome%2Fj%C3%BCrgen%2F%5Bx%5D%2C%22y%22%09%27z%27");
}

static void test_slug_validation(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "acme inc", "acme/inc", "acme%2F", "ac.me", "\xc3\xbc",
                                      "acme?x=1"};
    ForgeQuery_t q = Base();
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        q.org = bad[i];
        ExpectError(&q, FORGE_QUERY_ERR_INVALID_SLUG);
    }
    q.org = NULL;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SLUG);
    char slug[FORGE_ORG_SLUG_MAX_LEN + 2u];
    memset(slug, 'a', sizeof slug);
    slug[FORGE_ORG_SLUG_MAX_LEN] = '\0';
    q.org = slug;
    assert_int_equal(ForgeQuery_Build(&q, g_out, sizeof g_out, &g_len), FORGE_QUERY_OK);
    slug[FORGE_ORG_SLUG_MAX_LEN] = 'a';
    slug[FORGE_ORG_SLUG_MAX_LEN + 1u] = '\0';
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SLUG);
}

static void test_server_validation(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "0", "042", "-1", "4a", "4294967296", "12345678901",
                                      " 42", "42 "};
    ForgeQuery_t q = Base();
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        q.server = bad[i];
        ExpectError(&q, FORGE_QUERY_ERR_INVALID_SERVER);
    }
    q.server = NULL;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_SERVER);
    q.server = "4294967295";
    ExpectBuilt(&q, "/api/orgs/acme-inc_2/servers/4294967295/background-processes");
}

static void test_other_validation(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    q.page_size = (uint16_t)(FORGE_PAGE_SIZE_MAX + 1u);
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_PAGE_SIZE);
    q = Base();
    q.filter_site_id = "7x";
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_FILTER);
    static char long_value[FORGE_QUERY_VALUE_MAX_LEN + 2u];
    memset(long_value, 'v', sizeof long_value);
    long_value[FORGE_QUERY_VALUE_MAX_LEN + 1u] = '\0';
    q = Base();
    q.filter_directory = long_value;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_FILTER);
    static char long_cursor[FORGE_CURSOR_SIZE + 1u];
    memset(long_cursor, 'c', sizeof long_cursor);
    long_cursor[FORGE_CURSOR_SIZE] = '\0';
    q = Base();
    q.cursor = long_cursor;
    ExpectError(&q, FORGE_QUERY_ERR_INVALID_CURSOR);
}

static void test_output_bounds(void **state)
{
    (void)state;
    ForgeQuery_t q = Base();
    q.filter_user = "forge";
    const char *expected = PATH "?filter%5Buser%5D=forge";
    size_t need = strlen(expected) + 1u;
    char small[128];
    memset(small, 'Z', sizeof small);
    assert_int_equal(ForgeQuery_Build(&q, small, need, &g_len), FORGE_QUERY_OK);
    assert_string_equal(small, expected);
    memset(small, 'Z', sizeof small);
    assert_int_equal(ForgeQuery_Build(&q, small, need - 1u, &g_len), FORGE_QUERY_ERR_TOO_LONG);
    assert_string_equal(small, "");
    assert_int_equal(g_len, 0u);
    assert_int_equal((uint8_t)small[need - 1u], (uint8_t)'Z'); /* nothing written past the end */
    assert_int_equal(ForgeQuery_Build(&q, small, 0u, &g_len), FORGE_QUERY_ERR_ARG);
    assert_int_equal(ForgeQuery_Build(NULL, small, sizeof small, &g_len), FORGE_QUERY_ERR_ARG);
    assert_int_equal(ForgeQuery_Build(&q, NULL, sizeof small, &g_len), FORGE_QUERY_ERR_ARG);
    assert_int_equal(ForgeQuery_Build(&q, small, sizeof small, NULL), FORGE_QUERY_ERR_ARG);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(ForgeQuery_StatusName(FORGE_QUERY_ERR_INVALID_SORT), "invalid sort");
    assert_string_equal(ForgeQuery_StatusName(FORGE_QUERY_ERR_TOO_LONG), "query too long");
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_only),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_sort_keys),
        cmocka_unit_test(test_invalid_sort),
        cmocka_unit_test(test_each_parameter),
        cmocka_unit_test(test_all_parameters_in_order),
        cmocka_unit_test(test_encoding_of_odd_bytes),
        cmocka_unit_test(test_slug_validation),
        cmocka_unit_test(test_server_validation),
        cmocka_unit_test(test_other_validation),
        cmocka_unit_test(test_output_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
