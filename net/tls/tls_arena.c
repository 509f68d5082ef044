/* The static arena behind mbedTLS's calloc/free. */
#include "net/tls/tls_arena.h"

#include <stdint.h>

#include "hal/system.h"
#include "net/tls/tls_config.h"
#include "net/tls/tls_mbedtls.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"

/* uint64_t elements: the arena starts 8-byte aligned on every target. */
#define ARENA_WORDS ((TLS_ARENA_SIZE + 7u) / 8u)

/* memory_buffer_alloc's block header with MBEDTLS_MEMORY_DEBUG: eight words. */
#define ARENA_BLOCK_OVERHEAD (8u * sizeof(void *))

static uint64_t g_arena[ARENA_WORDS];
static size_t g_arena_usable;
static bool g_arena_ready;
/* Peaks seen before the last window started (mbedTLS's own counter restarts per window). */
static size_t g_peak_bytes;
static size_t g_peak_blocks;

static void TlsArena_MergePeak(void)
{
    size_t bytes = 0u;
    size_t blocks = 0u;
    mbedtls_memory_buffer_alloc_max_get(&bytes, &blocks);
    g_peak_bytes = (bytes > g_peak_bytes) ? bytes : g_peak_bytes;
    g_peak_blocks = (blocks > g_peak_blocks) ? blocks : g_peak_blocks;
}

/* mbedtls_exit: memory_buffer_alloc found its block list corrupted. Nothing can be trusted
 * after that, so the board resets through the fault path (the cause is logged at boot). */
static void TlsArena_Fatal(int status)
{
    (void)status;
    System_Reset(SYSTEM_RESET_FAULT);
}

static void TlsArena_Start(size_t usable_bytes)
{
    g_arena_usable = usable_bytes;
    g_peak_bytes = 0u;
    g_peak_blocks = 0u;
    (void)mbedtls_platform_set_exit(&TlsArena_Fatal);
    mbedtls_memory_buffer_alloc_init((unsigned char *)g_arena, usable_bytes);
    g_arena_ready = true;
}

void TlsArena_Init(void)
{
    if (!g_arena_ready)
    {
        TlsArena_Start(sizeof(g_arena));
    }
}

void TlsArena_GetUsage(TlsArenaUsage_t *usage)
{
    if (usage != NULL)
    {
        size_t current_bytes = 0u;
        size_t current_blocks = 0u;
        if (g_arena_ready)
        {
            mbedtls_memory_buffer_alloc_cur_get(&current_bytes, &current_blocks);
            TlsArena_MergePeak();
        }
        usage->size = g_arena_usable;
        usage->current_bytes = current_bytes;
        usage->current_blocks = current_blocks;
        usage->peak_bytes = g_peak_bytes;
        usage->peak_blocks = g_peak_blocks;
    }
}

void TlsArena_ResetPeak(void)
{
    g_peak_bytes = 0u;
    g_peak_blocks = 0u;
    if (g_arena_ready)
    {
        mbedtls_memory_buffer_alloc_max_reset();
    }
}

void TlsArena_StartWindow(void)
{
    if (g_arena_ready)
    {
        TlsArena_MergePeak();
        mbedtls_memory_buffer_alloc_max_reset();
    }
}

bool TlsArena_WindowWasFull(void)
{
    size_t bytes = 0u;
    size_t blocks = 0u;
    if (g_arena_ready)
    {
        mbedtls_memory_buffer_alloc_max_get(&bytes, &blocks);
    }
    /* peak bytes and peak blocks need not coincide: this overestimates, which is the safe
     * side (an unclear failure is reported as memory, the actionable cause) */
    const size_t used = bytes + (blocks * ARENA_BLOCK_OVERHEAD);
    return g_arena_ready && ((used + TLS_ARENA_FULL_MARGIN) >= g_arena_usable);
}

#if FL_TEST_BUILD
bool TlsArena_TestRestart(size_t usable_bytes)
{
    bool restarted = false;
    size_t current_bytes = 0u;
    size_t current_blocks = 0u;
    if (g_arena_ready)
    {
        mbedtls_memory_buffer_alloc_cur_get(&current_bytes, &current_blocks);
    }
    if ((current_blocks == 0u) && (usable_bytes <= sizeof(g_arena)))
    {
        TlsArena_Start((usable_bytes == 0u) ? sizeof(g_arena) : usable_bytes);
        restarted = true;
    }
    return restarted;
}
#endif
