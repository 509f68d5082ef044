/* Host watchdog for unit tests: records starts and feeds; never resets anything. */
#include "hal/watchdog.h"
#include "hal/host/watchdog_host.h"

static uint32_t g_feeds;
static uint32_t g_timeout_ms;

WatchdogStatus_t Watchdog_Start(uint32_t timeout_ms)
{
    WatchdogStatus_t status = WATCHDOG_BAD_TIMEOUT;
    if (timeout_ms > 0u)
    {
        g_timeout_ms = timeout_ms;
        g_feeds = 0u;
        status = WATCHDOG_OK;
    }
    return status;
}

void Watchdog_Feed(void)
{
    g_feeds++;
}

uint32_t WatchdogHost_Feeds(void)
{
    return g_feeds;
}

uint32_t WatchdogHost_TimeoutMs(void)
{
    return g_timeout_ms;
}
