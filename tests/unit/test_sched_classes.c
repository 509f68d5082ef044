/* Unit tests of firmware/sched: backoff by failure class (issue 16 item 4). Transient
 * failures back off with jitter, never beyond max(2 x interval, 60 s) (and the global cap);
 * failures that will not heal (401/403/404) wait at least 5 minutes from the second in a row;
 * Sched_RetryNow (configuration changed) makes the watch due at once; the request budget holds
 * whatever the class. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/sched/sched.h"
#include "firmware/sched/sched_backoff.h"

#define SECOND_MS 1000u
#define MINUTE_MS 60000u

static Sched_t g_sched;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(Sched_Init(&g_sched, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM), SCHED_OK);
    return 0;
}

static size_t add_watch(uint32_t now, uint32_t interval)
{
    size_t index = 99u;
    assert_int_equal(Sched_AddWatch(&g_sched, now, interval, 0u, &index), SCHED_OK);
    return index;
}

/* Runs the round of watch w (one request) at now and ends it with outcome; returns the wait
 * the scheduler set (checked: not due 1 ms before it when the budget is not in the way). */
static uint32_t round_and_wait(size_t w, uint32_t now, SchedOutcome_t outcome, uint32_t random)
{
    size_t due = 99u;
    assert_int_equal(Sched_NextDue(&g_sched, now, &due), SCHED_OK);
    assert_int_equal(due, w);
    assert_true(Sched_MayRequest(&g_sched, now));
    Sched_OnRequest(&g_sched, now);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, w, outcome, random), SCHED_OK);
    const uint32_t wait = g_sched.watches[w].wait_ms; /* white box: the exact wait */
    assert_int_equal(g_sched.watches[w].wait_from_ms, now);
    if (wait > 0u) {
        assert_int_equal(Sched_NextDue(&g_sched, now + wait - 1u, &due), SCHED_NOT_DUE);
    }
    return wait;
}

static void test_transient_cap_values(void **state)
{
    (void)state;
    assert_int_equal(SchedBackoff_TransientCapMs(10u * SECOND_MS), 60000u);  /* 2 x 10 s < 60 s */
    assert_int_equal(SchedBackoff_TransientCapMs(30u * SECOND_MS), 60000u);
    assert_int_equal(SchedBackoff_TransientCapMs(60u * SECOND_MS), 120000u); /* 2 x interval */
    assert_int_equal(SchedBackoff_TransientCapMs(100u * SECOND_MS), 200000u);
    assert_int_equal(SchedBackoff_TransientCapMs(3600u * SECOND_MS), SCHED_BACKOFF_CAP_MS);
    assert_int_equal(SchedBackoff_TransientCapMs(SCHED_INTERVAL_MAX_MS), SCHED_BACKOFF_CAP_MS);
    for (uint32_t e = 1u; e <= 40u; e++) {
        assert_true(SchedBackoff_TransientMs(e, UINT32_MAX, 60000u) <= 60000u);
        assert_int_equal(SchedBackoff_TransientMs(e, 0u, 60000u), SCHED_BACKOFF_FLOOR_MS);
    }
    assert_int_equal(SchedBackoff_TransientMs(40u, UINT32_MAX, 60000u), 60000u);
}

/* A run of malformed bodies (or 5xx, network, TLS): the wait grows with jitter, never past
 * 60 s for a 10 s interval, so a healed server is polled again within a minute. */
static void test_transient_run_stays_within_a_minute(void **state)
{
    (void)state;
    uint32_t now = 0u;
    const size_t w = add_watch(now, 10u * SECOND_MS);
    now = 10u * SECOND_MS;
    uint32_t longest = 0u;
    for (uint32_t i = 0u; i < 30u; i++) {
        const uint32_t random = (i % 3u == 0u) ? 0u : ((i % 3u == 1u) ? 0x80000000u : UINT32_MAX);
        const uint32_t wait = round_and_wait(w, now, SCHED_OUTCOME_ERROR, random);
        assert_true(wait >= SCHED_BACKOFF_FLOOR_MS);
        assert_true(wait <= 60000u);
        longest = (wait > longest) ? wait : longest;
        now += wait;
    }
    assert_int_equal(longest, 60000u); /* the cap is reached, not passed */
    /* healed: one interval after the good round */
    assert_int_equal(round_and_wait(w, now, SCHED_OUTCOME_OK, UINT32_MAX), 10u * SECOND_MS);
}

