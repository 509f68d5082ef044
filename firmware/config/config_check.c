/* Rules over a whole ConfigData_t: required fields, field values, watches, anchors. */
#include "firmware/config/config_check.h"

#include <string.h>

#include "firmware/config/config_mac.h"
#include "firmware/config/config_value.h"

bool ConfigCheck_TextLength(const char *buffer, size_t size, size_t *length)
{
    bool found = false;
    for (size_t i = 0u; (!found) && (i < size); i++)
    {
        if (buffer[i] == '\0')
        {
            *length = i;
            found = true;
        }
    }
    return found;
}

void ConfigCheck_Defaults(ConfigData_t *data)
{
    (void)memset(data, 0, sizeof *data);
    data->poll_interval_s = CONFIG_POLL_DEFAULT_S;
    data->led_brightness = (uint8_t)CONFIG_BRIGHTNESS_DEFAULT;
    data->display_on = true;
    data->network.mode = CONFIG_NET_DHCP;
}

/* required: an empty value is CONFIG_ERR_MISSING rather than CONFIG_ERR_VALUE. */
static ConfigStatus_t check_text(const char *buffer, size_t size, ConfigRule_t rule, bool required)
{
    size_t length = 0u;
    ConfigStatus_t status = CONFIG_OK;
    if (!ConfigCheck_TextLength(buffer, size, &length))
    {
        status = CONFIG_ERR_STRING;
    }
    else if (required && (length == 0u))
    {
        status = CONFIG_ERR_MISSING;
    }
    else if (!ConfigValue_Matches(rule, buffer, length))
    {
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        status = CONFIG_OK;
    }
    return status;
}

#define WATCH_KEY_NAMES 8u
_Static_assert(CONFIG_MAX_WATCHES <= WATCH_KEY_NAMES, "extend watch_keys");

static ConfigStatus_t check_watch(const ConfigWatch_t *watch)
{
    ConfigStatus_t status = CONFIG_OK;
    if (watch->server_id == 0u)
    {
        status = CONFIG_ERR_MISSING;
    }
    else if (watch->page_size > CONFIG_PAGE_SIZE_MAX)
    {
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        status = check_text(watch->label, sizeof watch->label, CONFIG_RULE_LABEL, false);
        if (status == CONFIG_OK)
        {
            status = check_text(watch->sort, sizeof watch->sort, CONFIG_RULE_SORT, false);
        }
        if (status == CONFIG_OK)
        {
            status = check_text(watch->filter_user, sizeof watch->filter_user, CONFIG_RULE_USER, false);
        }
        if (status == CONFIG_OK)
        {
            status = check_text(watch->filter_directory, sizeof watch->filter_directory, CONFIG_RULE_DIRECTORY, false);
        }
    }
    return status;
}

static ConfigStatus_t check_watches(const ConfigData_t *data, const char **what)
{
    static const char *const watch_keys[WATCH_KEY_NAMES] = {
        "watch0", "watch1", "watch2", "watch3", "watch4", "watch5", "watch6", "watch7",
    };
    ConfigStatus_t status = CONFIG_OK;
    *what = "watches";
    if (data->watch_count > CONFIG_MAX_WATCHES)
    {
        status = CONFIG_ERR_VALUE;
    }
    for (size_t i = 0u; (status == CONFIG_OK) && (i < data->watch_count); i++)
    {
        status = check_watch(&data->watches[i]);
        *what = watch_keys[i];
    }
    return status;
}

/* Each anchor present and a DER certificate, within its own and the total limit. */
static ConfigStatus_t check_anchors(const ConfigData_t *data)
{
    ConfigStatus_t status = CONFIG_OK;
    size_t total = 0u;
    if (data->anchor_count == 0u)
    {
        status = CONFIG_ERR_MISSING;
    }
    else if (data->anchor_count > CONFIG_MAX_ANCHORS)
    {
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        status = CONFIG_OK;
    }
    for (size_t i = 0u; (status == CONFIG_OK) && (i < data->anchor_count); i++)
    {
        const TlsTrustAnchor_t *anchor = &data->anchors[i];
        if ((anchor->der == NULL) || (anchor->length > CONFIG_ANCHOR_MAX_LEN) ||
            (anchor->length > (CONFIG_ANCHORS_TOTAL_MAX - total)) ||
            !ConfigValue_IsDerCertificate(anchor->der, anchor->length))
        {
            status = CONFIG_ERR_VALUE;
        }
        else
        {
            total += anchor->length;
        }
    }
    return status;
}

static ConfigStatus_t check_network(const ConfigNetwork_t *net, const char **what)
{
    ConfigStatus_t status = CONFIG_OK;
    static const uint8_t zero[4] = {0u, 0u, 0u, 0u};
    *what = "net";
    if (net->mode == CONFIG_NET_STATIC)
    {
        if (memcmp(net->address, zero, sizeof zero) == 0)
        {
            *what = "address";
            status = CONFIG_ERR_MISSING;
        }
        else if (!ConfigValue_IsNetmask(net->netmask))
        {
            *what = "netmask";
            status = CONFIG_ERR_VALUE;
        }
        else if (memcmp(net->dns, zero, sizeof zero) == 0)
        {
            *what = "dns";
            status = CONFIG_ERR_MISSING;
        }
        else
        {
            status = CONFIG_OK;
        }
    }
    else if (net->mode != CONFIG_NET_DHCP)
    {
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        status = CONFIG_OK;
    }
    if (status == CONFIG_OK)
    {
        *what = "sntp";
        status = check_text(net->sntp, sizeof net->sntp, CONFIG_RULE_HOST_OR_EMPTY, false);
    }
    if ((status == CONFIG_OK) && net->has_mac && !ConfigMac_IsValid(net->mac))
    {
        *what = "mac";
        status = CONFIG_ERR_VALUE;
    }
    return status;
}

static ConfigStatus_t check_scalars(const ConfigData_t *data, const char **what)
{
    ConfigStatus_t status = CONFIG_OK;
    if ((data->poll_interval_s < CONFIG_POLL_MIN_S) || (data->poll_interval_s > CONFIG_POLL_MAX_S))
    {
        *what = "poll";
        status = CONFIG_ERR_VALUE;
    }
    else if (data->led_brightness > CONFIG_BRIGHTNESS_MAX)
    {
        *what = "brightness";
        status = CONFIG_ERR_VALUE;
    }
    else
    {
        status = check_network(&data->network, what);
    }
    return status;
}

static ConfigStatus_t check_all(const ConfigData_t *data, bool with_anchors, const char **what)
{
    const char *key = "host";
    ConfigStatus_t status = check_text(data->api_host, sizeof data->api_host, CONFIG_RULE_HOST, true);
    if (status == CONFIG_OK)
    {
        key = "token";
        status = check_text(data->token, sizeof data->token, CONFIG_RULE_TOKEN, true);
    }
    if (status == CONFIG_OK)
    {
        key = "org";
        status = check_text(data->organization, sizeof data->organization, CONFIG_RULE_SLUG, true);
    }
    if ((status == CONFIG_OK) && with_anchors)
    {
        key = "anchors";
        status = check_anchors(data);
    }
    if (status == CONFIG_OK)
    {
        status = check_scalars(data, &key);
    }
    if (status == CONFIG_OK)
    {
        status = check_watches(data, &key);
    }
    if (what != NULL)
    {
        *what = key;
    }
    return status;
}

ConfigStatus_t ConfigCheck_Data(const ConfigData_t *data, const char **what)
{
    return check_all(data, true, what);
}

ConfigStatus_t ConfigCheck_Fields(const ConfigData_t *data, const char **what)
{
    return check_all(data, false, what);
}
