/* hal/clock.h for host tests: CLOCK_MONOTONIC milliseconds and nanoseconds as "cycles". */
#define _POSIX_C_SOURCE 200809L
#include "hal/clock.h"

#include <time.h>

static uint64_t HostClock_Nanoseconds(void)
{
    struct timespec now = {0};
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    return ((uint64_t)now.tv_sec * 1000000000u) + (uint64_t)now.tv_nsec;
}

uint32_t Clock_NowMs(void)
{
    return (uint32_t)(HostClock_Nanoseconds() / 1000000u);
}

uint32_t Clock_ElapsedMs(uint32_t now_ms, uint32_t since_ms)
{
    return now_ms - since_ms;
}

uint32_t Clock_CycleCount(void)
{
    return (uint32_t)HostClock_Nanoseconds();
}
