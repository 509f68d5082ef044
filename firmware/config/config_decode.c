/* Block payload -> ConfigData_t: field framing, exact widths, duplicates, then ConfigCheck_Data.
 * Fields are read from the source one by one, each value straight into its place in *data;
 * trust anchors are not read but mapped: *data points at them in the source (config_types.h). */
#include "firmware/config/config_block.h"

#include <string.h>

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_check.h"

#define WATCH_TAG_FIRST  ((uint8_t)CONFIG_TAG_W_SERVER)
#define WATCH_TAG_LAST   ((uint8_t)CONFIG_TAG_W_EXPECTED)
#define GLOBAL_TAG_LAST  ((uint8_t)CONFIG_TAG_MAC)
#define MAX_FIELDS       (CONFIG_BLOCK_MAX_SIZE / CONFIG_FIELD_HEADER_SIZE)
#define IPV4_LEN         4u
#define U32_LEN          4u
#define U16_LEN          2u
#define MAX_TEXT_CHUNKS  ((0xFFFFu / CONFIG_IO_CHUNK_SIZE) + 1u) /* a field length is 16 bits */

typedef struct
{
    const ConfigSource_t *source;
    size_t value;          /* offset of the value in the source */
    size_t length;
    uint8_t tag;
    uint8_t index;
} Field_t;

#define WATCH_TAGS ((size_t)WATCH_TAG_LAST - (size_t)WATCH_TAG_FIRST + 1u)

typedef struct
{
    bool seen[(size_t)GLOBAL_TAG_LAST + 1u];            /* by tag */
    bool watch_seen[CONFIG_MAX_WATCHES][WATCH_TAGS];    /* by watch, tag - first watch tag */
    bool watch_used[CONFIG_MAX_WATCHES];
    size_t anchor_bytes;                                /* DER bytes of the anchors so far */
} DecodeState_t;

/* Offset of the first NUL in bytes[0..length), or `length` when there is none. */
static size_t first_nul(const uint8_t *bytes, size_t length)
{
    size_t at = length;
    for (size_t i = length; i > 0u; i--)
    {
        if (bytes[i - 1u] == 0u)
        {
            at = i - 1u;
        }
    }
    return at;
}

/* Reads a text value in pieces, into dst unless it is NULL; *nul: offset of its first NUL
 * (the length when it has none). */
static ConfigStatus_t read_text(const Field_t *field, char *dst, size_t *nul)
{
    uint8_t chunk[CONFIG_IO_CHUNK_SIZE];
    ConfigStatus_t status = CONFIG_OK;
    size_t done = 0u;
    *nul = field->length;
    for (size_t n = 0u; (status == CONFIG_OK) && (done < field->length) && (n < MAX_TEXT_CHUNKS); n++)
    {
        const size_t left = field->length - done;
        const size_t part = (left < sizeof chunk) ? left : sizeof chunk;
        status = ConfigSource_Read(field->source, field->value + done, chunk, part);
        if (status == CONFIG_OK)
        {
            const size_t at = first_nul(chunk, part);
            if ((*nul == field->length) && (at != part))
            {
                *nul = done + at;
            }
            if (dst != NULL)
            {
                (void)memcpy(&dst[done], chunk, part);
            }
            done += part;
        }
    }
    return status;
}

/* Text: its only NUL is its last byte; then it must fit `size`. */
static ConfigStatus_t copy_text(const Field_t *field, char *dst, size_t size)
{
    size_t nul = 0u;
    const bool fits = field->length <= size;
    ConfigStatus_t status = read_text(field, fits ? dst : NULL, &nul);
    if (status != CONFIG_OK)
    {
        /* the source failed */
    }
    else if ((field->length == 0u) || (nul != (field->length - 1u)))
    {
        status = CONFIG_ERR_STRING;
    }
    else if (!fits)
    {
        status = CONFIG_ERR_TOO_LONG;
    }
    else
    {
        status = CONFIG_OK;
    }
    return status;
}

