/* Host clock for unit tests: time moves only when a test says so. */
#include "hal/clock.h"
#include "hal/host/clock_host.h"

#include <stddef.h>

static uint32_t g_now_ms;
static uint32_t g_cycles;
static ClockTickHook_t g_hook;

void Clock_Init(void)
{
    g_now_ms = 0u;
    g_cycles = 0u;
}

uint32_t Clock_NowMs(void)
{
    return g_now_ms;
}

uint32_t Clock_ElapsedMs(uint32_t now_ms, uint32_t since_ms)
{
    return now_ms - since_ms;
}

void Clock_SetTickHook(ClockTickHook_t hook)
{
    g_hook = hook;
}

void Clock_DelayMs(uint32_t ms)
{
    ClockHost_Advance(ms);
}

uint32_t Clock_CycleCount(void)
{
    g_cycles += 7u;
    return g_cycles;
}

void ClockHost_Set(uint32_t now_ms)
{
    g_now_ms = now_ms;
}

void ClockHost_Advance(uint32_t ms)
{
    for (uint32_t i = 0u; i < ms; i++)
    {
        g_now_ms++;
        if (g_hook != NULL)
        {
            g_hook(g_now_ms);
        }
    }
}
