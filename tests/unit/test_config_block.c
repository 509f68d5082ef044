/* Unit tests of the configuration block codec: round trip, every corruption, limits, CRC, and
 * the streaming paths (a source or sink that is a store slot, values across chunks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config_block.h"
#include "firmware/config/config_check.h"
#include "firmware/config/config_crc.h"
#include "hal/config_store.h"
#include "hal/host/config_store_host.h"
#include "tests/unit/test_config_support.h"

static ConfigData_t g_in;
static ConfigData_t g_out;
static uint8_t g_block[CONFIG_BLOCK_MAX_SIZE];
static uint8_t g_payload[CONFIG_BLOCK_MAX_SIZE];
static uint8_t g_again[CONFIG_BLOCK_MAX_SIZE];
static uint8_t g_pool[CONFIG_ANCHORS_TOTAL_MAX + 1u]; /* DER bytes g_in points at (+1: over the total) */

/* True when [der, der + length) lies inside block[0..size). */
static bool within(const uint8_t *der, size_t length, const uint8_t *block, size_t size)
{
    bool inside = false;
    for (size_t i = 0u; (!inside) && ((i + length) <= size); i++)
    {
        inside = der == &block[i];
    }
    return inside;
}

static size_t encode_sample(void)
{
    ConfigBlockInfo_t info;
    TestConfig_Sample(&g_in);
    assert_int_equal(ConfigBlock_Encode(&g_in, 7u, 0xA5A5A5A5u, g_block, sizeof g_block, &info), CONFIG_OK);
    return info.size;
}

static ConfigStatus_t decode(size_t size)
{
    ConfigBlockInfo_t info;
    return ConfigBlock_Decode(g_block, size, &g_out, &info);
}

static void test_crc_check_value(void **state)
{
    (void)state;
    const uint8_t text[] = "123456789";
    assert_int_equal(ConfigCrc_Update(0u, text, 9u), 0xCBF43926u);
    /* Chaining: the CRC of a+b from the CRC of a. */
    assert_int_equal(ConfigCrc_Update(ConfigCrc_Update(0u, text, 4u), &text[4], 5u), 0xCBF43926u);
}

static void test_round_trip(void **state)
{
    (void)state;
    const size_t size = encode_sample();
    ConfigBlockInfo_t info;
    assert_int_equal(ConfigBlock_Decode(g_block, sizeof g_block, &g_out, &info), CONFIG_OK);
    assert_int_equal(info.size, size);
    assert_int_equal(info.sequence, 7u);
    assert_int_equal(info.base, 0xA5A5A5A5u);
    assert_true(TestConfig_Same(&g_in, &g_out));
    assert_string_equal(g_out.token, TEST_TOKEN);
    assert_string_equal(g_out.watches[0].filter_directory, "/home/forge/app");
    assert_int_equal(g_out.watches[1].server_id, 4294967295u);
    assert_false(g_out.watches[1].has_expected);
    assert_int_equal(g_out.anchors[1].length, 6u);
    /* Anchors are referenced in place in the decoded block, not copied. */
    assert_true(within(g_out.anchors[0].der, g_out.anchors[0].length, g_block, size));
    assert_true(within(g_out.anchors[1].der, g_out.anchors[1].length, g_block, size));
    assert_memory_equal(g_out.anchors[1].der, TEST_CONFIG_DER2, sizeof TEST_CONFIG_DER2);
    /* Exactly the block's size is enough. */
    assert_int_equal(decode(size), CONFIG_OK);
}

static void test_header_layout(void **state)
{
    (void)state;
    const size_t size = encode_sample();
    const uint8_t expected[8] = {'F', 'L', 'C', 'F', 1u, 0u, 24u, 0u};
    assert_memory_equal(g_block, expected, sizeof expected);
    assert_int_equal((size_t)g_block[8] | ((size_t)g_block[9] << 8u), size - CONFIG_BLOCK_HEADER_SIZE);
    assert_int_equal(g_block[12], 7u);
    /* Encoding is deterministic. */
    static uint8_t again[CONFIG_BLOCK_MAX_SIZE];
    ConfigBlockInfo_t info;
    assert_int_equal(ConfigBlock_Encode(&g_in, 7u, 0xA5A5A5A5u, again, sizeof again, &info), CONFIG_OK);
    assert_memory_equal(again, g_block, size);
}

