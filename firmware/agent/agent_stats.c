/* The agent's `stats:` line. Field names are parsed by tests/e2e/test_soak.py. */
#include "firmware/agent/agent_stats.h"

#include <stddef.h>

#include "firmware/log/log.h"
#include "hal/clock.h"
#include "hal/stack.h"
#include "hal/system.h"
#include "net/lwip_port/lwip_port.h"
#include "net/tls/tls_arena.h"

typedef struct
{
    uint32_t heap_max;
    uint32_t pool_max;
    uint32_t pool_used;
    uint32_t errors;
} LwipFigures_t;

#define PPM_STEP 1000u /* ppm = per mille of per mille */

/* Share of the time since the previous line that the core was not idle, in parts per million
 * (a poll every minute keeps it near 0.1 %, below a per-mille resolution). */
static uint32_t BusyPpm(void)
{
    /* Where the previous line left off (the first line: since boot). */
    static uint32_t g_last_ms;
    static uint32_t g_last_idle_ms;
    const uint32_t now = Clock_NowMs();
    const uint32_t idle_now = System_IdleMs();
    uint32_t elapsed = Clock_ElapsedMs(now, g_last_ms);
    uint32_t idle = idle_now - g_last_idle_ms;
    g_last_ms = now;
    g_last_idle_ms = idle_now;
    idle = (idle < elapsed) ? idle : elapsed;
    uint32_t busy = elapsed - idle;
    if (elapsed > (UINT32_MAX / PPM_STEP)) {
        /* over 71 minutes between two lines: second resolution keeps the products in 32 bits */
        busy /= PPM_STEP;
        elapsed /= PPM_STEP;
    }
    uint32_t ppm = 0u;
    if (elapsed > 0u) {
        const uint32_t scaled = busy * PPM_STEP;
        ppm = ((scaled / elapsed) * PPM_STEP) + (((scaled % elapsed) * PPM_STEP) / elapsed);
    }
    return ppm;
}

static void LwipFigures(LwipFigures_t *out)
{
    out->heap_max = 0u;
    out->pool_max = 0u;
    out->pool_used = 0u;
    out->errors = 0u;
    const size_t count = LwipPort_PoolCount();
    for (size_t i = 0u; i < count; i++) {
        LwipPortPoolStat_t stat;
        if (LwipPort_PoolStat(i, &stat)) {
            if (i == 0u) {
                out->heap_max = stat.max;
            } else {
                out->pool_max += stat.max;
                out->pool_used += stat.used;
            }
            out->errors += stat.errors;
        }
    }
}

static void Field(LogLine_t *line, const char *name, uint32_t value)
{
    Log_Str(line, name);
    Log_Uint(line, value);
}

/* Third line: each lwIP pool that was ever used, as name=used/max. */
static void LogPools(void)
{
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "stats");
    Log_Str(&line, "pools");
    const size_t count = LwipPort_PoolCount();
    for (size_t i = 1u; i < count; i++) {
        LwipPortPoolStat_t stat;
        if (LwipPort_PoolStat(i, &stat) && (stat.max > 0u)) {
            Log_Str(&line, " ");
            Log_Str(&line, stat.name);
            Field(&line, "=", stat.used);
            Field(&line, "/", stat.max);
        }
    }
    Log_End(&line);
}

void AgentStats_Log(const AgentStatsCounts_t *counts)
{
    TlsArenaUsage_t arena;
    TlsArena_GetUsage(&arena);
    LwipFigures_t lwip;
    LwipFigures(&lwip);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "stats");
    Field(&line, "polls=", counts->polls);
    Field(&line, " ok=", counts->polls_ok);
    Field(&line, " hs_full=", counts->handshakes_full);
    Field(&line, " hs_resumed=", counts->handshakes_resumed);
    Field(&line, " stack_hw=", (uint32_t)Stack_HighWaterBytes());
    Field(&line, " stack_size=", (uint32_t)Stack_SizeBytes());
    Field(&line, " cpu_busy_ppm=", BusyPpm());
    Log_End(&line);
    /* Second line: one would not fit LOG_LINE_MAX. */
    Log_Begin(&line, LOG_LEVEL_INFO, "stats");
    Field(&line, "arena_cur=", (uint32_t)arena.current_bytes);
    Field(&line, " arena_peak=", (uint32_t)arena.peak_bytes);
    Field(&line, " arena_size=", (uint32_t)arena.size);
    Field(&line, " lwip_heap_max=", lwip.heap_max);
    Field(&line, " lwip_pool_max=", lwip.pool_max);
    Field(&line, " lwip_pool_used=", lwip.pool_used);
    Field(&line, " lwip_err=", lwip.errors);
    Log_End(&line);
    LogPools();
}
