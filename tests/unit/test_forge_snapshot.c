/* Unit tests of firmware/forge/forge_snapshot and forge_paging, fed by the page parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/forge/forge_page.h"
#include "firmware/forge/forge_paging.h"
#include "firmware/forge/forge_snapshot.h"

#ifndef FORGE_FIXTURE_DIR
#define FORGE_FIXTURE_DIR "tests/unit/fixtures/forge"
#endif

static ForgeSnapshot_t g_snap;
static ForgeSnapshotView_t g_saved;
static ForgePageWork_t g_work;
static char g_body[16384];
static ForgeSnapshotStatus_t g_last_add;

static void AddToSnapshot(void *context, const ForgeRecord_t *record)
{
    g_last_add = ForgeSnapshot_AddRecord((ForgeSnapshot_t *)context, record);
}

/* Parses one body into the open round; returns EndPage's answer, or aborts on a parse error. */
static ForgeSnapshotStatus_t FeedBytes(const char *body, size_t len)
{
    ForgePageMeta_t meta;
    ForgeSnapshotStatus_t result = FORGE_SNAPSHOT_ERR_ARG;
    g_last_add = FORGE_SNAPSHOT_OK;
    if (ForgePage_Parse(body, len, &g_work, AddToSnapshot, &g_snap, &meta) == FORGE_PAGE_OK) {
        result = (g_last_add == FORGE_SNAPSHOT_OK) ? ForgeSnapshot_EndPage(&g_snap, meta.has_next)
                                                   : g_last_add;
    } else {
        ForgeSnapshot_AbortRound(&g_snap);
    }
    return result;
}

static ForgeSnapshotStatus_t FeedFixture(const char *name)
{
    char path[512];
    (void)snprintf(path, sizeof path, "%s/%s", FORGE_FIXTURE_DIR, name);
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    size_t len = fread(g_body, 1u, sizeof g_body, file);
    (void)fclose(file);
    return FeedBytes(g_body, len);
}

static void PublishThreePages(void)
{
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    assert_int_equal(FeedFixture("round_page1.json"), FORGE_SNAPSHOT_NEED_NEXT_PAGE);
    assert_int_equal(FeedFixture("round_page2.json"), FORGE_SNAPSHOT_NEED_NEXT_PAGE);
    assert_int_equal(FeedFixture("round_page3.json"), FORGE_SNAPSHOT_PUBLISHED);
}

static int Setup(void **state)
{
    (void)state;
    ForgeSnapshot_Init(&g_snap);
    return 0;
}

static void test_nothing_published_before_first_round(void **state)
{
    (void)state;
    assert_null(ForgeSnapshot_Published(&g_snap));
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &g_work.record), FORGE_SNAPSHOT_ERR_NO_ROUND);
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_ERR_NO_ROUND);
    assert_null(ForgeSnapshot_Published(&g_snap));
}

static void test_three_pages_make_one_snapshot(void **state)
{
    (void)state;
    PublishThreePages();
    const ForgeSnapshotView_t *view = ForgeSnapshot_Published(&g_snap);
    assert_non_null(view);
    assert_int_equal(view->generation, 1u);
    assert_int_equal(view->kept, 15u);
    assert_int_equal(view->total, 15u);
    assert_int_equal(view->pages, 3u);
    assert_int_equal(view->by_status[FORGE_STATUS_RUNNING], 6u);
    assert_int_equal(view->by_status[FORGE_STATUS_INSTALLING], 3u);
    assert_int_equal(view->by_status[FORGE_STATUS_STOPPING], 3u);
    assert_int_equal(view->by_status[FORGE_STATUS_UNKNOWN], 3u);
    assert_int_equal(view->by_status[FORGE_STATUS_INSTALLED], 0u);
    for (size_t i = 0u; i < 15u; i++) {
        char label[64];
        (void)snprintf(label, sizeof label, "php artisan worker:%zu", i + 1u);
        assert_int_equal(view->entries[i].processes, (i + 1u) % 4u);
        assert_memory_equal(view->entries[i].label, label, FORGE_SNAPSHOT_LABEL_SIZE - 1u);
        assert_int_equal(view->entries[i].label[FORGE_SNAPSHOT_LABEL_SIZE - 1u], '\0');
    }
    /* a second complete round replaces it */
    PublishThreePages();
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->generation, 2u);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->kept, 15u);
}

static void test_failure_mid_round_keeps_previous_snapshot(void **state)
{
    (void)state;
    PublishThreePages();
    const ForgeSnapshotView_t *before = ForgeSnapshot_Published(&g_snap);
    memcpy(&g_saved, before, sizeof g_saved);

    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    assert_int_equal(FeedFixture("round_page1.json"), FORGE_SNAPSHOT_NEED_NEXT_PAGE);
    /* page 2 arrives cut short: parse error, round aborted */
    static const char cut[] = "{\"data\":[{\"id\":\"9\",\"attributes\":{\"status\":\"stopping\"}}";
    assert_int_equal(FeedBytes(cut, sizeof cut - 1u), FORGE_SNAPSHOT_ERR_ARG);
    assert_memory_equal(ForgeSnapshot_Published(&g_snap), &g_saved, sizeof g_saved);
    /* the dead round accepts nothing more, and cannot publish */
    assert_int_equal(FeedFixture("round_page3.json"), FORGE_SNAPSHOT_ERR_NO_ROUND);
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_ERR_NO_ROUND);
    assert_memory_equal(ForgeSnapshot_Published(&g_snap), &g_saved, sizeof g_saved);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->generation, 1u);
}

