/* Block header: magic, version, lengths and the CRC-32 over header and payload. */
#include "firmware/config/config_block.h"

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_crc.h"

#define OFFSET_MAGIC    0u
#define OFFSET_VERSION  4u
#define OFFSET_HEADER   6u
#define OFFSET_LENGTH   8u
#define OFFSET_SEQUENCE 12u
#define OFFSET_BASE     16u
#define OFFSET_CRC      20u

static ConfigStatus_t check_sizes(const uint8_t *block, size_t available, uint32_t *payload)
{
    ConfigStatus_t status = CONFIG_OK;
    *payload = ConfigBytes_Get32(&block[OFFSET_LENGTH]);
    if (ConfigBytes_Get32(&block[OFFSET_MAGIC]) != CONFIG_BLOCK_MAGIC)
    {
        status = CONFIG_ERR_MAGIC;
    }
    else if (ConfigBytes_Get16(&block[OFFSET_VERSION]) != (uint16_t)CONFIG_FORMAT_VERSION)
    {
        status = CONFIG_ERR_VERSION;
    }
    else if ((ConfigBytes_Get16(&block[OFFSET_HEADER]) != (uint16_t)CONFIG_BLOCK_HEADER_SIZE) ||
             ((size_t)*payload > (CONFIG_BLOCK_MAX_SIZE - CONFIG_BLOCK_HEADER_SIZE)) ||
             ((size_t)*payload > (available - CONFIG_BLOCK_HEADER_SIZE)))
    {
        status = CONFIG_ERR_LENGTH;
    }
    else
    {
        status = CONFIG_OK;
    }
    return status;
}

ConfigStatus_t ConfigBlock_CheckHeader(const uint8_t *block, size_t available, ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_LENGTH;
    uint32_t payload = 0u;
    if ((block == NULL) || (info == NULL))
    {
        status = CONFIG_ERR_ARG;
    }
    else if (available >= CONFIG_BLOCK_HEADER_SIZE)
    {
        status = check_sizes(block, available, &payload);
    }
    else
    {
        status = CONFIG_ERR_LENGTH;
    }
    if (status == CONFIG_OK)
    {
        uint32_t crc = ConfigCrc_Update(0u, block, OFFSET_CRC);
        crc = ConfigCrc_Update(crc, &block[CONFIG_BLOCK_HEADER_SIZE], (size_t)payload);
        info->sequence = ConfigBytes_Get32(&block[OFFSET_SEQUENCE]);
        info->base = ConfigBytes_Get32(&block[OFFSET_BASE]);
        info->crc = crc;
        info->size = CONFIG_BLOCK_HEADER_SIZE + (size_t)payload;
        if (crc != ConfigBytes_Get32(&block[OFFSET_CRC]))
        {
            status = CONFIG_ERR_CRC;
        }
    }
    return status;
}

void ConfigBlock_WriteHeader(uint8_t *block, size_t payload, uint32_t sequence, uint32_t base,
                             ConfigBlockInfo_t *info)
{
    ConfigBytes_Put32(&block[OFFSET_MAGIC], CONFIG_BLOCK_MAGIC);
    ConfigBytes_Put16(&block[OFFSET_VERSION], (uint16_t)CONFIG_FORMAT_VERSION);
    ConfigBytes_Put16(&block[OFFSET_HEADER], (uint16_t)CONFIG_BLOCK_HEADER_SIZE);
    ConfigBytes_Put32(&block[OFFSET_LENGTH], (uint32_t)payload);
    ConfigBytes_Put32(&block[OFFSET_SEQUENCE], sequence);
    ConfigBytes_Put32(&block[OFFSET_BASE], base);
    uint32_t crc = ConfigCrc_Update(0u, block, OFFSET_CRC);
    crc = ConfigCrc_Update(crc, &block[CONFIG_BLOCK_HEADER_SIZE], payload);
    ConfigBytes_Put32(&block[OFFSET_CRC], crc);
    info->sequence = sequence;
    info->base = base;
    info->crc = crc;
    info->size = CONFIG_BLOCK_HEADER_SIZE + payload;
}
