/*
 * sched_hold: one "nothing before" deadline, kept as a start time and a length so that it is
 * wrap-safe. Owns nothing beyond the SchedHold_t it is given.
 * Promises: a hold only ever gets longer (a new order shorter than what is left is ignored);
 * once it has expired (seen by SchedHold_Refresh) it stays expired.
 */
#ifndef SCHED_HOLD_H
#define SCHED_HOLD_H

#include <stdbool.h>
#include <stdint.h>

typedef struct
{
    uint32_t from_ms;
    uint32_t length_ms;
    bool active;
} SchedHold_t;

void SchedHold_Init(SchedHold_t *hold);

/* Milliseconds left at now_ms; 0 when inactive or expired. */
uint32_t SchedHold_RemainingMs(const SchedHold_t *hold, uint32_t now_ms);

/* Nothing before now_ms + length_ms, unless the current hold ends later. */
void SchedHold_Extend(SchedHold_t *hold, uint32_t now_ms, uint32_t length_ms);

/* Mark an expired hold inactive (call regularly, so an old hold never looks fresh after the
 * clock wraps). */
void SchedHold_Refresh(SchedHold_t *hold, uint32_t now_ms);

#endif /* SCHED_HOLD_H */
