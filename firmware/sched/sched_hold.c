/* Wrap-safe deadlines: see sched_hold.h. */
#include "firmware/sched/sched_hold.h"

void SchedHold_Init(SchedHold_t *hold)
{
    hold->from_ms = 0u;
    hold->length_ms = 0u;
    hold->active = false;
}

uint32_t SchedHold_RemainingMs(const SchedHold_t *hold, uint32_t now_ms)
{
    uint32_t remaining = 0u;
    if (hold->active)
    {
        const uint32_t elapsed = now_ms - hold->from_ms;
        if (elapsed < hold->length_ms)
        {
            remaining = hold->length_ms - elapsed;
        }
    }
    return remaining;
}

void SchedHold_Extend(SchedHold_t *hold, uint32_t now_ms, uint32_t length_ms)
{
    if (length_ms > SchedHold_RemainingMs(hold, now_ms))
    {
        hold->from_ms = now_ms;
        hold->length_ms = length_ms;
        hold->active = true;
    }
}

void SchedHold_Refresh(SchedHold_t *hold, uint32_t now_ms)
{
    if (SchedHold_RemainingMs(hold, now_ms) == 0u)
    {
        hold->active = false;
    }
}
