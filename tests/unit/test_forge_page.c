/* Unit tests of firmware/forge/forge_page (and forge_json / forge_time underneath). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_page.h"
#include "firmware/forge/forge_time.h"

#ifndef FORGE_FIXTURE_DIR
#define FORGE_FIXTURE_DIR "tests/unit/fixtures/forge"
#endif

#define MAX_CAPTURE 40u
#define BODY_MAX    65536u

static char g_body[BODY_MAX];
static jsmntok_t g_pool[FORGE_TOKEN_POOL_SIZE];
static ForgePageWork_t g_work;
static ForgePageMeta_t g_meta;
static ForgeRecord_t g_records[MAX_CAPTURE];
static size_t g_count;
/* A second capture: the same body fed in other chunks must give the same result. */
static ForgePageMeta_t g_alt_meta;
static ForgeRecord_t g_alt_records[MAX_CAPTURE];
static size_t g_alt_count;

static void Capture(void *context, const ForgeRecord_t *record)
{
    assert_ptr_equal(context, &g_count);
    assert_true(g_count < MAX_CAPTURE);
    g_records[g_count] = *record;
    g_count++;
}

static void CaptureAlt(void *context, const ForgeRecord_t *record)
{
    assert_ptr_equal(context, &g_alt_count);
    assert_true(g_alt_count < MAX_CAPTURE);
    g_alt_records[g_alt_count] = *record;
    g_alt_count++;
}

static size_t LoadFixture(const char *name)
{
    char path[512];
    (void)snprintf(path, sizeof path, "%s/%s", FORGE_FIXTURE_DIR, name);
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    size_t len = fread(g_body, 1u, sizeof g_body, file);
    (void)fclose(file);
    assert_true(len < sizeof g_body);
    return len;
}

static void AssertSameRecord(const ForgeRecord_t *a, const ForgeRecord_t *b)
{
    assert_int_equal(a->id, b->id);
    assert_int_equal(a->created_at, b->created_at);
    assert_int_equal(a->processes, b->processes);
    assert_int_equal(a->present, b->present);
    assert_int_equal(a->truncated, b->truncated);
    assert_int_equal(a->status, b->status);
    assert_string_equal(a->command, b->command);
    assert_string_equal(a->user, b->user);
    assert_string_equal(a->directory, b->directory);
    assert_string_equal(a->status_text, b->status_text);
}

/* The alternative capture equals the primary one (status given by the caller). */
static void AssertSameResult(ForgePageStatus_t status, ForgePageStatus_t alt_status)
{
    assert_int_equal(alt_status, status);
    assert_int_equal(g_alt_count, g_count);
    for (size_t i = 0u; i < g_count; i++) {
        AssertSameRecord(&g_alt_records[i], &g_records[i]);
    }
    assert_int_equal(g_alt_meta.has_next, g_meta.has_next);
    assert_int_equal(g_alt_meta.record_count, g_meta.record_count);
    assert_int_equal(g_alt_meta.next_cursor_len, g_meta.next_cursor_len);
    assert_string_equal(g_alt_meta.next_cursor, g_meta.next_cursor);
}

/* Streams body into the alternative capture, cut after each offset in cuts[] (ascending). */
static ForgePageStatus_t ParseAltCuts(const char *body, size_t len, const size_t *cuts,
                                      size_t cut_count)
{
    g_alt_count = 0u;
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    assert_int_equal(ForgePage_Begin(&g_work, CaptureAlt, &g_alt_count), FORGE_PAGE_OK);
    size_t from = 0u;
    for (size_t i = 0u; i <= cut_count; i++) {
        size_t to = (i < cut_count) ? cuts[i] : len;
        /* feeding on after an error is allowed: the error stays */
        (void)ForgePage_Feed(&g_work, &body[from], to - from);
        from = to;
    }
    return ForgePage_End(&g_work, &g_alt_meta);
}

/* One byte at a time. */
static ForgePageStatus_t ParseAltBytewise(const char *body, size_t len)
{
    g_alt_count = 0u;
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    assert_int_equal(ForgePage_Begin(&g_work, CaptureAlt, &g_alt_count), FORGE_PAGE_OK);
    for (size_t i = 0u; i < len; i++) {
        (void)ForgePage_Feed(&g_work, &body[i], 1u);
    }
    return ForgePage_End(&g_work, &g_alt_meta);
}

/* Parses the body in one piece (ForgePage_Parse) and checks that one byte at a time gives
 * exactly the same status, records and meta. */
static ForgePageStatus_t ParseBytes(const char *body, size_t len)
{
    ForgePageStatus_t alt = ParseAltBytewise(body, len);
    g_count = 0u;
    memset(g_records, 0xA5, sizeof g_records);
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    ForgePageStatus_t status = ForgePage_Parse(body, len, &g_work, Capture, &g_count, &g_meta);
    AssertSameResult(status, alt);
    return status;
}

static ForgePageStatus_t ParseText(const char *text)
{
    return ParseBytes(text, strlen(text));
}

static ForgePageStatus_t ParseFixture(const char *name)
{
    size_t len = LoadFixture(name);
    return ParseBytes(g_body, len);
}

/* Wraps one attributes object into a complete one-record page. */
static ForgePageStatus_t ParseAttributes(const char *attributes)
{
    static char text[4096];
    (void)snprintf(text, sizeof text,
                   "{\"data\":[{\"id\":\"5\",\"attributes\":%s}],\"meta\":{\"next_cursor\":null}}",
                   attributes);
    return ParseText(text);
}

/* Failed with `expected` after delivering `delivered` records (records stream: those before
 * the failing point were valid and are already out), meta cleared. */
static void AssertFailedAfter(ForgePageStatus_t status, ForgePageStatus_t expected, size_t delivered)
{
    assert_int_equal(status, expected);
    assert_int_equal(g_count, delivered);
    assert_false(g_meta.has_next);
    assert_int_equal(g_meta.record_count, 0u);
    assert_int_equal(g_meta.next_cursor_len, 0u);
    assert_string_equal(g_meta.next_cursor, "");
}

