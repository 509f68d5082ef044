/*
 * Host config store for unit tests: two run-time RAM slots that keep the rules of
 * hal/config_store.h (Begin erases, words are programmed once, from offset 4 on, the first word
 * by Finish only), so a codec that breaks them fails here, and a provisioned block (erased, i.e.
 * absent, unless a test provisions one). ConfigStore_Map lends pointers into these arrays, so
 * a configuration that outlives its slot's next Begin reads erased bytes, as on flash. A test
 * can tear the next write, cut the power in it or let it complete with one byte damaged.
 */
#include "hal/config_store.h"
#include "hal/host/config_store_host.h"

#include <stdint.h>
#include <string.h>

#define SLOTS        (CONFIG_STORE_RUNTIME_SLOTS + 1u) /* the provisioned block last */
#define WORD         CONFIG_STORE_WORD_SIZE
#define WORDS        (CONFIG_STORE_HOST_SLOT_SIZE / WORD)
#define ERASED_BYTE  0xFFu
#define BITS_PER_BYTE 8u
#define NO_SLOT      0xFFFFFFFFu
#define NOWHERE      SIZE_MAX

static uint8_t g_slots[SLOTS][CONFIG_STORE_HOST_SLOT_SIZE];
static bool g_programmed[WORDS];   /* words of the open slot programmed since Begin */
static uint32_t g_open = NO_SLOT;
static size_t g_extent;            /* end of the furthest Program of the open write */

/* Armed for the next write (Begin moves them to the open write). */
static bool g_fail_next_write;
static size_t g_cut_after = NOWHERE;
static size_t g_corrupt_at = NOWHERE;

/* Faults of the open write. */
static bool g_tear;
static size_t g_power = NOWHERE;   /* bytes it may still program; NOWHERE: no power cut */
static size_t g_corrupt = NOWHERE;

static size_t g_slot_size = CONFIG_STORE_HOST_SLOT_SIZE; /* what ConfigStore_SlotSize reports */

size_t ConfigStore_SlotSize(void)
{
    return g_slot_size;
}

void ConfigStoreHost_SetSlotSize(size_t size)
{
    g_slot_size = (size < CONFIG_STORE_HOST_SLOT_SIZE) ? (size & ~(size_t)(WORD - 1u)) : CONFIG_STORE_HOST_SLOT_SIZE;
}