/* Any number of records: every one counted; FORGE_MAX_RECORDS kept, problems first. */
static void test_counts_every_record_keeps_problems_first(void **state)
{
    (void)state;
    ForgeRecord_t record;
    memset(&record, 0, sizeof record);
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    /* 150 healthy, then 10 problems, then 40 more healthy: 200 in all */
    for (uint32_t i = 0u; i < 200u; i++) {
        const bool problem = (i >= 150u) && (i < 160u);
        record.status = problem ? FORGE_STATUS_STOPPING
                                : (((i % 2u) == 0u) ? FORGE_STATUS_RUNNING : FORGE_STATUS_INSTALLED);
        (void)snprintf(record.command, sizeof record.command, "%s %u", problem ? "bad" : "ok", i);
        assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    }
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    const ForgeSnapshotView_t *view = ForgeSnapshot_Published(&g_snap);
    assert_int_equal(view->total, 200u);
    assert_int_equal(view->kept, FORGE_MAX_RECORDS);
    assert_int_equal(view->by_status[FORGE_STATUS_STOPPING], 10u);
    assert_int_equal(view->by_status[FORGE_STATUS_RUNNING] + view->by_status[FORGE_STATUS_INSTALLED], 190u);
    size_t problems = 0u;
    for (size_t i = 0u; i < view->kept; i++) {
        problems += (view->entries[i].status == FORGE_STATUS_STOPPING) ? 1u : 0u;
    }
    assert_int_equal(problems, 10u); /* every problem kept, though they came after the 64th */
    /* exactly FORGE_MAX_RECORDS: all kept */
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    record.status = FORGE_STATUS_RUNNING;
    for (uint32_t i = 0u; i < FORGE_MAX_RECORDS; i++) {
        assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    }
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->kept, FORGE_MAX_RECORDS);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->total, FORGE_MAX_RECORDS);
    /* more problems than fit: the first ones stay, every one is counted */
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    record.status = FORGE_STATUS_UNKNOWN;
    for (uint32_t i = 0u; i < (2u * FORGE_MAX_RECORDS); i++) {
        (void)snprintf(record.command, sizeof record.command, "p%u", i);
        assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    }
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    view = ForgeSnapshot_Published(&g_snap);
    assert_int_equal(view->by_status[FORGE_STATUS_UNKNOWN], 2u * FORGE_MAX_RECORDS);
    assert_string_equal(view->entries[FORGE_MAX_RECORDS - 1u].label, "p63");
}

static void test_too_many_pages_fails_round(void **state)
{
    (void)state;
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    for (size_t i = 1u; i < FORGE_MAX_PAGES_PER_ROUND; i++) {
        assert_int_equal(ForgeSnapshot_EndPage(&g_snap, true), FORGE_SNAPSHOT_NEED_NEXT_PAGE);
    }
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, true), FORGE_SNAPSHOT_ERR_TOO_MANY_PAGES);
    assert_null(ForgeSnapshot_Published(&g_snap));
    /* the maximum number of pages, the last one final, publishes */
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    for (size_t i = 1u; i < FORGE_MAX_PAGES_PER_ROUND; i++) {
        assert_int_equal(ForgeSnapshot_EndPage(&g_snap, true), FORGE_SNAPSHOT_NEED_NEXT_PAGE);
    }
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->pages, FORGE_MAX_PAGES_PER_ROUND);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->kept, 0u);
}

/* Records are counted as they come, repeated ids too (no id memory); labels stop at UTF-8. */
static void test_repeats_and_labels(void **state)
{
    (void)state;
    ForgeRecord_t record;
    memset(&record, 0, sizeof record);
    record.status = FORGE_STATUS_COUNT; /* out of range: counted as unknown */
    /* 18 ASCII bytes then a 3-byte sequence: the label stops before it */
    (void)snprintf(record.command, sizeof record.command, "%s", "123456789012345678\xe2\x82\xac!");
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    (void)snprintf(record.command, sizeof record.command, "%s", "short");
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    const ForgeSnapshotView_t *view = ForgeSnapshot_Published(&g_snap);
    assert_int_equal(view->kept, 3u);
    assert_int_equal(view->total, 3u);
    assert_int_equal(view->by_status[FORGE_STATUS_UNKNOWN], 3u);
    assert_int_equal(view->entries[0].status, FORGE_STATUS_UNKNOWN);
    assert_string_equal(view->entries[0].label, "123456789012345678");
    assert_int_equal(view->entries[0].label_truncated, 1u);
    assert_string_equal(view->entries[2].label, "short");
    assert_int_equal(view->entries[2].label_truncated, 0u);
}

