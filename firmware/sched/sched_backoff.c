/* Backoff and random spreading: see sched_backoff.h. */
#include "firmware/sched/sched_backoff.h"

uint32_t SchedBackoff_Uniform(uint32_t random, uint32_t n)
{
    /* Multiply-shift instead of modulo: no bias worth a loop and no division. */
    const uint64_t scaled = ((uint64_t)random * (uint64_t)n) >> 32u;
    return (uint32_t)scaled;
}

uint32_t SchedBackoff_CeilingMs(uint32_t errors)
{
    uint32_t ceiling = SCHED_BACKOFF_BASE_MS;
    for (uint32_t i = 1u; (i < errors) && (i < SCHED_BACKOFF_ERRORS_MAX); i++)
    {
        if (ceiling > (SCHED_BACKOFF_CAP_MS - ceiling)) /* doubling would pass the cap */
        {
            ceiling = SCHED_BACKOFF_CAP_MS;
            break;
        }
        ceiling *= 2u;
    }
    return ceiling;
}

uint32_t SchedBackoff_DelayMs(uint32_t errors, uint32_t random)
{
    const uint32_t span = SchedBackoff_CeilingMs(errors) - SCHED_BACKOFF_FLOOR_MS;
    return SCHED_BACKOFF_FLOOR_MS + SchedBackoff_Uniform(random, span + 1u);
}

uint32_t SchedBackoff_TransientCapMs(uint32_t interval_ms)
{
    const uint32_t bounded = (interval_ms > SCHED_INTERVAL_MAX_MS) ? SCHED_INTERVAL_MAX_MS : interval_ms;
    const uint32_t by_interval = bounded * SCHED_TRANSIENT_CAP_INTERVALS;
    const uint32_t cap = (by_interval > SCHED_TRANSIENT_CAP_MIN_MS) ? by_interval : SCHED_TRANSIENT_CAP_MIN_MS;
    return (cap > SCHED_BACKOFF_CAP_MS) ? SCHED_BACKOFF_CAP_MS : cap;
}

uint32_t SchedBackoff_TransientMs(uint32_t errors, uint32_t random, uint32_t cap_ms)
{
    const uint32_t ceiling = SchedBackoff_CeilingMs(errors);
    uint32_t top = (ceiling < cap_ms) ? ceiling : cap_ms;
    if (top < SCHED_BACKOFF_FLOOR_MS)
    {
        top = SCHED_BACKOFF_FLOOR_MS;
    }
    return SCHED_BACKOFF_FLOOR_MS + SchedBackoff_Uniform(random, (top - SCHED_BACKOFF_FLOOR_MS) + 1u);
}

uint32_t SchedBackoff_PermanentMs(uint32_t interval_ms, uint32_t random)
{
    const uint32_t bounded = (interval_ms > SCHED_INTERVAL_MAX_MS) ? SCHED_INTERVAL_MAX_MS : interval_ms;
    const uint32_t base = (bounded > SCHED_PERMANENT_WAIT_MS) ? bounded : SCHED_PERMANENT_WAIT_MS;
    return base + SchedBackoff_Uniform(random, SCHED_PERMANENT_JITTER_MS + 1u);
}
