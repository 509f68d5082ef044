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
