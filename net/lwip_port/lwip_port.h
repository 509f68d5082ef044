/*
 * lwIP port: the functions lwIP needs from the platform (sys_now, random numbers, assertion
 * hook) and a plain view of lwIP's pool statistics, so callers need no lwIP headers.
 * Owns: the port's random state and the assertion hook.
 * Promises: LwipPort_Rand never blocks; an lwIP assertion calls the hook (if set) and then
 * resets the system (host builds abort) - lwIP state after an assertion is not trustworthy.
 */
#ifndef LWIP_PORT_H
#define LWIP_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*LwipPortAssertHook_t)(const char *message, uint32_t line);

typedef struct
{
    const char *name;
    uint32_t used;
    uint32_t max;     /* high-water */
    uint32_t avail;   /* capacity */
    uint32_t errors;  /* failed allocations */
} LwipPortPoolStat_t;

/* Mix seed into the random state (call with device entropy before NetStack_Init). */
void LwipPort_Seed(uint32_t seed);
uint32_t LwipPort_Rand(void);

void LwipPort_SetAssertHook(LwipPortAssertHook_t hook);
void LwipPort_Assert(const char *message, uint32_t line);

/* Number of statistics entries: the lwIP heap first, then each memp pool. */
size_t LwipPort_PoolCount(void);
bool LwipPort_PoolStat(size_t index, LwipPortPoolStat_t *stat);

#endif /* LWIP_PORT_H */