static void test_erased_and_zeroed(void **state)
{
    (void)state;
    memset(g_block, 0xFF, sizeof g_block);
    assert_int_equal(decode(sizeof g_block), CONFIG_ERR_MAGIC);
    memset(g_block, 0, sizeof g_block);
    assert_int_equal(decode(sizeof g_block), CONFIG_ERR_MAGIC);
}

static void test_bad_magic_version_crc(void **state)
{
    (void)state;
    const size_t size = encode_sample();
    g_block[0] ^= 0x01u;
    assert_int_equal(decode(size), CONFIG_ERR_MAGIC);
    g_block[0] ^= 0x01u;
    g_block[4] = 2u;
    assert_int_equal(decode(size), CONFIG_ERR_VERSION);
    g_block[4] = 1u;
    g_block[size - 1u] ^= 0x40u;
    assert_int_equal(decode(size), CONFIG_ERR_CRC);
    g_block[size - 1u] ^= 0x40u;
    g_block[12] ^= 0x01u; /* the sequence is covered too */
    assert_int_equal(decode(size), CONFIG_ERR_CRC);
    g_block[12] ^= 0x01u;
    assert_int_equal(decode(size), CONFIG_OK);
}

static void test_bad_lengths(void **state)
{
    (void)state;
    const size_t size = encode_sample();
    assert_int_equal(decode(size - 1u), CONFIG_ERR_LENGTH);      /* block cut short */
    assert_int_equal(decode(CONFIG_BLOCK_HEADER_SIZE - 1u), CONFIG_ERR_LENGTH);
    g_block[9] = 0x40u;                                           /* length beyond the format */
    assert_int_equal(decode(sizeof g_block), CONFIG_ERR_LENGTH);
    encode_sample();
    g_block[6] = 20u;                                             /* header size */
    assert_int_equal(decode(sizeof g_block), CONFIG_ERR_LENGTH);
}

static void test_truncated_field(void **state)
{
    (void)state;
    size_t length = TestConfig_MinimalPayload(g_payload);
    const size_t size = TestConfig_Block(g_block, g_payload, length, 1u, 0u);
    assert_int_equal(decode(size), CONFIG_OK);
    /* The last field claims one byte more than the payload holds. */
    g_payload[length - sizeof TEST_CONFIG_DER - 2u] = (uint8_t)(sizeof TEST_CONFIG_DER + 1u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);
    /* A field header cut in the middle. */
    length = TestConfig_MinimalPayload(g_payload);
    g_payload[length] = CONFIG_TAG_POLL;
    g_payload[length + 1u] = 0u;
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length + 2u, 1u, 0u)), CONFIG_ERR_FIELD);
}

static void test_unterminated_string(void **state)
{
    (void)state;
    size_t length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme", 4u); /* no NUL */
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
    assert_string_equal(g_out.token, ""); /* nothing of a refused block is kept */
    length = 0u;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ORG, 0u, "ac\0me", 6u); /* embedded NUL */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
    length = 0u;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ORG, 0u, "", 0u); /* empty, no NUL */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
}

static void test_field_rules(void **state)
{
    (void)state;
    const uint8_t poll_short[2] = {60u, 0u};
    size_t length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_POLL, 0u, poll_short, sizeof poll_short);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "again"); /* duplicate */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddText(g_payload, &length, 0x0Fu, 0u, "x"); /* unknown tag */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_W_LABEL, 0u, "12345678901234567"); /* 17 > 16 */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_TOO_LONG);

    const uint8_t display = 2u;
    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_DISPLAY, 0u, &display, 1u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_VALUE);
}

static void test_bad_values_and_missing(void **state)
{
    (void)state;
    size_t length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "Acme_Ops"); /* not a slug */
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_VALUE);

    length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_MISSING);

    length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_MISSING);

    const uint8_t not_der[3] = {0x31u, 0x01u, 0x00u};
    length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, not_der, sizeof not_der);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_VALUE);
}

