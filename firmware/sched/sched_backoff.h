/*
 * sched_backoff: turning caller-supplied random values into waits.
 *
 * Owns nothing (pure functions). Promises: results depend only on the arguments, so tests
 * can drive the jitter extremes with random = 0 and random = UINT32_MAX.
 */
#ifndef SCHED_BACKOFF_H
#define SCHED_BACKOFF_H

#include <stdint.h>

#include "firmware/sched/sched_config.h"

/* A value in [0, n) from a uniform 32-bit random value (0 when n is 0): 0 maps to 0,
 * UINT32_MAX to n - 1. */
uint32_t SchedBackoff_Uniform(uint32_t random, uint32_t n);

/* Upper bound of the delay after `errors` consecutive errors (errors >= 1):
 * min(SCHED_BACKOFF_CAP_MS, SCHED_BACKOFF_BASE_MS * 2^(errors - 1)). */
uint32_t SchedBackoff_CeilingMs(uint32_t errors);

/* The delay after `errors` consecutive errors: uniform in
 * [SCHED_BACKOFF_FLOOR_MS, SchedBackoff_CeilingMs(errors)], both ends included. */
uint32_t SchedBackoff_DelayMs(uint32_t errors, uint32_t random);

/* The longest wait a transient error may cause for a watch polled every interval_ms:
 * min(SCHED_BACKOFF_CAP_MS, max(SCHED_TRANSIENT_CAP_INTERVALS * interval_ms,
 * SCHED_TRANSIENT_CAP_MIN_MS)). */
uint32_t SchedBackoff_TransientCapMs(uint32_t interval_ms);

/* The delay after `errors` consecutive transient errors: SchedBackoff_DelayMs, at most cap_ms
 * (and at least SCHED_BACKOFF_FLOOR_MS). */
uint32_t SchedBackoff_TransientMs(uint32_t errors, uint32_t random, uint32_t cap_ms);

/* The delay after a failure that will not heal by itself, from the SCHED_PERMANENT_AFTER-th
 * in a row: max(interval_ms, SCHED_PERMANENT_WAIT_MS) + [0, SCHED_PERMANENT_JITTER_MS]. */
uint32_t SchedBackoff_PermanentMs(uint32_t interval_ms, uint32_t random);

#endif /* SCHED_BACKOFF_H */
