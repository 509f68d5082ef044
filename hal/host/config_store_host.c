/* Host config store for unit tests: two RAM slots; a test can fail the next write. */
#include "hal/config_store.h"
#include "hal/host/config_store_host.h"

#include <string.h>

#define SLOTS 2u

static uint8_t g_slots[SLOTS][CONFIG_STORE_HOST_SLOT_SIZE];
static bool g_fail_next_write;

size_t ConfigStore_SlotSize(void)
{
    return CONFIG_STORE_HOST_SLOT_SIZE;
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

ConfigStoreStatus_t ConfigStore_Write(uint32_t slot, const uint8_t *data, size_t length)
{
    ConfigStoreStatus_t status = CONFIG_STORE_OUT_OF_RANGE;
    if ((slot < SLOTS) && (length <= CONFIG_STORE_HOST_SLOT_SIZE))
    {
        if (g_fail_next_write)
        {
            /* A torn write: half the bytes land, as a reset mid-write would leave them. */
            (void)memcpy(g_slots[slot], data, length / 2u);
            g_fail_next_write = false;
            status = CONFIG_STORE_WRITE_FAILED;
        }
        else
        {
            (void)memset(g_slots[slot], 0xFF, sizeof g_slots[slot]);
            (void)memcpy(g_slots[slot], data, length);
            status = CONFIG_STORE_OK;
        }
    }
    return status;
}

void ConfigStoreHost_Erase(void)
{
    (void)memset(g_slots, 0xFF, sizeof g_slots);
    g_fail_next_write = false;
}

void ConfigStoreHost_FailNextWrite(void)
{
    g_fail_next_write = true;
}
