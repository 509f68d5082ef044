/* Soak of firmware/sched in virtual time: several watches with changing page counts, a
 * server model (shared token, 429, Retry-After, X-RateLimit-*) and random faults over hours,
 * across the 2^32 ms clock wrap. Every request is checked against all earlier ones by an
 * independent oracle: never more than budget - headroom in any 60 s window, never one inside
 * a wait the server ordered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "firmware/sched/sched.h"

#define HOUR_MS     3600000u
#define SIM_HOURS   8u
#define WINDOW_MS   60000u
#define LIMIT       (SCHED_BUDGET_PER_MIN - SCHED_BUDGET_HEADROOM)
#define LOG_MAX     (SIM_HOURS * 60u * LIMIT + 16u)
#define WATCHES     5u
#define SERVER_MAX  60u   /* the server's own limit per window (Forge: 60 per minute) */

static Sched_t g_sched;
static uint32_t g_log[LOG_MAX];     /* time of every request, in order */
static size_t g_log_len;
static uint32_t g_rng;
static uint32_t g_ban_from;         /* the server's current "not before" order */
static uint32_t g_ban_len;
static uint32_t g_oracle_max;
static uint32_t g_server_refusals; /* 429s because the token's real limit was passed */

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13u;
    g_rng ^= g_rng >> 17u;
    g_rng ^= g_rng << 5u;
    return g_rng;
}

/* Uniform-enough value in [lo, hi]. */
static uint32_t rnd_range(uint32_t lo, uint32_t hi)
{
    return lo + (rnd() % (hi - lo + 1u));
}

static uint32_t ban_left(uint32_t now)
{
    const uint32_t elapsed = now - g_ban_from;
    return (elapsed < g_ban_len) ? (g_ban_len - elapsed) : 0u;
}

static void ban(uint32_t now, uint32_t length)
{
    if (length > ban_left(now))
    {
        g_ban_from = now;
        g_ban_len = length;
    }
}

/* Our requests in the window ending at now (now - t < WINDOW_MS), from the log alone. */
static uint32_t ours_in_window(uint32_t now)
{
    uint32_t count = 0u;
    for (size_t i = g_log_len; i > 0u; i--)
    {
        if ((now - g_log[i - 1u]) >= WINDOW_MS)
        {
            break;
        }
        count++;
    }
    return count;
}

static void oracle_request(uint32_t now)
{
    assert_int_equal(ban_left(now), 0u);
    const uint32_t in_window = ours_in_window(now) + 1u;
    assert_true(in_window <= LIMIT);
    if (in_window > g_oracle_max)
    {
        g_oracle_max = in_window;
    }
    assert_true(g_log_len < LOG_MAX);
    g_log[g_log_len] = now;
    g_log_len++;
}

/* Other clients of the same token: idle, except a busy stretch in hours 3 and 6. */
static uint32_t others_in_window(uint64_t elapsed)
{
    const uint64_t hour = elapsed / HOUR_MS;
    return ((hour == 3u) || (hour == 6u)) ? 40u : 0u;
}

/* The server's answer to the request just made; returns how the round goes on. */
static SchedOutcome_t server_reply(uint32_t now, uint64_t elapsed, SchedResponse_t *r)
{
    *r = (SchedResponse_t){ 0 };
    const uint32_t used = ours_in_window(now) + others_in_window(elapsed);
    const uint32_t fault = rnd_range(0u, 999u);
    SchedOutcome_t outcome = SCHED_OUTCOME_OK;
    if (used > SERVER_MAX)
    {
        *r = (SchedResponse_t){ .rate_limited = true, .has_retry_after = true,
                                .retry_after_s = rnd_range(1u, 20u), .has_remaining = true };
        outcome = SCHED_OUTCOME_RATE_LIMITED;
        g_server_refusals++;
    }
    else if (fault < 30u)
    {
        outcome = SCHED_OUTCOME_ERROR; /* network, TLS, bad JSON: no headers */
    }
    else if (fault < 50u)
    {
        *r = (SchedResponse_t){ .rate_limited = true, .has_retry_after = true,
                                .retry_after_s = rnd_range(1u, 30u) };
        outcome = SCHED_OUTCOME_RATE_LIMITED;
    }
    else if (fault < 60u)
    {
        *r = (SchedResponse_t){ .has_retry_after = true, .retry_after_s = rnd_range(1u, 10u) };
        outcome = SCHED_OUTCOME_ERROR; /* 503 maintenance */
    }
    else if (fault < 70u)
    {
        *r = (SchedResponse_t){ .rate_limited = true };
        outcome = SCHED_OUTCOME_RATE_LIMITED;
    }
    else
    {
        const uint32_t left = SERVER_MAX - used;
        *r = (SchedResponse_t){ .has_remaining = true, .remaining = left,
                                .has_reset_delay = (left == 0u), .reset_delay_ms = 15000u };
    }
    if (r->has_retry_after)
    {
        ban(now, r->retry_after_s * 1000u);
    }
    if (r->has_remaining && (r->remaining == 0u) && r->has_reset_delay)
    {
        ban(now, r->reset_delay_ms);
    }
    return outcome;
}