static void test_watches_and_anchors_order(void **state)
{
    (void)state;
    const uint8_t server[4] = {1u, 0u, 0u, 0u};
    size_t length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_W_SERVER, 1u, server, 4u); /* watch 0 missing */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_W_LABEL, 0u, "no server"); /* watch without id */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_MISSING);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_W_SERVER, (uint8_t)CONFIG_MAX_WATCHES, server, 4u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 2u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 1u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_W_SERVER, 0u, server, 4u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_OK);
    assert_int_equal(g_out.anchor_count, 2u);
    assert_int_equal(g_out.watch_count, 1u);
    assert_int_equal(g_out.poll_interval_s, CONFIG_POLL_DEFAULT_S); /* optional fields default */
    assert_true(g_out.display_on);
    assert_false(g_out.has_seed);
}

static void fill_text(char *dst, size_t size, char c)
{
    memset(dst, c, size - 1u);
    dst[size - 1u] = '\0';
}

static void test_worst_case_fits(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    TestConfig_Sample(&g_in);
    fill_text(g_in.token, sizeof g_in.token, 'T');
    fill_text(g_in.organization, sizeof g_in.organization, 'a');
    g_in.watch_count = CONFIG_MAX_WATCHES;
    for (size_t i = 0u; i < CONFIG_MAX_WATCHES; i++)
    {
        g_in.watches[i] = g_in.watches[0];
        fill_text(g_in.watches[i].label, sizeof g_in.watches[i].label, 'L');
        fill_text(g_in.watches[i].filter_user, sizeof g_in.watches[i].filter_user, 'u');
    }
    /* Anchors: fill the pool with CONFIG_MAX_ANCHORS certificates of equal size. */
    const size_t each = CONFIG_ANCHORS_TOTAL_MAX / CONFIG_MAX_ANCHORS;
    g_in.anchor_count = CONFIG_MAX_ANCHORS;
    for (size_t i = 0u; i < CONFIG_MAX_ANCHORS; i++)
    {
        uint8_t *der = &g_pool[i * each];
        memset(der, 0, each);
        der[0] = 0x30u;
        der[1] = 0x82u;
        der[2] = (uint8_t)((each - 4u) >> 8u);
        der[3] = (uint8_t)((each - 4u) & 0xFFu);
        g_in.anchors[i].der = der;
        g_in.anchors[i].length = each;
    }
    g_in.network.has_mac = true;
    g_in.network.mac[0] = 0x02u;
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    assert_true(info.size <= CONFIG_BLOCK_MAX_SIZE);
    assert_int_equal(decode(info.size), CONFIG_OK);
    assert_true(TestConfig_Same(&g_in, &g_out));
    /* A smaller region refuses the block instead of cutting it. */
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, info.size - 1u, &info), CONFIG_ERR_TOO_LARGE);
}

static void test_encode_refuses_invalid(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    const char *what = NULL;
    TestConfig_Sample(&g_in);
    g_in.token[0] = '\0';
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_ERR_MISSING);
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_MISSING);
    assert_string_equal(what, "token");
    TestConfig_Sample(&g_in);
    g_in.watches[1].page_size = (uint8_t)(CONFIG_PAGE_SIZE_MAX + 1u);
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    assert_string_equal(what, "watch1");
    TestConfig_Sample(&g_in);
    memset(g_in.organization, 'a', sizeof g_in.organization); /* no NUL in the buffer */
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_STRING);
    TestConfig_Sample(&g_in);
    g_in.network.netmask[3] = 1u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    assert_string_equal(what, "netmask");
}

static const uint8_t MAC_SET[CONFIG_MAC_SIZE] = {0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};

/* Offset of the first field with `tag` in g_block's payload, or 0 when there is none. */
static size_t find_field(size_t size, uint8_t tag)
{
    size_t found = 0u;
    size_t pos = CONFIG_BLOCK_HEADER_SIZE;
    while ((found == 0u) && ((pos + CONFIG_FIELD_HEADER_SIZE) <= size))
    {
        const size_t length = (size_t)g_block[pos + 2u] | ((size_t)g_block[pos + 3u] << 8u);
        if (g_block[pos] == tag)
        {
            found = pos;
        }
        pos += CONFIG_FIELD_HEADER_SIZE + length;
    }
    return found;
}

