/* Unit tests of net/stack/net_time: unset state, build floor, advance, wrap, rebase, SNTP hooks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hal/clock.h"
#include "hal/host/clock_host.h"
#include "net/stack/net_time.h"

static NetTimeStatus_t g_hook_status;
static uint32_t g_hook_calls;

static void hook(NetTimeStatus_t status, uint32_t unix_s)
{
    (void)unix_s;
    g_hook_status = status;
    g_hook_calls++;
}

static int setup(void **state)
{
    (void)state;
    Clock_Init();
    NetTime_Reset();
    NetTime_SetHook(hook);
    g_hook_calls = 0u;
    g_hook_status = NET_TIME_BAD_ARGUMENT;
    return 0;
}

static void test_unset_until_first_sync(void **state)
{
    (void)state;
    uint32_t s = 99u;
    uint32_t ms = 99u;
    assert_false(NetTime_IsSet());
    assert_int_equal(NetTime_GetAt(1000u, &s, &ms), NET_TIME_UNSET);
    assert_int_equal(s, 0u);
    assert_int_equal(ms, 0u);
    assert_int_equal(NetTime_SyncCount(), 0u);
}

static void test_rejects_below_floor(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    assert_int_equal(NetTime_SetAt(NET_TIME_FLOOR_S - 1u, 0u, 10u), NET_TIME_TOO_EARLY);
    assert_int_equal(g_hook_status, NET_TIME_TOO_EARLY);
    assert_false(NetTime_IsSet());
    assert_int_equal(NetTime_GetAt(20u, &s, &ms), NET_TIME_UNSET);
    assert_int_equal(NetTime_RejectCount(), 1u);
    /* exactly the floor is accepted */
    assert_int_equal(NetTime_SetAt(NET_TIME_FLOOR_S, 0u, 10u), NET_TIME_OK);
    assert_int_equal(g_hook_status, NET_TIME_OK);
    assert_int_equal(g_hook_calls, 2u);
}

static void test_rejected_sync_keeps_previous_time(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 500u, 1000u), NET_TIME_OK);
    assert_int_equal(NetTime_SetAt(1000u, 0u, 2000u), NET_TIME_TOO_EARLY);
    assert_int_equal(NetTime_GetAt(3000u, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000002u);
    assert_int_equal(ms, 500u);
}

static void test_advances_with_uptime(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 250u, 5000u), NET_TIME_OK);
    assert_int_equal(NetTime_GetAt(5000u, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000000u);
    assert_int_equal(ms, 250u);
    assert_int_equal(NetTime_GetAt(5000u + 1750u, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000002u);
    assert_int_equal(ms, 0u);
}

static void test_uptime_wrap(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 0u, 0xFFFFFF00u), NET_TIME_OK);
    assert_int_equal(NetTime_GetAt(0x00000100u, &s, &ms), NET_TIME_OK); /* 512 ms later */
    assert_int_equal(s, 1800000000u);
    assert_int_equal(ms, 512u);
}

/* Regression: a poll that read the clock before SNTP re-anchored must not add 2^32 ms. */
static void test_stale_now_is_not_a_wrap(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 0u, 1001u), NET_TIME_OK);
    NetTime_RebaseAt(1000u);
    assert_int_equal(NetTime_GetAt(1000u, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000000u);
    assert_int_equal(ms, 0u);
    assert_int_equal(NetTime_GetAt(1001u, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000000u);
}

static void test_rebase_survives_many_wraps(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t ms = 0u;
    uint32_t now = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 0u, now), NET_TIME_OK);
    /* 200 days in one-day steps: the counter wraps four times. */
    for (uint32_t day = 0u; day < 200u; day++)
    {
        now += NET_TIME_REBASE_MS;
        NetTime_RebaseAt(now);
    }
    assert_int_equal(NetTime_GetAt(now, &s, &ms), NET_TIME_OK);
    assert_int_equal(s, 1800000000u + (200u * 86400u));
    assert_int_equal(ms, 0u);
}

static void test_sntp_hooks(void **state)
{
    (void)state;
    uint32_t s = 0u;
    uint32_t us = 0u;
    ClockHost_Set(4000u);
    NetTime_GetForSntp(&s, &us);
    assert_int_equal(s, NET_TIME_FLOOR_S + 4u); /* unset: a changing stand-in */
    NetTime_SetFromSntp(1800000000u, 123999u);
    assert_true(NetTime_IsSet());
    ClockHost_Advance(10u);
    NetTime_GetForSntp(&s, &us);
    assert_int_equal(s, 1800000000u);
    assert_int_equal(us, 133000u);
}

static void test_wall_clock(void **state)
{
    (void)state;
    int64_t now = -1;
    ClockHost_Set(100u);
    assert_false(NetTime_WallClock(&now));
    assert_int_equal(now, -1);
    assert_int_equal(NetTime_SetAt(1800000000u, 900u, 100u), NET_TIME_OK);
    ClockHost_Set(2200u);
    assert_true(NetTime_WallClock(&now));
    assert_int_equal(now, 1800000003);
    assert_false(NetTime_WallClock(NULL));
}

static void test_bad_arguments(void **state)
{
    (void)state;
    uint32_t s = 0u;
    assert_int_equal(NetTime_SetAt(1800000000u, 1000u, 0u), NET_TIME_BAD_ARGUMENT);
    assert_false(NetTime_IsSet());
    assert_int_equal(NetTime_GetAt(0u, &s, NULL), NET_TIME_BAD_ARGUMENT);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(NetTime_StatusName(NET_TIME_TOO_EARLY), "below build floor");
    assert_string_equal(NetTime_StatusName(NET_TIME_UNSET), "not set");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_unset_until_first_sync, setup),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test_setup(test_rejects_below_floor, setup),
        cmocka_unit_test_setup(test_rejected_sync_keeps_previous_time, setup),
        cmocka_unit_test_setup(test_advances_with_uptime, setup),
        cmocka_unit_test_setup(test_uptime_wrap, setup),
        cmocka_unit_test_setup(test_stale_now_is_not_a_wrap, setup),
        cmocka_unit_test_setup(test_rebase_survives_many_wraps, setup),
        cmocka_unit_test_setup(test_sntp_hooks, setup),
        cmocka_unit_test_setup(test_wall_clock, setup),
        cmocka_unit_test_setup(test_bad_arguments, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
