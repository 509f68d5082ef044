/* lwIP platform functions: time base, randomness, assertions, pool statistics. */
#include "net/lwip_port/lwip_port.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal/clock.h"
#include "lwip/arch.h"
#include "lwip/memp.h"
#include "lwip/stats.h"
#include "lwip/sys.h"
#if defined(FL_HOST) && (FL_HOST == 1)
#include <stdlib.h>
#else
#include "hal/system.h"
#endif

#define RAND_DEFAULT_STATE 0x6D2B79F5u
#define RAND_SHIFT_A 13u
#define RAND_SHIFT_B 17u
#define RAND_SHIFT_C 5u

static uint32_t g_rand_state = RAND_DEFAULT_STATE;
static LwipPortAssertHook_t g_assert_hook;

u32_t sys_now(void)
{
    return Clock_NowMs();
}

void LwipPort_Seed(uint32_t seed)
{
    g_rand_state ^= seed;
    if (g_rand_state == 0u)
    {
        g_rand_state = RAND_DEFAULT_STATE;
    }
}

/* xorshift32: identifiers and ports only (DNS id, source ports, TCP ISN), not key material. */
uint32_t LwipPort_Rand(void)
{
    uint32_t x = g_rand_state;
    x ^= x << RAND_SHIFT_A;
    x ^= x >> RAND_SHIFT_B;
    x ^= x << RAND_SHIFT_C;
    g_rand_state = x;
    return x ^ Clock_CycleCount();
}

void LwipPort_SetAssertHook(LwipPortAssertHook_t hook)
{
    g_assert_hook = hook;
}

void LwipPort_Assert(const char *message, uint32_t line)
{
    LwipPortAssertHook_t hook = g_assert_hook;
    if (hook != NULL)
    {
        hook(message, line);
    }
#if defined(FL_HOST) && (FL_HOST == 1)
    abort();
#else
    System_Reset(SYSTEM_RESET_FAULT);
#endif
}

size_t LwipPort_PoolCount(void)
{
    return 1u + (size_t)MEMP_MAX;
}

static void copy_stat(const struct stats_mem *mem, const char *name, LwipPortPoolStat_t *stat)
{
    stat->name = (name != NULL) ? name : "?";
    stat->used = (uint32_t)mem->used;
    stat->max = (uint32_t)mem->max;
    stat->avail = (uint32_t)mem->avail;
    stat->errors = (uint32_t)mem->err;
}

bool LwipPort_PoolStat(size_t index, LwipPortPoolStat_t *stat)
{
    bool ok = false;
    if ((stat != NULL) && (index < LwipPort_PoolCount()))
    {
        if (index == 0u)
        {
            copy_stat(&lwip_stats.mem, "HEAP", stat);
        }
        else
        {
            copy_stat(lwip_stats.memp[index - 1u], lwip_stats.memp[index - 1u]->name, stat);
        }
        ok = true;
    }
    return ok;
}
