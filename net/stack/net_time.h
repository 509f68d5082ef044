/*
 * NetTime: wall-clock (Unix) time kept as an anchor (Unix ms at a Clock_NowMs instant) that
 * SNTP sets. Owns: the anchor. Promises: time is "unset" until the first accepted sync; a
 * time earlier than NET_TIME_FLOOR_S (the build date) is never accepted; once set, time
 * advances with the millisecond clock and survives its 49-day wrap (NetTime_Rebase, called by
 * the poll loop). The *At functions take the current uptime so they can be tested exactly.
 */
#ifndef NET_TIME_H
#define NET_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "net/stack/net_stack_config.h"

typedef enum
{
    NET_TIME_OK = 0,
    NET_TIME_UNSET,       /* no sync yet */
    NET_TIME_TOO_EARLY,   /* rejected: below the build-time floor */
    NET_TIME_BAD_ARGUMENT
} NetTimeStatus_t;

/* Called after each SNTP result: accepted or not (NULL: none). */
typedef void (*NetTimeHook_t)(NetTimeStatus_t status, uint32_t unix_s);

void NetTime_Reset(void);
void NetTime_SetHook(NetTimeHook_t hook);

NetTimeStatus_t NetTime_SetAt(uint32_t unix_s, uint32_t ms, uint32_t now_ms);
NetTimeStatus_t NetTime_GetAt(uint32_t now_ms, uint32_t *unix_s, uint32_t *ms);
void NetTime_RebaseAt(uint32_t now_ms);

/* The same with now_ms = Clock_NowMs(). */
NetTimeStatus_t NetTime_Now(uint32_t *unix_s, uint32_t *ms);
bool NetTime_IsSet(void);

/*
 * Unix seconds now, for a wall-clock hook such as the TLS layer's (TlsWallClock_t):
 * false while the time is unset.
 */
bool NetTime_WallClock(int64_t *unix_seconds);

/* Accepted and rejected sync counts since reset. */
uint32_t NetTime_SyncCount(void);
uint32_t NetTime_RejectCount(void);

/* lwIP SNTP hooks (SNTP_SET_SYSTEM_TIME_US / SNTP_GET_SYSTEM_TIME in lwipopts.h). */
void NetTime_SetFromSntp(uint32_t unix_s, uint32_t us);
void NetTime_GetForSntp(uint32_t *unix_s, uint32_t *us);

/* A short name for the log; never NULL. */
const char *NetTime_StatusName(NetTimeStatus_t status);

#endif /* NET_TIME_H */