typedef struct
{
    uint32_t ok_rounds;
    uint32_t last_ok;
    uint32_t longest_gap;
    uint32_t pages;
} WatchLog_t;

/* One round of watch w from now on; returns the time it ended. */
static uint32_t run_round(size_t w, uint32_t now, uint64_t *elapsed, WatchLog_t *watch)
{
    SchedOutcome_t outcome = SCHED_OUTCOME_OK;
    if (rnd_range(0u, 99u) < 5u)
    {
        watch->pages = rnd_range(1u, 4u);
    }
    for (uint32_t page = 0u; (page < watch->pages) && (outcome == SCHED_OUTCOME_OK); page++)
    {
        if (!Sched_MayRequest(&g_sched, now))
        {
            outcome = SCHED_OUTCOME_DEFERRED;
        }
        else
        {
            oracle_request(now);
            Sched_OnRequest(&g_sched, now);
            const uint32_t took = rnd_range(80u, 1200u);
            now += took;
            *elapsed += took;
            SchedResponse_t response;
            outcome = server_reply(now, *elapsed, &response);
            Sched_OnResponse(&g_sched, now, &response);
        }
    }
    if (outcome == SCHED_OUTCOME_OK)
    {
        if ((watch->ok_rounds > 0u) && ((now - watch->last_ok) > watch->longest_gap))
        {
            watch->longest_gap = now - watch->last_ok;
        }
        watch->ok_rounds++;
        watch->last_ok = now;
    }
    assert_int_equal(Sched_OnRoundEnd(&g_sched, now, w, outcome, rnd()), SCHED_OK);
    return now;
}

static void test_soak_hours_with_faults(void **state)
{
    (void)state;
    static const uint32_t intervals[WATCHES] = { 5000u, 8000u, 12000u, 30000u, 60000u };
    WatchLog_t watches[WATCHES] = { 0 };
    g_rng = 0x9E3779B9u;
    g_log_len = 0u;
    g_oracle_max = 0u;
    g_server_refusals = 0u;
    g_ban_from = 0u;
    g_ban_len = 0u;
    uint32_t now = 0u - (2u * HOUR_MS); /* the clock wraps after two hours */
    uint64_t elapsed = 0u;
    assert_int_equal(Sched_Init(&g_sched, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM), SCHED_OK);
    for (size_t i = 0u; i < WATCHES; i++)
    {
        size_t index = 99u;
        assert_int_equal(Sched_AddWatch(&g_sched, now, intervals[i], rnd(), &index), SCHED_OK);
        assert_int_equal(index, i);
        watches[i].pages = rnd_range(1u, 4u);
    }
    uint32_t sleeps = 0u;
    while (elapsed < ((uint64_t)SIM_HOURS * HOUR_MS))
    {
        size_t w = 99u;
        const uint32_t advice = Sched_MsUntilNext(&g_sched, now);
        const SchedStatus_t status = Sched_NextDue(&g_sched, now, &w);
        assert_int_equal(status == SCHED_OK, advice == 0u);
        if (status == SCHED_OK)
        {
            const uint32_t end = run_round(w, now, &elapsed, &watches[w]);
            const uint32_t gap = rnd_range(0u, 50u); /* display update, housekeeping */
            elapsed += gap;
            now = end + gap;
        }
        else
        {
            /* The advice is exact: nothing may start 1 ms before it ends. */
            assert_int_equal(Sched_NextDue(&g_sched, now + advice - 1u, &w), SCHED_NOT_DUE);
            now += advice;
            elapsed += advice;
            sleeps++;
        }
    }

    SchedStats_t stats;
    assert_int_equal(Sched_GetStats(&g_sched, now, &stats), SCHED_OK);
    printf("soak: %u h virtual, %zu requests, max %u in 60 s (limit %u), ok %u, error %u, "
           "deferred %u, rate-limited %u (%u over the server's limit), sleeps %u\n",
           SIM_HOURS, g_log_len, stats.max_in_window, LIMIT, stats.rounds_ok, stats.rounds_error,
           stats.rounds_deferred, stats.rounds_rate_limited, g_server_refusals, sleeps);
    for (size_t i = 0u; i < WATCHES; i++)
    {
        printf("soak: watch %zu interval %u ms: %u ok rounds, longest gap %u ms\n", i,
               intervals[i], watches[i].ok_rounds, watches[i].longest_gap);
    }
    assert_int_equal(stats.max_in_window, g_oracle_max);
    assert_true(stats.max_in_window <= LIMIT);
    assert_int_equal(stats.requests_total, (uint32_t)g_log_len);
    /* Demand exceeds the budget, so the soak must have exercised every path. */
    assert_int_equal(g_oracle_max, LIMIT);
    assert_true(stats.rounds_deferred > 0u);
    assert_true(stats.rounds_rate_limited > 50u);
    assert_true(stats.rounds_error > 50u);
    /* Nobody starves: every watch completes rounds throughout. */
    for (size_t i = 0u; i < WATCHES; i++)
    {
        assert_true(watches[i].ok_rounds >= (SIM_HOURS * 30u));
        assert_true(watches[i].longest_gap < (10u * WINDOW_MS));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soak_hours_with_faults),
    };
    return cmocka_run_group_tests_name("sched_soak", tests, NULL, NULL);
}