static void test_mac_round_trip(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    TestConfig_Sample(&g_in);
    g_in.network.has_mac = true;
    memcpy(g_in.network.mac, MAC_SET, sizeof MAC_SET);
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    const size_t at = find_field(info.size, (uint8_t)CONFIG_TAG_MAC);
    assert_true(at > 0u);
    const uint8_t field[4u + CONFIG_MAC_SIZE] = {0x0Eu, 0u, 6u, 0u, 0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};
    assert_memory_equal(&g_block[at], field, sizeof field);
    assert_int_equal(decode(info.size), CONFIG_OK);
    assert_true(g_out.network.has_mac);
    assert_memory_equal(g_out.network.mac, MAC_SET, sizeof MAC_SET);
    assert_true(TestConfig_Same(&g_in, &g_out));

    /* Without the field (as every block written before it existed): no MAC, nothing encoded. */
    const size_t size = encode_sample();
    assert_int_equal(find_field(size, (uint8_t)CONFIG_TAG_MAC), 0u);
    assert_int_equal(decode(size), CONFIG_OK);
    assert_false(g_out.network.has_mac);
    const uint8_t zero[CONFIG_MAC_SIZE] = {0u, 0u, 0u, 0u, 0u, 0u};
    assert_memory_equal(g_out.network.mac, zero, sizeof zero);
    size_t length = TestConfig_MinimalPayload(g_payload);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_OK);
    assert_false(g_out.network.has_mac);
    length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_MAC, 0u, MAC_SET, sizeof MAC_SET);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_OK);
    assert_true(g_out.network.has_mac);
    assert_memory_equal(g_out.network.mac, MAC_SET, sizeof MAC_SET);
}

static ConfigStatus_t decode_with_mac(const uint8_t *mac, size_t mac_length, uint8_t index)
{
    size_t length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_MAC, index, mac, mac_length);
    return decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u));
}

static void test_mac_rejected(void **state)
{
    (void)state;
    const uint8_t multicast[CONFIG_MAC_SIZE] = {0x01u, 0x00u, 0x5Eu, 0x00u, 0x00u, 0x01u};
    const uint8_t broadcast[CONFIG_MAC_SIZE] = {0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu};
    const uint8_t zero[CONFIG_MAC_SIZE] = {0u, 0u, 0u, 0u, 0u, 0u};
    assert_int_equal(decode_with_mac(multicast, sizeof multicast, 0u), CONFIG_ERR_VALUE);
    assert_false(g_out.network.has_mac); /* nothing of a refused block is kept */
    assert_int_equal(decode_with_mac(broadcast, sizeof broadcast, 0u), CONFIG_ERR_VALUE);
    assert_int_equal(decode_with_mac(zero, sizeof zero, 0u), CONFIG_ERR_VALUE);
    assert_int_equal(decode_with_mac(MAC_SET, 5u, 0u), CONFIG_ERR_FIELD);   /* wrong width */
    assert_int_equal(decode_with_mac(MAC_SET, sizeof MAC_SET, 1u), CONFIG_ERR_FIELD); /* index */
    size_t length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_MAC, 0u, MAC_SET, sizeof MAC_SET);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_MAC, 0u, MAC_SET, sizeof MAC_SET); /* duplicate */
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_FIELD);

    ConfigBlockInfo_t info;
    const char *what = NULL;
    TestConfig_Sample(&g_in);
    g_in.network.has_mac = true;
    memcpy(g_in.network.mac, multicast, sizeof multicast);
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_ERR_VALUE);
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    assert_string_equal(what, "mac");
    memcpy(g_in.network.mac, zero, sizeof zero);
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    assert_string_equal(what, "mac");
    g_in.network.has_mac = false; /* not set: the bytes are not looked at */
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_OK);
}

