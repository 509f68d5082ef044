/*
 * Where the block codec reads a block from: bytes in memory or a config store slot, read in
 * pieces, so no block-sized buffer is needed (internal to firmware/config/).
 * Owns: nothing (a source only names bytes that belong to its creator or to the store).
 * Promises: a read or a map never goes past the source's `size`, whatever the offset and
 * length (CONFIG_ERR_LENGTH), and a store that refuses a read or a map gives CONFIG_ERR_STORE.
 */
#ifndef CONFIG_SOURCE_H
#define CONFIG_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_types.h"

typedef struct
{
    const uint8_t *bytes;  /* memory source; NULL: the store slot below */
    uint32_t slot;         /* HAL slot number (hal/config_store.h) when bytes is NULL */
    size_t size;           /* bytes that may be read, from offset 0 */
} ConfigSource_t;

/* Bytes of a store slot the codec uses: the slot size, at most CONFIG_BLOCK_MAX_SIZE. */
size_t ConfigSource_SlotCapacity(void);

/* A source over `size` bytes at `bytes`. */
void ConfigSource_Memory(const uint8_t *bytes, size_t size, ConfigSource_t *source);

/* A source over a store slot (ConfigSource_SlotCapacity bytes). */
void ConfigSource_Slot(uint32_t slot, ConfigSource_t *source);

/* Copies `length` bytes from `offset` to output. */
ConfigStatus_t ConfigSource_Read(const ConfigSource_t *source, size_t offset, uint8_t *output, size_t length);

/* *bytes = the address of `length` bytes from `offset`, in place (no copy): into the memory
 * source's buffer, or into the store slot (ConfigStore_Map: valid until the slot is next
 * written). NULL on failure. */
ConfigStatus_t ConfigSource_Map(const ConfigSource_t *source, size_t offset, size_t length, const uint8_t **bytes);

/* *crc continued over `length` bytes from `offset` (ConfigCrc_Update chaining), read in
 * pieces of CONFIG_IO_CHUNK_SIZE bytes. */
ConfigStatus_t ConfigSource_Crc(const ConfigSource_t *source, size_t offset, size_t length, uint32_t *crc);

#endif /* CONFIG_SOURCE_H */
