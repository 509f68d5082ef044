/* Key name -> field, with the value rules of config_value.h. */
#include "firmware/config/config_keys.h"

#include <stdbool.h>
#include <string.h>

#include "firmware/config/config_mac.h"
#include "firmware/config/config_value.h"

#define WATCH_PREFIX     "watch"
#define WATCH_PREFIX_LEN 5u
#define UINT16_LIMIT     0xFFFFu

typedef enum
{
    KEY_HOST = 0, KEY_TOKEN, KEY_ORG, KEY_POLL, KEY_BRIGHTNESS, KEY_DISPLAY, KEY_NET, KEY_ADDRESS,
    KEY_NETMASK, KEY_GATEWAY, KEY_DNS, KEY_SNTP, KEY_MAC, KEY_WATCHES, KEY_COUNT
} GlobalKey_t;

typedef enum
{
    WKEY_SERVER = 0, WKEY_LABEL, WKEY_SORT, WKEY_PAGE_SIZE, WKEY_USER, WKEY_SITE, WKEY_DIRECTORY,
    WKEY_EXPECTED, WKEY_COUNT
} WatchKey_t;

typedef struct
{
    const char *text;
    size_t length;
} Text_t;

static bool text_is(const Text_t *t, const char *literal)
{
    return ConfigValue_IsWord(t->text, t->length, literal);
}

static bool is_clear(const Text_t *value)
{
    return text_is(value, "-");
}

static size_t find_name(const Text_t *key, const char *const names[], size_t count)
{
    size_t found = count;
    for (size_t i = 0u; (found == count) && (i < count); i++)
    {
        if (text_is(key, names[i]))
        {
            found = i;
        }
    }
    return found;
}

static ConfigStatus_t set_text(char *dst, size_t size, const Text_t *value, ConfigRule_t rule, bool clearable)
{
    ConfigStatus_t status = CONFIG_OK;
    if (clearable && is_clear(value))
    {
        dst[0] = '\0';
    }
    else if (value->length >= size)
    {
        status = CONFIG_ERR_TOO_LONG;
    }
    else if (!ConfigValue_Matches(rule, value->text, value->length) || (value->length == 0u))
    {
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        (void)memcpy(dst, value->text, value->length);
        dst[value->length] = '\0';
    }
    return status;
}

static ConfigStatus_t set_uint(const Text_t *value, uint32_t min, uint32_t max, uint32_t *out)
{
    uint32_t parsed = 0u;
    ConfigStatus_t status = CONFIG_ERR_VALUE;
    if (ConfigValue_ParseUint(value->text, value->length, max, &parsed) && (parsed >= min))
    {
        *out = parsed;
        status = CONFIG_OK;
    }
    return status;
}

static ConfigStatus_t set_ipv4(const Text_t *value, uint8_t out[4], bool netmask)
{
    uint8_t parsed[4];
    ConfigStatus_t status = CONFIG_ERR_VALUE;
    if (ConfigValue_ParseIpv4(value->text, value->length, parsed) && (!netmask || ConfigValue_IsNetmask(parsed)))
    {
        (void)memcpy(out, parsed, sizeof parsed);
        status = CONFIG_OK;
    }
    return status;
}

static ConfigStatus_t set_choice(const Text_t *value, const char *no, const char *yes, bool *out)
{
    ConfigStatus_t status = CONFIG_OK;
    if (text_is(value, yes))
    {
        *out = true;
    }
    else if (text_is(value, no))
    {
        *out = false;
    }
    else
    {
        status = CONFIG_ERR_VALUE;
    }
    return status;
}

static ConfigStatus_t set_small(const Text_t *value, uint32_t max, uint8_t *out)
{
    uint32_t parsed = 0u;
    const ConfigStatus_t status = set_uint(value, 0u, max, &parsed);
    if (status == CONFIG_OK)
    {
        *out = (uint8_t)parsed;
    }
    return status;
}

static ConfigStatus_t set_net(ConfigNetwork_t *net, const Text_t *value)
{
    bool is_static = false;
    const ConfigStatus_t status = set_choice(value, "dhcp", "static", &is_static);
    if (status == CONFIG_OK)
    {
        net->mode = is_static ? CONFIG_NET_STATIC : CONFIG_NET_DHCP;
    }
    return status;
}