/* `count` DER-shaped anchors of `each` bytes, with varied contents. */
static void fill_anchors(ConfigData_t *data, size_t count, size_t each)
{
    for (size_t i = 0u; i < count; i++)
    {
        uint8_t *der = &g_pool[i * each];
        for (size_t k = 0u; k < each; k++)
        {
            der[k] = (uint8_t)(k * 13u + i);
        }
        der[0] = 0x30u;
        der[1] = 0x82u;
        der[2] = (uint8_t)((each - 4u) >> 8u);
        der[3] = (uint8_t)((each - 4u) & 0xFFu);
        data->anchors[i].der = der;
        data->anchors[i].length = each;
    }
    data->anchor_count = count;
}

/* A sample with a 1024-character token and two large anchors: the payload spans many chunks. */
static void sample_large(ConfigData_t *data)
{
    TestConfig_Sample(data);
    fill_text(data->token, sizeof data->token, 'T');
    fill_anchors(data, 2u, 1000u);
}

static void test_slot_round_trip_many_chunks(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    ConfigBlockInfo_t read;
    ConfigSource_t source;
    ConfigStoreHost_Erase();
    sample_large(&g_in);
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 5u, 0x1234u, 0u, &info), CONFIG_OK);
    assert_true(info.size > (40u * CONFIG_IO_CHUNK_SIZE));
    assert_true((info.size % CONFIG_IO_CHUNK_SIZE) != 0u); /* a partial last chunk */
    /* The slot holds exactly what the in-memory encoder writes. */
    assert_int_equal(ConfigBlock_Encode(&g_in, 5u, 0x1234u, g_block, sizeof g_block, &read), CONFIG_OK);
    assert_int_equal(read.size, info.size);
    assert_int_equal(read.crc, info.crc);
    assert_int_equal(ConfigStore_Read(0u, 0u, g_again, info.size), CONFIG_STORE_OK);
    assert_memory_equal(g_again, g_block, info.size);
    /* And decodes from the slot, value by value. */
    ConfigSource_Slot(0u, &source);
    assert_int_equal(source.size, ConfigStore_SlotSize());
    assert_int_equal(ConfigBlock_CheckFrom(&source, &read), CONFIG_OK);
    assert_int_equal(read.crc, info.crc);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &read), CONFIG_OK);
    assert_int_equal(read.sequence, 5u);
    assert_int_equal(read.base, 0x1234u);
    assert_int_equal(read.size, info.size);
    assert_true(TestConfig_Same(&g_in, &g_out));
}

static void test_slot_crc_mismatch_in_last_chunk(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    ConfigSource_t source;
    ConfigStoreHost_Erase();
    sample_large(&g_in);
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    ConfigStoreHost_CorruptNextWrite(info.size - 1u); /* the last byte of the last chunk */
    assert_int_equal(TestConfig_StoreBlock(1u, g_block, info.size), CONFIG_STORE_OK);
    ConfigSource_Slot(1u, &source);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_CRC);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_ERR_CRC);
    assert_string_equal(g_out.token, ""); /* nothing of a refused block is kept */
    /* The same in memory: the last payload byte of a multi-chunk block. */
    g_block[info.size - 1u] ^= 0x80u;
    assert_int_equal(decode(info.size), CONFIG_ERR_CRC);
    g_block[info.size - 1u] ^= 0x80u;
    assert_int_equal(decode(info.size), CONFIG_OK);
}

