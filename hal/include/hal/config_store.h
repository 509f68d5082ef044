/*
 * Config store: the flash region that holds the configuration block, as raw bytes.
 * Owns: that region (its address and size come from the board's linker script).
 * Promises: reads never go outside the region; a write either completes or leaves the
 * previous contents of the other slot intact (the block codec in firmware/ uses two slots).
 */
#ifndef HAL_CONFIG_STORE_H
#define HAL_CONFIG_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef enum
{
    CONFIG_STORE_OK = 0,
    CONFIG_STORE_OUT_OF_RANGE,
    CONFIG_STORE_WRITE_FAILED
} ConfigStoreStatus_t;

/* Slots 0 .. CONFIG_STORE_RUNTIME_SLOTS-1 are written at run time (`config save`).
 * CONFIG_STORE_SLOT_PROVISIONED is the block that toolchain/provision.py writes into the
 * image: read-only (ConfigStore_Write refuses it with CONFIG_STORE_OUT_OF_RANGE); a board or
 * host double without one refuses reads of it the same way. All slots have the same size. */
#define CONFIG_STORE_RUNTIME_SLOTS    2u
#define CONFIG_STORE_SLOT_PROVISIONED 2u

/* Size in bytes of one slot. */
size_t ConfigStore_SlotSize(void);

ConfigStoreStatus_t ConfigStore_Read(uint32_t slot, size_t offset, uint8_t *output, size_t length);
ConfigStoreStatus_t ConfigStore_Write(uint32_t slot, const uint8_t *data, size_t length);

#endif /* HAL_CONFIG_STORE_H */
