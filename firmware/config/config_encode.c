/* ConfigData_t -> block: only configurations that ConfigCheck_Data accepts are encoded.
 * Two passes over the data: the first only counts the payload (the header needs its length
 * before the CRC can start), the second puts the bytes to memory or, through a chunk of
 * CONFIG_IO_CHUNK_SIZE bytes, to a store slot. In a slot the header goes last and its first
 * word (the magic) with ConfigStore_Finish, so a block is never valid before it is whole.
 * Anchors are written from where the data points (in place, usually the slot in use); after
 * ConfigStore_Begin the data is checked again, so anchors that pointed into the slot just
 * erased stop the write instead of being saved as erased bytes. */
#include "firmware/config/config_block.h"

#include <string.h>

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_check.h"
#include "firmware/config/config_crc.h"
#include "hal/config_store.h"

#define FIELD(n) (CONFIG_FIELD_HEADER_SIZE + (n))
#define WATCH_WORST (FIELD(4u) + FIELD(CONFIG_LABEL_SIZE) + FIELD(CONFIG_SORT_SIZE) + FIELD(1u) + \
                     FIELD(CONFIG_FILTER_USER_SIZE) + FIELD(4u) + FIELD(CONFIG_FILTER_DIR_SIZE) + FIELD(2u))
#define BLOCK_WORST (CONFIG_BLOCK_HEADER_SIZE + FIELD(CONFIG_HOST_SIZE) + FIELD(CONFIG_TOKEN_SIZE) + \
                     FIELD(CONFIG_ORG_SIZE) + FIELD(4u) + FIELD(1u) + FIELD(1u) + FIELD(CONFIG_SEED_SIZE) + \
                     FIELD(1u) + (4u * FIELD(4u)) + FIELD(CONFIG_HOST_SIZE) + FIELD(CONFIG_MAC_SIZE) + \
                     (CONFIG_MAX_WATCHES * WATCH_WORST) + (CONFIG_MAX_ANCHORS * CONFIG_FIELD_HEADER_SIZE) + \
                     CONFIG_ANCHORS_TOTAL_MAX)
_Static_assert(BLOCK_WORST <= CONFIG_BLOCK_MAX_SIZE, "CONFIG_BLOCK_MAX_SIZE too small for the field limits");
_Static_assert(CONFIG_TOKEN_SIZE <= 0xFFFFu, "a field length is 16 bits");
_Static_assert(CONFIG_ANCHOR_MAX_LEN <= 0xFFFFu, "a field length is 16 bits");
_Static_assert(CONFIG_MAX_WATCHES <= 10u, "watch keys have one digit (watchN.server)");

_Static_assert((CONFIG_IO_CHUNK_SIZE % CONFIG_STORE_WORD_SIZE) == 0u, "chunks start on store words");
_Static_assert((CONFIG_BLOCK_HEADER_SIZE % CONFIG_STORE_WORD_SIZE) == 0u, "the payload starts on a store word");

/* Pieces of one put (bounds the loop): no put is longer than a block. */
#define MAX_CHUNKS ((CONFIG_BLOCK_MAX_SIZE / CONFIG_IO_CHUNK_SIZE) + 2u)

typedef enum
{
    SINK_COUNT = 0, /* first pass: only the length */
    SINK_MEMORY,    /* a block in RAM */
    SINK_STORE,     /* a run-time store slot, programmed a chunk at a time */
    SINK_STREAM     /* an open ConfigStream_t (its anchors follow later) */
} SinkKind_t;

typedef struct
{
    SinkKind_t kind;
    uint8_t *block;         /* SINK_MEMORY: the block (header at 0) */
    uint32_t slot;          /* SINK_STORE */
    ConfigStream_t *stream; /* SINK_STREAM */
    size_t room;            /* payload bytes that fit */
    size_t length;          /* payload bytes put so far */
    uint32_t crc;           /* CRC of header bytes 0..19 and the payload so far (not counted) */
    ConfigStatus_t status;  /* CONFIG_ERR_TOO_LARGE or CONFIG_ERR_STORE from the first failure on */
    size_t pending;         /* SINK_STORE: bytes in chunk, the last of the `length` put */
    uint8_t chunk[CONFIG_IO_CHUNK_SIZE];
} ConfigWriter_t;