static void test_slot_source_limits(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    ConfigSource_t source;
    uint8_t byte = 0u;
    ConfigStoreHost_Erase();
    ConfigSource_Slot(0u, &source);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_MAGIC); /* erased */
    assert_int_equal(ConfigSource_Read(&source, source.size, &byte, 1u), CONFIG_ERR_LENGTH);
    assert_int_equal(ConfigSource_Read(&source, source.size - 1u, &byte, 1u), CONFIG_OK);
    assert_int_equal(byte, 0xFFu);
    /* The host double's provisioned block is erased (absent) after ConfigStoreHost_Erase. */
    ConfigSource_Slot(CONFIG_STORE_SLOT_PROVISIONED, &source);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_MAGIC);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_ERR_MAGIC);
    /* A store that refuses a read or a map: the codec says so. */
    const uint8_t *mapped = &byte;
    ConfigSource_Slot(CONFIG_STORE_SLOT_PROVISIONED + 1u, &source);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_STORE);
    assert_int_equal(ConfigSource_Map(&source, 0u, 1u, &mapped), CONFIG_ERR_STORE);
    assert_null(mapped);
    ConfigSource_Slot(0u, &source);
    assert_int_equal(ConfigSource_Map(&source, source.size, 1u, &mapped), CONFIG_ERR_LENGTH);
    assert_int_equal(ConfigSource_Map(&source, source.size - 1u, 1u, &mapped), CONFIG_OK);
    assert_int_equal(*mapped, 0xFFu);
    assert_int_equal(ConfigStore_Begin(0u), CONFIG_STORE_OK); /* open for writing: not mapped */
    assert_int_equal(ConfigSource_Map(&source, 0u, 1u, &mapped), CONFIG_ERR_STORE);
    assert_int_equal(ConfigStore_Finish(0u, 0xFFFFFFFFu), CONFIG_STORE_OK);
    /* A payload length beyond the slot is refused before anything is read. */
    memset(g_block, 0, sizeof g_block);
    ConfigBlock_PutHeader(g_block, ConfigStore_SlotSize() - CONFIG_BLOCK_HEADER_SIZE + 1u, 7u, 0u);
    assert_int_equal(TestConfig_StoreBlock(0u, g_block, CONFIG_BLOCK_HEADER_SIZE), CONFIG_STORE_OK);
    ConfigSource_Slot(0u, &source);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_LENGTH);
}

static void test_slot_encoder_refuses(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    ConfigSource_t source;
    ConfigStoreHost_Erase();
    TestConfig_Sample(&g_in);
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 1u, 0u, 0u, &info), CONFIG_OK);
    /* Not a run-time slot. */
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 2u, 0u, CONFIG_STORE_SLOT_PROVISIONED, &info), CONFIG_ERR_STORE);
    /* Larger than the slot: refused by the sizing pass, the slot is not even erased. */
    sample_large(&g_in);
    fill_text(g_in.organization, sizeof g_in.organization, 'a');
    g_in.watch_count = CONFIG_MAX_WATCHES;
    for (size_t i = 0u; i < CONFIG_MAX_WATCHES; i++)
    {
        g_in.watches[i] = g_in.watches[0];
        fill_text(g_in.watches[i].label, sizeof g_in.watches[i].label, 'L');
        fill_text(g_in.watches[i].filter_user, sizeof g_in.watches[i].filter_user, 'u');
    }
    fill_anchors(&g_in, CONFIG_MAX_ANCHORS, CONFIG_ANCHORS_TOTAL_MAX / CONFIG_MAX_ANCHORS);
    assert_int_equal(ConfigBlock_Encode(&g_in, 1u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    ConfigStoreHost_SetSlotSize(info.size - 1u); /* a board whose slots are smaller than this block */
    assert_true(info.size > ConfigStore_SlotSize());
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 2u, 0u, 0u, &info), CONFIG_ERR_TOO_LARGE);
    ConfigStoreHost_SetSlotSize(CONFIG_STORE_HOST_SLOT_SIZE);
    ConfigSource_Slot(0u, &source);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_OK);
    assert_int_equal(info.sequence, 1u);
    /* Invalid data is refused before the store is touched. */
    TestConfig_Sample(&g_in);
    g_in.token[0] = '\0';
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 2u, 0u, 0u, &info), CONFIG_ERR_MISSING);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_OK);
    assert_int_equal(ConfigBlock_EncodeToSlot(NULL, 2u, 0u, 0u, &info), CONFIG_ERR_ARG);
}

/* A DER-shaped value of `length` (>= 4) bytes at `der`: SEQUENCE with a two-byte length. */
static void der_of(uint8_t *der, size_t length)
{
    memset(der, 0x5A, length);
    der[0] = 0x30u;
    der[1] = 0x82u;
    der[2] = (uint8_t)((length - 4u) >> 8u);
    der[3] = (uint8_t)((length - 4u) & 0xFFu);
}

/* Anchor limits, in the decoder (a block) and in the check (a ConfigData_t): each at most
 * CONFIG_ANCHOR_MAX_LEN, all together at most CONFIG_ANCHORS_TOTAL_MAX, a certificate each. */
