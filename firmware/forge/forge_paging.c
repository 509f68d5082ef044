/* forge_paging: halve on overflow, double back slowly. */
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
        paging->target = target;
        paging->good_rounds = 0u;
    }
}

uint16_t ForgePaging_Size(const ForgePaging_t *paging)
{
    return (paging != NULL) ? paging->size : (uint16_t)FORGE_PAGE_SIZE_MIN;
}

ForgePagingStatus_t ForgePaging_OnTooLarge(ForgePaging_t *paging)
{
    ForgePagingStatus_t status = FORGE_PAGING_ERR_ARG;
    if (paging != NULL) {
        paging->good_rounds = 0u;
        if (paging->size <= FORGE_PAGE_SIZE_MIN) {
            status = FORGE_PAGING_ERR_RECORD_TOO_LARGE;
        } else {
            uint16_t half = (uint16_t)(paging->size / 2u);
            paging->size = (half < FORGE_PAGE_SIZE_MIN) ? (uint16_t)FORGE_PAGE_SIZE_MIN : half;
            status = FORGE_PAGING_OK;
        }
    }
    return status;
}

void ForgePaging_OnRoundComplete(ForgePaging_t *paging)
{
    if ((paging != NULL) && (paging->size < paging->target)) {
        paging->good_rounds++;
        if (paging->good_rounds >= FORGE_PAGE_SIZE_RECOVER_ROUNDS) {
            uint32_t doubled = (uint32_t)paging->size * 2u;
            paging->size = (doubled > paging->target) ? paging->target : (uint16_t)doubled;
            paging->good_rounds = 0u;
        }
    }
}
