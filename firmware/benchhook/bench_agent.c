/* bench_agent: the agent loop with round timing and high-water marks. */
#include "firmware/benchhook/bench_agent.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/agent/agent.h"
#include "firmware/benchhook/bench_mem.h"
#include "firmware/benchhook/bench_out.h"
#include "firmware/benchhook/benchhook_config.h"
#include "firmware/config/config.h"
#include "firmware/log/log.h"
#include "firmware/panel/panel.h"
#include "firmware/panel/panel_leds.h"
#include "hal/clock.h"
#include "hal/console.h"
#include "hal/system.h"
#include "hal/watchdog.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

#define PANEL_PREFIX    "[panel] "
#define NO_DATA_TEXT    "NO_DATA"
#define ROUND_TEXT      "I poll: "
#define TEXT_SCAN_MAX   256u

typedef struct {
    bool have_first_state;
    uint32_t first_state_ticks;      /* Clock_CycleCount: from System_Init at reset */
    uint32_t first_state_idle_ticks; /* System_IdleTicks then: every wait since reset */
    bool round_logged;
} BenchAgent_t;

static BenchAgent_t g_bench;

/* needle_len is the literal's sizeof - 1 (callers pass literals only). */
static bool text_has(const char *text, size_t length, const char *needle, size_t needle_len, bool at_start)
{
    const size_t scan = (length < TEXT_SCAN_MAX) ? length : TEXT_SCAN_MAX;
    const size_t last = at_start ? 0u : scan;
    bool found = false;
    for (size_t start = 0u; (start <= last) && ((start + needle_len) <= scan) && !found; start++)
    {
        size_t i = 0u;
        while ((i < needle_len) && (text[start + i] == needle[i]))
        {
            i++;
        }
        found = (i == needle_len);
    }
    return found;
}

/* Console sink for the log and the panel: forwards, and notes the events we time. */
static void bench_sink(const char *text, size_t length)
{
    (void)Console_Write((const uint8_t *)text, length);
    if (!g_bench.have_first_state && text_has(text, length, PANEL_PREFIX, sizeof(PANEL_PREFIX) - 1u, true) &&
        !text_has(text, length, NO_DATA_TEXT, sizeof(NO_DATA_TEXT) - 1u, false))
    {
        g_bench.first_state_ticks = Clock_CycleCount();
        g_bench.first_state_idle_ticks = System_IdleTicks();
        g_bench.have_first_state = true;
    }
    if (text_has(text, length, ROUND_TEXT, sizeof(ROUND_TEXT) - 1u, false))
    {
        g_bench.round_logged = true;
    }
}

static BenchhookStatus_t run_loop(uint32_t rounds)
{
    uint32_t done = 0u;
    for (uint32_t step = 0u; (step < BENCH_AGENT_MAX_STEPS) && (done < rounds); step++)
    {
        Watchdog_Feed(); /* as main's loop does: one pass is progress */
        g_bench.round_logged = false;
        const uint32_t t0 = Clock_CycleCount();
        const uint32_t sleep_ms = Agent_Step(Clock_NowMs());
        const uint32_t ticks = Clock_CycleCount() - t0;
        if (g_bench.round_logged)
        {
            done++;
            BenchOut_Figure("round_ticks", ticks);
            BenchOut_Figure("round_index", done);
        }
        if (sleep_ms > 0u)
        {
            System_Idle();
        }
    }
    return (done == rounds) ? BENCHHOOK_OK : BENCHHOOK_ERR_RUN;
}

BenchhookStatus_t BenchAgent_Run(uint32_t rounds)
{
    BenchhookStatus_t status = BENCHHOOK_ERR_INPUT;
    Log_Init(bench_sink, LOG_LEVEL_INFO);
    (void)Panel_Init(bench_sink, false);
    Clock_SetTickHook(PanelLeds_OnTick);
    const ConfigData_t *config = (Config_Init() == CONFIG_OK) ? Config_Active() : NULL;
    if ((config == NULL) || (rounds == 0u) || (rounds > BENCH_AGENT_MAX_ROUNDS))
    {
        BenchOut_Note("not provisioned, or round count out of range");
    }
    else if (Agent_Init(config) != AGENT_OK)
    {
        status = BENCHHOOK_ERR_RUN;
    }
    else
    {
        status = run_loop(rounds);
        BenchOut_Figure("first_state_ticks", g_bench.have_first_state ? g_bench.first_state_ticks : 0u);
        BenchOut_Figure("first_state_idle_ticks", g_bench.first_state_idle_ticks);
        BenchMem_Report();
    }
    return status;
}