static void test_anchor_limits(void **state)
{
    (void)state;
    const char *what = NULL;
    der_of(g_pool, CONFIG_ANCHOR_MAX_LEN + 1u);
    size_t length = TestConfig_MinimalPayload(g_payload);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 1u, g_pool, CONFIG_ANCHOR_MAX_LEN + 1u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_TOO_LONG);
    /* The total: anchors of the largest size up to the total, the last split in two, fit
     * (CONFIG_ANCHORS_TOTAL_MAX bytes in all); one byte more does not. */
    const size_t full = CONFIG_ANCHORS_TOTAL_MAX / CONFIG_ANCHOR_MAX_LEN;
    _Static_assert((CONFIG_ANCHORS_TOTAL_MAX % CONFIG_ANCHOR_MAX_LEN) == 0u, "the test fills the total");
    _Static_assert((CONFIG_ANCHORS_TOTAL_MAX / CONFIG_ANCHOR_MAX_LEN) < CONFIG_MAX_ANCHORS, "room for the split");
    const size_t tail = CONFIG_ANCHOR_MAX_LEN - 4u;
    uint8_t *const last = &g_pool[CONFIG_ANCHORS_TOTAL_MAX - 4u];
    length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, TEST_TOKEN);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    for (size_t i = 0u; i < full; i++)
    {
        const size_t each = (i + 1u < full) ? CONFIG_ANCHOR_MAX_LEN : tail;
        der_of(&g_pool[i * CONFIG_ANCHOR_MAX_LEN], each);
        TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, (uint8_t)i, &g_pool[i * CONFIG_ANCHOR_MAX_LEN], each);
    }
    const size_t before_last = length;
    der_of(last, 4u);
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, (uint8_t)full, last, 4u);
    const size_t size = TestConfig_Block(g_block, g_payload, length, 1u, 0u);
    assert_int_equal(decode(size), CONFIG_OK);
    size_t sum = 0u;
    for (size_t i = 0u; i < g_out.anchor_count; i++)
    {
        sum += g_out.anchors[i].length;
    }
    assert_int_equal(g_out.anchor_count, full + 1u);
    assert_int_equal(sum, CONFIG_ANCHORS_TOTAL_MAX);
    assert_true(within(g_out.anchors[full].der, 4u, g_block, size));
    assert_int_equal(ConfigCheck_Data(&g_out, &what), CONFIG_OK);
    der_of(last, 5u);
    length = before_last;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, (uint8_t)full, last, 5u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_TOO_LONG);
    assert_int_equal(g_out.anchor_count, 0u); /* nothing of a refused block is kept */
    assert_null(g_out.anchors[0].der);

    /* The check refuses the same, and an anchor without bytes, whatever the data came from. */
    TestConfig_Sample(&g_in);
    g_in.anchors[1].der = NULL;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    assert_string_equal(what, "anchors");
    TestConfig_Sample(&g_in);
    der_of(g_pool, CONFIG_ANCHOR_MAX_LEN + 1u);
    g_in.anchors[0].der = g_pool;
    g_in.anchors[0].length = CONFIG_ANCHOR_MAX_LEN + 1u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    for (size_t i = 0u; i < full; i++)
    {
        const size_t each = (i + 1u < full) ? CONFIG_ANCHOR_MAX_LEN : tail;
        der_of(&g_pool[i * CONFIG_ANCHOR_MAX_LEN], each);
        g_in.anchors[i].der = &g_pool[i * CONFIG_ANCHOR_MAX_LEN];
        g_in.anchors[i].length = each;
    }
    der_of(last, 5u);
    g_in.anchors[full].der = last;
    g_in.anchors[full].length = 5u;
    g_in.anchor_count = full + 1u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    der_of(last, 4u);
    g_in.anchors[full].length = 4u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_OK);
    g_in.anchor_count = CONFIG_MAX_ANCHORS + 1u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_VALUE);
    g_in.anchor_count = 0u;
    assert_int_equal(ConfigCheck_Data(&g_in, &what), CONFIG_ERR_MISSING);
}

/* Anchors that point into the slot being written are erased by Begin: the encoder notices (the
 * data no longer checks) and stops before the magic; it never saves erased bytes as a block. */
