/* A block streamed into a store slot across calls: whole words programmed as they arrive. */
#include "firmware/config/config_block.h"

#include <string.h>

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_source.h"

#define WORD CONFIG_STORE_WORD_SIZE

static void program(ConfigStream_t *stream, size_t offset, const uint8_t *bytes, size_t length)
{
    if ((stream->status == CONFIG_OK) &&
        (ConfigStore_Program(stream->slot, offset, bytes, length) != CONFIG_STORE_OK))
    {
        stream->status = CONFIG_ERR_STORE;
    }
}

ConfigStatus_t ConfigStream_Open(uint32_t slot, const uint8_t header[CONFIG_BLOCK_HEADER_SIZE],
                                 ConfigStream_t *stream)
{
    const size_t capacity = ConfigSource_SlotCapacity();
    (void)memset(stream, 0, sizeof *stream);
    stream->slot = slot;
    stream->crc = ConfigBytes_Get32(&header[CONFIG_BLOCK_CRC_OFFSET]);
    stream->room = 0u;
    if (capacity > CONFIG_BLOCK_HEADER_SIZE)
    {
        stream->room = capacity - CONFIG_BLOCK_HEADER_SIZE;
    }
    stream->status = CONFIG_ERR_STORE;
    if (ConfigStore_Begin(slot) == CONFIG_STORE_OK)
    {
        stream->status = CONFIG_OK;
    }
    return stream->status;
}

void ConfigStream_Put(ConfigStream_t *stream, const uint8_t *bytes, size_t length)
{
    if ((stream->status == CONFIG_OK) && (length > (stream->room - stream->length)))
    {
        stream->status = CONFIG_ERR_TOO_LARGE;
    }
    if (stream->status == CONFIG_OK)
    {
        size_t done = 0u;
        stream->crc = ConfigCrc_Update(stream->crc, bytes, length);
        /* Complete the partial word first. */
        for (size_t i = 0u; (stream->pending > 0u) && (i < WORD) && (done < length); i++)
        {
            stream->word[stream->pending] = bytes[done];
            stream->pending++;
            stream->length++;
            done++;
            if (stream->pending == WORD)
            {
                program(stream, (CONFIG_BLOCK_HEADER_SIZE + stream->length) - WORD, stream->word, WORD);
                stream->pending = 0u;
            }
        }
        /* Then every whole word straight from the caller's bytes; the rest waits. */
        const size_t whole = ((length - done) / WORD) * WORD;
        if ((stream->pending == 0u) && (whole > 0u))
        {
            program(stream, CONFIG_BLOCK_HEADER_SIZE + stream->length, &bytes[done], whole);
            stream->length += whole;
            done += whole;
        }
        const size_t rest = length - done;
        if (rest > 0u)
        {
            (void)memcpy(&stream->word[stream->pending], &bytes[done], rest);
            stream->pending += rest;
            stream->length += rest;
        }
    }
}

ConfigStatus_t ConfigStream_Flush(ConfigStream_t *stream)
{
    if (stream->pending > 0u)
    {
        program(stream, (CONFIG_BLOCK_HEADER_SIZE + stream->length) - stream->pending, stream->word,
                stream->pending);
        stream->pending = 0u;
    }
    return stream->status;
}

ConfigStatus_t ConfigStream_Finish(ConfigStream_t *stream, uint8_t header[CONFIG_BLOCK_HEADER_SIZE])
{
    ConfigBytes_Put32(&header[CONFIG_BLOCK_CRC_OFFSET], stream->crc);
    if ((stream->status == CONFIG_OK) && (stream->pending != 0u))
    {
        stream->status = CONFIG_ERR_STORE; /* not flushed */
    }
    program(stream, WORD, &header[WORD], CONFIG_BLOCK_HEADER_SIZE - WORD);
    if ((stream->status == CONFIG_OK) && (ConfigStore_Finish(stream->slot, ConfigBytes_Get32(header)) != CONFIG_STORE_OK))
    {
        stream->status = CONFIG_ERR_STORE;
    }
    return stream->status;
}
