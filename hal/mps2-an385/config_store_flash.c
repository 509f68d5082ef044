/*
 * Config store for mps2-an385 (hal/config_store.h) over the linker script's CONFIG region:
 * [provisioned block | run-time slot 0 | run-time slot 1], three equal, word-aligned slots.
 *
 * Under QEMU the region is SSRAM, so erasing and programming are plain memory writes; the
 * run-time slots are in no loadable segment, so they survive a system reset while `-kernel`
 * re-loads the provisioned block each time. Real flash needs: Begin = erase the slot's
 * sector(s) and poll; Program/Finish = program word by word and poll each. The order below is
 * kept for it: the first word (the magic) is erased first and programmed last (Finish), so a
 * reset mid-write never leaves a block with a valid magic and a torn body (and the CRC catches
 * anything else). Each word is programmed only from the erased state and read back.
 * The region is in the address space (QEMU SSRAM; on a part, memory-mapped flash), so
 * ConfigStore_Map lends plain pointers into it; a board with a store outside the address
 * space could not.
 */
#include "hal/config_store.h"


#include "mps2_regs.h"

/* Linker-script symbols (mps2-an385.ld): the bounds of the CONFIG region. Arrays, so a
 * mapped pointer is an index from the start within the region's length (DEV-006, DEV-007). */
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint8_t fl_config_start[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint8_t fl_config_end[];

#define STORE_SLOTS  3u   /* provisioned + CONFIG_STORE_RUNTIME_SLOTS */
#define WORD_BYTES   CONFIG_STORE_WORD_SIZE
#define ERASED_WORD  0xFFFFFFFFu
#define BYTE_MASK    0xFFu
#define BITS_PER_BYTE 8u
#define NO_SLOT      0xFFFFFFFFu

static uint32_t g_open = NO_SLOT; /* the slot between Begin and Finish */

static uint32_t region_start(void)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 bound of the CONFIG region as an integer */
    return (uint32_t)(uintptr_t)fl_config_start;
}

size_t ConfigStore_SlotSize(void)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 bound of the CONFIG region as an integer */
    const uint32_t end = (uint32_t)(uintptr_t)fl_config_end;
    return (size_t)((end - region_start()) / STORE_SLOTS);
}

/* Offset of a slot in the region: the provisioned block first, then the run-time slots. */
static size_t slot_offset(uint32_t slot)
{
    const size_t index = (slot == CONFIG_STORE_SLOT_PROVISIONED) ? 0u : ((size_t)slot + 1u);
    return index * ConfigStore_SlotSize();
}

/* Address of a slot. */
static uint32_t slot_address(uint32_t slot)
{
    return region_start() + (uint32_t)slot_offset(slot);
}

static uint8_t read_byte(uint32_t address)
{
    const uint32_t word = Mps2_Read32(address & ~(WORD_BYTES - 1u));
    const uint32_t shift = (address & (WORD_BYTES - 1u)) * BITS_PER_BYTE;
    return (uint8_t)((word >> shift) & BYTE_MASK);
}

/* Word `index` of `data`: its bytes, 0xFF past the end (the erased state). */
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

ConfigStoreStatus_t ConfigStore_Map(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    const size_t size = ConfigStore_SlotSize();
    if (bytes != NULL)
    {
        *bytes = NULL;
        if ((slot < STORE_SLOTS) && (slot != g_open) && (offset <= size) && (length <= (size - offset)))
        {
            *bytes = &fl_config_start[slot_offset(slot) + offset]; /* within the region: slot < 3 */
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_MapOpen(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    const size_t size = ConfigStore_SlotSize();
    if (bytes != NULL)
    {
        *bytes = NULL;
        if ((slot < CONFIG_STORE_RUNTIME_SLOTS) && (slot == g_open) && (offset <= size) &&
            (length <= (size - offset)))
        {
            *bytes = &fl_config_start[slot_offset(slot) + offset]; /* within the region: slot < 2 */
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

/* One word, only from the erased state, then read back. */
static ConfigStoreStatus_t program_word(uint32_t address, uint32_t word)
{
    ConfigStoreStatus_t status = CONFIG_STORE_WRITE_FAILED;
    if (Mps2_Read32(address) == ERASED_WORD)
    {
        Mps2_Write32(address, word);
        __asm volatile("dsb" ::: "memory");
        if (Mps2_Read32(address) == word)
        {
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Begin(uint32_t slot)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (slot < CONFIG_STORE_RUNTIME_SLOTS)
    {
        const uint32_t base = slot_address(slot);
        const size_t words = ConfigStore_SlotSize() / WORD_BYTES;
        Mps2_Write32(base, ERASED_WORD); /* the old block is invalid from here on */
        __asm volatile("dsb" ::: "memory");
        for (size_t w = 1u; w < words; w++)
        {
            Mps2_Write32(base + (uint32_t)(w * WORD_BYTES), ERASED_WORD);
        }
        __asm volatile("dsb" ::: "memory");
        g_open = slot;
        status = CONFIG_STORE_OK;
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Program(uint32_t slot, size_t offset, const uint8_t *data, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    const size_t size = ConfigStore_SlotSize();
    if ((slot == g_open) && (data != NULL) && (offset >= WORD_BYTES) && ((offset % WORD_BYTES) == 0u) &&
        (offset <= size) && (length <= (size - offset)))
    {
        const uint32_t base = slot_address(slot) + (uint32_t)offset;
        const size_t words = (length + (WORD_BYTES - 1u)) / WORD_BYTES;
        status = CONFIG_STORE_OK;
        for (size_t w = 0u; (status == CONFIG_STORE_OK) && (w < words); w++)
        {
            status = program_word(base + (uint32_t)(w * WORD_BYTES), block_word(data, length, w));
        }
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Finish(uint32_t slot, uint32_t first_word)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (slot == g_open)
    {
        status = program_word(slot_address(slot), first_word);
        g_open = NO_SLOT;
    }
    return status;
}
