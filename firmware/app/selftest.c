/* Boot self-tests run under QEMU by the smoke suite (test builds only). */
#include "firmware/app/selftest.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "firmware/benchhook/benchhook.h"
#include "firmware/log/log.h"
#include "firmware/nettest/nettest.h"
#include "firmware/panel/panel_selftest.h"
#include "hal/clock.h"
#include "hal/stack.h"
#include "hal/system.h"

#if !FL_TEST_BUILD
#error "self-tests are for test builds only"
#endif

#define SELFTEST_CMDLINE_MAX 64u
#define SELFTEST_DELAY_MS    20u

static bool check(bool condition, const char *what)
{
    LogLine_t line;
    Log_Begin(&line, condition ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, "selftest");
    Log_Str(&line, condition ? "pass " : "FAIL ");
    Log_Str(&line, what);
    Log_End(&line);
    return condition;
}

static uint32_t run_selftest(void)
{
    uint32_t failures = 0u;
    const uint32_t start_ms = Clock_NowMs();
    const uint32_t start_cycles = Clock_CycleCount();
    Clock_DelayMs(SELFTEST_DELAY_MS);
    const uint32_t elapsed_ms = Clock_ElapsedMs(Clock_NowMs(), start_ms);
    const uint32_t elapsed_cycles = Clock_CycleCount() - start_cycles;

    failures += check(elapsed_ms >= SELFTEST_DELAY_MS, "clock advances") ? 0u : 1u;
    failures += check(elapsed_ms < (SELFTEST_DELAY_MS * 5u), "clock delay bounded") ? 0u : 1u;
    failures += check(elapsed_cycles > 0u, "cycle counter runs") ? 0u : 1u;
    failures += check(Clock_ElapsedMs(5u, 0xFFFFFFF0u) == 21u, "elapsed wraps") ? 0u : 1u;
    const size_t high_water = Stack_HighWaterBytes();
    failures += check((high_water > 0u) && (high_water < Stack_SizeBytes()), "stack painted") ? 0u : 1u;

    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "selftest");
    Log_Str(&line, "stack high-water ");
    Log_Uint(&line, (uint32_t)high_water);
    Log_Str(&line, " of ");
    Log_Uint(&line, (uint32_t)Stack_SizeBytes());
    Log_Str(&line, " bytes; ");
    Log_Uint(&line, failures);
    Log_Str(&line, " failures");
    Log_End(&line);
    return failures;
}

static void trigger_usage_fault(void)
{
    Log_Message(LOG_LEVEL_INFO, "selftest", "triggering a usage fault");
    __asm volatile("udf #0");
}

void Selftest_RunFromCommandLine(void)
{
    char command[SELFTEST_CMDLINE_MAX];
    const size_t length = System_TestCommandLine(command, sizeof command);
    if (length == 0u)
    {
        return;
    }
    if (strcmp(command, "selftest") == 0)
    {
        System_TestExit((run_selftest() == 0u) ? SYSTEM_EXIT_OK : SYSTEM_EXIT_FAILURE);
    }
    else if (strcmp(command, "fault") == 0)
    {
        trigger_usage_fault();
        System_TestExit(SYSTEM_EXIT_FAILURE); /* not reached: the fault path exits */
    }
    else if (strcmp(command, "panel") == 0)
    {
        PanelSelftest_Run();
    }
    else if (Benchhook_Run(command))
    {
        /* not reached: the bench hook ends the run */
    }
    else if (Nettest_Run(command))
    {
        /* not reached: the network test ends the run */
    }
    else
    {
        /* Unknown commands run the firmware normally. */
    }
}
