/*
 * TLS arena: the static heap mbedTLS allocates from (memory_buffer_alloc over
 * TLS_ARENA_SIZE bytes). Our code never calls malloc; mbedTLS gets only this.
 * Owns: the arena and mbedTLS's calloc/free hooks. Promises: TlsArena_Init is idempotent;
 * figures are the bytes mbedTLS asked for (block headers and fragmentation not included:
 * TLS_ARENA_SIZE must keep a margin over the peak).
 */
#ifndef NET_TLS_TLS_ARENA_H
#define NET_TLS_TLS_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct
{
    size_t size;            /* usable bytes of the arena */
    size_t current_bytes;   /* allocated now */
    size_t current_blocks;
    size_t peak_bytes;      /* most allocated at once since init or the last reset */
    size_t peak_blocks;
} TlsArenaUsage_t;

/* Hand the arena to mbedTLS (first call only). */
void TlsArena_Init(void);

void TlsArena_GetUsage(TlsArenaUsage_t *usage);

/* Start a new peak measurement from the current use. */
void TlsArena_ResetPeak(void);

/*
 * mbedTLS turns some allocation failures into other errors (a signature check that cannot
 * allocate reads as "not trusted"). A window brackets one operation: TlsArena_WindowWasFull
 * then says whether the arena came within TLS_ARENA_FULL_MARGIN of its end inside it, so
 * the caller can report "out of memory" instead. Windows do not disturb the peak figures.
 */
void TlsArena_StartWindow(void);
bool TlsArena_WindowWasFull(void);

#if FL_TEST_BUILD
/* Test builds only: restart the arena with at most usable_bytes (0: the whole arena), to
 * find the smallest arena a handshake fits in. Only while nothing is allocated; returns
 * false otherwise. */
bool TlsArena_TestRestart(size_t usable_bytes);
#endif

#endif /* NET_TLS_TLS_ARENA_H */