/* A 60 s watch: the cap is 2 x interval = 120 s. */
static void test_transient_cap_follows_interval(void **state)
{
    (void)state;
    uint32_t now = 0u;
    const size_t w = add_watch(now, MINUTE_MS);
    now = MINUTE_MS;
    uint32_t longest = 0u;
    for (uint32_t i = 0u; i < 12u; i++) {
        const uint32_t wait = round_and_wait(w, now, SCHED_OUTCOME_ERROR, UINT32_MAX);
        assert_true(wait <= 120000u);
        longest = (wait > longest) ? wait : longest;
        now += wait;
    }
    assert_int_equal(longest, 120000u);
}

/* 401/403/404: the first may be a blip (short backoff), from the second in a row at most one
 * request per 5 minutes; no four retries within 30 s. */
static void test_permanent_failures_wait_five_minutes(void **state)
{
    (void)state;
    uint32_t now = 0u;
    const size_t w = add_watch(now, 10u * SECOND_MS);
    now = 10u * SECOND_MS;
    const uint32_t first = round_and_wait(w, now, SCHED_OUTCOME_PERMANENT, UINT32_MAX);
    assert_true(first <= SCHED_BACKOFF_BASE_MS);
    now += first;
    for (uint32_t i = 0u; i < 6u; i++) {
        const uint32_t random = (i % 2u == 0u) ? 0u : UINT32_MAX;
        const uint32_t wait = round_and_wait(w, now, SCHED_OUTCOME_PERMANENT, random);
        assert_true(wait >= SCHED_PERMANENT_WAIT_MS);
        assert_true(wait <= (SCHED_PERMANENT_WAIT_MS + SCHED_PERMANENT_JITTER_MS + 100u));
        now += wait;
    }
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, now, &stats), SCHED_OK);
    assert_int_equal(stats.rounds_permanent, 7u);
    assert_int_equal(stats.rounds_error, 0u);
    /* a transient failure in between starts the count again: the next 401 is a "first" */
    assert_true(round_and_wait(w, now, SCHED_OUTCOME_ERROR, 0u) <= 60000u);
    now += SCHED_BACKOFF_FLOOR_MS;
}

/* A watch polled less often than every 5 minutes keeps its own interval as the floor. */
static void test_permanent_wait_is_at_least_the_interval(void **state)
{
    (void)state;
    assert_int_equal(SchedBackoff_PermanentMs(10u * SECOND_MS, 0u), SCHED_PERMANENT_WAIT_MS);
    assert_int_equal(SchedBackoff_PermanentMs(3600u * SECOND_MS, 0u), 3600u * SECOND_MS);
    assert_int_equal(SchedBackoff_PermanentMs(10u * SECOND_MS, UINT32_MAX),
                     SCHED_PERMANENT_WAIT_MS + SCHED_PERMANENT_JITTER_MS);
}

/* The configuration changed: the watch is due at once, with no backoff left over. */
static void test_retry_now_after_configuration_change(void **state)
{
    (void)state;
    uint32_t now = 0u;
    const size_t w = add_watch(now, 10u * SECOND_MS);
    now = 10u * SECOND_MS;
    now += round_and_wait(w, now, SCHED_OUTCOME_PERMANENT, UINT32_MAX);
    (void)round_and_wait(w, now, SCHED_OUTCOME_PERMANENT, UINT32_MAX);
    now += 2u * SECOND_MS; /* well inside the 5-minute wait */
    size_t due = 99u;
    assert_int_equal(Sched_NextDue(&g_sched, now, &due), SCHED_NOT_DUE);
    assert_int_equal(Sched_RetryNow(&g_sched, now, w), SCHED_OK);
    assert_int_equal(Sched_NextDue(&g_sched, now, &due), SCHED_OK);
    assert_int_equal(due, w);
    /* the backoff is forgotten: the next 401 is a first one again */
    assert_true(round_and_wait(w, now, SCHED_OUTCOME_PERMANENT, UINT32_MAX) <= SCHED_BACKOFF_BASE_MS);
    assert_int_equal(Sched_RetryNow(&g_sched, now, 5u), SCHED_ERR_ARG);
    assert_int_equal(Sched_RetryNow(NULL, now, w), SCHED_ERR_ARG);
}

