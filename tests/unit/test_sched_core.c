/* Unit tests of firmware/sched: set-up, start offsets, backoff, round-robin, sleep advice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "firmware/sched/sched.h"
#include "firmware/sched/sched_backoff.h"

#define MINUTE_MS 60000u
#define NEAR_WRAP 0xFFFFF000u

static Sched_t g_sched;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(Sched_Init(&g_sched, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM), SCHED_OK);
    return 0;
}

static size_t add_watch(uint32_t now, uint32_t interval, uint32_t random)
{
    size_t index = 99u;
    assert_int_equal(Sched_AddWatch(&g_sched, now, interval, random, &index), SCHED_OK);
    return index;
}

/* Asserts that watch `expected` is the one due at now and returns it. */
static size_t expect_due(uint32_t now, size_t expected)
{
    size_t index = 99u;
    assert_int_equal(Sched_NextDue(&g_sched, now, &index), SCHED_OK);
    assert_int_equal(index, expected);
    assert_int_equal(Sched_MsUntilNext(&g_sched, now), 0u);
    return index;
}

static void expect_not_due(uint32_t now)
{
    size_t index = 99u;
    assert_int_equal(Sched_NextDue(&g_sched, now, &index), SCHED_NOT_DUE);
    assert_int_equal(index, 99u);
    assert_true(Sched_MsUntilNext(&g_sched, now) > 0u);
}

static void test_init_and_add_arguments(void **state)
{
    (void)state;
    Sched_t other;
    size_t index = 0u;
    assert_int_equal(Sched_Init(NULL, 60u, 6u), SCHED_ERR_ARG);
    assert_int_equal(Sched_Init(&other, SCHED_BUDGET_PER_MIN + 1u, 0u), SCHED_ERR_BUDGET);
    assert_int_equal(Sched_Init(&other, 0u, 0u), SCHED_ERR_BUDGET);
    assert_int_equal(Sched_Init(&other, 10u, 10u), SCHED_ERR_BUDGET);
    /* A failed Init leaves the scheduler unusable rather than half set up. */
    assert_int_equal(Sched_AddWatch(&other, 0u, MINUTE_MS, 0u, &index), SCHED_ERR_ARG);
    assert_int_equal(Sched_NextDue(&other, 0u, &index), SCHED_ERR_ARG);
    assert_false(Sched_MayRequest(&other, 0u));
    assert_int_equal(Sched_MsUntilNext(&other, 0u), SCHED_SLEEP_MAX_MS);

    assert_int_equal(Sched_AddWatch(&g_sched, 0u, SCHED_INTERVAL_MIN_MS - 1u, 0u, &index),
                     SCHED_ERR_INTERVAL);
    assert_int_equal(Sched_AddWatch(&g_sched, 0u, SCHED_INTERVAL_MAX_MS + 1u, 0u, &index),
                     SCHED_ERR_INTERVAL);
    assert_int_equal(Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, NULL), SCHED_ERR_ARG);
    for (size_t i = 0u; i < (size_t)SCHED_MAX_WATCHES; i++)
    {
        assert_int_equal(add_watch(0u, MINUTE_MS, 0u), i);
    }
    assert_int_equal(Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, &index), SCHED_ERR_FULL);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, 0u, SCHED_MAX_WATCHES, SCHED_OUTCOME_OK, 0u),
                     SCHED_ERR_ARG);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, 0u, 0u, (SchedOutcome_t)42, 0u), SCHED_ERR_ARG);
    assert_int_equal(Sched_NextDue(&g_sched, 0u, NULL), SCHED_ERR_ARG);
    assert_int_equal(Sched_GetStats(&g_sched, 0u, NULL), SCHED_ERR_ARG);
}

static void test_no_watches_sleeps_at_most_the_cap(void **state)
{
    (void)state;
    expect_not_due(123u);
    assert_int_equal(Sched_MsUntilNext(&g_sched, 123u), SCHED_SLEEP_MAX_MS);
}

static void test_start_offset_extremes(void **state)
{
    (void)state;
    const uint32_t t0 = NEAR_WRAP;
    const size_t first = add_watch(t0, MINUTE_MS, 0u);
    expect_due(t0, first);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, t0, first, SCHED_OUTCOME_OK, 0u), SCHED_OK);

    assert_int_equal(Sched_Init(&g_sched, 60u, 6u), SCHED_OK);
    const size_t last = add_watch(t0, MINUTE_MS, UINT32_MAX);
    /* [0, interval): the largest random value gives interval - 1, across the clock wrap. */
    assert_int_equal(Sched_MsUntilNext(&g_sched, t0), MINUTE_MS - 1u);
    expect_not_due(t0 + MINUTE_MS - 2u);
    expect_due(t0 + MINUTE_MS - 1u, last);
}

