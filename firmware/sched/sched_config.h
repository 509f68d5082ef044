/*
 * Limits of the poll scheduler (firmware/sched/). A board may override any of them in its
 * board_config.h (or with -D); these are the defaults. All times are milliseconds.
 */
#ifndef SCHED_CONFIG_H
#define SCHED_CONFIG_H

#include "board_config.h"

/* Watches one scheduler serves (one Forge server each). */
#ifndef SCHED_MAX_WATCHES
#define SCHED_MAX_WATCHES        8u
#endif

/* Requests the API allows per token in one window (Forge: 60 per minute). Also the size of
 * the ring of request times, so the sliding window is exact. */
#ifndef SCHED_BUDGET_PER_MIN
#define SCHED_BUDGET_PER_MIN     60u
#endif

/* Requests of the budget left unused: other clients of the same token, clock skew. */
#ifndef SCHED_BUDGET_HEADROOM
#define SCHED_BUDGET_HEADROOM    6u
#endif

/* Length of the sliding window the budget applies to. */
#ifndef SCHED_WINDOW_MS
#define SCHED_WINDOW_MS          60000u
#endif

/* Accepted poll intervals of a watch. */
#ifndef SCHED_INTERVAL_MIN_MS
#define SCHED_INTERVAL_MIN_MS    1000u
#endif
#ifndef SCHED_INTERVAL_MAX_MS
#define SCHED_INTERVAL_MAX_MS    86400000u
#endif

/* Error backoff: after the n-th consecutive error the delay is drawn uniformly from
 * [SCHED_BACKOFF_FLOOR_MS, min(CAP, BASE * 2^(n-1))] (full jitter above a floor, so an error
 * never turns into an immediate retry loop). */
#ifndef SCHED_BACKOFF_BASE_MS
#define SCHED_BACKOFF_BASE_MS    5000u
#endif
#ifndef SCHED_BACKOFF_CAP_MS
#define SCHED_BACKOFF_CAP_MS     300000u
#endif
#ifndef SCHED_BACKOFF_FLOOR_MS
#define SCHED_BACKOFF_FLOOR_MS   1000u
#endif
/* Transient errors (network, TLS, 5xx, malformed answers) never wait longer than
 * min(SCHED_BACKOFF_CAP_MS, max(SCHED_TRANSIENT_CAP_INTERVALS x interval,
 * SCHED_TRANSIENT_CAP_MIN_MS)), so the panel shows recovery about a minute after the server
 * heals. */
#ifndef SCHED_TRANSIENT_CAP_MIN_MS
#define SCHED_TRANSIENT_CAP_MIN_MS 60000u
#endif
#ifndef SCHED_TRANSIENT_CAP_INTERVALS
#define SCHED_TRANSIENT_CAP_INTERVALS 2u
#endif

/* Failures that will not heal by themselves (401, 403, 404): the first is retried like a
 * transient error; from the second in a row the watch waits max(interval,
 * SCHED_PERMANENT_WAIT_MS) plus up to SCHED_PERMANENT_JITTER_MS, so at most one request per
 * SCHED_PERMANENT_WAIT_MS, until it succeeds or its configuration changes (Sched_RetryNow). */
#ifndef SCHED_PERMANENT_WAIT_MS
#define SCHED_PERMANENT_WAIT_MS  300000u
#endif
#ifndef SCHED_PERMANENT_JITTER_MS
#define SCHED_PERMANENT_JITTER_MS 30000u
#endif
#ifndef SCHED_PERMANENT_AFTER
#define SCHED_PERMANENT_AFTER    2u
#endif

/* The consecutive-error counter stops here (the delay is at its cap long before). */
#ifndef SCHED_BACKOFF_ERRORS_MAX
#define SCHED_BACKOFF_ERRORS_MAX 32u
#endif

/* Longest wait a server may order (Retry-After, X-RateLimit-Reset); longer ones are cut. */
#ifndef SCHED_HOLD_MAX_MS
#define SCHED_HOLD_MAX_MS        3600000u
#endif