/* The budget holds in every case: retry-now on every pass and every class of failure never
 * puts more than budget - headroom requests into one 60 s window, and a server hold stops
 * even a watch whose configuration changed. */
static void test_budget_holds_for_every_class(void **state)
{
    (void)state;
    uint32_t now = 0u;
    size_t w[4];
    for (size_t i = 0u; i < 4u; i++) {
        w[i] = add_watch(now, 10u * SECOND_MS);
    }
    const SchedOutcome_t outcomes[4] = { SCHED_OUTCOME_ERROR, SCHED_OUTCOME_PERMANENT, SCHED_OUTCOME_OK,
                                         SCHED_OUTCOME_PERMANENT };
    uint32_t sent = 0u;
    for (uint32_t step = 0u; step < 20000u; step++) {
        now += 50u;
        for (size_t i = 0u; i < 4u; i++) {
            (void)Sched_RetryNow(&g_sched, now, w[i]);
        }
        size_t due = 99u;
        if (Sched_NextDue(&g_sched, now, &due) == SCHED_OK) {
            SchedOutcome_t outcome = outcomes[due];
            if (Sched_MayRequest(&g_sched, now)) {
                Sched_OnRequest(&g_sched, now);
                sent++;
            } else {
                outcome = SCHED_OUTCOME_DEFERRED;
            }
            assert_int_equal(Sched_OnRoundEnd(&g_sched, now, due, outcome, step * 2654435761u), SCHED_OK);
        }
    }
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, now, &stats), SCHED_OK);
    assert_true(stats.max_in_window <= (SCHED_BUDGET_PER_MIN - SCHED_BUDGET_HEADROOM));
    assert_true(sent > 100u);
    /* Retry-After: nothing may go, retry-now or not */
    const SchedResponse_t hold = { true, true, false, false, 30u, 0u, 0u };
    Sched_OnResponse(&g_sched, now, &hold);
    (void)Sched_RetryNow(&g_sched, now + 1000u, w[0]);
    assert_false(Sched_MayRequest(&g_sched, now + 1000u));
    size_t due = 99u;
    assert_int_equal(Sched_NextDue(&g_sched, now + 1000u, &due), SCHED_NOT_DUE);
}

static void test_status_names(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < (uint32_t)SCHED_STATUS_COUNT; i++) {
        const char *name = Sched_StatusName((SchedStatus_t)i);
        assert_true(strlen(name) > 0u);
        for (uint32_t j = 0u; j < i; j++) {
            assert_true(strcmp(name, Sched_StatusName((SchedStatus_t)j)) != 0);
        }
    }
    assert_string_equal(Sched_StatusName(SCHED_ERR_INTERVAL), "bad interval");
    assert_string_equal(Sched_StatusName(SCHED_STATUS_COUNT), "unknown sched status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transient_cap_values),
        cmocka_unit_test_setup(test_transient_run_stays_within_a_minute, setup),
        cmocka_unit_test_setup(test_transient_cap_follows_interval, setup),
        cmocka_unit_test_setup(test_permanent_failures_wait_five_minutes, setup),
        cmocka_unit_test(test_permanent_wait_is_at_least_the_interval),
        cmocka_unit_test_setup(test_retry_now_after_configuration_change, setup),
        cmocka_unit_test_setup(test_budget_holds_for_every_class, setup),
        cmocka_unit_test_setup(test_status_names, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
