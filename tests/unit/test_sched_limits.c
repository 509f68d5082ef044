/* Unit tests of firmware/sched: the sliding-window budget and the server's wait orders
 * (Retry-After, X-RateLimit-Remaining / -Reset), also across the 2^32 ms clock wrap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "firmware/sched/sched.h"

#define MINUTE_MS 60000u

static Sched_t g_sched;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(Sched_Init(&g_sched, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM), SCHED_OK);
    return 0;
}

static void send(uint32_t now)
{
    assert_true(Sched_MayRequest(&g_sched, now));
    Sched_OnRequest(&g_sched, now);
}

static bool is_due(uint32_t now, size_t *watch)
{
    return Sched_NextDue(&g_sched, now, watch) == SCHED_OK;
}

static void test_window_exact_limit_across_wrap(void **state)
{
    (void)state;
    /* budget 10, headroom 2: at most 8 requests in any 60 s window. */
    assert_int_equal(Sched_Init(&g_sched, 10u, 2u), SCHED_OK);
    const uint32_t t0 = 0xFFFFFFFFu - 30000u; /* the window wraps half-way */
    for (uint32_t i = 0u; i < 8u; i++)
    {
        send(t0 + (i * 1000u));
    }
    assert_false(Sched_MayRequest(&g_sched, t0 + 8000u));
    assert_false(Sched_MayRequest(&g_sched, t0 + MINUTE_MS - 1u));
    /* The request at t0 leaves the window exactly SCHED_WINDOW_MS later. */
    send(t0 + MINUTE_MS);
    assert_false(Sched_MayRequest(&g_sched, t0 + MINUTE_MS + 999u));
    send(t0 + MINUTE_MS + 1000u);
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, t0 + MINUTE_MS + 1000u, &stats), SCHED_OK);
    assert_int_equal(stats.requests_in_window, 8u);
    assert_int_equal(stats.max_in_window, 8u);
    assert_int_equal(stats.requests_total, 10u);
    /* All gone one window after the last one. */
    assert_int_equal(Sched_GetStats(&g_sched, t0 + (2u * MINUTE_MS) + 1000u, &stats), SCHED_OK);
    assert_int_equal(stats.requests_in_window, 0u);
}

static void test_window_default_budget_is_54(void **state)
{
    (void)state;
    uint32_t now = 7u;
    uint32_t sent = 0u;
    for (uint32_t i = 0u; i < 100u; i++)
    {
        if (Sched_MayRequest(&g_sched, now))
        {
            Sched_OnRequest(&g_sched, now);
            sent++;
        }
        now += 500u;
    }
    /* 50 s: 100 chances, the budget allows SCHED_BUDGET_PER_MIN - SCHED_BUDGET_HEADROOM. */
    assert_int_equal(sent, SCHED_BUDGET_PER_MIN - SCHED_BUDGET_HEADROOM);
    assert_int_equal(sent, 54u);
}

static void test_unasked_requests_are_counted(void **state)
{
    (void)state;
    assert_int_equal(Sched_Init(&g_sched, 4u, 1u), SCHED_OK);
    /* A caller that does not ask still has every request recorded (and the excess shows). */
    for (uint32_t i = 0u; i < 4u; i++)
    {
        Sched_OnRequest(&g_sched, 100u + i);
    }
    assert_false(Sched_MayRequest(&g_sched, 200u));
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, 200u, &stats), SCHED_OK);
    assert_int_equal(stats.max_in_window, 4u);
    /* Limit 3 with 4 recorded: two must leave, the second (at 101) leaves at 60101. */
    assert_false(Sched_MayRequest(&g_sched, 100u + MINUTE_MS));
    assert_true(Sched_MayRequest(&g_sched, 101u + MINUTE_MS));
}

/* One watch due at t; one request; a response with `response` at t + 200; round ends. */
static void rate_limited_round(uint32_t t, const SchedResponse_t *response, SchedOutcome_t outcome)
{
    size_t w = 99u;
    assert_true(is_due(t, &w));
    assert_int_equal(w, 0u);
    send(t);
    Sched_OnResponse(&g_sched, t + 200u, response);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, t + 200u, w, outcome, 0u), SCHED_OK);
}

/* Nothing at all before `until`, the round at `until` itself. */
static void expect_hold_until(uint32_t from, uint32_t until)
{
    size_t w = 99u;
    const uint32_t length = until - from;
    assert_int_equal(Sched_MsUntilNext(&g_sched, from),
                     (length < SCHED_SLEEP_MAX_MS) ? length : SCHED_SLEEP_MAX_MS);
    for (uint32_t step = 0u; step < 64u; step++)
    {
        const uint32_t t = from + ((length / 64u) * step);
        assert_false(Sched_MayRequest(&g_sched, t));
        assert_false(is_due(t, &w));
    }
    assert_false(Sched_MayRequest(&g_sched, until - 1u));
    assert_false(is_due(until - 1u, &w));
    assert_int_equal(Sched_MsUntilNext(&g_sched, until - 1u), 1u);
    assert_true(is_due(until, &w));
    assert_int_equal(w, 0u);
    assert_true(Sched_MayRequest(&g_sched, until));
}

