/* Block source: memory or a config store slot, read in pieces. */
#include "firmware/config/config_source.h"

#include <string.h>

#include "firmware/config/config_crc.h"
#include "hal/config_store.h"

/* Pieces of a CRC over the largest block (bounds the loop). */
#define MAX_CHUNKS ((CONFIG_BLOCK_MAX_SIZE / CONFIG_IO_CHUNK_SIZE) + 1u)

size_t ConfigSource_SlotCapacity(void)
{
    const size_t slot_size = ConfigStore_SlotSize();
    return (slot_size < CONFIG_BLOCK_MAX_SIZE) ? slot_size : CONFIG_BLOCK_MAX_SIZE;
}

void ConfigSource_Memory(const uint8_t *bytes, size_t size, ConfigSource_t *source)
{
    source->bytes = bytes;
    source->slot = 0u;
    source->size = size;
}

void ConfigSource_Slot(uint32_t slot, ConfigSource_t *source)
{
    source->bytes = NULL;
    source->slot = slot;
    source->size = ConfigSource_SlotCapacity();
}

ConfigStatus_t ConfigSource_Read(const ConfigSource_t *source, size_t offset, uint8_t *output, size_t length)
{
    ConfigStatus_t status = CONFIG_ERR_LENGTH;
    if ((offset <= source->size) && (length <= (source->size - offset)))
    {
        if (source->bytes != NULL)
        {
            (void)memcpy(output, &source->bytes[offset], length);
            status = CONFIG_OK;
        }
        else if (ConfigStore_Read(source->slot, offset, output, length) == CONFIG_STORE_OK)
        {
            status = CONFIG_OK;
        }
        else
        {
            status = CONFIG_ERR_STORE;
        }
    }
    return status;
}

ConfigStatus_t ConfigSource_Map(const ConfigSource_t *source, size_t offset, size_t length, const uint8_t **bytes)
{
    ConfigStatus_t status = CONFIG_ERR_LENGTH;
    *bytes = NULL;
    if ((offset <= source->size) && (length <= (source->size - offset)))
    {
        if (source->bytes != NULL)
        {
            *bytes = &source->bytes[offset];
            status = CONFIG_OK;
        }
        else if (ConfigStore_Map(source->slot, offset, length, bytes) == CONFIG_STORE_OK)
        {
            status = CONFIG_OK;
        }
        else
        {
            status = CONFIG_ERR_STORE;
        }
    }
    return status;
}

ConfigStatus_t ConfigSource_Crc(const ConfigSource_t *source, size_t offset, size_t length, uint32_t *crc)
{
    uint8_t chunk[CONFIG_IO_CHUNK_SIZE];
    ConfigStatus_t status = CONFIG_OK;
    size_t done = 0u;
    for (size_t n = 0u; (status == CONFIG_OK) && (done < length) && (n < MAX_CHUNKS); n++)
    {
        const size_t left = length - done;
        const size_t part = (left < sizeof chunk) ? left : sizeof chunk;
        status = ConfigSource_Read(source, offset + done, chunk, part);
        if (status == CONFIG_OK)
        {
            *crc = ConfigCrc_Update(*crc, chunk, part);
            done += part;
        }
    }
    if ((status == CONFIG_OK) && (done != length))
    {
        status = CONFIG_ERR_LENGTH; /* longer than any block */
    }
    return status;
}
