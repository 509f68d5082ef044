/* Test controls of the host config store (host builds only). */
#ifndef HAL_HOST_CONFIG_STORE_HOST_H
#define HAL_HOST_CONFIG_STORE_HOST_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_STORE_HOST_SLOT_SIZE 4096u

/* Both slots back to erased flash (0xFF). */
void ConfigStoreHost_Erase(void);

/* The next write is torn half-way and reports CONFIG_STORE_WRITE_FAILED. */
void ConfigStoreHost_FailNextWrite(void);

/* The next write stops once `bytes` bytes are programmed after Begin (that Program lands part
 * of its bytes, later calls fail, the first word stays erased). */
void ConfigStoreHost_CutPowerAfter(size_t bytes);

/* The next write reports success but byte `offset` of the slot reads back with one bit
 * flipped. */
void ConfigStoreHost_CorruptNextWrite(size_t offset);

#endif /* HAL_HOST_CONFIG_STORE_HOST_H */
