/* Unit tests of the value rules (config_value) and of `config set` keys (config_keys). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config_check.h"
#include "firmware/config/config_keys.h"
#include "firmware/config/config_mac.h"
#include "firmware/config/config_value.h"
#include "tests/unit/test_config_support.h"

static ConfigData_t g_data;

#define IS(fn, text) fn((text), strlen(text))
#define IS_MAC(text, mac) ConfigMac_Parse((text), strlen(text), (mac))

static ConfigStatus_t set(const char *key, const char *value)
{
    return ConfigKeys_Set(&g_data, key, strlen(key), value, strlen(value));
}

static void test_text_rules(void **state)
{
    (void)state;
    assert_true(IS(ConfigValue_IsSlug, "acme-ops"));
    assert_true(IS(ConfigValue_IsSlug, "a1"));
    assert_false(IS(ConfigValue_IsSlug, ""));
    assert_false(IS(ConfigValue_IsSlug, "-acme"));
    assert_false(IS(ConfigValue_IsSlug, "acme-"));
    assert_false(IS(ConfigValue_IsSlug, "Acme"));
    assert_false(IS(ConfigValue_IsSlug, "ac me"));
    assert_true(IS(ConfigValue_IsHost, "forge.laravel.com"));
    assert_true(IS(ConfigValue_IsHost, "192.0.2.1"));
    assert_false(IS(ConfigValue_IsHost, ".forge"));
    assert_false(IS(ConfigValue_IsHost, "forge_x.com"));
    assert_true(IS(ConfigValue_IsToken, "1|abcDEF~!"));
    assert_false(IS(ConfigValue_IsToken, "has space"));
    assert_false(IS(ConfigValue_IsToken, ""));
    assert_true(IS(ConfigValue_IsSort, "user,-user"));
    assert_true(IS(ConfigValue_IsSort, ""));
    assert_false(IS(ConfigValue_IsSort, "user,"));
    assert_false(IS(ConfigValue_IsSort, "-"));
    assert_false(IS(ConfigValue_IsSort, "us-er"));
    assert_false(IS(ConfigValue_IsSort, "a,b,c,d,e")); /* five keys */
    assert_true(IS(ConfigValue_IsSort, "a,b,c,d"));
    assert_true(IS(ConfigValue_IsFilterUser, "forge.deploy-1_x"));
    assert_false(IS(ConfigValue_IsFilterUser, "for ge"));
    assert_true(IS(ConfigValue_IsDirectory, "/home/forge/my app"));
    assert_false(IS(ConfigValue_IsDirectory, "home/forge"));
    assert_true(IS(ConfigValue_IsLabel, "1234567890123456"));
    assert_false(IS(ConfigValue_IsLabel, "12345678901234567"));
    assert_false(ConfigValue_IsLabel("a\tb", 3u));
}

static void test_numbers_and_addresses(void **state)
{
    (void)state;
    uint32_t value = 7u;
    uint8_t ip[4] = {0u, 0u, 0u, 0u};
    assert_true(ConfigValue_ParseUint("4294967295", 10u, UINT32_MAX, &value));
    assert_int_equal(value, 4294967295u);
    assert_false(ConfigValue_ParseUint("4294967296", 10u, UINT32_MAX, &value));
    assert_false(ConfigValue_ParseUint("0123", 4u, UINT32_MAX, &value));
    assert_false(ConfigValue_ParseUint("", 0u, UINT32_MAX, &value));
    assert_false(ConfigValue_ParseUint("+1", 2u, UINT32_MAX, &value));
    assert_true(ConfigValue_ParseUint("0", 1u, 0u, &value));
    assert_false(ConfigValue_ParseUint("9", 1u, 5u, &value));
    assert_int_equal(value, 0u);
    assert_true(ConfigValue_ParseIpv4("192.0.2.255", 11u, ip));
    assert_int_equal(ip[3], 255u);
    assert_false(ConfigValue_ParseIpv4("192.0.2", 7u, ip));
    assert_false(ConfigValue_ParseIpv4("192.0.2.1.5", 11u, ip));
    assert_false(ConfigValue_ParseIpv4("192.0.2.256", 11u, ip));
    assert_false(ConfigValue_ParseIpv4("192..2.1", 8u, ip));
    const uint8_t good[4] = {255u, 255u, 240u, 0u};
    const uint8_t holes[4] = {255u, 0u, 255u, 0u};
    const uint8_t zero[4] = {0u, 0u, 0u, 0u};
    const uint8_t all[4] = {255u, 255u, 255u, 255u};
    assert_true(ConfigValue_IsNetmask(good));
    assert_true(ConfigValue_IsNetmask(all));
    assert_false(ConfigValue_IsNetmask(holes));
    assert_false(ConfigValue_IsNetmask(zero));
    const uint8_t der_long[6] = {0x30u, 0x81u, 0x03u, 0x02u, 0x01u, 0x05u};
    const uint8_t der_short_len[5] = {0x30u, 0x04u, 0x02u, 0x01u, 0x05u};
    assert_true(ConfigValue_IsDerCertificate(der_long, sizeof der_long));
    assert_false(ConfigValue_IsDerCertificate(der_short_len, sizeof der_short_len));
}