static void test_retry_after_to_the_millisecond_across_wrap(void **state)
{
    (void)state;
    const uint32_t t = 0xFFFFFFFFu - 3000u;
    (void)Sched_AddWatch(&g_sched, t, MINUTE_MS, 0u, &(size_t){ 0u });
    const SchedResponse_t r429 = { .rate_limited = true, .has_retry_after = true,
                                   .retry_after_s = 7u };
    rate_limited_round(t, &r429, SCHED_OUTCOME_RATE_LIMITED);
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, t + 200u, &stats), SCHED_OK);
    assert_int_equal(stats.hold_ms, 7000u);
    assert_int_equal(stats.rounds_rate_limited, 1u);
    assert_int_equal(stats.rounds_error, 0u);
    expect_hold_until(t + 200u, t + 200u + 7000u);
}

static void test_429_without_retry_after_waits_a_window(void **state)
{
    (void)state;
    (void)Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, &(size_t){ 0u });
    const SchedResponse_t r429 = { .rate_limited = true };
    rate_limited_round(0u, &r429, SCHED_OUTCOME_RATE_LIMITED);
    expect_hold_until(200u, 200u + SCHED_RATE_LIMIT_HOLD_MS);
}

static void test_503_retry_after_and_backoff_both_hold(void **state)
{
    (void)state;
    (void)Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, &(size_t){ 0u });
    /* 503 with Retry-After: 2 s, reported as an error with the largest jitter: the backoff
     * (5 s) is longer, and the hold still blocks every request for 2 s. */
    const SchedResponse_t r503 = { .has_retry_after = true, .retry_after_s = 2u };
    size_t w = 99u;
    assert_true(is_due(0u, &w));
    send(0u);
    Sched_OnResponse(&g_sched, 100u, &r503);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, 100u, w, SCHED_OUTCOME_ERROR, UINT32_MAX),
                     SCHED_OK);
    assert_false(Sched_MayRequest(&g_sched, 2099u));
    assert_true(Sched_MayRequest(&g_sched, 2100u));
    assert_false(is_due(5099u, &w));
    assert_true(is_due(5100u, &w));
}

static void test_retry_after_only_extends(void **state)
{
    (void)state;
    (void)Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, &(size_t){ 0u });
    const SchedResponse_t long_wait = { .rate_limited = true, .has_retry_after = true,
                                        .retry_after_s = 30u };
    const SchedResponse_t short_wait = { .rate_limited = true, .has_retry_after = true,
                                         .retry_after_s = 5u };
    Sched_OnResponse(&g_sched, 1000u, &long_wait);
    Sched_OnResponse(&g_sched, 2000u, &short_wait);
    assert_false(Sched_MayRequest(&g_sched, 30999u));
    assert_true(Sched_MayRequest(&g_sched, 31000u));
    /* Huge values are cut to SCHED_HOLD_MAX_MS (no overflow of seconds * 1000). */
    const SchedResponse_t huge = { .has_retry_after = true, .retry_after_s = 4000000000u };
    Sched_OnResponse(&g_sched, 40000u, &huge);
    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, 40000u, &stats), SCHED_OK);
    assert_int_equal(stats.hold_ms, SCHED_HOLD_MAX_MS);
    assert_false(Sched_MayRequest(&g_sched, 40000u + SCHED_HOLD_MAX_MS - 1u));
    assert_true(Sched_MayRequest(&g_sched, 40000u + SCHED_HOLD_MAX_MS));
}

static void test_remaining_zero_with_reset(void **state)
{
    (void)state;
    const uint32_t t = 0xFFFFFFFFu - 10000u;
    (void)Sched_AddWatch(&g_sched, t, MINUTE_MS, 0u, &(size_t){ 0u });
    const SchedResponse_t r = { .has_remaining = true, .remaining = 0u,
                                .has_reset_delay = true, .reset_delay_ms = 42000u };
    rate_limited_round(t, &r, SCHED_OUTCOME_DEFERRED);
    expect_hold_until(t + 200u, t + 200u + 42000u + SCHED_RESET_MARGIN_MS);
}

static void test_remaining_zero_without_reset(void **state)
{
    (void)state;
    (void)Sched_AddWatch(&g_sched, 0u, MINUTE_MS, 0u, &(size_t){ 0u });
    const SchedResponse_t r = { .has_remaining = true, .remaining = 0u };
    rate_limited_round(0u, &r, SCHED_OUTCOME_DEFERRED);
    expect_hold_until(200u, 200u + SCHED_EXHAUSTED_HOLD_MS);
}