static ConfigStatus_t copy_exact(const Field_t *field, uint8_t *dst, size_t width)
{
    ConfigStatus_t status = CONFIG_ERR_FIELD;
    if (field->length == width)
    {
        status = ConfigSource_Read(field->source, field->value, dst, width);
    }
    return status;
}

static ConfigStatus_t get_u8(const Field_t *field, uint8_t max, uint8_t *value)
{
    ConfigStatus_t status = copy_exact(field, value, 1u);
    if ((status == CONFIG_OK) && (*value > max))
    {
        status = CONFIG_ERR_VALUE;
    }
    return status;
}

static ConfigStatus_t get_u32(const Field_t *field, uint32_t *value)
{
    uint8_t bytes[U32_LEN] = {0u, 0u, 0u, 0u};
    const ConfigStatus_t status = copy_exact(field, bytes, sizeof bytes);
    if (status == CONFIG_OK)
    {
        *value = ConfigBytes_Get32(bytes);
    }
    return status;
}

static ConfigStatus_t decode_flag(const Field_t *field, bool *flag)
{
    uint8_t value = 0u;
    const ConfigStatus_t status = get_u8(field, 1u, &value);
    *flag = value != 0u;
    return status;
}

static ConfigStatus_t decode_net_mode(const Field_t *field, ConfigNetwork_t *net)
{
    uint8_t value = 0u;
    const ConfigStatus_t status = get_u8(field, (uint8_t)CONFIG_NET_STATIC, &value);
    net->mode = (value == (uint8_t)CONFIG_NET_STATIC) ? CONFIG_NET_STATIC : CONFIG_NET_DHCP;
    return status;
}

static ConfigStatus_t decode_seed(const Field_t *field, ConfigData_t *data)
{
    const ConfigStatus_t status = copy_exact(field, data->seed, CONFIG_SEED_SIZE);
    data->has_seed = status == CONFIG_OK;
    return status;
}

static ConfigStatus_t decode_mac(const Field_t *field, ConfigNetwork_t *net)
{
    const ConfigStatus_t status = copy_exact(field, net->mac, CONFIG_MAC_SIZE);
    net->has_mac = status == CONFIG_OK;
    return status;
}

static ConfigStatus_t decode_global(const Field_t *field, ConfigData_t *data)
{
    ConfigStatus_t status;
    ConfigNetwork_t *net = &data->network;
    switch (field->tag)
    {
    case (uint8_t)CONFIG_TAG_API_HOST:   status = copy_text(field, data->api_host, sizeof data->api_host); break;
    case (uint8_t)CONFIG_TAG_TOKEN:      status = copy_text(field, data->token, sizeof data->token); break;
    case (uint8_t)CONFIG_TAG_ORG:        status = copy_text(field, data->organization, sizeof data->organization); break;
    case (uint8_t)CONFIG_TAG_POLL:       status = get_u32(field, &data->poll_interval_s); break;
    case (uint8_t)CONFIG_TAG_BRIGHTNESS: status = get_u8(field, (uint8_t)CONFIG_BRIGHTNESS_MAX, &data->led_brightness); break;
    case (uint8_t)CONFIG_TAG_DISPLAY:    status = decode_flag(field, &data->display_on); break;
    case (uint8_t)CONFIG_TAG_SEED:       status = decode_seed(field, data); break;
    case (uint8_t)CONFIG_TAG_NET_MODE:   status = decode_net_mode(field, net); break;
    case (uint8_t)CONFIG_TAG_ADDRESS:    status = copy_exact(field, net->address, IPV4_LEN); break;
    case (uint8_t)CONFIG_TAG_NETMASK:    status = copy_exact(field, net->netmask, IPV4_LEN); break;
    case (uint8_t)CONFIG_TAG_GATEWAY:    status = copy_exact(field, net->gateway, IPV4_LEN); break;
    case (uint8_t)CONFIG_TAG_DNS:        status = copy_exact(field, net->dns, IPV4_LEN); break;
    case (uint8_t)CONFIG_TAG_SNTP:       status = copy_text(field, net->sntp, sizeof net->sntp); break;
    case (uint8_t)CONFIG_TAG_MAC:        status = decode_mac(field, net); break;
    default:                             status = CONFIG_ERR_FIELD; break;
    }
    return status;
}

