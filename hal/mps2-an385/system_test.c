/* Test builds only (board.mk: BOARD_TEST_SRCS): end the emulator run and read its command
 * line over semihosting. A release image has neither. */
#include "hal/system.h"

#include "hal/watchdog.h"
#include "semihosting.h"

#if !FL_TEST_BUILD
#error "system_test.c is for test builds only"
#endif

void System_TestExit(uint32_t code)
{
    if (Watchdog_Expired())
    {
        /* The board would reset here; so does the test build, so a test sees the next boot. */
        System_Reset(SYSTEM_RESET_WATCHDOG);
    }
    Semihosting_Exit(code);
    for (;;)
    {
        __asm volatile("wfi");
    }
}

size_t System_TestCommandLine(char *buffer, size_t capacity)
{
    return Semihosting_CommandLine(buffer, capacity);
}