static void test_reset_ignored_while_requests_remain(void **state)
{
    (void)state;
    const SchedResponse_t r = { .has_remaining = true, .remaining = 30u,
                                .has_reset_delay = true, .reset_delay_ms = 42000u };
    Sched_OnResponse(&g_sched, 0u, &r);
    assert_true(Sched_MayRequest(&g_sched, 1u));
}

static void test_low_remaining_slows_rounds_not_pages(void **state)
{
    (void)state;
    (void)Sched_AddWatch(&g_sched, 0u, SCHED_INTERVAL_MIN_MS, 0u, &(size_t){ 0u });
    size_t w = 99u;
    assert_true(is_due(0u, &w));
    send(0u);
    /* Remaining 2 < headroom 6: rounds spread the rest over a window, 60 s / 3 = 20 s. */
    const SchedResponse_t r = { .has_remaining = true, .remaining = 2u };
    Sched_OnResponse(&g_sched, 100u, &r);
    /* The round in progress may finish its pages. */
    send(150u);
    assert_int_equal(Sched_OnRoundEnd(&g_sched, 200u, w, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    assert_false(is_due(20099u, &w));
    assert_int_equal(Sched_MsUntilNext(&g_sched, 20099u), 1u);
    assert_true(is_due(20100u, &w));
    /* Remaining at or above the headroom: no slow-down. */
    const SchedResponse_t plenty = { .has_remaining = true, .remaining = SCHED_BUDGET_HEADROOM };
    assert_int_equal(Sched_OnRoundEnd(&g_sched, 20100u, w, SCHED_OUTCOME_OK, 0u), SCHED_OK);
    Sched_OnResponse(&g_sched, 20100u, &plenty);
    assert_true(is_due(20100u + SCHED_INTERVAL_MIN_MS, &w));
}

static void test_backoff_across_wrap(void **state)
{
    (void)state;
    const uint32_t t = 0xFFFFFFFFu - 500u;
    size_t w = 99u;
    (void)Sched_AddWatch(&g_sched, t, MINUTE_MS, 0u, &w);
    assert_true(is_due(t, &w));
    assert_int_equal(Sched_OnRoundEnd(&g_sched, t, w, SCHED_OUTCOME_ERROR, UINT32_MAX), SCHED_OK);
    /* t + 5000 wraps to 4499. */
    assert_int_equal(Sched_MsUntilNext(&g_sched, t), SCHED_BACKOFF_BASE_MS);
    assert_false(is_due(0xFFFFFFFFu, &w));
    assert_false(is_due(0u, &w));
    assert_false(is_due(4498u, &w));
    assert_true(is_due(4499u, &w));
}

static void test_due_watch_stays_due_through_a_long_hold(void **state)
{
    (void)state;
    size_t w = 99u;
    (void)Sched_AddWatch(&g_sched, 0u, SCHED_INTERVAL_MIN_MS, 0u, &w);
    const SchedResponse_t hour = { .has_retry_after = true, .retry_after_s = 3600u };
    Sched_OnResponse(&g_sched, 0u, &hour);
    uint32_t now = 0u;
    for (uint32_t i = 0u; i < 60u; i++)
    {
        assert_false(is_due(now, &w));
        assert_int_equal(Sched_MsUntilNext(&g_sched, now), SCHED_SLEEP_MAX_MS);
        now += SCHED_SLEEP_MAX_MS;
    }
    assert_int_equal(now, 3600000u);
    assert_true(is_due(now, &w));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_window_exact_limit_across_wrap, setup),
        cmocka_unit_test_setup(test_window_default_budget_is_54, setup),
        cmocka_unit_test_setup(test_unasked_requests_are_counted, setup),
        cmocka_unit_test_setup(test_retry_after_to_the_millisecond_across_wrap, setup),
        cmocka_unit_test_setup(test_429_without_retry_after_waits_a_window, setup),
        cmocka_unit_test_setup(test_503_retry_after_and_backoff_both_hold, setup),
        cmocka_unit_test_setup(test_retry_after_only_extends, setup),
        cmocka_unit_test_setup(test_remaining_zero_with_reset, setup),
        cmocka_unit_test_setup(test_remaining_zero_without_reset, setup),
        cmocka_unit_test_setup(test_reset_ignored_while_requests_remain, setup),
        cmocka_unit_test_setup(test_low_remaining_slows_rounds_not_pages, setup),
        cmocka_unit_test_setup(test_backoff_across_wrap, setup),
        cmocka_unit_test_setup(test_due_watch_stays_due_through_a_long_hold, setup),
    };
    return cmocka_run_group_tests_name("sched_limits", tests, NULL, NULL);
}
