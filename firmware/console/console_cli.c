/* Command dispatch and the commands of the UART console. */
#include "firmware/console/console_cli.h"

#include <stdbool.h>
#include <string.h>

#include "firmware/config/config.h"
#include "firmware/config/config_keys.h"
#include "firmware/console/console_anchors.h"
#include "firmware/console/console_line.h"
#include "firmware/console/console_out.h"
#include "firmware/console/console_show.h"
#include "firmware/console/console_word.h"
#include "hal/console.h"
#include "hal/system.h"

#define PROMPT "> "


static ConsoleLine_t g_line;
static ConsoleStatusProvider_t g_status_provider = NULL;


/* The rest of the line after *pos, without the surrounding spaces. */
static ConsoleWord_t rest_of(const char *line, size_t length, size_t pos)
{
    size_t start = pos;
    size_t end = length;
    while ((start < end) && (line[start] == ' '))
    {
        start++;
    }
    while ((end > start) && (line[end - 1u] == ' '))
    {
        end--;
    }
    const ConsoleWord_t rest = {&line[start], end - start};
    return rest;
}

static void error_key(const ConsoleWord_t *key, const char *message)
{
    ConsoleOut_Str("error: ");
    ConsoleOut_Text(key->text, key->length);
    ConsoleOut_Str(message);
}

static void report_set(const ConsoleWord_t *key, const ConsoleWord_t *value, ConfigStatus_t status)
{
    switch (status)
    {
    case CONFIG_OK:
        ConsoleOut_Str("ok: ");
        ConsoleOut_Text(key->text, key->length);
        if (ConsoleWord_Is(key, "token"))
        {
            ConsoleOut_Str(" set (");
            ConsoleOut_Uint((uint32_t)value->length);
            ConsoleOut_Str(" chars)");
        }
        else
        {
            ConsoleOut_Str(" = ");
            ConsoleOut_Text(value->text, value->length);
        }
        ConsoleOut_Str("; config save, then reboot, to apply\r\n");
        break;
    case CONFIG_ERR_TOO_LONG: error_key(key, ": value too long\r\n"); break;
    case CONFIG_ERR_VALUE:    error_key(key, ": invalid value\r\n"); break;
    case CONFIG_ERR_KEY:
        if (ConsoleWord_Is(key, "anchors"))
        {
            error_key(key, ": replace them with anchors begin/data/commit (toolchain/console.py)\r\n");
        }
        else if (ConsoleWord_Is(key, "seed"))
        {
            error_key(key, ": set with toolchain/provision.py\r\n");
        }
        else
        {
            error_key(key, ": unknown key (see help)\r\n");
        }
        break;
    case CONFIG_NOT_CONFIGURED: case CONFIG_ERR_ARG: case CONFIG_ERR_MAGIC: case CONFIG_ERR_VERSION:
    case CONFIG_ERR_LENGTH: case CONFIG_ERR_CRC: case CONFIG_ERR_FIELD: case CONFIG_ERR_STRING:
    case CONFIG_ERR_MISSING: case CONFIG_ERR_TOO_LARGE: case CONFIG_ERR_STORE: case CONFIG_ERR_STATE:
    case CONFIG_ERR_ORDER: case CONFIG_ERR_INCOMPLETE: case CONFIG_ERR_DER: case CONFIG_ERR_BUSY:
    default:
        error_key(key, ": not set\r\n");
        break;
    }
}

static ConsoleCliStatus_t cmd_set(const char *line, size_t length, size_t pos)
{
    ConsoleWord_t key;
    size_t p = pos;
    ConsoleCliStatus_t result = CONSOLE_CLI_USAGE;
    if (ConsoleWord_Next(line, length, &p, &key))
    {
        const ConsoleWord_t value = rest_of(line, length, p);
        if (value.length > 0u)
        {
            const ConfigStatus_t status = ConfigKeys_Set(Config_Edit(), key.text, key.length, value.text, value.length);
            report_set(&key, &value, status);
            if (status == CONFIG_OK)
            {
                Config_MarkEdited();
                result = CONSOLE_CLI_OK;
            }
            else
            {
                result = CONSOLE_CLI_REFUSED;
            }
        }
    }
    if (result == CONSOLE_CLI_USAGE)
    {
        ConsoleOut_Str("usage: config set KEY VALUE\r\n");
    }
    return result;
}

