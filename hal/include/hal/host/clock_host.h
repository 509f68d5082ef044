/* Test controls of the host clock (host builds only). */
#ifndef HAL_HOST_CLOCK_HOST_H
#define HAL_HOST_CLOCK_HOST_H

#include <stdint.h>

/* Set the current time without running the tick hook. */
void ClockHost_Set(uint32_t now_ms);

/* Advance time by ms, calling the tick hook once per millisecond as the board's timer would. */
void ClockHost_Advance(uint32_t ms);

#endif /* HAL_HOST_CLOCK_HOST_H */
