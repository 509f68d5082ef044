/* Unit tests of firmware/forge/forge_page (its one-pass tokenizer, forge_time underneath) and
 * the interop corpus (tests/corpus/interop, streamed through forge_snapshot for the round). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_page.h"
#include "firmware/forge/forge_snapshot.h"
#include "firmware/forge/forge_time.h"

#ifndef FORGE_FIXTURE_DIR
#define FORGE_FIXTURE_DIR "tests/unit/fixtures/forge"
#endif
#ifndef FORGE_CORPUS_DIR
#define FORGE_CORPUS_DIR "tests/corpus/interop"
#endif

#define MAX_CAPTURE 128u
#define BODY_MAX    65536u

typedef struct {
    ForgeRecord_t records[MAX_CAPTURE];
    size_t count;                          /* every record delivered, captured or not */
    uint32_t by_status[FORGE_STATUS_COUNT];
    ForgePageMeta_t meta;
} Capture_t;

static char g_body[BODY_MAX];
static ForgePageWork_t g_work;
static Capture_t g_cap;   /* the body in one piece */
static Capture_t g_alt;   /* the same body in other chunks */
/* shorthands for the primary capture */
#define g_records (g_cap.records)
#define g_count   (g_cap.count)
#define g_meta    (g_cap.meta)

static void Capture(void *context, const ForgeRecord_t *record)
{
    Capture_t *cap = context;
    assert_true((cap == &g_cap) || (cap == &g_alt));
    if (cap->count < MAX_CAPTURE) {
        cap->records[cap->count] = *record;
    }
    assert_true(record->status < FORGE_STATUS_COUNT);
    cap->by_status[record->status]++;
    cap->count++;
}

static void Reset(Capture_t *cap)
{
    memset(cap, 0xA5, sizeof *cap);
    cap->count = 0u;
    memset(cap->by_status, 0, sizeof cap->by_status);
}

static size_t LoadFile(const char *dir, const char *name)
{
    char path[512];
    (void)snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fail_msg("cannot open %s", path);
    }
    size_t len = fread(g_body, 1u, sizeof g_body, file);
    (void)fclose(file);
    assert_true(len < sizeof g_body);
    return len;
}

static void AssertSameRecord(const ForgeRecord_t *a, const ForgeRecord_t *b)
{
    assert_string_equal(a->id, b->id);
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

/* The alternative capture equals the primary one. */
static void AssertSameResult(ForgePageStatus_t status, ForgePageStatus_t alt_status)
{
    assert_int_equal(alt_status, status);
    assert_int_equal(g_alt.count, g_cap.count);
    for (size_t i = 0u; (i < g_cap.count) && (i < MAX_CAPTURE); i++) {
        AssertSameRecord(&g_alt.records[i], &g_cap.records[i]);
    }
    assert_memory_equal(g_alt.by_status, g_cap.by_status, sizeof g_cap.by_status);
    assert_int_equal(g_alt.meta.has_next, g_cap.meta.has_next);
    assert_int_equal(g_alt.meta.record_count, g_cap.meta.record_count);
    assert_int_equal(g_alt.meta.tolerated, g_cap.meta.tolerated);
    assert_int_equal(g_alt.meta.next_cursor_len, g_cap.meta.next_cursor_len);
    assert_string_equal(g_alt.meta.next_cursor, g_cap.meta.next_cursor);
}

/* Streams body into the alternative capture, cut after each offset in cuts[] (ascending). */
static ForgePageStatus_t ParseAltCuts(const char *body, size_t len, const size_t *cuts,
                                      size_t cut_count)
{
    Reset(&g_alt);
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_alt), FORGE_PAGE_OK);
    size_t from = 0u;
    for (size_t i = 0u; i <= cut_count; i++) {
        size_t to = (i < cut_count) ? cuts[i] : len;
        /* feeding on after an error is allowed: the error stays */
        (void)ForgePage_Feed(&g_work, &body[from], to - from);
        from = to;
    }
    return ForgePage_End(&g_work, &g_alt.meta);
}

static ForgePageStatus_t ParseAltBytewise(const char *body, size_t len)
{
    Reset(&g_alt);
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_alt), FORGE_PAGE_OK);
    for (size_t i = 0u; i < len; i++) {
        (void)ForgePage_Feed(&g_work, &body[i], 1u);
    }
    return ForgePage_End(&g_work, &g_alt.meta);
}

/* Chunks of 1..max bytes drawn from a generator seeded by seed. */
static ForgePageStatus_t ParseAltRandom(const char *body, size_t len, uint32_t seed, size_t max)
{
    uint32_t state = 0x9E3779B9u ^ seed;
    Reset(&g_alt);
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_alt), FORGE_PAGE_OK);
    size_t pos = 0u;
    while (pos < len) {
        state ^= state << 13u;
        state ^= state >> 17u;
        state ^= state << 5u;
        size_t n = 1u + ((size_t)state % max);
        n = (n > (len - pos)) ? (len - pos) : n;
        (void)ForgePage_Feed(&g_work, &body[pos], n);
        pos += n;
    }
    return ForgePage_End(&g_work, &g_alt.meta);
}

/* Parses the body in one piece (ForgePage_Parse) and checks that one byte at a time and
 * random chunks give exactly the same status, records, counts and meta. */
static ForgePageStatus_t ParseBytes(const char *body, size_t len)
{
    Reset(&g_cap);
    ForgePageStatus_t status = ForgePage_Parse(body, len, &g_work, Capture, &g_cap, &g_cap.meta);
    AssertSameResult(status, ParseAltBytewise(body, len));
    for (uint32_t seed = 1u; seed <= 3u; seed++) {
        AssertSameResult(status, ParseAltRandom(body, len, seed, 1u + (seed * 23u)));
    }
    return status;
}

static ForgePageStatus_t ParseText(const char *text)
{
    return ParseBytes(text, strlen(text));
}

static ForgePageStatus_t ParseFixture(const char *name)
{
    size_t len = LoadFile(FORGE_FIXTURE_DIR, name);
    return ParseBytes(g_body, len);
}