static void AssertFailedCleanly(ForgePageStatus_t status, ForgePageStatus_t expected)
{
    AssertFailedAfter(status, expected, 0u);
}

static void test_documented_example(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("example.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    assert_int_equal(g_meta.record_count, 2u);
    assert_true(g_meta.has_next);
    assert_string_equal(g_meta.next_cursor, "eyJpZCI6MTgzOCwiX3BvaW50c1RvTmV4dEl0ZW1zIjp0cnVlfQ");
    assert_int_equal(g_meta.next_cursor_len, strlen(g_meta.next_cursor));

    const ForgeRecord_t *r = &g_records[0];
    assert_int_equal(r->id, 1837u);
    assert_string_equal(r->command, "php artisan queue:work --sleep=3 --tries=3");
    assert_string_equal(r->user, "forge");
    assert_string_equal(r->directory, "/home/forge/forge.laravel.com");
    assert_int_equal(r->processes, 2u);
    assert_int_equal(r->status, FORGE_STATUS_RUNNING);
    assert_string_equal(r->status_text, "running");
    assert_int_equal(r->created_at, 1699335116u);
    assert_int_equal(r->present, 0x3Fu);
    assert_int_equal(r->truncated, 0u);

    r = &g_records[1];
    assert_int_equal(r->id, 1838u);
    assert_string_equal(r->command, "php artisan horizon");
    assert_string_equal(r->directory, "");
    assert_int_equal(r->present & FORGE_FIELD_DIRECTORY, 0u);
    assert_int_equal(r->status, FORGE_STATUS_INSTALLING);
    assert_int_equal(r->created_at, 1709251199u);
}

static void test_empty_data(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("empty.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 0u);
    assert_false(g_meta.has_next);
    assert_int_equal(g_meta.record_count, 0u);
}

static void test_last_page_any_order_numeric_id(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("last_page.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_false(g_meta.has_next);
    assert_string_equal(g_meta.next_cursor, "");
    assert_int_equal(g_records[0].id, 99u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_STOPPING);
    assert_int_equal(g_records[0].processes, 0u);
    assert_int_equal(g_records[0].created_at, 1748757600u); /* +02:00 applied */
    assert_string_equal(g_records[0].user, "deploy");
}

static void test_missing_meta_cursor_and_links_next(void **state)
{
    (void)state;
    assert_int_equal(ParseText("{\"data\":[],\"meta\":{}}"), FORGE_PAGE_OK);
    assert_false(g_meta.has_next);
    assert_int_equal(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":\"\"}}"), FORGE_PAGE_OK);
    assert_false(g_meta.has_next);
}

static void test_unicode_and_escapes(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("unicode.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_string_equal(g_records[0].command,
                        "echo \"caf\xc3\xa9\" \\ /tmp\tend \xf0\x9f\x9a\x80 \xe2\x82\xac");
    assert_string_equal(g_records[0].user, "j\xc3\xbcrgen");
    assert_string_equal(g_records[0].directory, "/home/forge/\xe6\x97\xa5\xe6\x9c\xac");
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    assert_int_equal(g_records[0].created_at, 1704067200u);
    assert_string_equal(g_meta.next_cursor, "a/b==");
    assert_int_equal(g_records[0].truncated, 0u);
}

static void test_long_command_truncated_and_marked(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("long_command.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(strlen(g_records[0].command), FORGE_COMMAND_SIZE - 1u);
    assert_memory_equal(g_records[0].command, "php artisan queue:work --opt000 --opt001 ", 41u);
    assert_int_equal(g_records[0].truncated, FORGE_FIELD_COMMAND);
    assert_string_equal(g_records[0].user, "forge");
}

static void test_truncation_never_splits_utf8(void **state)
{
    (void)state;
    static char attrs[2048];
    size_t n = 0u;
    n += (size_t)snprintf(attrs, sizeof attrs, "{\"command\":\"");
    for (size_t i = 0u; i < 200u; i++) {
        n += (size_t)snprintf(&attrs[n], sizeof attrs - n, "%s", "\xc3\xa9"); /* 2-byte e-acute */
    }
    (void)snprintf(&attrs[n], sizeof attrs - n, "\",\"user\":\"\\ud83d\\ude80\\ud83d\\ude80"
                   "\\ud83d\\ude80\\ud83d\\ude80\\ud83d\\ude80\\ud83d\\ude80\\ud83d\\ude80"
                   "\\ud83d\\ude80!\"}");
    assert_int_equal(ParseAttributes(attrs), FORGE_PAGE_OK);
    /* 127 usable bytes: 63 whole 2-byte sequences */
    assert_int_equal(strlen(g_records[0].command), 126u);
    assert_int_equal((uint8_t)g_records[0].command[125], 0xA9u);
    /* 31 usable bytes: 7 whole 4-byte sequences */
    assert_int_equal(strlen(g_records[0].user), 28u);
    assert_int_equal(g_records[0].truncated, FORGE_FIELD_COMMAND | FORGE_FIELD_USER);
}

static void test_every_status_string(void **state)
{
    (void)state;
    static const ForgeProcessStatus_t expected[13] = {
        FORGE_STATUS_INSTALLING, FORGE_STATUS_INSTALLED, FORGE_STATUS_REMOVING,
        FORGE_STATUS_RESTARTING, FORGE_STATUS_STARTING,  FORGE_STATUS_STOPPING,
        FORGE_STATUS_RUNNING,    FORGE_STATUS_UNKNOWN,   FORGE_STATUS_UNKNOWN,
        FORGE_STATUS_UNKNOWN,    FORGE_STATUS_UNKNOWN,   FORGE_STATUS_UNKNOWN,
        FORGE_STATUS_UNKNOWN};
    assert_int_equal(ParseFixture("every_status.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 13u);
    for (size_t i = 0u; i < 13u; i++) {
        assert_int_equal(g_records[i].id, i + 1u);
        assert_int_equal(g_records[i].status, expected[i]);
    }
    assert_string_equal(g_records[7].status_text, "Running");
    assert_string_equal(g_records[8].status_text, "crashed");
    assert_int_equal(g_records[9].present & FORGE_FIELD_STATUS, FORGE_FIELD_STATUS);
    assert_int_equal(g_records[10].present & FORGE_FIELD_STATUS, 0u);
    assert_int_equal(g_records[11].present, 0u);
    assert_string_equal(g_records[12].status_text, "restarting-and-");
    assert_int_equal(g_records[12].truncated, FORGE_FIELD_STATUS);
    assert_string_equal(ForgeRecord_StatusName(FORGE_STATUS_RESTARTING), "restarting");
    assert_string_equal(ForgeRecord_StatusName(FORGE_STATUS_COUNT), "unknown");
}

static void test_missing_fields(void **state)
{
    (void)state;
    AssertFailedCleanly(ParseText("{\"data\":[{\"attributes\":{}}],\"meta\":{}}"),
                        FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[{\"id\":\"1\"}],\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[]}"), FORGE_PAGE_ERR_SCHEMA);
    /* every attribute missing: absent, not an error */
    assert_int_equal(ParseAttributes("{}"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(g_records[0].present, 0u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    assert_string_equal(g_records[0].command, "");
    assert_int_equal(g_records[0].created_at, 0u);
    /* every attribute null: absent too */
    assert_int_equal(ParseAttributes("{\"command\":null,\"user\":null,\"directory\":null,"
                                     "\"processes\":null,\"status\":null,\"created_at\":null}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_records[0].present, 0u);
}

static void test_mistyped_fields(void **state)
{
    (void)state;
    static const char *const bad_attrs[] = {
        "{\"command\":42}",        "{\"user\":true}",         "{\"directory\":[]}",
        "{\"processes\":\"2\"}",   "{\"status\":{}}",         "{\"created_at\":1699335116}",
        "[]",                      "\"attributes\"",          "null"};
    for (size_t i = 0u; i < (sizeof bad_attrs / sizeof bad_attrs[0]); i++) {
        AssertFailedCleanly(ParseAttributes(bad_attrs[i]), FORGE_PAGE_ERR_SCHEMA);
    }
    AssertFailedCleanly(ParseText("{\"data\":{},\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[1],\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":[]}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":7}}"),
                        FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[{\"id\":true,\"attributes\":{}}],\"meta\":{}}"),
                        FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":[{\"id\":null,\"attributes\":{}}],\"meta\":{}}"),
                        FORGE_PAGE_ERR_SCHEMA);
}

/* Changed promise: records stream, so the valid ones before an invalid point are delivered;
 * nothing after it is, and meta stays cleared. */
static void test_invalid_record_after_valid_ones_stops_delivery(void **state)
{
    (void)state;
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":1,\"attributes\":{}},{\"id\":2,\"attributes\":{}},"
                                "{\"id\":3,\"attributes\":{\"processes\":-1}},{\"id\":4,\"attributes\":{}}],"
                                "\"meta\":{}}"),
                      FORGE_PAGE_ERR_RANGE, 2u);
    assert_int_equal(g_records[1].id, 2u);
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":1,\"attributes\":{}}],\"meta\":{\"next_cursor\":5}}"),
                      FORGE_PAGE_ERR_SCHEMA, 1u);
}

static void test_every_truncated_body_fails(void **state)
{
    (void)state;
    static const char *const names[] = {"example.json", "unicode.json", "last_page.json"};
    static char copy[BODY_MAX];
    for (size_t f = 0u; f < 3u; f++) {
        size_t len = LoadFixture(names[f]);
        while ((len > 0u) && ((g_body[len - 1u] == '\n') || (g_body[len - 1u] == ' '))) {
            len--;
        }
        memcpy(copy, g_body, len);
        assert_int_equal(ParseBytes(copy, len), FORGE_PAGE_OK);
        const size_t total = g_count;
        size_t previous = 0u;
        for (size_t cut = 0u; cut < len; cut++) {
            ForgePageStatus_t status = ParseBytes(copy, cut);
            assert_int_not_equal(status, FORGE_PAGE_OK);
            /* changed promise: the records complete before the cut were delivered */
            assert_true((g_count >= previous) && (g_count <= total));
            previous = g_count;
            assert_false(g_meta.has_next);
            assert_int_equal(g_meta.record_count, 0u);
        }
    }
    AssertFailedCleanly(ParseText(""), FORGE_PAGE_ERR_TRUNCATED);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":\"abc"),
                        FORGE_PAGE_ERR_TRUNCATED);
}

static void test_trailing_garbage(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "{\"data\":[],\"meta\":{}} x",  "{\"data\":[],\"meta\":{}}}", "{\"data\":[],\"meta\":{}}{}",
        "{\"data\":[],\"meta\":{}},",   "{\"data\":[],\"meta\":{}} 1", "{\"data\":[],\"meta\":{}}\"s\"",
        "{\"data\":[],\"meta\":{}}]"};
    for (size_t i = 0u; i < (sizeof bodies / sizeof bodies[0]); i++) {
        ForgePageStatus_t status = ParseText(bodies[i]);
        assert_true((status == FORGE_PAGE_ERR_SYNTAX) || (status == FORGE_PAGE_ERR_TRUNCATED));
        assert_int_equal(g_count, 0u);
    }
    static const char with_nul[] = "{\"data\":[],\"meta\":{}}\0{\"x\":1}";
    AssertFailedCleanly(ParseBytes(with_nul, sizeof with_nul - 1u), FORGE_PAGE_ERR_SYNTAX);
    assert_int_equal(ParseText("{\"data\":[],\"meta\":{}} \r\n\t "), FORGE_PAGE_OK);
}

/* Inputs jsmn's strict mode accepts but JSON does not; each goes into "links". */
static void test_structure_jsmn_accepts(void **state)
{
    (void)state;
    static const char *const links[] = {
        "[1 2]",          "[1,,2]",         "[1,]",           "[,1]",          "{\"a\":1,}",
        "{,\"a\":1}",     "{\"a\" \"b\"}",  "{\"a\":1 \"b\":2}", "{\"a\"::1}",   "{\"a\":1:2}",
        "{\"a\":\"b\":1}", "[\"a\":1]",     "{\"a\"}",        "{\"a\":}",      "tru",
        "nul",            "falsey",         "01",             "1.",            "-",
        "1e",             "1e+",            "--1",            ".5",            "+1",
        "\"\\u0000\"",    "\"\\ud800\"",    "\"\\udc00\"",    "\"\\ud800\\u0041\"", "\"\x01\"",
        "\"\xc3\"",       "\"\xc0\xaf\"",   "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xff\"",
        "[1]]",           "{\"a\":[}",      "[\"a\",]",       "{\"a\"}:1",    "[{\"a\"}:1]",
        "{\"a\":{\"b\"}:2}"};
    char body[256];
    for (size_t i = 0u; i < (sizeof links / sizeof links[0]); i++) {
        (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{}}", links[i]);
        ForgePageStatus_t status = ParseText(body);
        if ((status != FORGE_PAGE_ERR_SYNTAX) && (status != FORGE_PAGE_ERR_TRUNCATED)) {
            fail_msg("accepted or misreported (%d): %s", (int)status, links[i]);
        }
        assert_int_equal(g_count, 0u);
    }
    /* the same shapes, valid, are accepted */
    static const char *const good[] = {
        "[1,2]", "{\"a\":1,\"b\":[true,false,null]}", "-0.5e+10", "\"\\ud83d\\ude80\\/\"",
        "[[],{},\"\"]", "0", "-1E-2", "\"\xf4\x8f\xbf\xbf\""};
    for (size_t i = 0u; i < (sizeof good / sizeof good[0]); i++) {
        (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{}}", good[i]);
        if (ParseText(body) != FORGE_PAGE_OK) {
            fail_msg("rejected valid: %s", good[i]);
        }
    }
    AssertFailedCleanly(ParseText("[{\"data\":[],\"meta\":{}}]"), FORGE_PAGE_ERR_SYNTAX);
    AssertFailedCleanly(ParseText("{1:2}"), FORGE_PAGE_ERR_SYNTAX);
}

/* `depth` nested empty arrays: "[[..]]". */
static void MakeNest(char *nest, size_t depth)
{
    memset(nest, '[', depth);
    memset(&nest[depth], ']', depth);
    nest[2u * depth] = '\0';
}

static void test_deep_nesting(void **state)
{
    (void)state;
    static char body[1024];
    static char nest[600];
    /* top object, links array and 6 more arrays: depth 8 = the limit */
    size_t depth = FORGE_JSON_MAX_DEPTH - 1u;
    MakeNest(nest, depth);
    (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{}}", nest);
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    depth++;
    MakeNest(nest, depth);
    (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{}}", nest);
    AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_TOO_DEEP);
    depth = 250u;
    MakeNest(nest, depth);
    (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{}}", nest);
    AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_TOO_DEEP);
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{},\"data\":[]}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{},\"meta\":{}}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":null,\"next_cursor\":\"x\"}}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseText("{\"data\":[{\"id\":1,\"id\":2,\"attributes\":{}}],\"meta\":{}}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseAttributes("{\"status\":\"running\",\"st\\u0061tus\":\"stopping\"}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseAttributes("{\"user\":null,\"user\":null}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    /* duplicates inside members we ignore are not examined */
    assert_int_equal(ParseText("{\"data\":[],\"links\":{\"a\":1,\"a\":2},\"meta\":{}}"),
                     FORGE_PAGE_OK);
}

static void test_numbers_in_and_out_of_range(void **state)
{
    (void)state;
    assert_int_equal(ParseAttributes("{\"processes\":65535}"), FORGE_PAGE_OK);
    assert_int_equal(g_records[0].processes, 65535u);
    static const char *const bad[] = {"{\"processes\":65536}", "{\"processes\":-1}",
                                      "{\"processes\":1.5}",   "{\"processes\":1e2}",
                                      "{\"processes\":99999999999999999999}", "{\"processes\":-0}"};
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        AssertFailedCleanly(ParseAttributes(bad[i]), FORGE_PAGE_ERR_RANGE);
    }
    assert_int_equal(ParseText("{\"data\":[{\"id\":4294967295,\"attributes\":{}},"
                               "{\"id\":\"4294967295\",\"attributes\":{}},{\"id\":0,\"attributes\":{}}],"
                               "\"meta\":{}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_records[0].id, 4294967295u);
    assert_int_equal(g_records[1].id, 4294967295u);
    assert_int_equal(g_records[2].id, 0u);
    static const char *const bad_ids[] = {"4294967296", "\"4294967296\"", "\"\"", "\"12a\"",
                                          "\"-1\"", "-1", "1.0", "\"123456789012\""};
    char body[256];
    for (size_t i = 0u; i < (sizeof bad_ids / sizeof bad_ids[0]); i++) {
        (void)snprintf(body, sizeof body, "{\"data\":[{\"id\":%s,\"attributes\":{}}],\"meta\":{}}",
                       bad_ids[i]);
        AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_RANGE);
    }
}

static void test_timestamps(void **state)
{
    (void)state;
    uint32_t t = 1u;
    assert_true(ForgeTime_ParseIso8601("1970-01-01T00:00:00Z", 20u, &t));
    assert_int_equal(t, 0u);
    assert_true(ForgeTime_ParseIso8601("2106-02-07T06:28:15Z", 20u, &t));
    assert_int_equal(t, 4294967295u);
    assert_true(ForgeTime_ParseIso8601("2024-02-29T23:59:59.123456789+00:00", 35u, &t));
    assert_int_equal(t, 1709251199u);
    assert_true(ForgeTime_ParseIso8601("2025-06-01t08:00:00+0200", 24u, &t));
    assert_int_equal(t, 1748757600u);
    assert_true(ForgeTime_ParseIso8601("2023-11-07T00:31:56-05:00", 25u, &t));
    assert_int_equal(t, 1699335116u);
    static const char *const bad[] = {
        "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
        "2023-01-32T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z",
        "2023-01-01T00:00:61Z", "2023-01-01",           "1969-12-31T23:59:59Z",
        "2106-02-07T06:28:16Z", "2023-01-01T00:00:00Q", "2023-01-01T00:00:00.Z",
        "2023-01-01T00:00:00+25:00", "23-01-01T00:00:00Z", "2023-01-01T00:00:00Z ",
        "1970-01-01T00:00:00+00:01", "garbage",         ""};
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        if (ForgeTime_ParseIso8601(bad[i], strlen(bad[i]), &t)) {
            fail_msg("accepted %s", bad[i]);
        }
    }
    AssertFailedCleanly(ParseAttributes("{\"created_at\":\"2023-02-29T00:00:00Z\"}"),
                        FORGE_PAGE_ERR_TIMESTAMP);
    AssertFailedCleanly(ParseAttributes("{\"created_at\":\"2023-01-01T00:00:00.0000000000000000000000000000000000Z\"}"),
                        FORGE_PAGE_ERR_TIMESTAMP);
}

static void test_limits(void **state)
{
    (void)state;
    static char body[8192];
    size_t n = (size_t)snprintf(body, sizeof body, "{\"data\":[");
    for (size_t i = 0u; i <= FORGE_PAGE_SIZE_MAX; i++) {
        n += (size_t)snprintf(&body[n], sizeof body - n, "%s{\"id\":%zu,\"attributes\":{}}",
                              (i == 0u) ? "" : ",", i + 1u);
    }
    (void)snprintf(&body[n], sizeof body - n, "],\"meta\":{}}");
    /* changed promise: the first FORGE_PAGE_SIZE_MAX were delivered as they came */
    AssertFailedAfter(ParseText(body), FORGE_PAGE_ERR_TOO_MANY_RECORDS, FORGE_PAGE_SIZE_MAX);

    /* a pool too small for one record: "page too large" */
    size_t len = LoadFixture("example.json");
    g_count = 0u;
    g_work.tokens = g_pool;
    g_work.token_count = 10u;
    assert_int_equal(ForgePage_Parse(g_body, len, &g_work, Capture, &g_count, &g_meta),
                     FORGE_PAGE_ERR_TOO_LARGE);
    assert_int_equal(g_count, 0u);
    /* ... or for the envelope only (a record needs 19 here, the envelope 23) */
    g_work.token_count = 20u;
    (void)snprintf(body, sizeof body, "{\"data\":[{\"id\":1,\"attributes\":{}}],\"links\":"
                   "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8},\"meta\":{}}");
    assert_int_equal(ForgePage_Parse(body, strlen(body), &g_work, Capture, &g_count, &g_meta),
                     FORGE_PAGE_ERR_TOO_LARGE);
    assert_int_equal(g_count, 1u);
    assert_false(g_meta.has_next);

    /* cursor: FORGE_CURSOR_SIZE - 1 bytes fit, one more is an error (never truncated) */
    char cursor[FORGE_CURSOR_SIZE + 1u];
    memset(cursor, 'c', sizeof cursor);
    cursor[FORGE_CURSOR_SIZE - 1u] = '\0';
    (void)snprintf(body, sizeof body, "{\"data\":[],\"meta\":{\"next_cursor\":\"%s\"}}", cursor);
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    assert_int_equal(g_meta.next_cursor_len, FORGE_CURSOR_SIZE - 1u);
    cursor[FORGE_CURSOR_SIZE - 1u] = 'c';
    cursor[FORGE_CURSOR_SIZE] = '\0';
    (void)snprintf(body, sizeof body, "{\"data\":[],\"meta\":{\"next_cursor\":\"%s\"}}", cursor);
    AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_CURSOR);
}

/* The default page size (30, the API's) of documented records with per-record links streams
 * through the default windows and pool. */
static void test_default_page_fits_token_pool(void **state)
{
    (void)state;
    static char body[32768];
    size_t n = (size_t)snprintf(body, sizeof body, "{\"data\":[");
    for (size_t i = 0u; i < FORGE_PAGE_SIZE_DEFAULT; i++) {
        n += (size_t)snprintf(&body[n], sizeof body - n,
                              "%s{\"id\":\"%zu\",\"type\":\"backgroundProcesses\",\"attributes\":"
                              "{\"command\":\"php artisan queue:work\",\"user\":\"forge\","
                              "\"directory\":\"/home/forge/app\",\"processes\":1,"
                              "\"status\":\"running\",\"created_at\":\"2024-01-01T00:00:00Z\"},"
                              "\"links\":{\"self\":\"https://forge.laravel.com/x\"}}",
                              (i == 0u) ? "" : ",", i + 1u);
    }
    (void)snprintf(&body[n], sizeof body - n,
                   "],\"links\":{\"first\":null,\"last\":null,\"prev\":null,\"next\":\"u\"},"
                   "\"meta\":{\"path\":\"p\",\"per_page\":16,\"next_cursor\":\"c\","
                   "\"prev_cursor\":null}}");
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    assert_int_equal(g_count, FORGE_PAGE_SIZE_DEFAULT);
    assert_int_equal(g_records[FORGE_PAGE_SIZE_DEFAULT - 1u].id, FORGE_PAGE_SIZE_DEFAULT);
}

/* ---- streaming ---------------------------------------------------------------------- */

/* Every fixture: one byte at a time (ParseBytes), and cut in two at every offset. */
static void test_every_chunk_split(void **state)
{
    (void)state;
    static const char *const names[] = {"example.json", "unicode.json", "last_page.json",
                                        "every_status.json", "long_command.json", "empty.json"};
    static char copy[BODY_MAX];
    for (size_t f = 0u; f < (sizeof names / sizeof names[0]); f++) {
        size_t len = LoadFixture(names[f]);
        memcpy(copy, g_body, len);
        assert_int_equal(ParseBytes(copy, len), FORGE_PAGE_OK);
        for (size_t cut = 0u; cut <= len; cut++) {
            AssertSameResult(FORGE_PAGE_OK, ParseAltCuts(copy, len, &cut, 1u));
        }
        /* and in three: every first cut with a second 7 bytes later */
        for (size_t cut = 0u; (cut + 7u) <= len; cut++) {
            const size_t cuts[2] = {cut, cut + 7u};
            AssertSameResult(FORGE_PAGE_OK, ParseAltCuts(copy, len, cuts, 2u));
        }
    }
}

/* Builds {"data":[<n_before valid records>,{"id":9,"attributes":{"command":"xxx..."}}],...}
 * with a record of exactly record_len bytes; returns the body length. */
static size_t BuildRecordOfLength(char *body, size_t cap, size_t n_before, size_t record_len)
{
    static const char head[] = "{\"id\":9,\"attributes\":{\"command\":\"";
    static const char tail[] = "\"}}";
    size_t n = (size_t)snprintf(body, cap, "{\"data\":[");
    for (size_t i = 0u; i < n_before; i++) {
        n += (size_t)snprintf(&body[n], cap - n, "{\"id\":%zu,\"attributes\":{}},", i + 1u);
    }
    const size_t fill = record_len - (sizeof head - 1u) - (sizeof tail - 1u);
    assert_true((n + record_len + 64u) < cap);
    memcpy(&body[n], head, sizeof head - 1u);
    n += sizeof head - 1u;
    memset(&body[n], 'x', fill);
    n += fill;
    memcpy(&body[n], tail, sizeof tail - 1u);
    n += sizeof tail - 1u;
    n += (size_t)snprintf(&body[n], cap - n, "],\"meta\":{\"next_cursor\":\"c\"}}");
    return n;
}

static void test_record_window_overflow(void **state)
{
    (void)state;
    static char body[FORGE_RECORD_BUFFER_SIZE + 1024u];
    size_t len = BuildRecordOfLength(body, sizeof body, 2u, FORGE_RECORD_BUFFER_SIZE);
    assert_int_equal(ParseBytes(body, len), FORGE_PAGE_OK);
    assert_int_equal(g_count, 3u);
    assert_int_equal(g_records[2].id, 9u);
    assert_int_equal(g_records[2].truncated, FORGE_FIELD_COMMAND);
    len = BuildRecordOfLength(body, sizeof body, 2u, FORGE_RECORD_BUFFER_SIZE + 1u);
    AssertFailedAfter(ParseBytes(body, len), FORGE_PAGE_ERR_TOO_LARGE, 2u);
}

static void test_envelope_overflow(void **state)
{
    (void)state;
    static char body[FORGE_ENVELOPE_BUFFER_SIZE + 1024u];
    static const char head[] = "{\"data\":[{\"id\":1,\"attributes\":{}}],\"links\":\"";
    static const char tail[] = "\",\"meta\":{}}";
    /* the envelope is the body without the record: {"data":[],"links":"...","meta":{}} */
    const size_t record = strlen("{\"id\":1,\"attributes\":{}}");
    const size_t fixed = (sizeof head - 1u) + (sizeof tail - 1u) - record;
    for (size_t extra = 0u; extra < 2u; extra++) {
        size_t fill = (FORGE_ENVELOPE_BUFFER_SIZE - fixed) + extra;
        size_t n = sizeof head - 1u;
        memcpy(body, head, n);
        memset(&body[n], 'l', fill);
        n += fill;
        memcpy(&body[n], tail, sizeof tail - 1u);
        n += sizeof tail - 1u;
        if (extra == 0u) {
            assert_int_equal(ParseBytes(body, n), FORGE_PAGE_OK);
            assert_int_equal(g_count, 1u);
        } else {
            AssertFailedAfter(ParseBytes(body, n), FORGE_PAGE_ERR_TOO_LARGE, 1u);
        }
    }
    /* whitespace around the document is not kept; inside it counts */
    static char spaced[FORGE_ENVELOPE_BUFFER_SIZE * 2u];
    memset(spaced, ' ', sizeof spaced);
    memcpy(&spaced[FORGE_ENVELOPE_BUFFER_SIZE], "{\"data\":[],\"meta\":{}}", 21u);
    assert_int_equal(ParseBytes(spaced, sizeof spaced), FORGE_PAGE_OK);
    memset(spaced, ' ', sizeof spaced);
    memcpy(spaced, "{\"data\":[],", 11u);
    memcpy(&spaced[sizeof spaced - 10u], "\"meta\":{}}", 10u);
    AssertFailedCleanly(ParseBytes(spaced, sizeof spaced), FORGE_PAGE_ERR_TOO_LARGE);
}

/* A "data" key spelled with an escape is not diverted: its records are read from the envelope
 * at End, with the same result as the plain spelling. */
static void test_escaped_data_key(void **state)
{
    (void)state;
    static const char plain[] =
        "{\"data\":[{\"id\":1,\"attributes\":{\"status\":\"running\"}},{\"id\":\"2\",\"attributes\":{}}],"
        "\"meta\":{\"next_cursor\":\"n\"}}";
    static const char escaped[] =
        "{\"d\\u0061ta\":[{\"id\":1,\"attributes\":{\"status\":\"running\"}},{\"id\":\"2\",\"attributes\":{}}],"
        "\"meta\":{\"next_cursor\":\"n\"}}";
    assert_int_equal(ParseText(plain), FORGE_PAGE_OK);
    memcpy(g_alt_records, g_records, sizeof g_alt_records);
    g_alt_count = g_count;
    g_alt_meta = g_meta;
    assert_int_equal(ParseText(escaped), FORGE_PAGE_OK);
    AssertSameResult(FORGE_PAGE_OK, FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    /* both spellings: a duplicate key (the plain one's records were already out) */
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":1,\"attributes\":{}}],\"\\u0064ata\":[],\"meta\":{}}"),
                      FORGE_PAGE_ERR_DUPLICATE_KEY, 1u);
    /* an escaped data array is checked like the plain one */
    AssertFailedCleanly(ParseText("{\"dat\\u0061\":[1],\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"dat\\u0061\":[{\"id\":1}],\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    /* its records count against FORGE_PAGE_SIZE_MAX and must fit the envelope */
    static char body[FORGE_ENVELOPE_BUFFER_SIZE + 1024u];
    size_t n = (size_t)snprintf(body, sizeof body, "{\"d\\u0061ta\":[");
    for (size_t i = 0u; n < FORGE_ENVELOPE_BUFFER_SIZE; i++) {
        n += (size_t)snprintf(&body[n], sizeof body - n, "%s{\"id\":%zu,\"attributes\":{}}",
                              (i == 0u) ? "" : ",", i + 1u);
    }
    (void)snprintf(&body[n], sizeof body - n, "],\"meta\":{}}");
    AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_TOO_LARGE);
    /* other keys that only look like it are not diverted either */
    assert_int_equal(ParseText("{\"dat\":[1],\"datas\":[2],\"Data\":[3],\"data\":[],\"meta\":{}}"),
                     FORGE_PAGE_OK);
}

static void test_data_element_not_an_object(void **state)
{
    (void)state;
    static const char *const elements[] = {"1", "\"x\"", "null", "true", "[]", "[{\"id\":1}]",
                                           "-1", "\"{}\""};
    char body[256];
    for (size_t i = 0u; i < (sizeof elements / sizeof elements[0]); i++) {
        (void)snprintf(body, sizeof body, "{\"data\":[%s],\"meta\":{}}", elements[i]);
        AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_SCHEMA);
        (void)snprintf(body, sizeof body,
                       "{\"data\":[{\"id\":1,\"attributes\":{}} , %s],\"meta\":{}}", elements[i]);
        AssertFailedAfter(ParseText(body), FORGE_PAGE_ERR_SCHEMA, 1u);
    }
    /* "data" itself not an array: left to the envelope schema */
    AssertFailedCleanly(ParseText("{\"data\":{\"id\":1,\"attributes\":{}},\"meta\":{}}"),
                        FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":\"[]\",\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
    AssertFailedCleanly(ParseText("{\"data\":null,\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
}

static void test_data_separators(void **state)
{
    (void)state;
    static const struct {
        const char *data;
        size_t delivered;
    } bad[] = {
        {"[{R},,{R}]", 1u}, {"[{R} {R}]", 1u}, {"[,{R}]", 0u}, {"[{R},]", 1u}, {"[{R}{R}]", 1u},
        {"[{R}:{R}]", 1u},  {"[{R},{R}]]", 2u}, {"[{R}}", 1u},  {"[{R},,]", 1u}, {"[,]", 0u},
    };
    static char body[512];
    static char data[256];
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        /* {R} stands for a valid record */
        size_t n = 0u;
        for (const char *c = bad[i].data; *c != '\0'; c++) {
            if ((c[0] == 'R')) {
                n += (size_t)snprintf(&data[n], sizeof data - n, "\"id\":%zu,\"attributes\":{}", n);
            } else {
                data[n++] = *c;
            }
        }
        data[n] = '\0';
        (void)snprintf(body, sizeof body, "{\"data\":%s,\"meta\":{}}", data);
        ForgePageStatus_t status = ParseText(body);
        if (status != FORGE_PAGE_ERR_SYNTAX) {
            fail_msg("status %d for %s", (int)status, body);
        }
        AssertFailedAfter(status, FORGE_PAGE_ERR_SYNTAX, bad[i].delivered);
    }
    /* whitespace anywhere between elements is fine */
    assert_int_equal(ParseText("{\"data\": [ \r\n\t{\"id\":1,\"attributes\":{}} \n, \t{\"id\":2,"
                               "\"attributes\":{}}\r\n ] ,\"meta\":{}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    assert_int_equal(ParseText("{\"data\" : [ ] , \"meta\" : { } }"), FORGE_PAGE_OK);
}

/* Bytes that mean structure outside strings mean nothing inside them. */
static void test_structure_bytes_inside_strings(void **state)
{
    (void)state;
    assert_int_equal(ParseText("{\"links\":\"\\\"data\\\":[\",\"data\":[{\"id\":1,\"type\":\"]},{[\\\"\","
                               "\"attributes\":{\"command\":\"echo \\\"{}[],\\\\\\\" :\\\"\","
                               "\"data\":[{\"x\":\"}\"}],\"user\":\"\\\\\"}},"
                               "{\"id\":2,\"attributes\":{\"directory\":\"\\\\\\\\\",\"status\":\"]\"}}],"
                               "\"meta\":{\"data\":[1],\"next_cursor\":\"{]\\\"\"}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    assert_string_equal(g_records[0].command, "echo \"{}[],\\\" :\"");
    assert_string_equal(g_records[0].user, "\\");
    assert_string_equal(g_records[1].directory, "\\\\");
    assert_string_equal(g_records[1].status_text, "]");
    assert_string_equal(g_meta.next_cursor, "{]\"");
    /* a nested "data" key is not the top one; a value "data" is not a key */
    assert_int_equal(ParseText("{\"links\":{\"data\":[{\"id\":7}]},\"type\":\"data\",\"data\":[],"
                               "\"meta\":{}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 0u);
    AssertFailedCleanly(ParseText("{\"type\":\"data\",\"x\":[1],\"meta\":{}}"), FORGE_PAGE_ERR_SCHEMA);
}

static void test_nested_depth_limit_in_records(void **state)
{
    (void)state;
    static char body[1024];
    static char nest[64];
    /* top, data, record, attributes: 4; then arrays up to the limit */
    size_t depth = FORGE_JSON_MAX_DEPTH - 4u;
    MakeNest(nest, depth);
    (void)snprintf(body, sizeof body,
                   "{\"data\":[{\"id\":1,\"attributes\":{}},{\"id\":2,\"attributes\":{\"x\":%s}}],"
                   "\"meta\":{}}", nest);
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    depth++;
    MakeNest(nest, depth);
    (void)snprintf(body, sizeof body,
                   "{\"data\":[{\"id\":1,\"attributes\":{}},{\"id\":2,\"attributes\":{\"x\":%s}}],"
                   "\"meta\":{}}", nest);
    AssertFailedAfter(ParseText(body), FORGE_PAGE_ERR_TOO_DEEP, 1u);
    /* mismatched brackets inside a record never end it early */
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":1,\"attributes\":{}},{\"id\":2]},{\"id\":3}],\"meta\":{}}"),
                      FORGE_PAGE_ERR_SYNTAX, 1u);
}

static void test_bytes_after_the_document(void **state)
{
    (void)state;
    static const char *const tails[] = {"x", "{}", "}", "]", ",", "\"", "\0", " {\"data\":[]}", "\n1"};
    char body[256];
    for (size_t i = 0u; i < (sizeof tails / sizeof tails[0]); i++) {
        size_t n = (size_t)snprintf(body, sizeof body,
                                    "{\"data\":[{\"id\":1,\"attributes\":{}}],\"meta\":{}}  ");
        size_t tail = (tails[i][0] == '\0') ? 1u : strlen(tails[i]);
        memcpy(&body[n], tails[i], tail);
        AssertFailedAfter(ParseBytes(body, n + tail), FORGE_PAGE_ERR_SYNTAX, 1u);
    }
    /* leading bytes other than whitespace */
    AssertFailedCleanly(ParseText("x{\"data\":[],\"meta\":{}}"), FORGE_PAGE_ERR_SYNTAX);
    AssertFailedCleanly(ParseText("\xef\xbb\xbf{\"data\":[],\"meta\":{}}"), FORGE_PAGE_ERR_SYNTAX);
    AssertFailedCleanly(ParseText(" \r\n\t "), FORGE_PAGE_ERR_TRUNCATED);
}

static void test_stream_calls(void **state)
{
    (void)state;
    static const char body[] = "{\"data\":[{\"id\":1,\"attributes\":{}}, x],\"meta\":{}}";
    ForgePageMeta_t meta;
    memset(&g_work, 0, sizeof g_work);
    /* nothing begun */
    assert_int_equal(ForgePage_Feed(&g_work, body, 3u), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_End(&g_work, &meta), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_count), FORGE_PAGE_ERR_ARG); /* no pool */
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    assert_int_equal(ForgePage_Begin(&g_work, NULL, NULL), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Begin(NULL, Capture, &g_count), FORGE_PAGE_ERR_ARG);
    /* an error is sticky and stops delivery */
    g_count = 0u;
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_count), FORGE_PAGE_OK);
    assert_int_equal(ForgePage_Feed(&g_work, body, 0u), FORGE_PAGE_OK);
    assert_int_equal(ForgePage_Feed(&g_work, body, 33u), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(ForgePage_Feed(&g_work, &body[33], 4u), FORGE_PAGE_ERR_SCHEMA);
    assert_int_equal(ForgePage_Feed(&g_work, "{\"id\":2,\"attributes\":{}}", 25u),
                     FORGE_PAGE_ERR_SCHEMA);
    assert_int_equal(g_count, 1u);
    assert_int_equal(ForgePage_Feed(NULL, body, 1u), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Feed(&g_work, NULL, 1u), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_End(&g_work, NULL), FORGE_PAGE_ERR_ARG);
    meta.has_next = true;
    assert_int_equal(ForgePage_End(&g_work, &meta), FORGE_PAGE_ERR_SCHEMA);
    assert_false(meta.has_next);
    /* ended: a new body needs Begin */
    assert_int_equal(ForgePage_Feed(&g_work, body, 1u), FORGE_PAGE_ERR_ARG);
    /* the scratch window is the record window */
    size_t size = 0u;
    assert_non_null(ForgePage_Scratch(&g_work, &size));
    assert_int_equal(size, FORGE_RECORD_BUFFER_SIZE);
    assert_null(ForgePage_Scratch(NULL, &size));
}

static void test_bad_arguments(void **state)
{
    (void)state;
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    assert_int_equal(ForgePage_Parse(NULL, 0u, &g_work, Capture, &g_count, &g_meta),
                     FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, NULL, Capture, &g_count, &g_meta),
                     FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, &g_work, NULL, &g_count, &g_meta),
                     FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, &g_work, Capture, &g_count, NULL),
                     FORGE_PAGE_ERR_ARG);
    g_work.token_count = 0u;
    assert_int_equal(ForgePage_Parse("{}", 2u, &g_work, Capture, &g_count, &g_meta),
                     FORGE_PAGE_ERR_ARG);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documented_example),
        cmocka_unit_test(test_empty_data),
        cmocka_unit_test(test_last_page_any_order_numeric_id),
        cmocka_unit_test(test_missing_meta_cursor_and_links_next),
        cmocka_unit_test(test_unicode_and_escapes),
        cmocka_unit_test(test_long_command_truncated_and_marked),
        cmocka_unit_test(test_truncation_never_splits_utf8),
        cmocka_unit_test(test_every_status_string),
        cmocka_unit_test(test_missing_fields),
        cmocka_unit_test(test_mistyped_fields),
        cmocka_unit_test(test_invalid_record_after_valid_ones_stops_delivery),
        cmocka_unit_test(test_every_truncated_body_fails),
        cmocka_unit_test(test_trailing_garbage),
        cmocka_unit_test(test_structure_jsmn_accepts),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_numbers_in_and_out_of_range),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_default_page_fits_token_pool),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_every_chunk_split),
        cmocka_unit_test(test_record_window_overflow),
        cmocka_unit_test(test_envelope_overflow),
        cmocka_unit_test(test_escaped_data_key),
        cmocka_unit_test(test_data_element_not_an_object),
        cmocka_unit_test(test_data_separators),
        cmocka_unit_test(test_structure_bytes_inside_strings),
        cmocka_unit_test(test_nested_depth_limit_in_records),
        cmocka_unit_test(test_bytes_after_the_document),
        cmocka_unit_test(test_stream_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