/* Programs the pending chunk; it starts on a store word (chunks are whole words from 24). */
static void flush(ConfigWriter_t *w)
{
    if ((w->status == CONFIG_OK) && (w->pending > 0u))
    {
        const size_t offset = (CONFIG_BLOCK_HEADER_SIZE + w->length) - w->pending;
        if (ConfigStore_Program(w->slot, offset, w->chunk, w->pending) != CONFIG_STORE_OK)
        {
            w->status = CONFIG_ERR_STORE;
        }
        w->pending = 0u;
    }
}

static void put_chunked(ConfigWriter_t *w, const uint8_t *bytes, size_t length)
{
    size_t done = 0u;
    for (size_t n = 0u; (w->status == CONFIG_OK) && (done < length) && (n < MAX_CHUNKS); n++)
    {
        const size_t space = (sizeof w->chunk) - w->pending;
        const size_t left = length - done;
        const size_t part = (left < space) ? left : space;
        (void)memcpy(&w->chunk[w->pending], &bytes[done], part);
        w->pending += part;
        w->length += part;
        done += part;
        if (w->pending == sizeof w->chunk)
        {
            flush(w);
        }
    }
}

static void put_bytes(ConfigWriter_t *w, const uint8_t *bytes, size_t length)
{
    if ((w->status == CONFIG_OK) && (length > (w->room - w->length)))
    {
        w->status = CONFIG_ERR_TOO_LARGE;
    }
    if (w->status != CONFIG_OK)
    {
        /* nothing more is written */
    }
    else if (w->kind == SINK_COUNT)
    {
        w->length += length;
    }
    else if (w->kind == SINK_STREAM)
    {
        ConfigStream_Put(w->stream, bytes, length);
        w->length += length;
        w->status = w->stream->status;
    }
    else if (w->kind == SINK_MEMORY)
    {
        w->crc = ConfigCrc_Update(w->crc, bytes, length);
        (void)memcpy(&w->block[CONFIG_BLOCK_HEADER_SIZE + w->length], bytes, length);
        w->length += length;
    }
    else
    {
        w->crc = ConfigCrc_Update(w->crc, bytes, length);
        put_chunked(w, bytes, length);
    }
}

static void put_field(ConfigWriter_t *w, ConfigTag_t tag, size_t index, const uint8_t *value, size_t length)
{
    uint8_t head[CONFIG_FIELD_HEADER_SIZE];
    head[0] = (uint8_t)tag;
    head[1] = (uint8_t)index;
    ConfigBytes_Put16(&head[2], (uint16_t)length);
    put_bytes(w, head, sizeof head);
    put_bytes(w, value, length);
}

/* Text with its NUL; empty text is left out (the field is optional or was checked). */
static void put_text(ConfigWriter_t *w, ConfigTag_t tag, size_t index, const char *text, size_t size)
{
    size_t length = 0u;
    if (ConfigCheck_TextLength(text, size, &length) && (length > 0u))
    {
        put_field(w, tag, index, (const uint8_t *)text, length + 1u);
    }
}

static void put_u8(ConfigWriter_t *w, ConfigTag_t tag, size_t index, uint8_t value)
{
    put_field(w, tag, index, &value, 1u);
}

static void put_u32(ConfigWriter_t *w, ConfigTag_t tag, size_t index, uint32_t value)
{
    uint8_t bytes[4];
    ConfigBytes_Put32(bytes, value);
    put_field(w, tag, index, bytes, sizeof bytes);
}

static void put_network(ConfigWriter_t *w, const ConfigNetwork_t *net)
{
    put_u8(w, CONFIG_TAG_NET_MODE, 0u, (uint8_t)net->mode);
    if (net->mode == CONFIG_NET_STATIC)
    {
        put_field(w, CONFIG_TAG_ADDRESS, 0u, net->address, sizeof net->address);
        put_field(w, CONFIG_TAG_NETMASK, 0u, net->netmask, sizeof net->netmask);
        put_field(w, CONFIG_TAG_GATEWAY, 0u, net->gateway, sizeof net->gateway);
        put_field(w, CONFIG_TAG_DNS, 0u, net->dns, sizeof net->dns);
    }
    put_text(w, CONFIG_TAG_SNTP, 0u, net->sntp, sizeof net->sntp);
    if (net->has_mac)
    {
        put_field(w, CONFIG_TAG_MAC, 0u, net->mac, sizeof net->mac);
    }
}

