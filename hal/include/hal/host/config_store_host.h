/* Test controls of the host config store (host builds only). */
#ifndef HAL_HOST_CONFIG_STORE_HOST_H
#define HAL_HOST_CONFIG_STORE_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_STORE_HOST_SLOT_SIZE 12288u /* CONFIG_BLOCK_MAX_SIZE: the largest block fits */

/* Every slot back to erased flash (0xFF): no run-time block, no provisioned block. */
void ConfigStoreHost_Erase(void);

/* The provisioned block (CONFIG_STORE_SLOT_PROVISIONED) as toolchain/provision.py would put
 * it into the image: `size` bytes of `block`, the rest of the slot erased. */
void ConfigStoreHost_Provision(const uint8_t *block, size_t size);

/* ConfigStore_SlotSize reports `size` (at most CONFIG_STORE_HOST_SLOT_SIZE, a multiple of 4):
 * a board with smaller slots. ConfigStoreHost_Erase restores the full size. */
void ConfigStoreHost_SetSlotSize(size_t size);

/* The next write is torn half-way and reports CONFIG_STORE_WRITE_FAILED. */
void ConfigStoreHost_FailNextWrite(void);

/* The next write stops once `bytes` bytes are programmed after Begin (that Program lands part
 * of its bytes, later calls fail, the first word stays erased). */
void ConfigStoreHost_CutPowerAfter(size_t bytes);

/* The next write reports success but byte `offset` of the slot reads back with one bit
 * flipped. */
void ConfigStoreHost_CorruptNextWrite(size_t offset);

#endif /* HAL_HOST_CONFIG_STORE_HOST_H */
