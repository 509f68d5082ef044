/*
 * Clock: a monotonic millisecond counter from the board's tick timer.
 * Owns: the tick timer (SysTick on Cortex-M). Promises: Clock_NowMs is monotonic and wraps
 * after 2^32 ms; compare times with Clock_ElapsedMs, which is wrap-safe.
 * The tick callback runs in interrupt context every millisecond (LED patterns use it).
 */
#ifndef HAL_CLOCK_H
#define HAL_CLOCK_H

#include <stdint.h>

typedef void (*ClockTickHook_t)(uint32_t now_ms);

/* Start the millisecond tick. */
void Clock_Init(void);

/* Milliseconds since Clock_Init. */
uint32_t Clock_NowMs(void);

/* now - since, correct across one wrap of the counter. */
uint32_t Clock_ElapsedMs(uint32_t now_ms, uint32_t since_ms);

/* Register the one function called from the tick interrupt (NULL removes it). */
void Clock_SetTickHook(ClockTickHook_t hook);

/* Busy-wait at least ms milliseconds (bounded by the tick; for start-up delays only). */
void Clock_DelayMs(uint32_t ms);

/* A free-running fine-grained counter for timing jitter and benchmarks (board-defined unit). */
uint32_t Clock_CycleCount(void);

#endif /* HAL_CLOCK_H */