/* A labeler that keeps the last word and writes more than fits, to check the cap. */
static bool LastWordLabel(const char *command, char label[], size_t cap)
{
    const char *word = strrchr(command, ' ');
    word = (word != NULL) ? word + 1 : command;
    const size_t len = strlen(word);
    const size_t n = (len < cap - 1u) ? len : cap - 1u;
    memcpy(label, word, n);
    label[n] = '\0';
    return n < len;
}

static void test_labeler_makes_the_labels(void **state)
{
    (void)state;
    ForgeRecord_t record;
    memset(&record, 0, sizeof record);
    ForgeSnapshot_SetLabeler(&g_snap, LastWordLabel);
    ForgeSnapshot_SetLabeler(NULL, LastWordLabel);
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    (void)snprintf(record.command, sizeof record.command, "%s", "php artisan queue:work");
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    (void)snprintf(record.command, sizeof record.command, "%s", "run abcdefghijklmnopqrstuvwxyz");
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    const ForgeSnapshotView_t *view = ForgeSnapshot_Published(&g_snap);
    assert_string_equal(view->entries[0].label, "queue:work");
    assert_int_equal(view->entries[0].label_truncated, 0u);
    assert_int_equal(strlen(view->entries[1].label), FORGE_SNAPSHOT_LABEL_SIZE - 1u);
    assert_int_equal(view->entries[1].label_truncated, 1u);
    /* back to the leading bytes */
    ForgeSnapshot_SetLabeler(&g_snap, NULL);
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, &record), FORGE_SNAPSHOT_OK);
    assert_int_equal(ForgeSnapshot_EndPage(&g_snap, false), FORGE_SNAPSHOT_PUBLISHED);
    assert_string_equal(ForgeSnapshot_Published(&g_snap)->entries[0].label, "run abcdefghijklmno");
}

static void test_empty_round_publishes_empty_snapshot(void **state)
{
    (void)state;
    PublishThreePages();
    assert_int_equal(ForgeSnapshot_BeginRound(&g_snap), FORGE_SNAPSHOT_OK);
    assert_int_equal(FeedFixture("empty.json"), FORGE_SNAPSHOT_PUBLISHED);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->kept, 0u);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->by_status[FORGE_STATUS_RUNNING], 0u);
    assert_int_equal(ForgeSnapshot_Published(&g_snap)->generation, 2u);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ForgeSnapshot_Init(NULL);
    ForgeSnapshot_AbortRound(NULL);
    assert_int_equal(ForgeSnapshot_BeginRound(NULL), FORGE_SNAPSHOT_ERR_ARG);
    assert_int_equal(ForgeSnapshot_AddRecord(NULL, &g_work.record), FORGE_SNAPSHOT_ERR_ARG);
    assert_int_equal(ForgeSnapshot_AddRecord(&g_snap, NULL), FORGE_SNAPSHOT_ERR_ARG);
    assert_int_equal(ForgeSnapshot_EndPage(NULL, false), FORGE_SNAPSHOT_ERR_ARG);
    assert_null(ForgeSnapshot_Published(NULL));
}

static void test_paging_is_the_configured_size(void **state)
{
    (void)state;
    ForgePaging_t paging;
    ForgePaging_Init(&paging);
    assert_int_equal(ForgePaging_Size(&paging), FORGE_PAGE_SIZE_DEFAULT);
    ForgePaging_InitSize(&paging, 7u);
    assert_int_equal(ForgePaging_Size(&paging), 7u);
    ForgePaging_InitSize(&paging, (uint16_t)(FORGE_PAGE_SIZE_MAX + 1u));
    assert_int_equal(ForgePaging_Size(&paging), FORGE_PAGE_SIZE_MAX);
    ForgePaging_InitSize(&paging, 0u);
    assert_int_equal(ForgePaging_Size(&paging), FORGE_PAGE_SIZE_DEFAULT);
    ForgePaging_InitSize(NULL, 5u);
    assert_int_equal(ForgePaging_Size(NULL), FORGE_PAGE_SIZE_MIN);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_nothing_published_before_first_round, Setup),
        cmocka_unit_test_setup(test_three_pages_make_one_snapshot, Setup),
        cmocka_unit_test_setup(test_failure_mid_round_keeps_previous_snapshot, Setup),
        cmocka_unit_test_setup(test_counts_every_record_keeps_problems_first, Setup),
        cmocka_unit_test_setup(test_too_many_pages_fails_round, Setup),
        cmocka_unit_test_setup(test_repeats_and_labels, Setup),
        cmocka_unit_test_setup(test_labeler_makes_the_labels, Setup),
        cmocka_unit_test_setup(test_empty_round_publishes_empty_snapshot, Setup),
        cmocka_unit_test_setup(test_bad_arguments, Setup),
        cmocka_unit_test_setup(test_paging_is_the_configured_size, Setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
