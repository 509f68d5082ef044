/* Formatting of `config show`. */
#include "firmware/console/console_show.h"

#include "firmware/config/config_check.h"
#include "firmware/config/config_mac.h"
#include "firmware/console/console_out.h"

static void key(const char *prefix, size_t index, const char *name)
{
    if (prefix != NULL)
    {
        ConsoleOut_Str(prefix);
        ConsoleOut_Uint((uint32_t)index);
        ConsoleOut_Str(".");
    }
    ConsoleOut_Str(name);
    ConsoleOut_Str(" = ");
}

/* Text of a buffer, or "-" when empty. */
static void text_line(const char *prefix, size_t index, const char *name, const char *buffer, size_t size)
{
    size_t length = 0u;
    key(prefix, index, name);
    if (ConfigCheck_TextLength(buffer, size, &length) && (length > 0u))
    {
        ConsoleOut_Text(buffer, length);
    }
    else
    {
        ConsoleOut_Str("-");
    }
    ConsoleOut_Newline();
}

static void uint_line(const char *prefix, size_t index, const char *name, uint32_t value)
{
    key(prefix, index, name);
    ConsoleOut_Uint(value);
    ConsoleOut_Newline();
}

static void word_line(const char *name, const char *word)
{
    key(NULL, 0u, name);
    ConsoleOut_Str(word);
    ConsoleOut_Newline();
}

static void ip_line(const char *name, const uint8_t address[4])
{
    key(NULL, 0u, name);
    ConsoleOut_Ipv4(address);
    ConsoleOut_Newline();
}

static void show_token(const ConfigData_t *data)
{
    size_t length = 0u;
    key(NULL, 0u, "token");
    if (ConfigCheck_TextLength(data->token, sizeof data->token, &length) && (length > 0u))
    {
        ConsoleOut_Str("set (");
        ConsoleOut_Uint((uint32_t)length);
        ConsoleOut_Str(" chars)");
    }
    else
    {
        ConsoleOut_Str("not set");
    }
    ConsoleOut_Newline();
}

static void mac_line(const ConfigNetwork_t *net)
{
    key(NULL, 0u, "mac");
    if (net->has_mac)
    {
        char text[CONFIG_MAC_TEXT_SIZE];
        ConfigMac_Format(net->mac, text);
        ConsoleOut_Str(text);
    }
    else
    {
        ConsoleOut_Str("-");
    }
    ConsoleOut_Newline();
}

static void show_network(const ConfigNetwork_t *net)
{
    const bool is_static = net->mode == CONFIG_NET_STATIC;
    word_line("net", is_static ? "static" : "dhcp");
    if (is_static)
    {
        ip_line("address", net->address);
        ip_line("netmask", net->netmask);
        ip_line("gateway", net->gateway);
        ip_line("dns", net->dns);
    }
    text_line(NULL, 0u, "sntp", net->sntp, sizeof net->sntp);
    mac_line(net);
}

static void show_watch(size_t i, const ConfigWatch_t *w)
{
    uint_line("watch", i, "server", w->server_id);
    text_line("watch", i, "label", w->label, sizeof w->label);
    text_line("watch", i, "sort", w->sort, sizeof w->sort);
    uint_line("watch", i, "page_size", (uint32_t)w->page_size);
    text_line("watch", i, "user", w->filter_user, sizeof w->filter_user);
    uint_line("watch", i, "site_id", w->site_id);
    text_line("watch", i, "directory", w->filter_directory, sizeof w->filter_directory);
    key("watch", i, "expected");
    if (w->has_expected)
    {
        ConsoleOut_Uint((uint32_t)w->expected);
    }
    else
    {
        ConsoleOut_Str("-");
    }
    ConsoleOut_Newline();
}

void ConsoleShow_Config(const ConfigData_t *data, bool edited)
{
    text_line(NULL, 0u, "host", data->api_host, sizeof data->api_host);
    show_token(data);
    text_line(NULL, 0u, "org", data->organization, sizeof data->organization);
    uint_line(NULL, 0u, "poll", data->poll_interval_s);
    uint_line(NULL, 0u, "brightness", (uint32_t)data->led_brightness);
    word_line("display", data->display_on ? "on" : "off");
    show_network(&data->network);
    word_line("seed", data->has_seed ? "set" : "not set");
    size_t anchor_bytes = 0u;
    for (size_t i = 0u; (i < data->anchor_count) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        anchor_bytes += data->anchors[i].length;
    }
    key(NULL, 0u, "anchors");
    ConsoleOut_Uint((uint32_t)data->anchor_count);
    ConsoleOut_Str(" (");
    ConsoleOut_Uint((uint32_t)anchor_bytes);
    ConsoleOut_Str(" bytes)");
    ConsoleOut_Newline();
    uint_line(NULL, 0u, "watches", (uint32_t)data->watch_count);
    for (size_t i = 0u; (i < data->watch_count) && (i < CONFIG_MAX_WATCHES); i++)
    {
        show_watch(i, &data->watches[i]);
    }
    if (edited)
    {
        ConsoleOut_Str("(unsaved changes: config save, then reboot)\r\n");
    }
}