/* Wraps one attributes value into a complete one-record page. */
static ForgePageStatus_t ParseAttributes(const char *attributes)
{
    static char text[16384];
    (void)snprintf(text, sizeof text,
                   "{\"data\":[{\"id\":\"5\",\"attributes\":%s}],\"meta\":{\"next_cursor\":null}}",
                   attributes);
    return ParseText(text);
}

/* Wraps a value into "links" of an otherwise empty last page. */
static ForgePageStatus_t ParseInLinks(const char *value)
{
    static char text[8192];
    (void)snprintf(text, sizeof text, "{\"data\":[],\"links\":%s,\"meta\":{\"next_cursor\":null}}",
                   value);
    return ParseText(text);
}

/* Failed with `expected` after delivering `delivered` records, meta cleared. */
static void AssertFailedAfter(ForgePageStatus_t status, ForgePageStatus_t expected, size_t delivered)
{
    assert_int_equal(status, expected);
    assert_int_equal(g_count, delivered);
    assert_false(g_meta.has_next);
    assert_int_equal(g_meta.record_count, 0u);
    assert_int_equal(g_meta.tolerated, 0u);
    assert_int_equal(g_meta.next_cursor_len, 0u);
    assert_string_equal(g_meta.next_cursor, "");
}

static void AssertFailedCleanly(ForgePageStatus_t status, ForgePageStatus_t expected)
{
    AssertFailedAfter(status, expected, 0u);
}

/* One record kept, `tolerated` fields counted. */
static void AssertKeptTolerated(ForgePageStatus_t status, size_t tolerated)
{
    assert_int_equal(status, FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(g_meta.record_count, 1u);
    assert_int_equal(g_meta.tolerated, tolerated);
}

/* ---- the interop corpus --------------------------------------------------------------- */

typedef struct {
    char file[64];
    char status[16];
    size_t records;
    size_t tolerated;
    bool has_next;
    unsigned by_status[FORGE_STATUS_COUNT];
} Case_t;

#define MAX_CASES 64u
static Case_t g_cases[MAX_CASES];

/* manifest.json: one case per line, keys in a fixed order (see make_corpus.py). */
static size_t LoadManifest(void)
{
    size_t len = LoadFile(FORGE_CORPUS_DIR, "manifest.json");
    g_body[len] = '\0';
    size_t n = 0u;
    char next[8];
    for (char *line = strtok(g_body, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        Case_t *c = &g_cases[n];
        if (strncmp(line, "  {\"file\"", 9u) != 0) {
            continue;
        }
        assert_true(n < MAX_CASES);
        int got = sscanf(line,
                         "  {\"file\": \"%63[^\"]\", \"status\": \"%15[^\"]\", \"records\": %zu, "
                         "\"tolerated\": %zu, \"has_next\": %7[a-z], \"by_status\": {"
                         "\"installing\": %u, \"installed\": %u, \"removing\": %u, "
                         "\"restarting\": %u, \"starting\": %u, \"stopping\": %u, "
                         "\"running\": %u, \"unknown\": %u}}",
                         c->file, c->status, &c->records, &c->tolerated, next,
                         &c->by_status[FORGE_STATUS_INSTALLING], &c->by_status[FORGE_STATUS_INSTALLED],
                         &c->by_status[FORGE_STATUS_REMOVING], &c->by_status[FORGE_STATUS_RESTARTING],
                         &c->by_status[FORGE_STATUS_STARTING], &c->by_status[FORGE_STATUS_STOPPING],
                         &c->by_status[FORGE_STATUS_RUNNING], &c->by_status[FORGE_STATUS_UNKNOWN]);
        if (got != 13) {
            fail_msg("manifest line not understood (%d fields): %s", got, line);
        }
        c->has_next = strcmp(next, "true") == 0;
        n++;
    }
    return n;
}

static void test_corpus_every_case_any_chunking(void **state)
{
    (void)state;
    const size_t n = LoadManifest();
    assert_true(n >= 20u);
    static char copy[BODY_MAX];
    for (size_t i = 0u; i < n; i++) {
        const Case_t *c = &g_cases[i];
        size_t len = LoadFile(FORGE_CORPUS_DIR, c->file);
        memcpy(copy, g_body, len);
        ForgePageStatus_t status = ParseBytes(copy, len); /* whole, 1-byte and random chunks */
        if (strcmp(ForgePage_StatusName(status), c->status) != 0) {
            fail_msg("%s: status %s, expected %s", c->file, ForgePage_StatusName(status), c->status);
        }
        if (status != FORGE_PAGE_OK) {
            assert_int_equal(g_meta.record_count, 0u);
            continue;
        }
        if ((g_count != c->records) || (g_meta.record_count != c->records) ||
            (g_meta.tolerated != c->tolerated) || (g_meta.has_next != c->has_next)) {
            fail_msg("%s: %zu records (%zu), %zu tolerated, next %d; expected %zu, %zu, %d", c->file,
                     g_count, g_meta.record_count, g_meta.tolerated, (int)g_meta.has_next,
                     c->records, c->tolerated, (int)c->has_next);
        }
        for (size_t s = 0u; s < (size_t)FORGE_STATUS_COUNT; s++) {
            if (g_cap.by_status[s] != c->by_status[s]) {
                fail_msg("%s: %u %s, expected %u", c->file, g_cap.by_status[s],
                         ForgeRecord_StatusName((ForgeProcessStatus_t)s), c->by_status[s]);
            }
        }
        /* and cut in two at every offset for the small ones */
        for (size_t cut = 0u; (len < 1200u) && (cut <= len); cut++) {
            AssertSameResult(status, ParseAltCuts(copy, len, &cut, 1u));
        }
    }
}

static ForgeSnapshot_t g_snap;

static void SnapRecord(void *context, const ForgeRecord_t *record)
{
    assert_ptr_equal(context, &g_snap);
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, record), FORGE_SNAPSHOT_OK);
}

static bool IsHealthy(ForgeProcessStatus_t s)
{
    return (s == FORGE_STATUS_RUNNING) || (s == FORGE_STATUS_INSTALLED);
}