ConfigStoreStatus_t ConfigStore_Read(uint32_t slot, size_t offset, uint8_t *output, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if ((slot < SLOTS) && (offset <= CONFIG_STORE_HOST_SLOT_SIZE) &&
        (length <= (CONFIG_STORE_HOST_SLOT_SIZE - offset)))
    {
        (void)memcpy(output, &g_slots[slot][offset], length);
        status = CONFIG_STORE_OK;
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Map(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (bytes != NULL)
    {
        *bytes = NULL;
        if ((slot < SLOTS) && (slot != g_open) && (offset <= CONFIG_STORE_HOST_SLOT_SIZE) &&
            (length <= (CONFIG_STORE_HOST_SLOT_SIZE - offset)))
        {
            *bytes = &g_slots[slot][offset];
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_MapOpen(uint32_t slot, size_t offset, size_t length, const uint8_t **bytes)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (bytes != NULL)
    {
        *bytes = NULL;
        if ((slot < CONFIG_STORE_RUNTIME_SLOTS) && (slot == g_open) && (offset <= CONFIG_STORE_HOST_SLOT_SIZE) &&
            (length <= (CONFIG_STORE_HOST_SLOT_SIZE - offset)))
        {
            *bytes = &g_slots[slot][offset];
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

/* The faults armed for the next write are taken by Begin (or dropped by Erase). */
static void DisarmNextWrite(void)
{
    g_fail_next_write = false;
    g_cut_after = NOWHERE;
    g_corrupt_at = NOWHERE;
}

ConfigStoreStatus_t ConfigStore_Begin(uint32_t slot)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (slot < CONFIG_STORE_RUNTIME_SLOTS)
    {
        (void)memset(g_slots[slot], ERASED_BYTE, sizeof g_slots[slot]);
        (void)memset(g_programmed, 0, sizeof g_programmed);
        g_open = slot;
        g_extent = WORD;
        g_tear = g_fail_next_write;
        g_power = g_cut_after;
        g_corrupt = g_corrupt_at;
        DisarmNextWrite();
        status = CONFIG_STORE_OK;
    }
    return status;
}

/* True when none of the words that [offset, offset + length) touches was programmed. */
static bool words_fresh(size_t offset, size_t length)
{
    bool fresh = true;
    const size_t first = offset / WORD;
    const size_t end = (offset + length + (WORD - 1u)) / WORD;
    for (size_t w = first; w < end; w++)
    {
        fresh = fresh && !g_programmed[w];
        g_programmed[w] = true;
    }
    return fresh;
}

ConfigStoreStatus_t ConfigStore_Program(uint32_t slot, size_t offset, const uint8_t *data, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if ((slot == g_open) && (data != NULL) && (offset >= WORD) && ((offset % WORD) == 0u) &&
        (offset <= CONFIG_STORE_HOST_SLOT_SIZE) && (length <= (CONFIG_STORE_HOST_SLOT_SIZE - offset)))
    {
        status = words_fresh(offset, length) ? CONFIG_STORE_OK : CONFIG_STORE_WRITE_FAILED;
    }
    if (status == CONFIG_STORE_OK)
    {
        size_t land = length;
        if (g_power != NOWHERE)
        {
            land = (length < g_power) ? length : g_power;
            g_power -= land;
        }
        (void)memcpy(&g_slots[slot][offset], data, land);
        g_extent = ((offset + land) > g_extent) ? (offset + land) : g_extent;
        status = (land == length) ? CONFIG_STORE_OK : CONFIG_STORE_WRITE_FAILED;
    }
    return status;
}

ConfigStoreStatus_t ConfigStore_Finish(uint32_t slot, uint32_t first_word)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if (slot == g_open)
    {
        g_open = NO_SLOT;
        status = CONFIG_STORE_WRITE_FAILED;
        if (g_tear)
        {
            /* A torn write: the second half of the body never landed, nor did the magic. */
            const size_t half = WORD + ((g_extent - WORD) / 2u);
            (void)memset(&g_slots[slot][half], ERASED_BYTE, g_extent - half);
        }
        else if (g_power == NOWHERE)
        {
            for (size_t i = 0u; i < WORD; i++)
            {
                g_slots[slot][i] = (uint8_t)((first_word >> (i * BITS_PER_BYTE)) & 0xFFu);
            }
            if (g_corrupt < CONFIG_STORE_HOST_SLOT_SIZE)
            {
                g_slots[slot][g_corrupt] ^= 0x01u; /* a cell that did not take the value */
            }
            status = CONFIG_STORE_OK;
        }
        else
        {
            /* The power went before the first word: it stays erased. */
        }
    }
    return status;
}

void ConfigStoreHost_Erase(void)
{
    g_slot_size = CONFIG_STORE_HOST_SLOT_SIZE;
    (void)memset(g_slots, ERASED_BYTE, sizeof g_slots);
    (void)memset(g_programmed, 0, sizeof g_programmed);
    g_open = NO_SLOT;
    DisarmNextWrite();
    g_tear = false;
    g_power = NOWHERE;
    g_corrupt = NOWHERE;
}

void ConfigStoreHost_Provision(const uint8_t *block, size_t size)
{
    const size_t length = (size < CONFIG_STORE_HOST_SLOT_SIZE) ? size : CONFIG_STORE_HOST_SLOT_SIZE;
    (void)memset(g_slots[CONFIG_STORE_SLOT_PROVISIONED], ERASED_BYTE, CONFIG_STORE_HOST_SLOT_SIZE);
    (void)memcpy(g_slots[CONFIG_STORE_SLOT_PROVISIONED], block, length);
}

void ConfigStoreHost_FailNextWrite(void)
{
    g_fail_next_write = true;
}

/* The next write loses the power once `bytes` bytes are programmed after Begin: the Program
 * that crosses that point lands only the bytes before it and reports
 * CONFIG_STORE_WRITE_FAILED, later ones land nothing, Finish never writes the first word. */
void ConfigStoreHost_CutPowerAfter(size_t bytes)
{
    g_cut_after = bytes;
}

/* The next write completes and reports success, but byte `offset` of the slot reads back with
 * one bit flipped (a cell the driver's own read-back did not catch). */
void ConfigStoreHost_CorruptNextWrite(size_t offset)
{
    g_corrupt_at = offset;
}
