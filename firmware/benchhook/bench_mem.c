/* bench_mem: stack, TLS arena and lwIP high-water marks. */
#include "firmware/benchhook/bench_mem.h"

#include <stdint.h>

#include "firmware/benchhook/bench_out.h"
#include "hal/stack.h"
#include "lwip/memp.h"
#include "lwip/priv/memp_priv.h"
#include "lwip/stats.h"
#include "net/tls/tls_arena.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

size_t BenchMem_LwipHighWaterBytes(void)
{
    size_t total = (size_t)lwip_stats.mem.max;
    for (size_t i = 0u; i < (size_t)MEMP_MAX; i++)
    {
        const struct memp_desc *pool = memp_pools[i];
        if ((pool != NULL) && (pool->stats != NULL))
        {
            total += (size_t)pool->stats->max * (size_t)pool->size;
        }
    }
    return total;
}

static size_t lwip_pool_reserved_bytes(void)
{
    size_t total = (size_t)lwip_stats.mem.avail;
    for (size_t i = 0u; i < (size_t)MEMP_MAX; i++)
    {
        const struct memp_desc *pool = memp_pools[i];
        if (pool != NULL)
        {
            total += (size_t)pool->num * (size_t)pool->size;
        }
    }
    return total;
}

void BenchMem_Report(void)
{
    TlsArenaUsage_t arena;
    TlsArena_GetUsage(&arena);
    BenchOut_Figure("stack_high_water_bytes", (uint32_t)Stack_HighWaterBytes());
    BenchOut_Figure("stack_size_bytes", (uint32_t)Stack_SizeBytes());
    BenchOut_Figure("tls_arena_high_water_bytes", (uint32_t)arena.peak_bytes);
    BenchOut_Figure("tls_arena_size_bytes", (uint32_t)arena.size);
    BenchOut_Figure("lwip_pool_high_water_bytes", (uint32_t)BenchMem_LwipHighWaterBytes());
    BenchOut_Figure("lwip_pool_reserved_bytes", (uint32_t)lwip_pool_reserved_bytes());
    BenchOut_Figure("lwip_heap_high_water_bytes", (uint32_t)lwip_stats.mem.max);
}