/* 200 processes over 7 pages: every record counted as it streams, 64 kept, problems first. */
static void test_corpus_round_of_200_counts_every_record(void **state)
{
    (void)state;
    const size_t n = LoadManifest();
    uint32_t expected[FORGE_STATUS_COUNT] = {0u};
    size_t pages = 0u;
    ForgeSnapshot_Init(&g_snap);
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    ForgeSnapshotStatus_t last = FORGE_SNAPSHOT_OK;
    for (size_t i = 0u; i < n; i++) {
        const Case_t *c = &g_cases[i];
        if (strncmp(c->file, "round_200_page", 14u) != 0) {
            continue;
        }
        for (size_t s = 0u; s < (size_t)FORGE_STATUS_COUNT; s++) {
            expected[s] += c->by_status[s];
        }
        size_t len = LoadFile(FORGE_CORPUS_DIR, c->file);
        ForgePageMeta_t meta;
        /* in 7-byte chunks, as a server might send them */
        assert_int_equal(ForgePage_Begin(&g_work, SnapRecord, &g_snap), FORGE_PAGE_OK);
        for (size_t pos = 0u; pos < len; pos += 7u) {
            (void)ForgePage_Feed(&g_work, &g_body[pos], ((len - pos) < 7u) ? (len - pos) : 7u);
        }
        assert_int_equal(ForgePage_End(&g_work, &meta), FORGE_PAGE_OK);
        last = ForgeSnapshot_EndPage(&g_snap, meta.has_next);
        pages++;
    }
    assert_int_equal(pages, 7u);
    assert_int_equal(last, FORGE_SNAPSHOT_PUBLISHED);
    const ForgeSnapshotView_t *view = ForgeSnapshot_Published(&g_snap);
    assert_non_null(view);
    assert_int_equal(view->total, 200u);
    assert_int_equal(view->pages, 7u);
    assert_int_equal(view->kept, FORGE_MAX_RECORDS);
    uint32_t sum = 0u;
    uint32_t problems = 0u;
    for (size_t s = 0u; s < (size_t)FORGE_STATUS_COUNT; s++) {
        assert_int_equal(view->by_status[s], expected[s]);
        sum += view->by_status[s];
        problems += IsHealthy((ForgeProcessStatus_t)s) ? 0u : view->by_status[s];
    }
    assert_int_equal(sum, 200u);
    assert_true(problems > FORGE_MAX_RECORDS); /* so every kept entry is a problem */
    for (size_t i = 0u; i < view->kept; i++) {
        assert_false(IsHealthy(view->entries[i].status));
    }
}

/* ---- valid pages ---------------------------------------------------------------------- */

