/*
 * Watchdog: a hardware timer that resets the board unless fed.
 * Owns: the watchdog peripheral. Promises: once started it cannot be stopped; a missed
 * feed resets the board and System_ResetCause reports SYSTEM_RESET_WATCHDOG afterwards.
 */
#ifndef HAL_WATCHDOG_H
#define HAL_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

typedef enum
{
    WATCHDOG_OK = 0,
    WATCHDOG_UNSUPPORTED,
    WATCHDOG_BAD_TIMEOUT
} WatchdogStatus_t;

/* Start (or restart with a new period): unfed for timeout_ms, the board resets. */
WatchdogStatus_t Watchdog_Start(uint32_t timeout_ms);

/* Restart the period. Call only from code that proves the firmware makes progress. */
void Watchdog_Feed(void);

/* Board use: true once a period has passed unfed (the reset is imminent). */
bool Watchdog_Expired(void);

#endif /* HAL_WATCHDOG_H */
