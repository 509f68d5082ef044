/*
 * forge_paging: the page[size] to ask for, adapted to what fits. A page whose body or tokens
 * do not fit (ForgePage FORGE_PAGE_ERR_TOO_LARGE, or the HTTP body limit) halves the size and
 * the same cursor is fetched again (Forge cursors carry the position, not the page size).
 * After FORGE_PAGE_SIZE_RECOVER_ROUNDS complete rounds the size doubles back towards
 * FORGE_PAGE_SIZE_DEFAULT. A single record too large at FORGE_PAGE_SIZE_MIN is an error
 * result (FORGE_PAGING_ERR_RECORD_TOO_LARGE), never a crash or an endless retry.
 */
#ifndef FORGE_PAGING_H
#define FORGE_PAGING_H

#include <stdint.h>

#include "firmware/forge/forge_config.h"

typedef enum {
    FORGE_PAGING_OK = 0,
    FORGE_PAGING_ERR_ARG,
    FORGE_PAGING_ERR_RECORD_TOO_LARGE
} ForgePagingStatus_t;

typedef struct {
    uint16_t size;
    uint16_t target;      /* the configured size that good rounds climb back to */
    uint16_t good_rounds;
} ForgePaging_t;

void ForgePaging_Init(ForgePaging_t *paging);
/* Start at `wanted` records a page (0: FORGE_PAGE_SIZE_DEFAULT), clamped to
 * [FORGE_PAGE_SIZE_MIN, FORGE_PAGE_SIZE_MAX]; after halvings, good rounds climb back to it. */
void ForgePaging_InitSize(ForgePaging_t *paging, uint16_t wanted);

uint16_t ForgePaging_Size(const ForgePaging_t *paging);
ForgePagingStatus_t ForgePaging_OnTooLarge(ForgePaging_t *paging);
void ForgePaging_OnRoundComplete(ForgePaging_t *paging);

#endif /* FORGE_PAGING_H */
