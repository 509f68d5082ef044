/*
 * forge_paging: the page[size] a watch asks for: its configured size, clamped to
 * [FORGE_PAGE_SIZE_MIN, FORGE_PAGE_SIZE_MAX]. Pages stream record by record (forge_page), so
 * the size costs no RAM and never has to shrink: a record or envelope over forge's windows is
 * refused whatever the page size, and the client reports it at once (FORGE_CLIENT_ERR_TOO_LARGE).
 */
#ifndef FORGE_PAGING_H
#define FORGE_PAGING_H

#include <stdint.h>

#include "firmware/forge/forge_config.h"

typedef struct {
    uint16_t size;
} ForgePaging_t;

void ForgePaging_Init(ForgePaging_t *paging);
/* `wanted` records a page (0: FORGE_PAGE_SIZE_DEFAULT), clamped to
 * [FORGE_PAGE_SIZE_MIN, FORGE_PAGE_SIZE_MAX]. */
void ForgePaging_InitSize(ForgePaging_t *paging, uint16_t wanted);

uint16_t ForgePaging_Size(const ForgePaging_t *paging);

#endif /* FORGE_PAGING_H */
