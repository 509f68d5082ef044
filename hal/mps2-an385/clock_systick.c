/* Millisecond clock from SysTick; fine counter from CMSDK timer0. */
#include "hal/clock.h"

#include <stddef.h>

#include "board_config.h"
#include "mps2_regs.h"

#define TICKS_PER_MS (BOARD_CPU_HZ / 1000u)
#define TIMER_FREE_RUN_RELOAD 0xFFFFFFFFu
#ifndef CLOCK_MAX_WAKEUPS_PER_MS
#define CLOCK_MAX_WAKEUPS_PER_MS 64u
#endif

static volatile uint32_t g_now_ms;
static volatile ClockTickHook_t g_tick_hook;

void SysTick_Handler(void);

void Clock_Init(void)
{
    g_now_ms = 0u;
    Mps2_Write32(MPS2_SYST_RVR, TICKS_PER_MS - 1u);
    Mps2_Write32(MPS2_SYST_CVR, 0u);
    Mps2_Write32(MPS2_SYST_CSR, MPS2_SYST_CSR_ENABLE | MPS2_SYST_CSR_TICKINT | MPS2_SYST_CSR_CLKSOURCE);

    /* System_Init starts timer0 at reset; left running so counts run from there. */
    if ((Mps2_Read32(MPS2_TIMER0_BASE + MPS2_TIMER_CTRL) & MPS2_TIMER_CTRL_EN) == 0u)
    {
        Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_RELOAD, TIMER_FREE_RUN_RELOAD);
        Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_VALUE, TIMER_FREE_RUN_RELOAD);
        Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_CTRL, MPS2_TIMER_CTRL_EN);
    }
}

void SysTick_Handler(void)
{
    uint32_t now = g_now_ms + 1u;
    g_now_ms = now;
    ClockTickHook_t hook = g_tick_hook;
    if (hook != NULL)
    {
        hook(now);
    }
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
    g_tick_hook = hook;
}

void Clock_DelayMs(uint32_t ms)
{
    const uint32_t start = Clock_NowMs();
    /* Every wake-up is an interrupt; the tick alone brings one per ms. */
    const uint32_t max_wakeups = (ms + 1u) * CLOCK_MAX_WAKEUPS_PER_MS;
    for (uint32_t wakeups = 0u; wakeups < max_wakeups; wakeups++)
    {
        if (Clock_ElapsedMs(Clock_NowMs(), start) >= ms)
        {
            break;
        }
        __asm volatile("wfi");
    }
}

uint32_t Clock_CycleCount(void)
{
    /* timer0 counts down from 0xFFFFFFFF at SYSCLK: invert to count up. */
    return TIMER_FREE_RUN_RELOAD - Mps2_Read32(MPS2_TIMER0_BASE + MPS2_TIMER_VALUE);
}