static void test_slot_encoder_anchors_in_target(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    ConfigSource_t source;
    ConfigStoreHost_Erase();
    TestConfig_Sample(&g_in);
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 1u, 0u, 0u, &info), CONFIG_OK);
    ConfigSource_Slot(0u, &source);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_OK);
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_out, 2u, 0u, 0u, &info), CONFIG_ERR_STORE);
    assert_int_equal(ConfigBlock_CheckFrom(&source, &info), CONFIG_ERR_MAGIC);
    /* Into the other slot it is fine, and the copy is whole. */
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_in, 1u, 0u, 0u, &info), CONFIG_OK);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_out, &info), CONFIG_OK);
    assert_int_equal(ConfigBlock_EncodeToSlot(&g_out, 2u, 0u, 1u, &info), CONFIG_OK);
    ConfigSource_Slot(1u, &source);
    assert_int_equal(ConfigBlock_DecodeFrom(&source, &g_in, &info), CONFIG_OK);
    assert_int_equal(info.sequence, 2u);
    assert_true(TestConfig_Same(&g_in, &g_out));
}

/* Text values are read in chunks: the NUL rules hold across chunk boundaries. */
static void test_text_across_chunks(void **state)
{
    (void)state;
    static char text[CONFIG_TOKEN_SIZE + CONFIG_IO_CHUNK_SIZE];
    size_t length = 0u;
    /* The longest token, exactly: accepted, whole. */
    memset(text, 'k', CONFIG_TOKEN_MAX_LEN);
    text[CONFIG_TOKEN_MAX_LEN] = '\0';
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, text);
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_OK);
    assert_string_equal(g_out.token, text);
    /* One character more: too long (and well terminated). */
    memset(text, 'k', CONFIG_TOKEN_MAX_LEN + 1u);
    text[CONFIG_TOKEN_MAX_LEN + 1u] = '\0';
    length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_TOKEN, 0u, text);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_TOO_LONG);
    /* Too long and with a NUL inside, in a later chunk: a bad string first, as before. */
    text[3u * CONFIG_IO_CHUNK_SIZE] = '\0';
    length = 0u;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_TOKEN, 0u, text, CONFIG_TOKEN_MAX_LEN + 2u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
    /* A NUL just at a chunk boundary, and the terminator missing from a multi-chunk value. */
    memset(text, 'k', CONFIG_TOKEN_MAX_LEN);
    text[CONFIG_IO_CHUNK_SIZE] = '\0';
    text[CONFIG_TOKEN_MAX_LEN] = '\0';
    length = 0u;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_TOKEN, 0u, text, CONFIG_TOKEN_MAX_LEN + 1u);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
    memset(text, 'k', CONFIG_TOKEN_MAX_LEN);
    length = 0u;
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_TOKEN, 0u, text, CONFIG_TOKEN_MAX_LEN);
    assert_int_equal(decode(TestConfig_Block(g_block, g_payload, length, 1u, 0u)), CONFIG_ERR_STRING);
    assert_string_equal(g_out.token, "");
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc_check_value),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_header_layout),
        cmocka_unit_test(test_erased_and_zeroed),
        cmocka_unit_test(test_bad_magic_version_crc),
        cmocka_unit_test(test_bad_lengths),
        cmocka_unit_test(test_truncated_field),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_field_rules),
        cmocka_unit_test(test_bad_values_and_missing),
        cmocka_unit_test(test_watches_and_anchors_order),
        cmocka_unit_test(test_worst_case_fits),
        cmocka_unit_test(test_encode_refuses_invalid),
        cmocka_unit_test(test_mac_round_trip),
        cmocka_unit_test(test_mac_rejected),
        cmocka_unit_test(test_slot_round_trip_many_chunks),
        cmocka_unit_test(test_slot_crc_mismatch_in_last_chunk),
        cmocka_unit_test(test_slot_source_limits),
        cmocka_unit_test(test_slot_encoder_refuses),
        cmocka_unit_test(test_text_across_chunks),
        cmocka_unit_test(test_anchor_limits),
        cmocka_unit_test(test_slot_encoder_anchors_in_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