static ConfigStatus_t decode_watch(const Field_t *field, ConfigWatch_t *watch)
{
    ConfigStatus_t status;
    uint8_t bytes[U16_LEN] = {0u, 0u};
    switch (field->tag)
    {
    case (uint8_t)CONFIG_TAG_W_SERVER:    status = get_u32(field, &watch->server_id); break;
    case (uint8_t)CONFIG_TAG_W_LABEL:     status = copy_text(field, watch->label, sizeof watch->label); break;
    case (uint8_t)CONFIG_TAG_W_SORT:      status = copy_text(field, watch->sort, sizeof watch->sort); break;
    case (uint8_t)CONFIG_TAG_W_PAGE_SIZE: status = get_u8(field, (uint8_t)CONFIG_PAGE_SIZE_MAX, &watch->page_size); break;
    case (uint8_t)CONFIG_TAG_W_USER:      status = copy_text(field, watch->filter_user, sizeof watch->filter_user); break;
    case (uint8_t)CONFIG_TAG_W_SITE:      status = get_u32(field, &watch->site_id); break;
    case (uint8_t)CONFIG_TAG_W_DIRECTORY:
        status = copy_text(field, watch->filter_directory, sizeof watch->filter_directory);
        break;
    case (uint8_t)CONFIG_TAG_W_EXPECTED:
        status = copy_exact(field, bytes, sizeof bytes);
        watch->expected = ConfigBytes_Get16(bytes);
        watch->has_expected = status == CONFIG_OK;
        break;
    default:
        status = CONFIG_ERR_FIELD;
        break;
    }
    return status;
}

static ConfigStatus_t decode_anchor(const Field_t *field, DecodeState_t *state, ConfigData_t *data)
{
    ConfigStatus_t status = CONFIG_OK;
    const size_t index = data->anchor_count;
    const uint8_t *der = NULL;
    if (((size_t)field->index != index) || (index >= CONFIG_MAX_ANCHORS))
    {
        status = CONFIG_ERR_FIELD;
    }
    else if ((field->length > CONFIG_ANCHOR_MAX_LEN) ||
             (field->length > (CONFIG_ANCHORS_TOTAL_MAX - state->anchor_bytes)))
    {
        status = CONFIG_ERR_TOO_LONG;
    }
    else
    {
        status = ConfigSource_Map(field->source, field->value, field->length, &der);
    }
    if (status == CONFIG_OK)
    {
        data->anchors[index].der = der;
        data->anchors[index].length = field->length;
        state->anchor_bytes += field->length;
        data->anchor_count = index + 1u;
    }
    return status;
}

/* Marks the field seen; false if it was seen before or has no place. */
static bool mark_seen(DecodeState_t *state, const Field_t *field)
{
    bool fresh = false;
    if ((field->tag <= GLOBAL_TAG_LAST) && (field->index == 0u))
    {
        fresh = !state->seen[field->tag];
        state->seen[field->tag] = true;
    }
    else if ((field->tag >= WATCH_TAG_FIRST) && (field->tag <= WATCH_TAG_LAST) &&
             ((size_t)field->index < CONFIG_MAX_WATCHES))
    {
        const size_t slot = (size_t)field->tag - (size_t)WATCH_TAG_FIRST;
        fresh = !state->watch_seen[field->index][slot];
        state->watch_seen[field->index][slot] = true;
        state->watch_used[field->index] = true;
    }
    else
    {
        fresh = field->tag == (uint8_t)CONFIG_TAG_ANCHOR; /* order checked by decode_anchor */
    }
    return fresh;
}

