/* forgelight entry point: bring up the board, print the banner, run the agent loop. */
#include <stddef.h>
#include <stdint.h>

#include "firmware/app/banner.h"
#include "firmware/log/log.h"
#include "hal/clock.h"
#include "hal/console.h"
#include "hal/system.h"
#if FL_TEST_BUILD
#include "firmware/app/selftest.h"
#endif

#ifndef APP_HEARTBEAT_MS
#define APP_HEARTBEAT_MS 60000u
#endif

static void console_sink(const char *text, size_t length)
{
    (void)Console_Write((const uint8_t *)text, length);
}

int main(void)
{
    Console_Init();
    Clock_Init();
    Log_Init(console_sink, LOG_LEVEL_INFO);
    Banner_Log(System_ResetCause());

#if FL_TEST_BUILD
    Selftest_RunFromCommandLine();
#endif

    uint32_t last_heartbeat = Clock_NowMs();
    for (;;) /* the agent's main loop runs for the life of the device */
    {
        const uint32_t now = Clock_NowMs();
        if (Clock_ElapsedMs(now, last_heartbeat) >= APP_HEARTBEAT_MS)
        {
            last_heartbeat = now;
            LogLine_t line;
            Log_Begin(&line, LOG_LEVEL_DEBUG, "app");
            Log_Str(&line, "alive, uptime ");
            Log_Uint(&line, now / 1000u);
            Log_Str(&line, " s");
            Log_End(&line);
        }
        System_Idle();
    }
}