static void test_documented_example(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("example.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 2u);
    assert_int_equal(g_meta.record_count, 2u);
    assert_int_equal(g_meta.tolerated, 0u);
    assert_true(g_meta.has_next);
    assert_string_equal(g_meta.next_cursor, "eyJpZCI6MTgzOCwiX3BvaW50c1RvTmV4dEl0ZW1zIjp0cnVlfQ");
    assert_int_equal(g_meta.next_cursor_len, strlen(g_meta.next_cursor));

    const ForgeRecord_t *r = &g_records[0];
    assert_string_equal(r->id, "1837");
    assert_string_equal(r->command, "php artisan queue:work --sleep=3 --tries=3");
    assert_string_equal(r->user, "forge");
    assert_string_equal(r->directory, "/home/forge/forge.laravel.com");
    assert_int_equal(r->processes, 2u);
    assert_int_equal(r->status, FORGE_STATUS_RUNNING);
    assert_string_equal(r->status_text, "running");
    assert_int_equal(r->created_at, 1699335116u);
    assert_int_equal(r->present, 0x7Fu);
    assert_int_equal(r->truncated, 0u);

    r = &g_records[1];
    assert_string_equal(r->id, "1838");
    assert_string_equal(r->command, "php artisan horizon");
    assert_string_equal(r->directory, "");
    assert_int_equal(r->present & FORGE_FIELD_DIRECTORY, 0u);
    assert_int_equal(r->status, FORGE_STATUS_INSTALLING);
    assert_int_equal(r->created_at, 1709251199u);
}

static void test_empty_and_last_pages(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("empty.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 0u);
    assert_false(g_meta.has_next);
    assert_int_equal(ParseFixture("last_page.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_false(g_meta.has_next);
    assert_string_equal(g_meta.next_cursor, "");
    assert_string_equal(g_records[0].id, "99"); /* a number's own text */
    assert_int_equal(g_records[0].status, FORGE_STATUS_STOPPING);
    assert_int_equal(g_records[0].processes, 0u);
    assert_int_equal(g_records[0].created_at, 1748757600u); /* +02:00 applied */
    assert_string_equal(g_records[0].user, "deploy");
    /* "" is the last page too */
    assert_int_equal(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":\"\"}}"), FORGE_PAGE_OK);
    assert_false(g_meta.has_next);
}

static void test_unicode_and_escapes(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("unicode.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    /* \t is a control character: a space in what we keep, the field tolerated */
    assert_string_equal(g_records[0].command,
                        "echo \"caf\xc3\xa9\" \\ /tmp end \xf0\x9f\x9a\x80 \xe2\x82\xac");
    assert_int_equal(g_meta.tolerated, 1u);
    assert_string_equal(g_records[0].user, "j\xc3\xbcrgen");
    assert_string_equal(g_records[0].directory, "/home/forge/\xe6\x97\xa5\xe6\x9c\xac");
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    assert_int_equal(g_records[0].created_at, 1704067200u);
    assert_string_equal(g_meta.next_cursor, "a/b==");
    assert_int_equal(g_records[0].truncated, 0u);
    /* lone surrogates are valid JSON: U+FFFD in kept text, tolerated */
    AssertKeptTolerated(ParseAttributes("{\"command\":\"a\\ud800b\",\"user\":\"\\udc00\","
                                        "\"directory\":\"\\ud83d\\u0041\\ud83d\"}"),
                        3u);
    assert_string_equal(g_records[0].command, "a\xef\xbf\xbd" "b");
    assert_string_equal(g_records[0].user, "\xef\xbf\xbd");
    assert_string_equal(g_records[0].directory, "\xef\xbf\xbd" "A\xef\xbf\xbd");
    /* escaped keys are found */
    AssertKeptTolerated(ParseAttributes("{\"st\\u0061tus\":\"running\",\"\\u0063ommand\":\"x\"}"), 0u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    assert_string_equal(g_records[0].command, "x");
    assert_int_equal(ParseText("{\"d\\u0061ta\":[{\"id\":\"1\",\"attributes\":{}}],"
                               "\"m\\u0065ta\":{\"next_\\u0063ursor\":null}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
}

static void test_escaped_nul_and_controls_tolerated(void **state)
{
    (void)state;
    AssertKeptTolerated(ParseAttributes("{\"command\":\"php a\\u0000b\\n\\u001f\",\"status\":\"running\"}"),
                        1u);
    assert_string_equal(g_records[0].command, "php a b  ");
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    /* in a status: not a known name, unknown, tolerated */
    AssertKeptTolerated(ParseAttributes("{\"status\":\"run\\u0000ning\"}"), 1u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    /* in an id: kept as text */
    assert_int_equal(ParseText("{\"data\":[{\"id\":\"a\\u0000\",\"attributes\":{}}],\"meta\":{\"next_cursor\":null}}"),
                     FORGE_PAGE_OK);
    assert_string_equal(g_records[0].id, "a ");
    assert_int_equal(g_meta.tolerated, 1u);
    /* in a cursor: unusable */
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":\"a\\u0000\"}}"),
                        FORGE_PAGE_ERR_CURSOR);
}

static void test_long_text_keeps_its_prefix(void **state)
{
    (void)state;
    assert_int_equal(ParseFixture("long_command.json"), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(strlen(g_records[0].command), FORGE_COMMAND_SIZE - 1u);
    assert_memory_equal(g_records[0].command, "php artisan queue:work --opt000 --opt001 ", 41u);
    assert_int_equal(g_records[0].truncated, FORGE_FIELD_COMMAND);
    assert_int_equal(g_meta.tolerated, 1u);
    assert_string_equal(g_records[0].user, "forge");
    /* a record far over the old 2 KiB window: command and directory cut, the record kept */
    static char attrs[12000];
    size_t n = (size_t)snprintf(attrs, sizeof attrs, "{\"command\":\"");
    for (size_t i = 0u; i < 500u; i++) {
        n += (size_t)snprintf(&attrs[n], sizeof attrs - n, "--o%03zu=v\\/x ", i);
    }
    n += (size_t)snprintf(&attrs[n], sizeof attrs - n, "\",\"directory\":\"");
    for (size_t i = 0u; i < 300u; i++) {
        n += (size_t)snprintf(&attrs[n], sizeof attrs - n, "\\/d%03zu", i);
    }
    (void)snprintf(&attrs[n], sizeof attrs - n, "\",\"status\":\"stopping\",\"processes\":3}");
    AssertKeptTolerated(ParseAttributes(attrs), 2u);
    assert_int_equal(strlen(g_records[0].command), FORGE_COMMAND_SIZE - 1u);
    assert_memory_equal(g_records[0].command, "--o000=v/x --o001=v/x ", 22u);
    assert_int_equal(strlen(g_records[0].directory), FORGE_DIRECTORY_SIZE - 1u);
    assert_int_equal(g_records[0].truncated, FORGE_FIELD_COMMAND | FORGE_FIELD_DIRECTORY);
    assert_int_equal(g_records[0].status, FORGE_STATUS_STOPPING);
    assert_int_equal(g_records[0].processes, 3u);
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
    AssertKeptTolerated(ParseAttributes(attrs), 2u);
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
        char id[8];
        (void)snprintf(id, sizeof id, "%zu", i + 1u);
        assert_string_equal(g_records[i].id, id);
        assert_int_equal(g_records[i].status, expected[i]);
    }
    assert_string_equal(g_records[7].status_text, "Running");
    assert_string_equal(g_records[8].status_text, "crashed");
    assert_int_equal(g_records[9].present & FORGE_FIELD_STATUS, FORGE_FIELD_STATUS);
    assert_int_equal(g_records[10].present & FORGE_FIELD_STATUS, 0u);
    assert_int_equal(g_records[11].present, FORGE_FIELD_ID);
    assert_string_equal(g_records[12].status_text, "restarting-and-");
    assert_int_equal(g_records[12].truncated, FORGE_FIELD_STATUS);
    assert_int_equal(g_meta.tolerated, 1u); /* only the cut one: unknown names are data */
    assert_string_equal(ForgeRecord_StatusName(FORGE_STATUS_RESTARTING), "restarting");
    assert_string_equal(ForgeRecord_StatusName(FORGE_STATUS_COUNT), "unknown");
}

static void test_absent_fields_are_not_tolerated(void **state)
{
    (void)state;
    AssertKeptTolerated(ParseAttributes("{}"), 0u);
    assert_int_equal(g_records[0].present, FORGE_FIELD_ID);
    assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    assert_string_equal(g_records[0].command, "");
    assert_int_equal(g_records[0].created_at, 0u);
    AssertKeptTolerated(ParseAttributes("{\"command\":null,\"user\":null,\"directory\":null,"
                                        "\"processes\":null,\"status\":null,\"created_at\":null}"),
                        0u);
    assert_int_equal(g_records[0].present, FORGE_FIELD_ID);
}

/* Wrong types and odd values: the record is kept, the field counts as unknown. */
static void test_mistyped_fields_are_tolerated(void **state)
{
    (void)state;
    static const struct {
        const char *attrs;
        uint8_t absent;
    } cases[] = {
        {"{\"command\":42,\"status\":\"running\"}", FORGE_FIELD_COMMAND},
        {"{\"user\":true,\"status\":\"running\"}", FORGE_FIELD_USER},
        {"{\"directory\":[\"\\/a\",{}],\"status\":\"running\"}", FORGE_FIELD_DIRECTORY},
        {"{\"processes\":\"2\",\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":3.0,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":70000,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":-1,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":-0,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":1e2,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":99999999999999999999,\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"processes\":{\"n\":2},\"status\":\"running\"}", FORGE_FIELD_PROCESSES},
        {"{\"created_at\":1699335116,\"status\":\"running\"}", FORGE_FIELD_CREATED_AT},
        {"{\"created_at\":\"2023-02-29T00:00:00Z\",\"status\":\"running\"}", FORGE_FIELD_CREATED_AT},
        {"{\"created_at\":\"yesterday\",\"status\":\"running\"}", FORGE_FIELD_CREATED_AT},
    };
    for (size_t i = 0u; i < (sizeof cases / sizeof cases[0]); i++) {
        AssertKeptTolerated(ParseAttributes(cases[i].attrs), 1u);
        assert_int_equal(g_records[0].present & cases[i].absent, 0u);
        assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
        assert_int_equal(g_records[0].processes, 0u);
        assert_int_equal(g_records[0].created_at, 0u);
    }
    /* a status that is not a string: status unknown */
    AssertKeptTolerated(ParseAttributes("{\"status\":7}"), 1u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    AssertKeptTolerated(ParseAttributes("{\"status\":{\"a\":[1,{\"b\":\"running\"}]}}"), 1u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    /* processes at its limits */
    AssertKeptTolerated(ParseAttributes("{\"processes\":65535}"), 0u);
    assert_int_equal(g_records[0].processes, 65535u);
    AssertKeptTolerated(ParseAttributes("{\"processes\":0}"), 0u);
    assert_int_equal(g_records[0].present, FORGE_FIELD_ID | FORGE_FIELD_PROCESSES);
    /* attributes not an object: the record is kept (status unknown), counted once */
    static const char *const bad_attrs[] = {"[]", "\"attributes\"", "null", "7", "[{\"status\":\"running\"}]"};
    for (size_t i = 0u; i < (sizeof bad_attrs / sizeof bad_attrs[0]); i++) {
        AssertKeptTolerated(ParseAttributes(bad_attrs[i]), 1u);
        assert_int_equal(g_records[0].status, FORGE_STATUS_UNKNOWN);
    }
    /* a record without attributes, or without a usable id */
    AssertKeptTolerated(ParseText("{\"data\":[{\"id\":\"1\"}],\"meta\":{\"next_cursor\":null}}"), 1u);
    AssertKeptTolerated(ParseText("{\"data\":[{\"attributes\":{}}],\"meta\":{\"next_cursor\":null}}"), 1u);
    assert_string_equal(g_records[0].id, "");
    static const char *const odd_ids[] = {"true", "null", "{}", "[1]"};
    char body[256];
    for (size_t i = 0u; i < (sizeof odd_ids / sizeof odd_ids[0]); i++) {
        (void)snprintf(body, sizeof body, "{\"data\":[{\"id\":%s,\"attributes\":{}}],"
                       "\"meta\":{\"next_cursor\":null}}", odd_ids[i]);
        AssertKeptTolerated(ParseText(body), 1u);
        assert_int_equal(g_records[0].present & FORGE_FIELD_ID, 0u);
    }
    /* elements of data that are not objects: not records, counted */
    assert_int_equal(ParseText("{\"data\":[1,\"x\",null,[{\"id\":\"1\"}],{\"id\":\"2\",\"attributes\":{}}],"
                               "\"meta\":{\"next_cursor\":null}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_string_equal(g_records[0].id, "2");
    assert_int_equal(g_meta.tolerated, 4u);
}

static void test_ids_are_opaque_strings(void **state)
{
    (void)state;
    assert_int_equal(ParseText("{\"data\":[{\"id\":\"<string>\",\"attributes\":{}},"
                               "{\"id\":4294967296,\"attributes\":{}},{\"id\":-1.5e3,\"attributes\":{}},"
                               "{\"id\":\"\",\"attributes\":{}},{\"id\":\"caf\\u00e9\",\"attributes\":{}}],"
                               "\"meta\":{\"next_cursor\":null}}"),
                     FORGE_PAGE_OK);
    assert_int_equal(g_count, 5u);
    assert_string_equal(g_records[0].id, "<string>");
    assert_string_equal(g_records[1].id, "4294967296");
    assert_string_equal(g_records[2].id, "-1.5e3");
    assert_string_equal(g_records[3].id, "");
    assert_int_equal(g_records[3].present & FORGE_FIELD_ID, FORGE_FIELD_ID);
    assert_string_equal(g_records[4].id, "caf\xc3\xa9");
    assert_int_equal(g_meta.tolerated, 0u);
    /* a long id keeps FORGE_ID_SIZE - 1 bytes, tolerated; so does a long number */
    char body[512];
    char id[200];
    memset(id, '7', sizeof id - 1u);
    id[sizeof id - 1u] = '\0';
    (void)snprintf(body, sizeof body, "{\"data\":[{\"id\":\"%s\",\"attributes\":{}},{\"id\":%s,"
                   "\"attributes\":{}}],\"meta\":{\"next_cursor\":null}}", id, id);
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    assert_int_equal(strlen(g_records[0].id), FORGE_ID_SIZE - 1u);
    assert_string_equal(g_records[0].id, g_records[1].id);
    assert_int_equal(g_meta.tolerated, 2u);
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    /* in the envelope: unusable */
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":null},\"data\":[]}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":null},\"meta\":{}}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":null,\"next_cursor\":\"x\"}}"),
                        FORGE_PAGE_ERR_DUPLICATE_KEY);
    /* in a record: the first wins, the second is counted */
    assert_int_equal(ParseText("{\"data\":[{\"id\":\"1\",\"id\":\"2\",\"attributes\":{}}],"
                               "\"meta\":{\"next_cursor\":null}}"),
                     FORGE_PAGE_OK);
    assert_string_equal(g_records[0].id, "1");
    assert_int_equal(g_meta.tolerated, 1u);
    AssertKeptTolerated(ParseAttributes("{\"status\":\"running\",\"st\\u0061tus\":\"stopping\"}"), 1u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    AssertKeptTolerated(ParseAttributes("{\"user\":null,\"user\":\"x\"}"), 1u);
    assert_string_equal(g_records[0].user, "");
    /* inside members we ignore: not examined */
    assert_int_equal(ParseInLinks("{\"a\":1,\"a\":2}"), FORGE_PAGE_OK);
}

static void test_unknown_values_skipped_at_any_depth(void **state)
{
    (void)state;
    static char nest[4096];
    static char attrs[8192];
    /* 1000 levels of unknown value inside the attributes: skipped, nothing tolerated */
    const size_t depth = 1000u;
    memset(nest, '[', depth);
    memset(&nest[depth], ']', depth);
    nest[2u * depth] = '\0';
    (void)snprintf(attrs, sizeof attrs, "{\"x\":%s,\"status\":\"running\"}", nest);
    AssertKeptTolerated(ParseAttributes(attrs), 0u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    /* mixed objects and arrays, 20 deep, with strings and the kept key names inside */
    size_t n = 0u;
    for (size_t i = 0u; i < 20u; i++) {
        n += (size_t)snprintf(&nest[n], sizeof nest - n, (i % 2u) == 0u ? "{\"status\":" : "[\"stopping\",");
    }
    n += (size_t)snprintf(&nest[n], sizeof nest - n, "1");
    for (size_t i = 20u; i > 0u; i--) {
        n += (size_t)snprintf(&nest[n], sizeof nest - n, ((i - 1u) % 2u) == 0u ? "}" : "]");
    }
    (void)snprintf(attrs, sizeof attrs, "{\"command\":\"c\",\"extra\":%s,\"status\":\"running\"}", nest);
    AssertKeptTolerated(ParseAttributes(attrs), 0u);
    assert_int_equal(g_records[0].status, FORGE_STATUS_RUNNING);
    /* a skipped value is validated as strictly as a kept one */
    (void)snprintf(attrs, sizeof attrs, "{\"extra\":%s}", "{\"a\":[{\"b\":[1,}]}]}");
    AssertFailedCleanly(ParseAttributes(attrs), FORGE_PAGE_ERR_SYNTAX);
    (void)snprintf(attrs, sizeof attrs, "{\"extra\":%s}", "{\"a\":[{\"b\":[1]]}]}");
    AssertFailedCleanly(ParseAttributes(attrs), FORGE_PAGE_ERR_SYNTAX);
    /* the depth limit: FORGE_PAGE_NEST_MAX containers open at once in all */
    static char deep[2u * FORGE_PAGE_NEST_MAX + 64u];
    size_t d = FORGE_PAGE_NEST_MAX - 1u; /* plus the top object */
    memset(deep, '[', d);
    memset(&deep[d], ']', d);
    deep[2u * d] = '\0';
    static char body[2u * FORGE_PAGE_NEST_MAX + 128u];
    (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{\"next_cursor\":null}}", deep);
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    d++;
    memset(deep, '[', d);
    memset(&deep[d], ']', d);
    deep[2u * d] = '\0';
    (void)snprintf(body, sizeof body, "{\"data\":[],\"links\":%s,\"meta\":{\"next_cursor\":null}}", deep);
    AssertFailedCleanly(ParseText(body), FORGE_PAGE_ERR_TOO_DEEP);
}

static void test_many_records_per_page(void **state)
{
    (void)state;
    static char body[65536];
    const size_t records = 300u;
    size_t n = (size_t)snprintf(body, sizeof body, "{\"data\":[");
    for (size_t i = 0u; i < records; i++) {
        n += (size_t)snprintf(&body[n], sizeof body - n,
                              "%s{\"id\":\"%zu\",\"type\":\"backgroundProcesses\",\"attributes\":"
                              "{\"command\":\"php artisan queue:work\",\"processes\":1,"
                              "\"status\":\"%s\"}}",
                              (i == 0u) ? "" : ",", i + 1u, ((i % 3u) == 0u) ? "starting" : "running");
    }
    (void)snprintf(&body[n], sizeof body - n, "],\"meta\":{\"next_cursor\":\"c\"}}");
    assert_int_equal(ParseText(body), FORGE_PAGE_OK);
    assert_int_equal(g_count, records);
    assert_int_equal(g_meta.record_count, records);
    assert_int_equal(g_cap.by_status[FORGE_STATUS_STARTING], 100u);
    assert_int_equal(g_cap.by_status[FORGE_STATUS_RUNNING], 200u);
    assert_true(g_meta.has_next);
}

/* ---- failures ------------------------------------------------------------------------- */

static void test_envelope_unusable(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "{\"data\":{},\"meta\":{\"next_cursor\":null}}",
        "{\"data\":\"x\",\"meta\":{\"next_cursor\":null}}",
        "{\"data\":null,\"meta\":{\"next_cursor\":null}}",
        "{\"data\":[],\"meta\":[]}",
        "{\"data\":[],\"meta\":null}",
        "{\"data\":[],\"meta\":{\"next_cursor\":7}}",
        "{\"data\":[],\"meta\":{\"next_cursor\":false}}",
        "{\"data\":[],\"meta\":{\"next_cursor\":{}}}",
        "{\"data\":[],\"meta\":{}}",
        "{\"data\":[]}",
        "{\"meta\":{\"next_cursor\":null}}",
        "{}",
        "[]",
        "\"page\"",
        "7",
    };
    for (size_t i = 0u; i < (sizeof bodies / sizeof bodies[0]); i++) {
        ForgePageStatus_t status = ParseText(bodies[i]);
        if (status != FORGE_PAGE_ERR_SCHEMA) {
            fail_msg("%s: %s, expected schema", bodies[i], ForgePage_StatusName(status));
        }
        assert_int_equal(g_meta.record_count, 0u);
    }
    /* a failure after records: they were delivered (the caller drops them), meta cleared */
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":1,\"attributes\":{}}],\"meta\":{\"next_cursor\":5}}"),
                      FORGE_PAGE_ERR_SCHEMA, 1u);
    /* the cursor: FORGE_CURSOR_SIZE - 1 bytes fit, one more is an error (never truncated) */
    static char body[1024];
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

/* Malformed JSON anywhere (here in "links", skipped) fails the page. */
static void test_malformed_json_fails(void **state)
{
    (void)state;
    static const char *const bad[] = {
        /* separators and structure */
        "[1 2]", "[1,,2]", "[1,]", "[,1]", "{\"a\":1,}", "{,\"a\":1}", "{\"a\" \"b\"}",
        "{\"a\":1 \"b\":2}", "{\"a\"::1}", "{\"a\":1:2}", "{\"a\":\"b\":1}", "[\"a\":1]", "{\"a\"}",
        "{\"a\":}", "[1]]", "{\"a\":[}", "[\"a\",]", "{\"a\"}:1", "[{\"a\"}:1]", "{1:2}", "{a:1}",
        "{\"a\":1]", "[1}", "[[[]]", "{\"a\":{\"b\":1}}}",
        /* literals */
        "tru", "nul", "falsey", "True", "NULL", "nan", "Infinity",
        /* numbers */
        "01", "00", "-01", "1.", "-", "1e", "1e+", "--1", ".5", "+1", "1.e3", "0x10", "1_000",
        /* strings: escapes, controls, UTF-8 */
        "\"\\x\"", "\"\\u12g4\"", "\"\\u12\"", "\"\\U0041\"", "\"\\\"", "\"\\'\"", "\"\x01\"",
        "\"a\tb\"", "\"a\nb\"", "\"\xc3\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
        "\"\xff\"", "\"\x80\"", "\"\xe0\x80\xaf\"", "'single'",
    };
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        ForgePageStatus_t status = ParseInLinks(bad[i]);
        if ((status != FORGE_PAGE_ERR_SYNTAX) && (status != FORGE_PAGE_ERR_TRUNCATED)) {
            fail_msg("accepted or misreported (%s): %s", ForgePage_StatusName(status), bad[i]);
        }
        assert_int_equal(g_count, 0u);
    }
    /* the same inside a kept record: the page fails, a record before it was delivered */
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":\"1\",\"attributes\":{}},{\"id\":\"2\",\"attributes\":"
                                "{\"processes\":01}}],\"meta\":{\"next_cursor\":null}}"),
                      FORGE_PAGE_ERR_SYNTAX, 1u);
    AssertFailedAfter(ParseText("{\"data\":[{\"id\":\"1\",\"attributes\":{}},{\"id\":\"2\",\"attributes\":"
                                "{\"command\":\"a\\qb\"}}],\"meta\":{\"next_cursor\":null}}"),
                      FORGE_PAGE_ERR_SYNTAX, 1u);
    /* unterminated string, unbalanced brackets at the end */
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":\"abc"), FORGE_PAGE_ERR_TRUNCATED);
    AssertFailedCleanly(ParseText("{\"data\":[],\"meta\":{\"next_cursor\":null}"), FORGE_PAGE_ERR_TRUNCATED);
    AssertFailedCleanly(ParseText("{\"data\":[{\"id\":\"1\""), FORGE_PAGE_ERR_TRUNCATED);
    AssertFailedCleanly(ParseText(""), FORGE_PAGE_ERR_TRUNCATED);
    AssertFailedCleanly(ParseText(" \r\n\t "), FORGE_PAGE_ERR_TRUNCATED);
}

static void test_valid_json_shapes_accepted(void **state)
{
    (void)state;
    static const char *const good[] = {
        "[1,2]", "{\"a\":1,\"b\":[true,false,null]}", "-0.5e+10", "\"\\ud83d\\ude80\\/\"",
        "[[],{},\"\"]", "0", "-0", "-1E-2", "1e5", "0.0", "\"\xf4\x8f\xbf\xbf\"", "\"\\u0000\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800\\n\"", "\"\\ud800\\ud800\\udc00\"",
        "\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"", "\"\x7f\"", " [ 1 , { \"a\" : [ ] } ] ",
        "{\"data\":[],\"meta\":{}}", "123456789012345678901234567890",
    };
    for (size_t i = 0u; i < (sizeof good / sizeof good[0]); i++) {
        if (ParseInLinks(good[i]) != FORGE_PAGE_OK) {
            fail_msg("rejected valid: %s", good[i]);
        }
    }
    assert_int_equal(ParseText(" \t\r\n{ \"data\" : [ ] , \"meta\" : { \"next_cursor\" : null } } \r\n\t "),
                     FORGE_PAGE_OK);
}

static void test_trailing_bytes_fail(void **state)
{
    (void)state;
    static const char *const tails[] = {"x", "{}", "}", "]", ",", "\"", "\0", " {\"data\":[]}", "\n1"};
    char body[256];
    for (size_t i = 0u; i < (sizeof tails / sizeof tails[0]); i++) {
        size_t n = (size_t)snprintf(body, sizeof body,
                                    "{\"data\":[{\"id\":1,\"attributes\":{}}],\"meta\":{\"next_cursor\":null}}  ");
        size_t tail = (tails[i][0] == '\0') ? 1u : strlen(tails[i]);
        memcpy(&body[n], tails[i], tail);
        AssertFailedAfter(ParseBytes(body, n + tail), FORGE_PAGE_ERR_SYNTAX, 1u);
    }
    /* leading bytes other than whitespace */
    AssertFailedCleanly(ParseText("x{\"data\":[],\"meta\":{\"next_cursor\":null}}"), FORGE_PAGE_ERR_SYNTAX);
    AssertFailedCleanly(ParseText("\xef\xbb\xbf{\"data\":[],\"meta\":{\"next_cursor\":null}}"),
                        FORGE_PAGE_ERR_SYNTAX);
}

static void test_every_truncated_body_fails(void **state)
{
    (void)state;
    static const char *const names[] = {"example.json", "unicode.json", "last_page.json"};
    static char copy[BODY_MAX];
    for (size_t f = 0u; f < 3u; f++) {
        size_t len = LoadFile(FORGE_FIXTURE_DIR, names[f]);
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
            assert_true((g_count >= previous) && (g_count <= total));
            previous = g_count;
            assert_false(g_meta.has_next);
            assert_int_equal(g_meta.record_count, 0u);
        }
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
    assert_true(ForgeTime_ParseIso8601("2024-01-01 00:00:00", 19u, &t));
    assert_int_equal(t, 1704067200u);
    static const char *const bad[] = {
        "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
        "2023-01-32T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z",
        "2023-01-01T00:00:61Z", "2023-01-01",           "1969-12-31T23:59:59Z",
        "2106-02-07T06:28:16Z", "2023-01-01T00:00:00Q", "2023-01-01T00:00:00.Z",
        "2023-01-01T00:00:00+25:00", "23-01-01T00:00:00Z", "2023-01-01T00:00:00Z ",
        "1970-01-01T00:00:00+00:01", "garbage",         "",
        "2023-01-01X00:00:00Z", "2023/01/01T00:00:00Z", "2023-01-01T00-00:00Z",
        "2023-0a-01T00:00:00Z", "2023-01-01T00:00:0aZ"};
    for (size_t i = 0u; i < (sizeof bad / sizeof bad[0]); i++) {
        if (ForgeTime_ParseIso8601(bad[i], strlen(bad[i]), &t)) {
            fail_msg("accepted %s", bad[i]);
        }
    }
    assert_false(ForgeTime_ParseIso8601(NULL, 20u, &t));
    AssertKeptTolerated(ParseAttributes("{\"created_at\":\"2023-01-01T00:00:00.0000000000000000000000000000000000Z\"}"),
                        1u);
}

static void test_every_chunk_split(void **state)
{
    (void)state;
    static const char *const names[] = {"example.json", "unicode.json", "last_page.json",
                                        "every_status.json", "long_command.json", "empty.json"};
    static char copy[BODY_MAX];
    for (size_t f = 0u; f < (sizeof names / sizeof names[0]); f++) {
        size_t len = LoadFile(FORGE_FIXTURE_DIR, names[f]);
        memcpy(copy, g_body, len);
        assert_int_equal(ParseBytes(copy, len), FORGE_PAGE_OK);
        for (size_t cut = 0u; cut <= len; cut++) {
            AssertSameResult(FORGE_PAGE_OK, ParseAltCuts(copy, len, &cut, 1u));
        }
        for (size_t cut = 0u; (cut + 7u) <= len; cut++) {
            const size_t cuts[2] = {cut, cut + 7u};
            AssertSameResult(FORGE_PAGE_OK, ParseAltCuts(copy, len, cuts, 2u));
        }
    }
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
    assert_int_equal(ForgePage_Begin(&g_work, NULL, NULL), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Begin(NULL, Capture, &g_cap), FORGE_PAGE_ERR_ARG);
    /* an error is sticky and stops delivery */
    Reset(&g_cap);
    assert_int_equal(ForgePage_Begin(&g_work, Capture, &g_cap), FORGE_PAGE_OK);
    assert_int_equal(ForgePage_Feed(&g_work, body, 0u), FORGE_PAGE_OK);
    assert_int_equal(ForgePage_Feed(&g_work, body, 33u), FORGE_PAGE_OK);
    assert_int_equal(g_count, 1u);
    assert_int_equal(ForgePage_Feed(&g_work, &body[33], 4u), FORGE_PAGE_ERR_SYNTAX);
    assert_int_equal(ForgePage_Feed(&g_work, "{\"id\":2,\"attributes\":{}}", 25u), FORGE_PAGE_ERR_SYNTAX);
    assert_int_equal(g_count, 1u);
    assert_int_equal(ForgePage_Feed(NULL, body, 1u), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Feed(&g_work, NULL, 1u), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_End(&g_work, NULL), FORGE_PAGE_ERR_ARG);
    meta.has_next = true;
    meta.tolerated = 9u;
    assert_int_equal(ForgePage_End(&g_work, &meta), FORGE_PAGE_ERR_SYNTAX);
    assert_false(meta.has_next);
    assert_int_equal(meta.tolerated, 0u);
    /* ended: a new body needs Begin */
    assert_int_equal(ForgePage_Feed(&g_work, body, 1u), FORGE_PAGE_ERR_ARG);
    /* arguments of Parse */
    assert_int_equal(ForgePage_Parse(NULL, 0u, &g_work, Capture, &g_cap, &g_meta), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, NULL, Capture, &g_cap, &g_meta), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, &g_work, NULL, &g_cap, &g_meta), FORGE_PAGE_ERR_ARG);
    assert_int_equal(ForgePage_Parse("{}", 2u, &g_work, Capture, &g_cap, NULL), FORGE_PAGE_ERR_ARG);
    /* the name table the log uses */
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_OK), "ok");
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_ERR_SYNTAX), "syntax");
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_ERR_CURSOR), "cursor");
    assert_string_equal(ForgePage_StatusName(FORGE_PAGE_STATUS_COUNT), "?");
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_every_case_any_chunking),
        cmocka_unit_test(test_corpus_round_of_200_counts_every_record),
        cmocka_unit_test(test_documented_example),
        cmocka_unit_test(test_empty_and_last_pages),
        cmocka_unit_test(test_unicode_and_escapes),
        cmocka_unit_test(test_escaped_nul_and_controls_tolerated),
        cmocka_unit_test(test_long_text_keeps_its_prefix),
        cmocka_unit_test(test_truncation_never_splits_utf8),
        cmocka_unit_test(test_every_status_string),
        cmocka_unit_test(test_absent_fields_are_not_tolerated),
        cmocka_unit_test(test_mistyped_fields_are_tolerated),
        cmocka_unit_test(test_ids_are_opaque_strings),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_unknown_values_skipped_at_any_depth),
        cmocka_unit_test(test_many_records_per_page),
        cmocka_unit_test(test_envelope_unusable),
        cmocka_unit_test(test_malformed_json_fails),
        cmocka_unit_test(test_valid_json_shapes_accepted),
        cmocka_unit_test(test_trailing_bytes_fail),
        cmocka_unit_test(test_every_truncated_body_fails),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_every_chunk_split),
        cmocka_unit_test(test_stream_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
