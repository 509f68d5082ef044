/*
 * sched_window: the exact sliding window of the token's recent requests.
 *
 * Owns: a ring of the times of the last SCHED_BUDGET_PER_MIN requests, oldest first.
 * Promises: after SchedWindow_Expire(now) the ring holds exactly the requests of the last
 * SCHED_WINDOW_MS (those with now - t < SCHED_WINDOW_MS), so "count + 1 <= limit" before a
 * request means no window of that length ever holds more than limit requests. Times are
 * compared by difference only (wrap-safe); now must not go backwards.
 */
#ifndef SCHED_WINDOW_H
#define SCHED_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/sched/sched_config.h"

typedef struct
{
    uint32_t times_ms[SCHED_BUDGET_PER_MIN];
    size_t head;   /* index of the oldest entry */
    size_t count;
} SchedWindow_t;

void SchedWindow_Init(SchedWindow_t *window);

/* Drop the requests that left the window at now_ms. */
void SchedWindow_Expire(SchedWindow_t *window, uint32_t now_ms);

/* Record a request at now_ms (after Expire). A full ring drops its oldest entry. */
void SchedWindow_Add(SchedWindow_t *window, uint32_t now_ms);

/* Requests in the window (after Expire). */
size_t SchedWindow_Count(const SchedWindow_t *window);

/* Milliseconds from now_ms (after Expire) until `need` more requests fit under `limit`;
 * 0 when they fit now. need is taken as at least 1 and at most limit. */
uint32_t SchedWindow_WaitMs(const SchedWindow_t *window, uint32_t now_ms, size_t need,
                            size_t limit);

#endif /* SCHED_WINDOW_H */
