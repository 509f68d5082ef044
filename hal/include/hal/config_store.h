/*
 * Config store: the flash region that holds the configuration block, as raw bytes.
 * Owns: that region (its address and size come from the board's linker script). Lends:
 * read-only pointers into it (ConfigStore_Map), so the configuration can reference large
 * values (the trust anchors) in place instead of copying them to RAM.
 * Promises: reads, writes and mapped ranges never go outside the region. A write streams:
 * Begin erases the slot with its first word (the block's magic) erased first, Program fills
 * the rest word by word, Finish programs the first word last; a reset anywhere in between
 * leaves a slot whose first word is erased (never a valid magic over a torn body) and the
 * other slot untouched.
 * Every programmed word is read back and compared (CONFIG_STORE_WRITE_FAILED when it differs).
 */
#ifndef HAL_CONFIG_STORE_H
#define HAL_CONFIG_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef enum
{
    CONFIG_STORE_OK = 0,
    CONFIG_STORE_OUT_OF_RANGE, /* slot, offset, alignment or order outside the contract */
    CONFIG_STORE_WRITE_FAILED  /* a word read back differently, or was not erased */
} ConfigStoreStatus_t;

/* Slots 0 .. CONFIG_STORE_RUNTIME_SLOTS-1 are written at run time (`config save`).
 * CONFIG_STORE_SLOT_PROVISIONED is the block that toolchain/provision.py writes into the
 * image: read-only (Begin refuses it with CONFIG_STORE_OUT_OF_RANGE); a board or host double
 * without one refuses reads of it the same way. All slots have the same size, a multiple of
 * CONFIG_STORE_WORD_SIZE. */
#define CONFIG_STORE_RUNTIME_SLOTS    2u
#define CONFIG_STORE_SLOT_PROVISIONED 2u

/* The programming unit; the first word of a slot is written only by ConfigStore_Finish. */
#define CONFIG_STORE_WORD_SIZE        4u

/* Size in bytes of one slot. */
size_t ConfigStore_SlotSize(void);

ConfigStoreStatus_t ConfigStore_Read(uint32_t slot, size_t offset, uint8_t *output, size_t length);

/* *bytes = the address of `length` bytes at `offset` of a slot, in place (the store is
 * memory-mapped): reading through it gives what ConfigStore_Read gives. The pointer stays
 * valid, and the bytes unchanged, until that slot is next opened with ConfigStore_Begin (the
 * provisioned block: for the whole run). The slot open for writing is refused
 * (CONFIG_STORE_OUT_OF_RANGE), as is a range outside the slot; *bytes is then NULL.
 * A store that is not memory-mapped (SPI flash, EEPROM) cannot offer this: it would need a
 * copy in RAM that lives as long as the pointer is used (not supported, out of scope). */
ConfigStoreStatus_t ConfigStore_Map(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes);

/* *bytes = the address of `length` bytes at `offset` of the slot open for writing (between
 * Begin and Finish), in place, so what was programmed can be checked (the trust anchors of an
 * anchor rotation are parsed there) before Finish makes the block valid. Bytes not yet
 * programmed read erased (0xFF). The pointer stays valid until that slot is next opened with
 * ConfigStore_Begin. Any slot that is not open: CONFIG_STORE_OUT_OF_RANGE, *bytes NULL. */
ConfigStoreStatus_t ConfigStore_MapOpen(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes);

/* Opens a run-time slot for writing and erases it, its first word before the rest: from here
 * on the slot holds no valid block. Only one slot is open at a time. */
ConfigStoreStatus_t ConfigStore_Begin(uint32_t slot);

/* Programs `length` bytes at `offset` of the open slot. `offset` is a multiple of
 * CONFIG_STORE_WORD_SIZE and not 0 (the first word is Finish's); a partial last word is padded
 * with 0xFF (erased) and counts as programmed. Each word is programmed once: a word that does
 * not read erased is refused with CONFIG_STORE_WRITE_FAILED, so Program calls must not
 * overlap. Each word is read back after programming. */
ConfigStoreStatus_t ConfigStore_Program(uint32_t slot, size_t offset, const uint8_t *data, size_t length);

/* Programs the first word (bytes 0..3, `first_word` little-endian) last, reads it back and
 * closes the slot. */
ConfigStoreStatus_t ConfigStore_Finish(uint32_t slot, uint32_t first_word);

#endif /* HAL_CONFIG_STORE_H */