static ConsoleCliStatus_t cmd_save(void)
{
    ConfigOrigin_t saved = {CONFIG_SLOTS_NONE, 0u};
    const char *what = "";
    const ConfigStatus_t status = Config_SaveEdit(&saved, &what);
    ConsoleCliStatus_t result = CONSOLE_CLI_REFUSED;
    switch (status)
    {
    case CONFIG_OK:
        ConsoleOut_Str("saved to slot ");
        ConsoleOut_Uint(saved.slot);
        ConsoleOut_Str(" (sequence ");
        ConsoleOut_Uint(saved.sequence);
        ConsoleOut_Str("); reboot to apply\r\n");
        result = CONSOLE_CLI_OK;
        break;
    case CONFIG_ERR_MISSING:
        ConsoleOut_Str("error: not saved: ");
        ConsoleOut_Str(what);
        ConsoleOut_Str(" missing\r\n");
        break;
    case CONFIG_ERR_VALUE: case CONFIG_ERR_STRING:
        ConsoleOut_Str("error: not saved: ");
        ConsoleOut_Str(what);
        ConsoleOut_Str(" invalid\r\n");
        break;
    case CONFIG_ERR_TOO_LARGE:
        ConsoleOut_Str("error: not saved: the block does not fit the slot\r\n");
        break;
    case CONFIG_ERR_STATE:
        ConsoleOut_Str("error: not saved: an anchor rotation is open (anchors commit or anchors abort first)\r\n");
        break;
    case CONFIG_NOT_CONFIGURED: case CONFIG_ERR_ARG: case CONFIG_ERR_MAGIC: case CONFIG_ERR_VERSION:
    case CONFIG_ERR_LENGTH: case CONFIG_ERR_CRC: case CONFIG_ERR_FIELD: case CONFIG_ERR_TOO_LONG:
    case CONFIG_ERR_KEY: case CONFIG_ERR_STORE: case CONFIG_ERR_ORDER: case CONFIG_ERR_INCOMPLETE:
    case CONFIG_ERR_DER: case CONFIG_ERR_BUSY:
    default:
        ConsoleOut_Str("error: not saved: write failed; the previous configuration is kept\r\n");
        break;
    }
    return result;
}

static ConsoleCliStatus_t cmd_config(const char *line, size_t length, size_t pos)
{
    ConsoleWord_t sub;
    size_t p = pos;
    ConsoleCliStatus_t result = CONSOLE_CLI_USAGE;
    const bool has_sub = ConsoleWord_Next(line, length, &p, &sub);
    const ConsoleWord_t rest = rest_of(line, length, p);
    if (has_sub && ConsoleWord_Is(&sub, "set"))
    {
        result = cmd_set(line, length, p);
    }
    else if (has_sub && (rest.length == 0u) && ConsoleWord_Is(&sub, "show"))
    {
        ConsoleShow_Config(Config_EditView(), Config_IsEdited());
        result = CONSOLE_CLI_OK;
    }
    else if (has_sub && (rest.length == 0u) && ConsoleWord_Is(&sub, "save"))
    {
        result = cmd_save();
    }
    else
    {
        ConsoleOut_Str("usage: config show | config set KEY VALUE | config save\r\n");
    }
    return result;
}

static void show_origin(void)
{
    const ConfigOrigin_t origin = Config_Origin();
    ConsoleOut_Str("config: ");
    if (Config_State() != CONFIG_OK)
    {
        ConsoleOut_Str("NOT CONFIGURED");
    }
    else if (origin.slot == CONFIG_STORE_SLOT_PROVISIONED)
    {
        ConsoleOut_Str("ok (provisioned block)");
    }
    else
    {
        ConsoleOut_Str("ok (slot ");
        ConsoleOut_Uint(origin.slot);
        ConsoleOut_Str(", sequence ");
        ConsoleOut_Uint(origin.sequence);
        ConsoleOut_Str(")");
    }
    ConsoleOut_Str(Config_IsEdited() ? "; unsaved edits\r\n" : "\r\n");
}

static ConsoleCliStatus_t cmd_status(void)
{
    show_origin();
    if (g_status_provider != NULL)
    {
        char status_text[CONSOLE_STATUS_MAX]; /* on the stack: only while `status` runs */
        size_t length = g_status_provider(status_text, sizeof status_text);
        length = (length < sizeof status_text) ? length : sizeof status_text;
        (void)Console_Write((const uint8_t *)status_text, length);
    }
    else
    {
        ConsoleOut_Str("panel: no status yet\r\n");
    }
    return CONSOLE_CLI_OK;
}

static ConsoleCliStatus_t cmd_reboot(void)
{
    if (Config_IsEdited())
    {
        ConsoleOut_Str("warning: unsaved edits are dropped\r\n");
    }
    ConsoleOut_Str("rebooting\r\n");
    System_Reset(SYSTEM_RESET_SOFTWARE);
    return CONSOLE_CLI_OK;
}