static void test_start_offsets_follow_random_and_spread(void **state)
{
    (void)state;
    /* Eight panels (one watch each) with evenly spread random values start evenly spread. */
    for (uint32_t i = 0u; i < 8u; i++)
    {
        assert_int_equal(Sched_Init(&g_sched, 60u, 6u), SCHED_OK);
        (void)add_watch(1000u, MINUTE_MS, i * 0x20000000u);
        assert_int_equal(Sched_MsUntilNext(&g_sched, 1000u), i * 7500u);
    }
    /* A uniform source fills every tenth of the interval about equally. */
    uint32_t buckets[10] = { 0u };
    uint32_t x = 0x12345678u;
    for (uint32_t n = 0u; n < 2000u; n++)
    {
        x ^= x << 13u;
        x ^= x >> 17u;
        x ^= x << 5u;
        assert_int_equal(Sched_Init(&g_sched, 60u, 6u), SCHED_OK);
        (void)add_watch(5u, MINUTE_MS, x);
        const uint32_t offset = Sched_MsUntilNext(&g_sched, 5u);
        assert_true(offset < MINUTE_MS);
        buckets[offset / 6000u]++;
    }
    for (size_t b = 0u; b < 10u; b++)
    {
        assert_in_range(buckets[b], 140u, 260u);
    }
}

/* The delay the scheduler chose after the round ended at `now` (sleep advice, capped). */
static uint32_t delay_after(size_t watch, uint32_t now, SchedOutcome_t outcome, uint32_t random)
{
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, watch, outcome, random), SCHED_OK);
    return Sched_MsUntilNext(&g_sched, now);
}

/* Ends the round of the only watch with an error and checks that it is due again exactly
 * `expected` ms later (not 1 ms earlier); returns the new time. */
static uint32_t expect_error_delay(size_t watch, uint32_t now, uint32_t random, uint32_t expected)
{
    const uint32_t advice = delay_after(watch, now, SCHED_OUTCOME_ERROR, random);
    assert_int_equal(advice, (expected < SCHED_SLEEP_MAX_MS) ? expected : SCHED_SLEEP_MAX_MS);
    expect_not_due(now + expected - 1u);
    (void)expect_due(now + expected, watch);
    return now + expected;
}

static void test_backoff_bounds_per_attempt_and_cap(void **state)
{
    (void)state;
    /* Ceilings with the defaults: 5 s doubling to the 300 s cap. */
    static const uint32_t ceiling[] = { 5000u, 10000u, 20000u, 40000u, 80000u, 160000u,
                                        300000u, 300000u, 300000u, 300000u };
    uint32_t now = 1000u;
    const size_t w = add_watch(now, 3600000u, 0u);
    for (uint32_t attempt = 1u; attempt <= 40u; attempt++)
    {
        const uint32_t top = (attempt <= 10u) ? ceiling[attempt - 1u] : SCHED_BACKOFF_CAP_MS;
        assert_int_equal(SchedBackoff_CeilingMs(attempt), top);
        assert_int_equal(SchedBackoff_DelayMs(attempt, 0u), SCHED_BACKOFF_FLOOR_MS);
        assert_int_equal(SchedBackoff_DelayMs(attempt, UINT32_MAX), top);
        assert_int_equal(SchedBackoff_DelayMs(attempt, 0x80000000u),
                         SCHED_BACKOFF_FLOOR_MS + ((top - SCHED_BACKOFF_FLOOR_MS + 1u) / 2u));

        /* Through the scheduler: alternate the jitter extremes on a real error sequence. */
        (void)expect_due(now, w);
        if ((attempt % 2u) == 0u)
        {
            now = expect_error_delay(w, now, UINT32_MAX, top);
        }
        else
        {
            now = expect_error_delay(w, now, 0u, SCHED_BACKOFF_FLOOR_MS);
        }
    }
}

