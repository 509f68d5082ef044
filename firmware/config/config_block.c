/* Block header: magic, version, lengths and the CRC-32 over header and payload. */
#include "firmware/config/config_block.h"

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_source.h"

#define OFFSET_MAGIC    0u
#define OFFSET_VERSION  4u
#define OFFSET_HEADER   6u
#define OFFSET_LENGTH   8u
#define OFFSET_SEQUENCE 12u
#define OFFSET_BASE     16u
#define OFFSET_CRC      CONFIG_BLOCK_CRC_OFFSET

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

ConfigStatus_t ConfigBlock_CheckFrom(const ConfigSource_t *source, ConfigBlockInfo_t *info)
{
    uint8_t header[CONFIG_BLOCK_HEADER_SIZE];
    uint32_t payload = 0u;
    uint32_t crc = 0u;
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((source != NULL) && (info != NULL))
    {
        status = ConfigSource_Read(source, 0u, header, sizeof header);
    }
    if (status == CONFIG_OK)
    {
        status = check_sizes(header, source->size, &payload);
    }
    if (status == CONFIG_OK)
    {
        crc = ConfigCrc_Update(0u, header, OFFSET_CRC);
        status = ConfigSource_Crc(source, CONFIG_BLOCK_HEADER_SIZE, (size_t)payload, &crc);
    }
    if (status == CONFIG_OK)
    {
        info->sequence = ConfigBytes_Get32(&header[OFFSET_SEQUENCE]);
        info->base = ConfigBytes_Get32(&header[OFFSET_BASE]);
        info->crc = crc;
        info->size = CONFIG_BLOCK_HEADER_SIZE + (size_t)payload;
        if (crc != ConfigBytes_Get32(&header[OFFSET_CRC]))
        {
            status = CONFIG_ERR_CRC;
        }
    }
    return status;
}

ConfigStatus_t ConfigBlock_CheckHeader(const uint8_t *block, size_t available, ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((block != NULL) && (info != NULL))
    {
        ConfigSource_t source;
        ConfigSource_Memory(block, available, &source);
        status = ConfigBlock_CheckFrom(&source, info);
    }
    return status;
}

void ConfigBlock_PutHeader(uint8_t header[CONFIG_BLOCK_HEADER_SIZE], size_t payload, uint32_t sequence,
                           uint32_t base)
{
    ConfigBytes_Put32(&header[OFFSET_MAGIC], CONFIG_BLOCK_MAGIC);
    ConfigBytes_Put16(&header[OFFSET_VERSION], (uint16_t)CONFIG_FORMAT_VERSION);
    ConfigBytes_Put16(&header[OFFSET_HEADER], (uint16_t)CONFIG_BLOCK_HEADER_SIZE);
    ConfigBytes_Put32(&header[OFFSET_LENGTH], (uint32_t)payload);
    ConfigBytes_Put32(&header[OFFSET_SEQUENCE], sequence);
    ConfigBytes_Put32(&header[OFFSET_BASE], base);
    ConfigBytes_Put32(&header[OFFSET_CRC], ConfigCrc_Update(0u, header, OFFSET_CRC));
}

void ConfigBlock_WriteHeader(uint8_t *block, size_t payload, uint32_t sequence, uint32_t base,
                             ConfigBlockInfo_t *info)
{
    ConfigBlock_PutHeader(block, payload, sequence, base);
    const uint32_t crc = ConfigCrc_Update(ConfigBytes_Get32(&block[OFFSET_CRC]), &block[CONFIG_BLOCK_HEADER_SIZE],
                                          payload);
    ConfigBytes_Put32(&block[OFFSET_CRC], crc);
    info->sequence = sequence;
    info->base = base;
    info->crc = crc;
    info->size = CONFIG_BLOCK_HEADER_SIZE + payload;
}
