/*
 * Watchdog: a hardware timer that resets the board unless fed.
 * Owns: the watchdog peripheral. Promises: once started it cannot be stopped; a missed
 * feed resets the board and System_ResetCause reports SYSTEM_RESET_WATCHDOG afterwards.
 */
#ifndef HAL_WATCHDOG_H
#define HAL_WATCHDOG_H

#include <stdint.h>

typedef enum
{
    WATCHDOG_OK = 0,
    WATCHDOG_UNSUPPORTED,
    WATCHDOG_BAD_TIMEOUT
} WatchdogStatus_t;

WatchdogStatus_t Watchdog_Start(uint32_t timeout_ms);
void Watchdog_Feed(void);

#endif /* HAL_WATCHDOG_H */
