/* forgelight entry point: bring up the board, print the banner, run the agent loop. */
#include <stddef.h>
#include <stdint.h>

#include "firmware/agent/agent.h"
#include "firmware/agent/agent_config.h"
#include "firmware/app/banner.h"
#include "firmware/config/config.h"
#include "firmware/console/console_anchors.h"
#include "firmware/console/console_cli.h"
#include "firmware/log/log.h"
#include "firmware/panel/panel.h"
#include "firmware/panel/panel_leds.h"
#include "hal/clock.h"
#include "hal/console.h"
#include "hal/system.h"
#include "hal/watchdog.h"
#include "net/stack/net_progress.h"
#if FL_TEST_BUILD
#include <string.h>

#include "firmware/app/selftest.h"
#endif

static void console_sink(const char *text, size_t length)
{
    (void)Console_Write((const uint8_t *)text, length);
}

static const ConfigData_t *load_config(void)
{
    const ConfigStatus_t status = Config_Init();
    const ConfigOrigin_t origin = Config_Origin();
    LogLine_t line;
    Log_Begin(&line, (status == CONFIG_OK) ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, "config");
    if (status == CONFIG_OK) {
        Log_Str(&line, "loaded from ");
        Log_Str(&line, (origin.slot == CONFIG_STORE_SLOT_PROVISIONED) ? "provisioned block" : "run-time slot ");
        if (origin.slot != CONFIG_STORE_SLOT_PROVISIONED) {
            Log_Uint(&line, origin.slot);
        }
        Log_Str(&line, ", sequence ");
        Log_Uint(&line, origin.sequence);
    } else {
        Log_Str(&line, "NOT CONFIGURED (");
        Log_Str(&line, ConfigStatus_Name(status));
        Log_Str(&line, "): provision the image with toolchain/provision.py or use `config set`");
    }
    Log_End(&line);
    return (status == CONFIG_OK) ? Config_Active() : NULL;
}

static void start_watchdog(void)
{
    const WatchdogStatus_t status = Watchdog_Start(AGENT_WATCHDOG_MS);
    LogLine_t line;
    Log_Begin(&line, (status == WATCHDOG_OK) ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, "boot");
    Log_Str(&line, "watchdog ");
    if (status == WATCHDOG_OK) {
        Log_Uint(&line, AGENT_WATCHDOG_MS);
        Log_Str(&line, " ms");
    } else {
        Log_Str(&line, "NOT started (");
        Log_Str(&line, (status == WATCHDOG_UNSUPPORTED) ? "unsupported" : "bad timeout");
        Log_Str(&line, ")");
    }
    Log_End(&line);
    NetStack_SetProgressHook(Watchdog_Feed);
}

#if FL_TEST_BUILD
/* Test command `hang`: stop feeding (once per power-on: after the watchdog reset the
 * firmware runs normally, so a test sees the reset, the cause and a working agent). */
static void hang_if_asked(void)
{
    char command[AGENT_TEST_CMDLINE_MAX];
    const size_t length = System_TestCommandLine(command, sizeof command);
    if ((length > 0u) && (strcmp(command, "hang") == 0) && (System_ResetCause() != SYSTEM_RESET_WATCHDOG)) {
        Log_Message(LOG_LEVEL_INFO, "boot", "hang: main loop stopped, watchdog not fed");
        for (;;) {
            System_Idle();
        }
    }
}
#endif

int main(void)
{
    Console_Init();
    Clock_Init();
    Log_Init(console_sink, LOG_LEVEL_INFO);
    Banner_Log(System_ResetCause());

#if FL_TEST_BUILD
    Selftest_RunFromCommandLine(); /* self-tests end the run; they are not watched */
#endif
    start_watchdog();

    (void)Panel_Init(console_sink, Console_IsTerminal());
    Clock_SetTickHook(PanelLeds_OnTick);
    ConsoleCli_SetStatusProvider(Agent_StatusLine);
    ConsoleAnchors_SetHooks(Agent_CheckAnchor, Agent_ReloadAnchors);
    ConsoleCli_Init();

    const ConfigData_t *config = load_config();
    const bool running = (config != NULL) && (Agent_Init(config) == AGENT_OK);
    if (running && (Config_Origin().slot != CONFIG_STORE_SLOT_PROVISIONED)) {
        /* A configuration saved over the console reaches the agent through this reboot: its
         * watches poll at once instead of at a random offset (no backoff carries over). */
        Agent_ConfigChanged();
    }
#if FL_TEST_BUILD
    hang_if_asked();
#endif
    for (;;) /* the agent's main loop runs for the life of the device */
    {
        Watchdog_Feed(); /* one pass of the loop is progress */
        const uint32_t now = Clock_NowMs();
        ConsoleCli_Poll();
        uint32_t sleep_ms = 1u;
        if (running) {
            sleep_ms = Agent_Step(now);
        } else {
            Agent_ShowUnconfigured(now);
        }
        if (sleep_ms > 0u) {
            System_Idle(); /* the 1 ms tick or a device interrupt wakes us */
        }
    }
}