static void test_backoff_resets_after_success(void **state)
{
    (void)state;
    uint32_t now = 0u;
    const size_t w = add_watch(now, MINUTE_MS, 0u);
    /* a 60 s interval caps transient backoff at max(2 x 60 s, 60 s) = 120 s */
    for (uint32_t i = 1u; i <= 6u; i++)
    {
        (void)expect_due(now, w);
        const uint32_t ceiling = SchedBackoff_CeilingMs(i);
        now = expect_error_delay(w, now, UINT32_MAX, (ceiling < 120000u) ? ceiling : 120000u);
    }
    assert_int_equal(SchedBackoff_CeilingMs(6u), 160000u);
    assert_int_equal(delay_after(w, now, SCHED_OUTCOME_OK, UINT32_MAX), MINUTE_MS);
    now += MINUTE_MS;
    (void)expect_due(now, w);
    /* The first error after a success starts again at the base ceiling. */
    assert_int_equal(delay_after(w, now, SCHED_OUTCOME_ERROR, UINT32_MAX), SCHED_BACKOFF_BASE_MS);

    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, now, &stats), SCHED_OK);
    assert_int_equal(stats.rounds_error, 7u);
    assert_int_equal(stats.rounds_ok, 1u);
}

static void test_deferred_and_rate_limited_are_not_errors(void **state)
{
    (void)state;
    const size_t w = add_watch(0u, MINUTE_MS, 0u);
    (void)expect_due(0u, w);
    assert_int_equal(delay_after(w, 10u, SCHED_OUTCOME_DEFERRED, UINT32_MAX), 0u);
    assert_int_equal(delay_after(w, 20u, SCHED_OUTCOME_RATE_LIMITED, UINT32_MAX), 0u);
    /* The next error is still the first one: no backoff was counted. */
    assert_int_equal(delay_after(w, 30u, SCHED_OUTCOME_ERROR, UINT32_MAX), SCHED_BACKOFF_BASE_MS);
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, 30u, &stats), SCHED_OK);
    assert_int_equal(stats.rounds_deferred, 1u);
    assert_int_equal(stats.rounds_rate_limited, 1u);
    assert_int_equal(stats.rounds_error, 1u);
}

static void test_round_robin_when_due_together(void **state)
{
    (void)state;
    for (size_t i = 0u; i < 4u; i++)
    {
        (void)add_watch(0u, SCHED_INTERVAL_MIN_MS, 0u);
    }
    /* Every watch is due all the time (rounds are slower than the interval): served in turn,
     * including when the round was deferred or rate-limited. */
    static const SchedOutcome_t outcomes[] = { SCHED_OUTCOME_OK, SCHED_OUTCOME_DEFERRED,
                                               SCHED_OUTCOME_RATE_LIMITED, SCHED_OUTCOME_OK };
    uint32_t served[4] = { 0u };
    uint32_t now = 0u;
    for (uint32_t round = 0u; round < 400u; round++)
    {
        const size_t w = expect_due(now, (size_t)(round % 4u));
        served[w]++;
        now += 1500u;
        assert_int_equal(Sched_OnRoundEnd(&g_sched, now, w, outcomes[(round / 4u) % 4u], 0u),
                         SCHED_OK);
        now += 1000u;
    }
    for (size_t i = 0u; i < 4u; i++)
    {
        assert_int_equal(served[i], 100u);
    }
}

static void test_frequent_watch_does_not_starve_others(void **state)
{
    (void)state;
    /* Watch 0 is always due again at once (deferred); watch 2 becomes due later and must get
     * the very next turn after watch 0's, not wait behind it. */
    const size_t busy = add_watch(0u, SCHED_INTERVAL_MIN_MS, 0u);
    const size_t idle = add_watch(0u, MINUTE_MS, UINT32_MAX);
    const size_t late = add_watch(0u, 5000u, 0xCCCCCCCCu); /* due at 3999 */
    uint32_t now = 0u;
    for (uint32_t i = 0u; i < 4u; i++)
    {
        (void)expect_due(now, busy);
        now += 1000u;
        assert_int_equal(Sched_OnRoundEnd(&g_sched, now, busy, SCHED_OUTCOME_DEFERRED, 0u),
                         SCHED_OK);
    }
    (void)expect_due(now, late);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, late, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    (void)expect_due(now, busy);
    (void)idle;
}