static void test_set_keys(void **state)
{
    (void)state;
    TestConfig_Sample(&g_data);
    assert_int_equal(set("host", "api.example.net"), CONFIG_OK);
    assert_string_equal(g_data.api_host, "api.example.net");
    assert_int_equal(set("org", "NotASlug"), CONFIG_ERR_VALUE);
    assert_string_equal(g_data.organization, "acme-ops"); /* unchanged */
    assert_int_equal(set("poll", "3601"), CONFIG_ERR_VALUE);
    assert_int_equal(set("poll", "3600"), CONFIG_OK);
    assert_int_equal(set("brightness", "101"), CONFIG_ERR_VALUE);
    assert_int_equal(set("display", "on"), CONFIG_OK);
    assert_true(g_data.display_on);
    assert_int_equal(set("display", "maybe"), CONFIG_ERR_VALUE);
    assert_int_equal(set("net", "dhcp"), CONFIG_OK);
    assert_int_equal(g_data.network.mode, CONFIG_NET_DHCP);
    assert_int_equal(set("sntp", "-"), CONFIG_OK);
    assert_string_equal(g_data.network.sntp, "");
    assert_int_equal(set("watch0.expected", "-"), CONFIG_OK);
    assert_false(g_data.watches[0].has_expected);
    assert_int_equal(set("watch0.page_size", "31"), CONFIG_ERR_VALUE);
    assert_int_equal(set("watch0.site_id", "-"), CONFIG_OK);
    assert_int_equal(g_data.watches[0].site_id, 0u);
    assert_int_equal(set("watch1.server", "0"), CONFIG_ERR_VALUE);
    assert_int_equal(set("watch3.server", "5"), CONFIG_ERR_KEY); /* would leave a gap */
    assert_int_equal(set("watch2.label", "x"), CONFIG_ERR_KEY);  /* add with server first */
    assert_int_equal(set("watch2.server", "5"), CONFIG_OK);
    assert_int_equal(g_data.watch_count, 3u);
    assert_int_equal(set("watches", "4"), CONFIG_ERR_VALUE);    /* only removes */
    assert_int_equal(set("watches", "0"), CONFIG_OK);
    assert_int_equal(set("seed", "00"), CONFIG_ERR_KEY);
    assert_int_equal(set("anchors", "x"), CONFIG_ERR_KEY);
    static char long_token[CONFIG_TOKEN_MAX_LEN + 2u];
    memset(long_token, 'T', sizeof long_token - 1u);
    long_token[sizeof long_token - 1u] = '\0';
    assert_int_equal(set("token", long_token), CONFIG_ERR_TOO_LONG);
    long_token[CONFIG_TOKEN_MAX_LEN] = '\0';
    assert_int_equal(set("token", long_token), CONFIG_OK);
    assert_int_equal(strlen(g_data.token), CONFIG_TOKEN_MAX_LEN);
    /* Whatever was set still passes the whole-configuration check. */
    assert_int_equal(ConfigCheck_Data(&g_data, NULL), CONFIG_OK);
}