static void put_watch(ConfigWriter_t *w, size_t index, const ConfigWatch_t *watch)
{
    put_u32(w, CONFIG_TAG_W_SERVER, index, watch->server_id);
    put_text(w, CONFIG_TAG_W_LABEL, index, watch->label, sizeof watch->label);
    put_text(w, CONFIG_TAG_W_SORT, index, watch->sort, sizeof watch->sort);
    if (watch->page_size != 0u)
    {
        put_u8(w, CONFIG_TAG_W_PAGE_SIZE, index, watch->page_size);
    }
    put_text(w, CONFIG_TAG_W_USER, index, watch->filter_user, sizeof watch->filter_user);
    if (watch->site_id != 0u)
    {
        put_u32(w, CONFIG_TAG_W_SITE, index, watch->site_id);
    }
    put_text(w, CONFIG_TAG_W_DIRECTORY, index, watch->filter_directory, sizeof watch->filter_directory);
    if (watch->has_expected)
    {
        uint8_t bytes[2];
        ConfigBytes_Put16(bytes, watch->expected);
        put_field(w, CONFIG_TAG_W_EXPECTED, index, bytes, sizeof bytes);
    }
}

/* Every field but the trust anchors. */
static void put_fields(ConfigWriter_t *w, const ConfigData_t *data)
{
    put_text(w, CONFIG_TAG_API_HOST, 0u, data->api_host, sizeof data->api_host);
    put_text(w, CONFIG_TAG_TOKEN, 0u, data->token, sizeof data->token);
    put_text(w, CONFIG_TAG_ORG, 0u, data->organization, sizeof data->organization);
    put_u32(w, CONFIG_TAG_POLL, 0u, data->poll_interval_s);
    put_u8(w, CONFIG_TAG_BRIGHTNESS, 0u, data->led_brightness);
    put_u8(w, CONFIG_TAG_DISPLAY, 0u, data->display_on ? 1u : 0u);
    if (data->has_seed)
    {
        put_field(w, CONFIG_TAG_SEED, 0u, data->seed, sizeof data->seed);
    }
    put_network(w, &data->network);
    for (size_t i = 0u; i < data->watch_count; i++)
    {
        put_watch(w, i, &data->watches[i]);
    }
}

static void put_all(ConfigWriter_t *w, const ConfigData_t *data)
{
    put_fields(w, data);
    for (size_t i = 0u; i < data->anchor_count; i++)
    {
        put_field(w, CONFIG_TAG_ANCHOR, i, data->anchors[i].der, data->anchors[i].length);
    }
}

/* Header bytes 4..23 and then the magic (store), or the whole header (memory). */
static void put_header(ConfigWriter_t *w, const uint8_t header[CONFIG_BLOCK_HEADER_SIZE])
{
    if (w->status == CONFIG_OK)
    {
        if (w->kind == SINK_MEMORY)
        {
            (void)memcpy(w->block, header, CONFIG_BLOCK_HEADER_SIZE);
        }
        else if ((ConfigStore_Program(w->slot, CONFIG_STORE_WORD_SIZE, &header[CONFIG_STORE_WORD_SIZE],
                                      CONFIG_BLOCK_HEADER_SIZE - CONFIG_STORE_WORD_SIZE) != CONFIG_STORE_OK) ||
                 (ConfigStore_Finish(w->slot, ConfigBytes_Get32(header)) != CONFIG_STORE_OK))
        {
            w->status = CONFIG_ERR_STORE;
        }
        else
        {
            /* the block is valid from here on */
        }
    }
}