static ConsoleCliStatus_t run_simple(const ConsoleWord_t *command)
{
    static const char help[] =
        "commands:\r\n"
        "  help                  this list\r\n"
        "  status                configuration and panel state\r\n"
        "  config show           the configuration being edited (secrets masked)\r\n"
        "  config set KEY VALUE  change a value; '-' clears an optional one\r\n"
        "  config save           write the edits to the next slot (applied at reboot)\r\n"
        "  reboot                restart the device\r\n"
        "  anchors [show]        the trust anchors in use (count, bytes, CRC-32 of each)\r\n"
        "  anchors begin LEN...  replace them: the DER length of each new anchor, then\r\n"
        "  anchors data I OFF HEX  anchor I's bytes from OFF (in order), then\r\n"
        "  anchors commit CRC32  check (CRC-32 of all DER, every anchor parses) and use them\r\n"
        "  anchors abort         drop a rotation (toolchain/console.py does all of this)\r\n"
        "keys: host token org poll brightness display(on|off) net(dhcp|static) address netmask\r\n"
        "  gateway dns sntp mac watches(N) watchN.{server,label,sort,page_size,user,site_id,directory,expected}\r\n"
        "  (the entropy seed: toolchain/provision.py)\r\n";
    ConsoleCliStatus_t result = CONSOLE_CLI_OK;
    if (ConsoleWord_Is(command, "help"))
    {
        ConsoleOut_Str(help);
    }
    else if (ConsoleWord_Is(command, "status"))
    {
        result = cmd_status();
    }
    else if (ConsoleWord_Is(command, "reboot"))
    {
        result = cmd_reboot();
    }
    else
    {
        result = CONSOLE_CLI_UNKNOWN;
    }
    return result;
}

ConsoleCliStatus_t ConsoleCli_Execute(const char *line, size_t length)
{
    ConsoleWord_t command;
    size_t pos = 0u;
    ConsoleCliStatus_t result = CONSOLE_CLI_EMPTY;
    if (ConsoleWord_Next(line, length, &pos, &command))
    {
        if (ConsoleWord_Is(&command, "config"))
        {
            result = cmd_config(line, length, pos);
        }
        else if (ConsoleWord_Is(&command, "anchors"))
        {
            result = ConsoleAnchors_Execute(line, length, pos);
        }
        else if (rest_of(line, length, pos).length == 0u)
        {
            result = run_simple(&command);
        }
        else
        {
            result = CONSOLE_CLI_UNKNOWN;
        }
        if (result == CONSOLE_CLI_UNKNOWN)
        {
            ConsoleOut_Str("error: unknown command '");
            ConsoleOut_Text(command.text, command.length);
            ConsoleOut_Str("' (type help)\r\n");
        }
    }
    return result;
}

void ConsoleCli_Init(void)
{
    ConsoleLine_Reset(&g_line);
    g_line.last_cr = false;
    ConsoleOut_Str(PROMPT);
}

void ConsoleCli_SetStatusProvider(ConsoleStatusProvider_t provider)
{
    g_status_provider = provider;
}

static void handle_byte(uint8_t byte)
{
    const ConsoleLineEvent_t event = ConsoleLine_Feed(&g_line, byte);
    if (event == CONSOLE_LINE_READY)
    {
        (void)ConsoleCli_Execute(g_line.text, g_line.length);
    }
    else if (event == CONSOLE_LINE_TOO_LONG)
    {
        ConsoleOut_Str("error: line too long (max ");
        ConsoleOut_Uint((uint32_t)CONSOLE_LINE_MAX);
        ConsoleOut_Str(" characters)\r\n");
    }
    else
    {
        /* CONSOLE_LINE_NONE or CANCELLED: nothing to run */
    }
    if (event != CONSOLE_LINE_NONE)
    {
        /* The line buffer may have held a token: clear all of it, not just the length. */
        (void)memset(g_line.text, 0, sizeof g_line.text);
        ConsoleLine_Reset(&g_line);
        ConsoleOut_Str(PROMPT);
    }
}

void ConsoleCli_Feed(const uint8_t *bytes, size_t length)
{
    for (size_t i = 0u; i < length; i++)
    {
        handle_byte(bytes[i]);
    }
}

void ConsoleCli_Poll(void)
{
    uint8_t byte = 0u;
    bool more = true;
    for (size_t i = 0u; more && (i < CONSOLE_POLL_MAX_BYTES); i++)
    {
        const ConsoleStatus_t status = Console_ReadByte(&byte);
        more = status == CONSOLE_OK;
        if (more)
        {
            handle_byte(byte);
        }
    }
}
