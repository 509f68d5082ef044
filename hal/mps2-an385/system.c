/* Reset, reset cause and idle for mps2-an385 (the test builds' exit: system_test.c). */
#include "hal/system.h"

#include <stdbool.h>

#include "board_config.h"
#include "hal/clock.h"
#include "hal/watchdog.h"
#include "mps2_regs.h"

#define RESET_RECORD_MAGIC 0x464C5253u /* "FLRS" */
#define IDLE_TICKS_PER_MS  (BOARD_CPU_HZ / 1000u)
#define TIMER0_FREE_RUN    0xFFFFFFFFu

/* Survives a system reset (NOLOAD section, not re-initialised by the reset handler). */
typedef struct
{
    uint32_t magic;
    uint32_t cause;
    uint32_t check;
} ResetRecord_t;

static ResetRecord_t g_reset_record __attribute__((section(".noinit")));
static SystemResetCause_t g_boot_cause = SYSTEM_RESET_UNKNOWN;
static bool g_boot_cause_read = false;

/* Time spent in System_Idle, in timer0 ticks (wraps with Clock_CycleCount) and in ms. */
static volatile uint32_t g_idle_ticks;
static volatile uint32_t g_idle_ms;

static SystemResetCause_t read_reset_record(void)
{
    SystemResetCause_t cause = SYSTEM_RESET_POWER_ON;
    if ((g_reset_record.magic == RESET_RECORD_MAGIC) &&
        (g_reset_record.check == (g_reset_record.cause ^ RESET_RECORD_MAGIC)) &&
        (g_reset_record.cause < (uint32_t)SYSTEM_RESET_UNKNOWN))
    {
        cause = (SystemResetCause_t)g_reset_record.cause;
    }
    /* Consumed: a later reset that records nothing reads as power-on. */
    g_reset_record.magic = 0u;
    return cause;
}

void System_Init(void)
{
    /* timer0 (Clock_CycleCount) starts here, as early as the reset handler lets us: the
     * benchmarks count instructions from this point (Clock_Init leaves it running). */
    Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_CTRL, 0u);
    Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_RELOAD, TIMER0_FREE_RUN);
    Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_VALUE, TIMER0_FREE_RUN);
    Mps2_Write32(MPS2_TIMER0_BASE + MPS2_TIMER_CTRL, MPS2_TIMER_CTRL_EN);
    /* Separate MemManage/BusFault/UsageFault handlers, so faults are reported precisely. */
    Mps2_Write32(MPS2_SCB_SHCSR, Mps2_Read32(MPS2_SCB_SHCSR) | MPS2_SCB_SHCSR_FAULTS_EN);
    g_boot_cause = read_reset_record();
    g_boot_cause_read = true;
}

SystemResetCause_t System_ResetCause(void)
{
    return g_boot_cause_read ? g_boot_cause : SYSTEM_RESET_UNKNOWN;
}

const char *System_ResetCauseName(SystemResetCause_t cause)
{
    const char *name;
    switch (cause)
    {
    case SYSTEM_RESET_POWER_ON: name = "power-on"; break;
    case SYSTEM_RESET_SOFTWARE: name = "software"; break;
    case SYSTEM_RESET_WATCHDOG: name = "watchdog"; break;
    case SYSTEM_RESET_FAULT:    name = "fault"; break;
    case SYSTEM_RESET_UNKNOWN:
    default:                    name = "unknown"; break;
    }
    return name;
}

/* The watchdog's first timeout arrives as an NMI, which startup.c routes to the fault path:
 * a reset requested while the watchdog has expired is the watchdog's. */
static SystemResetCause_t attributed_cause(SystemResetCause_t requested)
{
    return Watchdog_Expired() ? SYSTEM_RESET_WATCHDOG : requested;
}

void System_Reset(SystemResetCause_t cause)
{
    const SystemResetCause_t recorded = attributed_cause(cause);
    g_reset_record.cause = (uint32_t)recorded;
    g_reset_record.check = (uint32_t)recorded ^ RESET_RECORD_MAGIC;
    g_reset_record.magic = RESET_RECORD_MAGIC;
    __asm volatile("dsb" ::: "memory");
    Mps2_Write32(MPS2_SCB_AIRCR, MPS2_SCB_AIRCR_RESET);
    __asm volatile("dsb" ::: "memory");
    for (;;)
    {
        __asm volatile("wfi");
    }
}

void System_Idle(void)
{
    /* With PRIMASK set, WFI still wakes on a pending interrupt, but the handler runs only at
     * the PRIMASK restore, after the second reading: the waking ISR's work counts as busy.
     * The few instructions between the two readings count as idle (under one tick). */
    static uint32_t g_idle_rest_ticks; /* below one ms, carried to the next call */
    uint32_t primask;
    __asm volatile("mrs %0, primask" : "=r"(primask)::"memory");
    __asm volatile("cpsid i" ::: "memory");
    const uint32_t start = Clock_CycleCount();
    __asm volatile("dsb\n\twfi" ::: "memory");
    const uint32_t ticks = Clock_CycleCount() - start;
    g_idle_ticks += ticks;
    const uint32_t rest = g_idle_rest_ticks + ticks;
    g_idle_ms += rest / IDLE_TICKS_PER_MS;
    g_idle_rest_ticks = rest % IDLE_TICKS_PER_MS;
    __asm volatile("msr primask, %0" ::"r"(primask) : "memory");
}

uint32_t System_IdleTicks(void)
{
    return g_idle_ticks;
}

uint32_t System_IdleMs(void)
{
    return g_idle_ms;
}