/* Both passes over a checked configuration; w->kind is the second pass's sink. */
static ConfigStatus_t encode(const ConfigData_t *data, uint32_t sequence, uint32_t base, ConfigWriter_t *w,
                             ConfigBlockInfo_t *info)
{
    uint8_t header[CONFIG_BLOCK_HEADER_SIZE];
    const SinkKind_t sink = w->kind;
    w->kind = SINK_COUNT;
    put_all(w, data);
    const size_t payload = w->length;
    ConfigBlock_PutHeader(header, payload, sequence, base);
    w->kind = sink;
    w->length = 0u;
    w->crc = ConfigBytes_Get32(&header[CONFIG_BLOCK_CRC_OFFSET]);
    if ((w->status == CONFIG_OK) && (sink == SINK_STORE) &&
        ((ConfigStore_Begin(w->slot) != CONFIG_STORE_OK) || (ConfigCheck_Data(data, NULL) != CONFIG_OK)))
    {
        w->status = CONFIG_ERR_STORE; /* refused, or the data lived in the slot just erased */
    }
    put_all(w, data);
    flush(w);
    if ((w->status == CONFIG_OK) && (w->length != payload))
    {
        w->status = CONFIG_ERR_STORE; /* the data changed between the passes */
    }
    ConfigBytes_Put32(&header[CONFIG_BLOCK_CRC_OFFSET], w->crc);
    put_header(w, header);
    if (w->status == CONFIG_OK)
    {
        info->sequence = sequence;
        info->base = base;
        info->crc = w->crc;
        info->size = CONFIG_BLOCK_HEADER_SIZE + payload;
    }
    return w->status;
}

static void writer_init(ConfigWriter_t *w, SinkKind_t kind, uint8_t *block, uint32_t slot, size_t capacity)
{
    (void)memset(w, 0, sizeof *w);
    w->kind = kind;
    w->block = block;
    w->slot = slot;
    w->room = capacity - CONFIG_BLOCK_HEADER_SIZE;
    w->status = CONFIG_OK;
}

ConfigStatus_t ConfigBlock_Encode(const ConfigData_t *data, uint32_t sequence, uint32_t base,
                                  uint8_t *block, size_t capacity, ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((data != NULL) && (block != NULL) && (info != NULL))
    {
        status = ConfigCheck_Data(data, NULL);
    }
    if ((status == CONFIG_OK) && (capacity < CONFIG_BLOCK_HEADER_SIZE))
    {
        status = CONFIG_ERR_TOO_LARGE;
    }
    if (status == CONFIG_OK)
    {
        ConfigWriter_t writer;
        writer_init(&writer, SINK_MEMORY, block, 0u, capacity);
        status = encode(data, sequence, base, &writer, info);
    }
    return status;
}

ConfigStatus_t ConfigBlock_EncodeToSlot(const ConfigData_t *data, uint32_t sequence, uint32_t base, uint32_t slot,
                                        ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    const size_t capacity = ConfigSource_SlotCapacity();
    if ((data != NULL) && (info != NULL))
    {
        status = ConfigCheck_Data(data, NULL);
    }
    if ((status == CONFIG_OK) && (capacity < CONFIG_BLOCK_HEADER_SIZE))
    {
        status = CONFIG_ERR_TOO_LARGE;
    }
    if (status == CONFIG_OK)
    {
        ConfigWriter_t writer;
        writer_init(&writer, SINK_STORE, NULL, slot, capacity);
        status = encode(data, sequence, base, &writer, info);
    }
    return status;
}

ConfigStatus_t ConfigBlock_FieldsLength(const ConfigData_t *data, size_t *length)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((data != NULL) && (length != NULL))
    {
        *length = 0u;
        status = ConfigCheck_Fields(data, NULL);
    }
    if (status == CONFIG_OK)
    {
        ConfigWriter_t writer;
        writer_init(&writer, SINK_COUNT, NULL, 0u, CONFIG_BLOCK_MAX_SIZE);
        put_fields(&writer, data);
        status = writer.status;
        *length = writer.length;
    }
    return status;
}

ConfigStatus_t ConfigBlock_StreamFields(const ConfigData_t *data, ConfigStream_t *stream)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((data != NULL) && (stream != NULL))
    {
        status = ConfigCheck_Fields(data, NULL);
    }
    if (status == CONFIG_OK)
    {
        ConfigWriter_t writer;
        writer_init(&writer, SINK_STREAM, NULL, stream->slot, CONFIG_BLOCK_MAX_SIZE);
        writer.stream = stream;
        put_fields(&writer, data);
        status = writer.status;
    }
    return status;
}

void ConfigBlock_StreamAnchorHeader(size_t index, size_t length, ConfigStream_t *stream)
{
    uint8_t head[CONFIG_FIELD_HEADER_SIZE];
    head[0] = (uint8_t)CONFIG_TAG_ANCHOR;
    head[1] = (uint8_t)index;
    ConfigBytes_Put16(&head[2], (uint16_t)length);
    ConfigStream_Put(stream, head, sizeof head);
}
