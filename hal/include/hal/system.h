/*
 * System: reset, reset cause, fault reporting and (test builds only) the way the firmware
 * ends a QEMU run with an exit code.
 * Owns: the reset controller, the fault handlers' report path, semihosting and the idle-time
 * count (where the board has a cycle counter; else the idle figures stay 0).
 * Promises: System_Reset does not return. System_TestExit exists only when FL_TEST_BUILD
 * is 1; a release image cannot end an emulator run or read a semihosting command line.
 */
#ifndef HAL_SYSTEM_H
#define HAL_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum
{
    SYSTEM_RESET_POWER_ON = 0,
    SYSTEM_RESET_SOFTWARE,
    SYSTEM_RESET_WATCHDOG,
    SYSTEM_RESET_FAULT,
    SYSTEM_RESET_UNKNOWN
} SystemResetCause_t;

/* Exit codes a test build reports to the emulator. */
#define SYSTEM_EXIT_OK        0u
#define SYSTEM_EXIT_FAILURE   1u
#define SYSTEM_EXIT_FAULT     3u

/* Early board set-up called by the reset handler before main (clocks, caches, FPU). */
void System_Init(void);

/* Why the board last reset (read once at boot, before anything clears it). */
SystemResetCause_t System_ResetCause(void);

/* Text name of a reset cause, for the log. */
const char *System_ResetCauseName(SystemResetCause_t cause);

/* Request a system reset; records `cause` for the next boot when the board can. */
void System_Reset(SystemResetCause_t cause);

/* Wait for an interrupt (low-power idle). The wait is counted as idle time; the interrupt
 * that ends it is handled after the count, so its handler's work counts as busy. */
void System_Idle(void);

/* Time spent waiting in System_Idle since boot, in Clock_CycleCount ticks. Wraps as
 * Clock_CycleCount does, so over an interval shorter than the wrap the core's busy time is
 * (Clock_CycleCount difference) - (System_IdleTicks difference). */
uint32_t System_IdleTicks(void);

/* The same in milliseconds (wraps after 49 days): a CPU-load figure over long intervals. */
uint32_t System_IdleMs(void);

#if FL_TEST_BUILD
/* End the emulator run with `code` (semihosting). Test builds only. */
void System_TestExit(uint32_t code);

/* The semihosting command line given to the emulator ("" when none). Test builds only. */
size_t System_TestCommandLine(char *buffer, size_t capacity);
#endif

#endif /* HAL_SYSTEM_H */