/* "-" clears it (the board's own address); otherwise a valid text form and station address. */
static ConfigStatus_t set_mac(ConfigNetwork_t *net, const Text_t *value)
{
    uint8_t parsed[CONFIG_MAC_SIZE];
    ConfigStatus_t status = CONFIG_OK;
    if (is_clear(value))
    {
        net->has_mac = false;
        (void)memset(net->mac, 0, sizeof net->mac);
    }
    else if (ConfigMac_Parse(value->text, value->length, parsed) && ConfigMac_IsValid(parsed))
    {
        (void)memcpy(net->mac, parsed, sizeof net->mac);
        net->has_mac = true;
    }
    else
    {
        status = CONFIG_ERR_VALUE;
    }
    return status;
}

static ConfigStatus_t set_watches(ConfigData_t *data, const Text_t *value)
{
    uint32_t count = 0u;
    const ConfigStatus_t status = set_uint(value, 0u, (uint32_t)data->watch_count, &count);
    if (status == CONFIG_OK)
    {
        data->watch_count = (size_t)count;
    }
    return status;
}

static ConfigStatus_t set_global(ConfigData_t *data, GlobalKey_t key, const Text_t *value)
{
    ConfigStatus_t status;
    ConfigNetwork_t *net = &data->network;
    switch (key)
    {
    case KEY_HOST:       status = set_text(data->api_host, sizeof data->api_host, value, CONFIG_RULE_HOST, false); break;
    case KEY_TOKEN:      status = set_text(data->token, sizeof data->token, value, CONFIG_RULE_TOKEN, false); break;
    case KEY_ORG:        status = set_text(data->organization, sizeof data->organization, value, CONFIG_RULE_SLUG, false); break;
    case KEY_POLL:       status = set_uint(value, CONFIG_POLL_MIN_S, CONFIG_POLL_MAX_S, &data->poll_interval_s); break;
    case KEY_BRIGHTNESS: status = set_small(value, CONFIG_BRIGHTNESS_MAX, &data->led_brightness); break;
    case KEY_DISPLAY:    status = set_choice(value, "off", "on", &data->display_on); break;
    case KEY_NET:        status = set_net(net, value); break;
    case KEY_ADDRESS:    status = set_ipv4(value, net->address, false); break;
    case KEY_NETMASK:    status = set_ipv4(value, net->netmask, true); break;
    case KEY_GATEWAY:    status = set_ipv4(value, net->gateway, false); break;
    case KEY_DNS:        status = set_ipv4(value, net->dns, false); break;
    case KEY_SNTP:       status = set_text(net->sntp, sizeof net->sntp, value, CONFIG_RULE_HOST, true); break;
    case KEY_MAC:        status = set_mac(net, value); break;
    case KEY_WATCHES:    status = set_watches(data, value); break;
    case KEY_COUNT:
    default:             status = CONFIG_ERR_KEY; break;
    }
    return status;
}

static ConfigStatus_t set_expected(ConfigWatch_t *watch, const Text_t *value)
{
    uint32_t parsed = 0u;
    ConfigStatus_t status = CONFIG_OK;
    if (is_clear(value))
    {
        watch->has_expected = false;
        watch->expected = 0u;
    }
    else
    {
        status = set_uint(value, 0u, UINT16_LIMIT, &parsed);
        if (status == CONFIG_OK)
        {
            watch->expected = (uint16_t)parsed;
            watch->has_expected = true;
        }
    }
    return status;
}

static ConfigStatus_t set_optional_uint(const Text_t *value, uint32_t max, uint32_t *out)
{
    ConfigStatus_t status = CONFIG_OK;
    if (is_clear(value))
    {
        *out = 0u;
    }
    else
    {
        status = set_uint(value, 1u, max, out);
    }
    return status;
}

static ConfigStatus_t set_page_size(ConfigWatch_t *watch, const Text_t *value)
{
    uint32_t parsed = 0u;
    const ConfigStatus_t status = set_optional_uint(value, CONFIG_PAGE_SIZE_MAX, &parsed);
    if (status == CONFIG_OK)
    {
        watch->page_size = (uint8_t)parsed;
    }
    return status;
}

