/* Wall-clock time from SNTP (see net_time.h). */
#include "net/stack/net_time.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal/clock.h"

#define MS_PER_S 1000u
#define US_PER_MS 1000u
#define NET_TIME_HALF_RANGE_MS 0x80000000u

typedef struct
{
    bool set;
    uint64_t anchor_unix_ms;  /* Unix time in ms at anchor_uptime_ms */
    uint32_t anchor_uptime_ms;
    uint32_t syncs;
    uint32_t rejects;
    NetTimeHook_t hook;
} NetTimeState_t;

static NetTimeState_t g_time;

void NetTime_Reset(void)
{
    g_time.set = false;
    g_time.anchor_unix_ms = 0u;
    g_time.anchor_uptime_ms = 0u;
    g_time.syncs = 0u;
    g_time.rejects = 0u;
    g_time.hook = NULL;
}

void NetTime_SetHook(NetTimeHook_t hook)
{
    g_time.hook = hook;
}

NetTimeStatus_t NetTime_SetAt(uint32_t unix_s, uint32_t ms, uint32_t now_ms)
{
    NetTimeStatus_t status = NET_TIME_OK;
    if (ms >= MS_PER_S)
    {
        status = NET_TIME_BAD_ARGUMENT;
    }
    else if (unix_s < NET_TIME_FLOOR_S)
    {
        status = NET_TIME_TOO_EARLY;
        g_time.rejects++;
    }
    else
    {
        g_time.anchor_unix_ms = ((uint64_t)unix_s * MS_PER_S) + ms;
        g_time.anchor_uptime_ms = now_ms;
        g_time.set = true;
        g_time.syncs++;
    }
    if (g_time.hook != NULL)
    {
        g_time.hook(status, unix_s);
    }
    return status;
}

NetTimeStatus_t NetTime_GetAt(uint32_t now_ms, uint32_t *unix_s, uint32_t *ms)
{
    NetTimeStatus_t status = NET_TIME_OK;
    if ((unix_s == NULL) || (ms == NULL))
    {
        status = NET_TIME_BAD_ARGUMENT;
    }
    else if (!g_time.set)
    {
        *unix_s = 0u;
        *ms = 0u;
        status = NET_TIME_UNSET;
    }
    else
    {
        uint32_t elapsed = Clock_ElapsedMs(now_ms, g_time.anchor_uptime_ms);
        if (elapsed >= NET_TIME_HALF_RANGE_MS)
        {
            elapsed = 0u; /* now_ms was read before the last sync */
        }
        const uint64_t unix_ms = g_time.anchor_unix_ms + elapsed;
        *unix_s = (uint32_t)(unix_ms / MS_PER_S);
        *ms = (uint32_t)(unix_ms % MS_PER_S);
    }
    return status;
}

void NetTime_RebaseAt(uint32_t now_ms)
{
    const uint32_t elapsed = Clock_ElapsedMs(now_ms, g_time.anchor_uptime_ms);
    /* An elapsed time past half the counter range means now_ms is older than the anchor. */
    if (g_time.set && (elapsed >= NET_TIME_REBASE_MS) && (elapsed < NET_TIME_HALF_RANGE_MS))
    {
        g_time.anchor_unix_ms += elapsed;
        g_time.anchor_uptime_ms = now_ms;
    }
}

NetTimeStatus_t NetTime_Now(uint32_t *unix_s, uint32_t *ms)
{
    return NetTime_GetAt(Clock_NowMs(), unix_s, ms);
}

bool NetTime_IsSet(void)
{
    return g_time.set;
}

bool NetTime_WallClock(int64_t *unix_seconds)
{
    uint32_t unix_s = 0u;
    uint32_t ms = 0u;
    const bool set = (unix_seconds != NULL) && (NetTime_Now(&unix_s, &ms) == NET_TIME_OK);
    if (set)
    {
        *unix_seconds = (int64_t)unix_s;
    }
    return set;
}

uint32_t NetTime_SyncCount(void)
{
    return g_time.syncs;
}

uint32_t NetTime_RejectCount(void)
{
    return g_time.rejects;
}

void NetTime_SetFromSntp(uint32_t unix_s, uint32_t us)
{
    (void)NetTime_SetAt(unix_s, us / US_PER_MS, Clock_NowMs());
}

void NetTime_GetForSntp(uint32_t *unix_s, uint32_t *us)
{
    uint32_t ms = 0u;
    if (NetTime_Now(unix_s, &ms) != NET_TIME_OK)
    {
        /* Unset: any value that changes per request serves as our originate timestamp. */
        const uint32_t now = Clock_NowMs();
        *unix_s = NET_TIME_FLOOR_S + (now / MS_PER_S);
        ms = now % MS_PER_S;
    }
    *us = ms * US_PER_MS;
}

const char *NetTime_StatusName(NetTimeStatus_t status)
{
    const char *name = "unknown time status";
    switch (status)
    {
        case NET_TIME_OK: name = "ok"; break;
        case NET_TIME_UNSET: name = "not set"; break;
        case NET_TIME_TOO_EARLY: name = "below build floor"; break;
        case NET_TIME_BAD_ARGUMENT: name = "bad argument"; break;
        default: name = "unknown time status"; break;
    }
    return name;
}
