/*
 * Config store for mps2-an385 (hal/config_store.h) over the linker script's CONFIG region:
 * [provisioned block | run-time slot 0 | run-time slot 1], three equal, word-aligned slots.
 *
 * Under QEMU the region is SSRAM, so a write is a plain memory write; the run-time slots are
 * in no loadable segment, so they survive a system reset while `-kernel` re-loads the
 * provisioned block each time. Real flash needs, per write: erase the slot's sector(s),
 * program word by word, poll for completion, verify. The order below is kept for it: the
 * first word (the magic) is cleared first and written last, so a reset mid-write never leaves
 * a block with a valid magic and a torn body (and the CRC catches anything else).
 */
#include "hal/config_store.h"


#include "mps2_regs.h"

/* Linker-script symbols (mps2-an385.ld): the bounds of the CONFIG region. */
extern uint8_t fl_config_start;
extern uint8_t fl_config_end;

#define STORE_SLOTS  3u   /* provisioned + CONFIG_STORE_RUNTIME_SLOTS */
#define WORD_BYTES   4u
#define ERASED_WORD  0xFFFFFFFFu
#define BYTE_MASK    0xFFu
#define BITS_PER_BYTE 8u

static uint32_t region_start(void)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 bound of the CONFIG region as an integer */
    return (uint32_t)(uintptr_t)&fl_config_start;
}

size_t ConfigStore_SlotSize(void)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 bound of the CONFIG region as an integer */
    const uint32_t end = (uint32_t)(uintptr_t)&fl_config_end;
    return (size_t)((end - region_start()) / STORE_SLOTS);
}

/* Address of a slot: the provisioned block first, then the run-time slots. */
static uint32_t slot_address(uint32_t slot)
{
    const uint32_t index = (slot == CONFIG_STORE_SLOT_PROVISIONED) ? 0u : (slot + 1u);
    return region_start() + (index * (uint32_t)ConfigStore_SlotSize());
}

static uint8_t read_byte(uint32_t address)
{
    const uint32_t word = Mps2_Read32(address & ~(WORD_BYTES - 1u));
    const uint32_t shift = (address & (WORD_BYTES - 1u)) * BITS_PER_BYTE;
    return (uint8_t)((word >> shift) & BYTE_MASK);
}

/* Word `index` of the block: data bytes, 0xFF past the end (the erased state). */
static uint32_t block_word(const uint8_t *data, size_t length, size_t index)
{
    uint32_t word = 0u;
    for (size_t i = 0u; i < WORD_BYTES; i++)
    {
        const size_t at = (index * WORD_BYTES) + i;
        const uint32_t byte = (at < length) ? (uint32_t)data[at] : BYTE_MASK;
        word |= byte << (uint32_t)(i * BITS_PER_BYTE);
    }
    return word;
}

ConfigStoreStatus_t ConfigStore_Read(uint32_t slot, size_t offset, uint8_t *output, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    const size_t size = ConfigStore_SlotSize();
    if ((slot < STORE_SLOTS) && (output != NULL) && (offset <= size) && (length <= (size - offset)))
    {
        const uint32_t base = slot_address(slot) + (uint32_t)offset;
        for (size_t i = 0u; i < length; i++)
        {
            output[i] = read_byte(base + (uint32_t)i);
        }
        status = CONFIG_STORE_OK;
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Write(uint32_t slot, const uint8_t *data, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    const size_t size = ConfigStore_SlotSize();
    if ((slot < CONFIG_STORE_RUNTIME_SLOTS) && (data != NULL) && (length >= WORD_BYTES) && (length <= size))
    {
        const uint32_t base = slot_address(slot);
        const size_t words = size / WORD_BYTES;
        Mps2_Write32(base, ERASED_WORD); /* the old block is invalid from here on */
        for (size_t w = 1u; w < words; w++)
        {
            Mps2_Write32(base + (uint32_t)(w * WORD_BYTES), block_word(data, length, w));
        }
        __asm volatile("dsb" ::: "memory");
        Mps2_Write32(base, block_word(data, length, 0u));
        __asm volatile("dsb" ::: "memory");
        status = CONFIG_STORE_OK;
        for (size_t i = 0u; (status == CONFIG_STORE_OK) && (i < length); i++)
        {
            status = (read_byte(base + (uint32_t)i) == data[i]) ? CONFIG_STORE_OK : CONFIG_STORE_WRITE_FAILED;
        }
    }
    return status;
}