static ConfigStatus_t set_watch_field(ConfigWatch_t *w, WatchKey_t key, const Text_t *value)
{
    ConfigStatus_t status;
    switch (key)
    {
    case WKEY_SERVER:    status = set_uint(value, 1u, UINT32_MAX, &w->server_id); break;
    case WKEY_LABEL:     status = set_text(w->label, sizeof w->label, value, CONFIG_RULE_LABEL, true); break;
    case WKEY_SORT:      status = set_text(w->sort, sizeof w->sort, value, CONFIG_RULE_SORT, true); break;
    case WKEY_PAGE_SIZE: status = set_page_size(w, value); break;
    case WKEY_USER:      status = set_text(w->filter_user, sizeof w->filter_user, value, CONFIG_RULE_USER, true); break;
    case WKEY_SITE:      status = set_optional_uint(value, UINT32_MAX, &w->site_id); break;
    case WKEY_DIRECTORY:
        status = set_text(w->filter_directory, sizeof w->filter_directory, value, CONFIG_RULE_DIRECTORY, true);
        break;
    case WKEY_EXPECTED:  status = set_expected(w, value); break;
    case WKEY_COUNT:
    default:             status = CONFIG_ERR_KEY; break;
    }
    return status;
}

/* "watchN.field": N a single digit below CONFIG_MAX_WATCHES. False for any other shape. */
static bool parse_watch_key(const Text_t *key, size_t *index, size_t *which)
{
    static const char *const watch_names[WKEY_COUNT] = {
        "server", "label", "sort", "page_size", "user", "site_id", "directory", "expected",
    };
    const size_t prefix = WATCH_PREFIX_LEN;
    uint32_t number = 0u;
    const bool shaped = (key->length > (prefix + 2u)) && ConfigValue_IsWord(key->text, prefix, WATCH_PREFIX) &&
                        ConfigValue_ParseUint(&key->text[prefix], 1u, CONFIG_MAX_WATCHES - 1u, &number) &&
                        ConfigValue_IsWord(&key->text[prefix + 1u], 1u, ".");
    if (shaped)
    {
        const Text_t field = {&key->text[prefix + 2u], key->length - (prefix + 2u)};
        *index = (size_t)number;
        *which = find_name(&field, watch_names, (size_t)WKEY_COUNT);
    }
    return shaped && (*which < (size_t)WKEY_COUNT);
}

/* A watch key for an existing watch, or watchN.server with N = the count (adds a watch). */
static ConfigStatus_t set_watch(ConfigData_t *data, const Text_t *key, const Text_t *value)
{
    ConfigStatus_t status = CONFIG_ERR_KEY;
    size_t index = 0u;
    size_t which = (size_t)WKEY_COUNT;
    if (parse_watch_key(key, &index, &which))
    {
        const bool adding = (index == data->watch_count) && (which == (size_t)WKEY_SERVER);
        if ((index < data->watch_count) || adding)
        {
            ConfigWatch_t watch = data->watches[index];
            if (adding)
            {
                (void)memset(&watch, 0, sizeof watch);
            }
            status = set_watch_field(&watch, (WatchKey_t)which, value);
            if (status == CONFIG_OK)
            {
                data->watches[index] = watch;
                if (adding)
                {
                    data->watch_count = index + 1u;
                }
            }
        }
    }
    return status;
}

ConfigStatus_t ConfigKeys_Set(ConfigData_t *data, const char *key, size_t key_length, const char *value,
                              size_t value_length)
{
    static const char *const global_names[KEY_COUNT] = {
        "host", "token", "org", "poll", "brightness", "display", "net", "address",
        "netmask", "gateway", "dns", "sntp", "mac", "watches",
    };
    ConfigStatus_t status = CONFIG_ERR_ARG;
    if ((data != NULL) && (key != NULL) && (value != NULL))
    {
        const Text_t k = {key, key_length};
        const Text_t v = {value, value_length};
        const size_t which = find_name(&k, global_names, (size_t)KEY_COUNT);
        status = (which < (size_t)KEY_COUNT) ? set_global(data, (GlobalKey_t)which, &v) : set_watch(data, &k, &v);
    }
    return status;
}
