/*
 * Helpers shared by the scheduler's own files (sched.c, sched_round.c); not for other modules.
 */
#ifndef SCHED_PRIV_H
#define SCHED_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "firmware/sched/sched.h"

/* True for a non-NULL, initialised scheduler. */
bool SchedPriv_IsReady(const Sched_t *sched);

/* Bring the state up to now_ms: expire old requests and holds, latch watches that became
 * due. Every public call that takes a time does this first. */
void SchedPriv_Refresh(Sched_t *sched, uint32_t now_ms);

/* The watch is next due wait_ms after now_ms (0: due now). */
void SchedPriv_Wait(SchedWatch_t *watch, uint32_t now_ms, uint32_t wait_ms);

#endif /* SCHED_PRIV_H */