/* Wait after a 429 without Retry-After. */
#ifndef SCHED_RATE_LIMIT_HOLD_MS
#define SCHED_RATE_LIMIT_HOLD_MS 60000u
#endif

/* Wait after X-RateLimit-Remaining: 0 without X-RateLimit-Reset (one full server window). */
#ifndef SCHED_EXHAUSTED_HOLD_MS
#define SCHED_EXHAUSTED_HOLD_MS  60000u
#endif

/* Added to the X-RateLimit-Reset delay: Reset and Date have a resolution of one second. */
#ifndef SCHED_RESET_MARGIN_MS
#define SCHED_RESET_MARGIN_MS    1000u
#endif

/* Longest sleep Sched_MsUntilNext advises (the main loop wakes at least this often). */
#ifndef SCHED_SLEEP_MAX_MS
#define SCHED_SLEEP_MAX_MS       60000u
#endif

#if (SCHED_MAX_WATCHES < 1u) || (SCHED_BUDGET_PER_MIN < 1u)
#error "sched: SCHED_MAX_WATCHES and SCHED_BUDGET_PER_MIN must be at least 1"
#endif
#if SCHED_BUDGET_HEADROOM >= SCHED_BUDGET_PER_MIN
#error "sched: SCHED_BUDGET_HEADROOM must be below SCHED_BUDGET_PER_MIN"
#endif
#if (SCHED_BACKOFF_FLOOR_MS > SCHED_BACKOFF_BASE_MS) || (SCHED_BACKOFF_BASE_MS > SCHED_BACKOFF_CAP_MS)
#error "sched: need SCHED_BACKOFF_FLOOR_MS <= SCHED_BACKOFF_BASE_MS <= SCHED_BACKOFF_CAP_MS"
#endif
#if (SCHED_TRANSIENT_CAP_MIN_MS < SCHED_BACKOFF_FLOOR_MS) || (SCHED_TRANSIENT_CAP_INTERVALS < 1u)
#error "sched: need SCHED_TRANSIENT_CAP_MIN_MS >= SCHED_BACKOFF_FLOOR_MS and SCHED_TRANSIENT_CAP_INTERVALS >= 1"
#endif
#if (SCHED_PERMANENT_AFTER < 1u) || (SCHED_PERMANENT_AFTER > SCHED_BACKOFF_ERRORS_MAX)
#error "sched: need 1 <= SCHED_PERMANENT_AFTER <= SCHED_BACKOFF_ERRORS_MAX"
#endif
#if (SCHED_INTERVAL_MAX_MS > (0x7FFFFFFFu / SCHED_TRANSIENT_CAP_INTERVALS)) || \
    ((SCHED_PERMANENT_WAIT_MS + SCHED_PERMANENT_JITTER_MS) > 0x7FFFFFFFu) || \
    ((SCHED_INTERVAL_MAX_MS + SCHED_PERMANENT_JITTER_MS) > 0x7FFFFFFFu)
#error "sched: transient cap and permanent wait must stay below 2^31 ms"
#endif
/* Every wait stays below 2^31 ms so differences of timestamps are never ambiguous. */
#if (SCHED_BACKOFF_CAP_MS > 0x7FFFFFFFu) || (SCHED_HOLD_MAX_MS > 0x7FFFFFFFu) || \
    (SCHED_INTERVAL_MAX_MS > 0x7FFFFFFFu) || (SCHED_WINDOW_MS > 0x7FFFFFFFu)
#error "sched: waits must stay below 2^31 ms"
#endif
#if (SCHED_INTERVAL_MIN_MS < 1u) || (SCHED_INTERVAL_MIN_MS > SCHED_INTERVAL_MAX_MS)
#error "sched: need 1 <= SCHED_INTERVAL_MIN_MS <= SCHED_INTERVAL_MAX_MS"
#endif

#endif /* SCHED_CONFIG_H */
