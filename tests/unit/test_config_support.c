/* Helpers of the config unit tests. */
#include "tests/unit/test_config_support.h"

#include <string.h>

#include "firmware/config/config_check.h"

/* SEQUENCE { INTEGER 5 }: the shape of a DER certificate, enough for the codec. */
const uint8_t TEST_CONFIG_DER[5] = {0x30u, 0x03u, 0x02u, 0x01u, 0x05u};
const uint8_t TEST_CONFIG_DER2[6] = {0x30u, 0x04u, 0x02u, 0x02u, 0x01u, 0x00u};

static void set(char *dst, size_t size, const char *text)
{
    (void)size;
    memcpy(dst, text, strlen(text) + 1u);
}

void TestConfig_Sample(ConfigData_t *data)
{
    ConfigCheck_Defaults(data);
    set(data->api_host, sizeof data->api_host, "forge.laravel.com");
    set(data->token, sizeof data->token, TEST_TOKEN);
    set(data->organization, sizeof data->organization, "acme-ops");
    data->poll_interval_s = 45u;
    data->led_brightness = 80u;
    data->display_on = false;
    data->has_seed = true;
    for (size_t i = 0u; i < CONFIG_SEED_SIZE; i++)
    {
        data->seed[i] = (uint8_t)(i * 7u + 1u);
    }
    data->network.mode = CONFIG_NET_STATIC;
    const uint8_t address[4] = {192u, 0u, 2u, 10u};
    const uint8_t netmask[4] = {255u, 255u, 255u, 0u};
    const uint8_t gateway[4] = {192u, 0u, 2u, 1u};
    memcpy(data->network.address, address, 4u);
    memcpy(data->network.netmask, netmask, 4u);
    memcpy(data->network.gateway, gateway, 4u);
    memcpy(data->network.dns, gateway, 4u);
    set(data->network.sntp, sizeof data->network.sntp, "pool.ntp.org");
    data->watch_count = 2u;
    data->watches[0].server_id = 123456u;
    set(data->watches[0].label, sizeof data->watches[0].label, "web-1");
    set(data->watches[0].sort, sizeof data->watches[0].sort, "-user");
    data->watches[0].page_size = 20u;
    set(data->watches[0].filter_user, sizeof data->watches[0].filter_user, "forge");
    data->watches[0].site_id = 77u;
    set(data->watches[0].filter_directory, sizeof data->watches[0].filter_directory, "/home/forge/app");
    data->watches[0].has_expected = true;
    data->watches[0].expected = 3u;
    data->watches[1].server_id = 4294967295u;
    data->anchor_count = 2u;
    data->anchors[0].der = TEST_CONFIG_DER;
    data->anchors[0].length = sizeof TEST_CONFIG_DER;
    data->anchors[1].der = TEST_CONFIG_DER2;
    data->anchors[1].length = sizeof TEST_CONFIG_DER2;
}

bool TestConfig_Same(const ConfigData_t *a, const ConfigData_t *b)
{
    static ConfigData_t left;
    static ConfigData_t right;
    bool same = a->anchor_count == b->anchor_count;
    for (size_t i = 0u; same && (i < a->anchor_count) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        same = (a->anchors[i].length == b->anchors[i].length) &&
               (memcmp(a->anchors[i].der, b->anchors[i].der, a->anchors[i].length) == 0);
    }
    memcpy(&left, a, sizeof left);
    memcpy(&right, b, sizeof right);
    memset(left.anchors, 0, sizeof left.anchors);
    memset(right.anchors, 0, sizeof right.anchors);
    return same && (memcmp(&left, &right, sizeof left) == 0);
}

void TestConfig_AddField(uint8_t *payload, size_t *length, uint8_t tag, uint8_t index, const void *value,
                         size_t value_length)
{
    uint8_t *p = &payload[*length];
    p[0] = tag;
    p[1] = index;
    p[2] = (uint8_t)(value_length & 0xFFu);
    p[3] = (uint8_t)(value_length >> 8u);
    memcpy(&p[4], value, value_length);
    *length += 4u + value_length;
}

void TestConfig_AddText(uint8_t *payload, size_t *length, uint8_t tag, uint8_t index, const char *text)
{
    TestConfig_AddField(payload, length, tag, index, text, strlen(text) + 1u);
}

size_t TestConfig_Block(uint8_t *block, const uint8_t *payload, size_t length, uint32_t sequence, uint32_t base)
{
    ConfigBlockInfo_t info;
    memmove(&block[CONFIG_BLOCK_HEADER_SIZE], payload, length);
    ConfigBlock_WriteHeader(block, length, sequence, base, &info);
    return info.size;
}

size_t TestConfig_MinimalPayload(uint8_t *payload)
{
    size_t length = 0u;
    TestConfig_AddText(payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddText(payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    TestConfig_AddField(payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    return length;
}

ConfigStoreStatus_t TestConfig_StoreBlock(uint32_t slot, const uint8_t *block, size_t size)
{
    ConfigStoreStatus_t status = ConfigStore_Begin(slot);
    if ((status == CONFIG_STORE_OK) && (size > CONFIG_STORE_WORD_SIZE))
    {
        status = ConfigStore_Program(slot, CONFIG_STORE_WORD_SIZE, &block[CONFIG_STORE_WORD_SIZE],
                                     size - CONFIG_STORE_WORD_SIZE);
    }
    if (status == CONFIG_STORE_OK)
    {
        const uint32_t first = (uint32_t)block[0] | ((uint32_t)block[1] << 8u) | ((uint32_t)block[2] << 16u) |
                               ((uint32_t)block[3] << 24u);
        status = ConfigStore_Finish(slot, first);
    }
    return status;
}