static ConfigStatus_t decode_field(DecodeState_t *state, const Field_t *field, ConfigData_t *data)
{
    ConfigStatus_t status = CONFIG_ERR_FIELD;
    if (mark_seen(state, field))
    {
        if (field->tag == (uint8_t)CONFIG_TAG_ANCHOR)
        {
            status = decode_anchor(field, state, data);
        }
        else if (field->tag >= WATCH_TAG_FIRST)
        {
            status = decode_watch(field, &data->watches[field->index]);
        }
        else
        {
            status = decode_global(field, data);
        }
    }
    return status;
}

/* Watches must be numbered 0..n-1 without gaps; a watch without a server id is refused later. */
static ConfigStatus_t count_watches(const DecodeState_t *state, ConfigData_t *data)
{
    ConfigStatus_t status = CONFIG_OK;
    size_t count = 0u;
    for (size_t i = 0u; i < CONFIG_MAX_WATCHES; i++)
    {
        if (state->watch_used[i])
        {
            if (count != i)
            {
                status = CONFIG_ERR_FIELD;
            }
            count = i + 1u;
        }
    }
    data->watch_count = count;
    return status;
}

static ConfigStatus_t decode_payload(const ConfigSource_t *source, size_t length, ConfigData_t *data)
{
    DecodeState_t state;
    (void)memset(&state, 0, sizeof state);
    ConfigStatus_t status = CONFIG_OK;
    const size_t end = CONFIG_BLOCK_HEADER_SIZE + length;
    size_t pos = CONFIG_BLOCK_HEADER_SIZE;
    for (size_t n = 0u; (status == CONFIG_OK) && (pos < end) && (n < MAX_FIELDS); n++)
    {
        uint8_t head[CONFIG_FIELD_HEADER_SIZE];
        Field_t field;
        status = ((end - pos) < CONFIG_FIELD_HEADER_SIZE) ? CONFIG_ERR_FIELD
                                                          : ConfigSource_Read(source, pos, head, sizeof head);
        if (status == CONFIG_OK)
        {
            field.source = source;
            field.tag = head[0];
            field.index = head[1];
            field.length = (size_t)ConfigBytes_Get16(&head[2]);
            pos += CONFIG_FIELD_HEADER_SIZE;
            field.value = pos;
            if (field.length > (end - pos))
            {
                status = CONFIG_ERR_FIELD;
            }
            else
            {
                pos += field.length;
                status = decode_field(&state, &field, data);
            }
        }
    }
    if (status == CONFIG_OK)
    {
        status = count_watches(&state, data);
    }
    return status;
}

ConfigStatus_t ConfigBlock_DecodeFrom(const ConfigSource_t *source, ConfigData_t *data, ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((source != NULL) && (data != NULL) && (info != NULL))
    {
        ConfigCheck_Defaults(data);
        status = ConfigBlock_CheckFrom(source, info);
    }
    if (status == CONFIG_OK)
    {
        status = decode_payload(source, info->size - CONFIG_BLOCK_HEADER_SIZE, data);
    }
    if (status == CONFIG_OK)
    {
        status = ConfigCheck_Data(data, NULL);
    }
    if ((status != CONFIG_OK) && (data != NULL))
    {
        ConfigCheck_Defaults(data); /* nothing of a refused block (token included) is kept */
    }
    return status;
}

ConfigStatus_t ConfigBlock_Decode(const uint8_t *block, size_t available, ConfigData_t *data,
                                  ConfigBlockInfo_t *info)
{
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if (block != NULL)
    {
        ConfigSource_t source;
        ConfigSource_Memory(block, available, &source);
        status = ConfigBlock_DecodeFrom(&source, data, info);
    }
    else if (data != NULL)
    {
        ConfigCheck_Defaults(data);
    }
    else
    {
        /* nothing to reset */
    }
    return status;
}