static void test_mac_text(void **state)
{
    (void)state;
    uint8_t mac[CONFIG_MAC_SIZE] = {9u, 9u, 9u, 9u, 9u, 9u};
    const uint8_t expected[CONFIG_MAC_SIZE] = {0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};
    assert_true(IS_MAC("52:54:00:aa:bb:cc", mac));
    assert_memory_equal(mac, expected, sizeof expected);
    assert_true(IS_MAC("52:54:00:AA:Bb:cC", mac));
    assert_memory_equal(mac, expected, sizeof expected);
    const uint8_t kept[CONFIG_MAC_SIZE] = {0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};
    assert_false(IS_MAC("52:54:00:aa:bb", mac));
    assert_false(IS_MAC("52:54:00:aa:bb:cc:", mac));
    assert_false(IS_MAC("52-54-00-aa-bb-cc", mac));
    assert_false(IS_MAC("5:54:00:aa:bb:ccc", mac));
    assert_false(IS_MAC("52:54:00:aa:bb:cg", mac));
    assert_false(IS_MAC("525400aabbcc", mac));
    assert_false(ConfigMac_Parse("52:54:00:aa:bb:cc", 16u, mac)); /* nothing past length */
    assert_memory_equal(mac, kept, sizeof kept);                 /* untouched on failure */
    char text[CONFIG_MAC_TEXT_SIZE];
    memset(text, 'x', sizeof text);
    ConfigMac_Format(expected, text);
    assert_string_equal(text, "52:54:00:aa:bb:cc");
    const uint8_t multicast[CONFIG_MAC_SIZE] = {0x01u, 0x00u, 0x5Eu, 0x00u, 0x00u, 0x01u};
    const uint8_t zero[CONFIG_MAC_SIZE] = {0u, 0u, 0u, 0u, 0u, 0u};
    const uint8_t local[CONFIG_MAC_SIZE] = {0x02u, 0u, 0u, 0u, 0u, 0u};
    assert_true(ConfigMac_IsValid(expected));
    assert_true(ConfigMac_IsValid(local));
    assert_false(ConfigMac_IsValid(multicast));
    assert_false(ConfigMac_IsValid(zero));
}

static void test_set_mac(void **state)
{
    (void)state;
    const uint8_t expected[CONFIG_MAC_SIZE] = {0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};
    TestConfig_Sample(&g_data);
    assert_false(g_data.network.has_mac);
    assert_int_equal(set("mac", "52:54:00:aa:bb:cc"), CONFIG_OK);
    assert_true(g_data.network.has_mac);
    assert_memory_equal(g_data.network.mac, expected, sizeof expected);
    assert_int_equal(set("mac", "01:00:5e:00:00:01"), CONFIG_ERR_VALUE); /* multicast */
    assert_int_equal(set("mac", "ff:ff:ff:ff:ff:ff"), CONFIG_ERR_VALUE); /* broadcast */
    assert_int_equal(set("mac", "00:00:00:00:00:00"), CONFIG_ERR_VALUE);
    assert_int_equal(set("mac", "52:54:00:aa:bb"), CONFIG_ERR_VALUE);
    assert_int_equal(set("mac", ""), CONFIG_ERR_VALUE);
    assert_true(g_data.network.has_mac);                                 /* unchanged */
    assert_memory_equal(g_data.network.mac, expected, sizeof expected);
    assert_int_equal(ConfigCheck_Data(&g_data, NULL), CONFIG_OK);
    assert_int_equal(set("mac", "-"), CONFIG_OK);
    assert_false(g_data.network.has_mac);
    assert_int_equal(ConfigCheck_Data(&g_data, NULL), CONFIG_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_rules),
        cmocka_unit_test(test_numbers_and_addresses),
        cmocka_unit_test(test_set_keys),
        cmocka_unit_test(test_mac_text),
        cmocka_unit_test(test_set_mac),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