static void test_multi_page_watch_waits_for_room(void **state)
{
    (void)state;
    /* limit 5: watch 0 needs 4 requests per round, watch 1 needs 1. */
    assert_int_equal(Sched_Init(&g_sched, 6u, 1u), SCHED_OK);
    const size_t big = add_watch(0u, SCHED_INTERVAL_MIN_MS, 0u);
    const size_t small = add_watch(0u, SCHED_INTERVAL_MIN_MS, 0u);
    uint32_t now = 0u;
    (void)expect_due(now, big);
    for (uint32_t p = 0u; p < 4u; p++)
    {
        assert_true(Sched_MayRequest(&g_sched, now));
        Sched_OnRequest(&g_sched, now);
        now += 100u;
    }
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, big, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    (void)expect_due(now, small);
    assert_true(Sched_MayRequest(&g_sched, now));
    Sched_OnRequest(&g_sched, now); /* 5 requests in the window: full */
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, small, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    now += 5000u;
    /* Big needs 4 free slots: the first four requests (at 0..300) must leave the window. */
    expect_not_due(now);
    assert_int_equal(Sched_MsUntilNext(&g_sched, now), MINUTE_MS + 300u - now);
    expect_not_due(MINUTE_MS + 299u);
    (void)expect_due(MINUTE_MS + 300u, big);
}

static void test_deferred_round_learns_it_needs_more(void **state)
{
    (void)state;
    assert_int_equal(Sched_Init(&g_sched, 4u, 0u), SCHED_OK);
    const size_t w = add_watch(0u, SCHED_INTERVAL_MIN_MS, 0u);
    uint32_t now = 0u;
    /* Three rounds of one page fill 3 of 4 slots; then the watch needs 2 pages. */
    for (uint32_t i = 0u; i < 3u; i++)
    {
        (void)expect_due(now, w);
        Sched_OnRequest(&g_sched, now);
        assert_int_equal(Sched_OnRoundEnd(&g_sched, now, w, SCHED_OUTCOME_OK, 0u), SCHED_OK);
        now += SCHED_INTERVAL_MIN_MS;
    }
    (void)expect_due(now, w);
    assert_true(Sched_MayRequest(&g_sched, now));
    Sched_OnRequest(&g_sched, now); /* page 1 at 3000 */
    assert_false(Sched_MayRequest(&g_sched, now + 10u));
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now + 10u, w, SCHED_OUTCOME_DEFERRED, 0u),
                     SCHED_OK);
    /* Now 2 slots are needed: the requests at 0 and 1000 must leave, not only the first. */
    expect_not_due(MINUTE_MS);
    assert_int_equal(Sched_MsUntilNext(&g_sched, MINUTE_MS), 1000u);
    (void)expect_due(MINUTE_MS + 1000u, w);
}

static void test_sleep_advice_is_exact(void **state)
{
    (void)state;
    const uint32_t t0 = 0xFFFFFFFFu - 20000u;
    (void)add_watch(t0, MINUTE_MS, 0x40000000u);  /* due at t0 + 15000 */
    (void)add_watch(t0, 20000u, 0x80000000u);     /* due at t0 + 10000 */
    assert_int_equal(Sched_MsUntilNext(&g_sched, t0), 10000u);
    expect_not_due(t0 + 9999u);
    (void)expect_due(t0 + 10000u, 1u);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, t0 + 10000u, 1u, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    assert_int_equal(Sched_MsUntilNext(&g_sched, t0 + 10000u), 5000u);
    /* After the wrap. */
    (void)expect_due(t0 + 15000u, 0u);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, t0 + 15000u, 0u, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    assert_int_equal(Sched_MsUntilNext(&g_sched, t0 + 15000u), 15000u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_init_and_add_arguments, setup),
        cmocka_unit_test_setup(test_no_watches_sleeps_at_most_the_cap, setup),
        cmocka_unit_test_setup(test_start_offset_extremes, setup),
        cmocka_unit_test_setup(test_start_offsets_follow_random_and_spread, setup),
        cmocka_unit_test_setup(test_backoff_bounds_per_attempt_and_cap, setup),
        cmocka_unit_test_setup(test_backoff_resets_after_success, setup),
        cmocka_unit_test_setup(test_deferred_and_rate_limited_are_not_errors, setup),
        cmocka_unit_test_setup(test_round_robin_when_due_together, setup),
        cmocka_unit_test_setup(test_frequent_watch_does_not_starve_others, setup),
        cmocka_unit_test_setup(test_multi_page_watch_waits_for_room, setup),
        cmocka_unit_test_setup(test_deferred_round_learns_it_needs_more, setup),
        cmocka_unit_test_setup(test_sleep_advice_is_exact, setup),
    };
    return cmocka_run_group_tests_name("sched_core", tests, NULL, NULL);
}
