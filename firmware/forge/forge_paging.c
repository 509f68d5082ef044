/* forge_paging: the configured page[size], clamped. */
#include "firmware/forge/forge_paging.h"

#include <stddef.h>

#if (FORGE_PAGE_SIZE_MIN < 1u) || (FORGE_PAGE_SIZE_MIN > FORGE_PAGE_SIZE_DEFAULT) || \
    (FORGE_PAGE_SIZE_DEFAULT > FORGE_PAGE_SIZE_MAX)
#error "forge_config.h: need 1 <= FORGE_PAGE_SIZE_MIN <= FORGE_PAGE_SIZE_DEFAULT <= ..._MAX"
#endif

void ForgePaging_Init(ForgePaging_t *paging)
{
    ForgePaging_InitSize(paging, 0u);
}

void ForgePaging_InitSize(ForgePaging_t *paging, uint16_t wanted)
{
    if (paging != NULL) {
        uint16_t target = (wanted == 0u) ? (uint16_t)FORGE_PAGE_SIZE_DEFAULT : wanted;
        if (target > FORGE_PAGE_SIZE_MAX) {
            target = (uint16_t)FORGE_PAGE_SIZE_MAX;
        }
        if (target < FORGE_PAGE_SIZE_MIN) {
            target = (uint16_t)FORGE_PAGE_SIZE_MIN;
        }
        paging->size = target;
    }
}

uint16_t ForgePaging_Size(const ForgePaging_t *paging)
{
    return (paging != NULL) ? paging->size : (uint16_t)FORGE_PAGE_SIZE_MIN;
}
