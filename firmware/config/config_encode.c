/* ConfigData_t -> block: only configurations that ConfigCheck_Data accepts are encoded. */
#include "firmware/config/config_block.h"

#include <string.h>

#include "firmware/config/config_bytes.h"
#include "firmware/config/config_check.h"

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

typedef struct
{
    uint8_t *buffer;
    size_t capacity;
    size_t length;
    bool overflow;
} ConfigWriter_t;

static void put_field(ConfigWriter_t *w, ConfigTag_t tag, size_t index, const uint8_t *value, size_t length)
{
    if ((w->overflow) || ((w->capacity - w->length) < FIELD(length)))
    {
        w->overflow = true;
    }
    else
    {
        uint8_t *p = &w->buffer[w->length];
        p[0] = (uint8_t)tag;
        p[1] = (uint8_t)index;
        ConfigBytes_Put16(&p[2], (uint16_t)length);
        (void)memcpy(&p[CONFIG_FIELD_HEADER_SIZE], value, length);
        w->length += FIELD(length);
    }
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

static void put_all(ConfigWriter_t *w, const ConfigData_t *data)
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
    for (size_t i = 0u; i < data->anchor_count; i++)
    {
        put_field(w, CONFIG_TAG_ANCHOR, i, &data->anchors[data->anchor_offset[i]], data->anchor_length[i]);
    }
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
        ConfigWriter_t writer = {&block[CONFIG_BLOCK_HEADER_SIZE], capacity - CONFIG_BLOCK_HEADER_SIZE, 0u, false};
        put_all(&writer, data);
        if (writer.overflow)
        {
            status = CONFIG_ERR_TOO_LARGE;
        }
        else
        {
            ConfigBlock_WriteHeader(block, writer.length, sequence, base, info);
        }
    }
    return status;
}
