/* `anchors` commands: show, begin, data, commit, abort (the rotation lives in firmware/config). */
#include "firmware/console/console_anchors.h"

#include <stdbool.h>
#include <stdint.h>

#include "firmware/config/config.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_value.h"
#include "firmware/console/console_config.h"
#include "firmware/console/console_out.h"

#define HEX_DIGITS_U32  8u
#define HEX_BASE        16u
#define DECIMAL_LETTERS 10u
#define NIBBLE_BITS     4u
#define NOT_HEX         0xFFu
#define MAX_WORDS       (CONFIG_MAX_ANCHORS + 1u)  /* "begin" and the lengths */
#define PIECE_BYTES     CONFIG_IO_CHUNK_SIZE       /* DER bytes decoded at a time */
#define MAX_PIECES      ((CONSOLE_ANCHOR_CHUNK_MAX / PIECE_BYTES) + 1u)
#define MAX_NUMBER      0xFFFFu                    /* lengths, indexes and offsets are 16 bits */

_Static_assert(((CONSOLE_ANCHOR_CHUNK_MAX * 2u) + 40u) <= CONSOLE_LINE_MAX,
               "an anchors data line of a whole chunk fits the console line");


static ConfigAnchorCheck_t g_check = NULL;
static ConsoleAnchorsApplied_t g_applied = NULL;

void ConsoleAnchors_SetHooks(ConfigAnchorCheck_t check, ConsoleAnchorsApplied_t applied)
{
    g_check = check;
    g_applied = applied;
}

static bool number(const ConsoleWord_t *word, size_t *value)
{
    uint32_t parsed = 0u;
    const bool ok = ConfigValue_ParseUint(word->text, word->length, MAX_NUMBER, &parsed);
    *value = (size_t)parsed;
    return ok;
}

/* Value of one hex digit; NOT_HEX for anything else. */
static uint8_t nibble(char c)
{
    uint8_t value = NOT_HEX;
    if ((c >= '0') && (c <= '9'))
    {
        value = (uint8_t)((uint8_t)c - (uint8_t)'0');
    }
    else if ((c >= 'a') && (c <= 'f'))
    {
        value = (uint8_t)(((uint8_t)c - (uint8_t)'a') + DECIMAL_LETTERS);
    }
    else if ((c >= 'A') && (c <= 'F'))
    {
        value = (uint8_t)(((uint8_t)c - (uint8_t)'A') + DECIMAL_LETTERS);
    }
    else
    {
        /* not a hex digit */
    }
    return value;
}

/* 1..8 hex digits, an optional 0x before them. */
static bool hex_u32(const ConsoleWord_t *word, uint32_t *value)
{
    size_t start = 0u;
    if ((word->length > 2u) && (ConfigValue_IsWord(word->text, 2u, "0x") || ConfigValue_IsWord(word->text, 2u, "0X")))
    {
        start = 2u;
    }
    const size_t digits = word->length - start;
    bool ok = (digits > 0u) && (digits <= HEX_DIGITS_U32);
    uint32_t result = 0u;
    for (size_t i = start; ok && (i < word->length); i++)
    {
        const uint8_t v = nibble(word->text[i]);
        ok = v != NOT_HEX;
        result = (result * HEX_BASE) + (uint32_t)v;
    }
    *value = result;
    return ok;
}

/* An even number of hex digits, 1..CONSOLE_ANCHOR_CHUNK_MAX bytes' worth. */
static bool hex_valid(const ConsoleWord_t *word)
{
    const size_t bytes = word->length / 2u;
    bool ok = ((word->length % 2u) == 0u) && (bytes > 0u) && (bytes <= CONSOLE_ANCHOR_CHUNK_MAX);
    for (size_t i = 0u; ok && (i < word->length); i++)
    {
        ok = nibble(word->text[i]) != NOT_HEX;
    }
    return ok;
}

static void out_hex32(uint32_t value)
{
    static const char digits[] = "0123456789abcdef";
    char text[HEX_DIGITS_U32 + 3u];
    text[0] = '0';
    text[1] = 'x';
    for (size_t i = 0u; i < HEX_DIGITS_U32; i++)
    {
        const uint32_t shift = (uint32_t)((HEX_DIGITS_U32 - 1u - i) * NIBBLE_BITS);
        text[2u + i] = digits[(value >> shift) & 0xFu];
    }
    text[HEX_DIGITS_U32 + 2u] = '\0';
    ConsoleOut_Str(text);
}

static void out_size(size_t value)
{
    ConsoleOut_Uint((uint32_t)value);
}

static void report_error(const char *command, ConfigStatus_t status)
{
    ConsoleOut_Str("error: anchors ");
    ConsoleOut_Str(command);
    ConsoleOut_Str(": ");
    ConsoleOut_Str(ConfigStatus_Name(status));
}

static void end_error(void)
{
    ConsoleOut_Str(ConfigRotate_IsOpen() ? "; rotation still open" : "");
    ConsoleOut_Str("; the old anchors stay in use\r\n");
}

static ConsoleCliStatus_t usage(void)
{
    ConsoleOut_Str("error: anchors: usage: anchors [show] | anchors begin LEN [LEN...] | "
                   "anchors data INDEX OFFSET HEX | anchors commit CRC32 | anchors abort\r\n");
    return CONSOLE_CLI_USAGE;
}

ConsoleCliStatus_t ConsoleAnchors_Show(void)
{
    const ConfigData_t *data = Config_EditView();
    const ConfigOrigin_t origin = Config_Origin();
    size_t total = 0u;
    uint32_t all = 0u;
    for (size_t i = 0u; (i < data->anchor_count) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        total += data->anchors[i].length;
        all = ConfigCrc_Update(all, data->anchors[i].der, data->anchors[i].length);
    }
    ConsoleOut_Str("ok: anchors show: ");
    out_size(data->anchor_count);
    ConsoleOut_Str(" (");
    out_size(total);
    ConsoleOut_Str(" bytes, crc32 ");
    out_hex32(all);
    ConsoleOut_Str("), slot ");
    ConsoleOut_Uint(origin.slot);
    ConsoleOut_Str(", capacity ");
    out_size(CONFIG_MAX_ANCHORS);
    ConsoleOut_Str(" anchors / ");
    out_size(CONFIG_ANCHORS_TOTAL_MAX);
    ConsoleOut_Str(" bytes\r\n");
    for (size_t i = 0u; (i < data->anchor_count) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        ConsoleOut_Str("anchor");
        out_size(i);
        ConsoleOut_Str(" = ");
        out_size(data->anchors[i].length);
        ConsoleOut_Str(" bytes, crc32 ");
        out_hex32(ConfigCrc_Update(0u, data->anchors[i].der, data->anchors[i].length));
        ConsoleOut_Newline();
    }
    const ConfigRotateProgress_t progress = ConfigRotate_GetProgress();
    if (progress.open)
    {
        ConsoleOut_Str("rotation open: slot ");
        ConsoleOut_Uint(progress.slot);
        ConsoleOut_Str(", ");
        out_size(progress.received);
        ConsoleOut_Str(" of ");
        out_size(progress.total);
        ConsoleOut_Str(" bytes, next anchor ");
        out_size(progress.index);
        ConsoleOut_Str(" at ");
        out_size(progress.offset);
        ConsoleOut_Newline();
    }
    return CONSOLE_CLI_OK;
}

ConsoleCliStatus_t ConsoleAnchors_Begin(const ConsoleWord_t *args, size_t count)
{
    size_t lengths[CONFIG_MAX_ANCHORS];
    bool ok = (count > 0u) && (count <= CONFIG_MAX_ANCHORS);
    for (size_t i = 0u; ok && (i < count); i++)
    {
        ok = number(&args[i], &lengths[i]);
    }
    ConsoleCliStatus_t result = CONSOLE_CLI_REFUSED;
    if (!ok)
    {
        ConsoleOut_Str("error: anchors begin: value: 1 to ");
        out_size(CONFIG_MAX_ANCHORS);
        ConsoleOut_Str(" decimal DER lengths");
        end_error();
    }
    else
    {
        ConfigOrigin_t target = {CONFIG_SLOTS_NONE, 0u};
        const ConfigStatus_t status = ConfigRotate_Begin(lengths, count, &target);
        if (status == CONFIG_OK)
        {
            const ConfigRotateProgress_t progress = ConfigRotate_GetProgress();
            ConsoleOut_Str("ok: anchors begin: ");
            out_size(progress.count);
            ConsoleOut_Str(" anchors, ");
            out_size(progress.total);
            ConsoleOut_Str(" bytes into slot ");
            ConsoleOut_Uint(target.slot);
            ConsoleOut_Str("; send anchors data\r\n");
            result = CONSOLE_CLI_OK;
        }
        else
        {
            report_error("begin", status);
            if ((status == CONFIG_ERR_TOO_LONG) || (status == CONFIG_ERR_VALUE))
            {
                ConsoleOut_Str(" (at most ");
                out_size(CONFIG_MAX_ANCHORS);
                ConsoleOut_Str(" anchors, ");
                out_size(CONFIG_ANCHOR_MAX_LEN);
                ConsoleOut_Str(" bytes each, ");
                out_size(CONFIG_ANCHORS_TOTAL_MAX);
                ConsoleOut_Str(" in all)");
            }
            else if (status == CONFIG_ERR_MISSING)
            {
                ConsoleOut_Str(" (config set host, token and org first)");
            }
            else
            {
                /* the name says it */
            }
            end_error();
        }
    }
    return result;
}

/* The hex digits of a data line, decoded and handed over a piece at a time (all were checked
 * first, so a line is taken whole or not at all). */
static ConfigStatus_t put_hex(size_t index, size_t offset, const ConsoleWord_t *hex)
{
    uint8_t piece[PIECE_BYTES];
    const size_t bytes = hex->length / 2u;
    ConfigStatus_t status = CONFIG_OK;
    size_t used = 0u;
    for (size_t i = 0u; (status == CONFIG_OK) && (i < bytes) && (i < CONSOLE_ANCHOR_CHUNK_MAX); i++)
    {
        const uint32_t high = (uint32_t)nibble(hex->text[2u * i]);
        const uint32_t low = (uint32_t)nibble(hex->text[(2u * i) + 1u]);
        piece[used] = (uint8_t)((high << NIBBLE_BITS) | low); /* hex_valid checked every digit */
        used++;
        if ((used == sizeof piece) || ((i + 1u) == bytes))
        {
            status = ConfigRotate_Data(index, (offset + i + 1u) - used, piece, used);
            used = 0u;
        }
    }
    return status;
}

ConsoleCliStatus_t ConsoleAnchors_Data(const ConsoleWord_t *args, size_t count)
{
    size_t index = 0u;
    size_t offset = 0u;
    ConsoleCliStatus_t result = CONSOLE_CLI_REFUSED;
    if ((count != 3u) || !number(&args[0], &index) || !number(&args[1], &offset))
    {
        result = usage();
    }
    else if (!hex_valid(&args[2]))
    {
        ConsoleOut_Str("error: anchors data: value: 2 to ");
        out_size(CONSOLE_ANCHOR_CHUNK_MAX * 2u);
        ConsoleOut_Str(" hex digits, an even number");
        end_error();
    }
    else
    {
        const ConfigStatus_t status = put_hex(index, offset, &args[2]);
        const ConfigRotateProgress_t progress = ConfigRotate_GetProgress();
        if (status == CONFIG_OK)
        {
            ConsoleOut_Str("ok: anchors data: ");
            out_size(progress.received);
            ConsoleOut_Str(" of ");
            out_size(progress.total);
            ConsoleOut_Str(" bytes\r\n");
            result = CONSOLE_CLI_OK;
        }
        else
        {
            report_error("data", status);
            if (status == CONFIG_ERR_ORDER)
            {
                ConsoleOut_Str(" (next: anchor ");
                out_size(progress.index);
                ConsoleOut_Str(" at ");
                out_size(progress.offset);
                ConsoleOut_Str(")");
            }
            end_error();
        }
    }
    return result;
}

static void report_commit_error(ConfigStatus_t status, const ConfigRotateProgress_t *progress, size_t failed)
{
    report_error("commit", status);
    if ((status == CONFIG_ERR_DER) || (status == CONFIG_ERR_BUSY))
    {
        ConsoleOut_Str(" (anchor ");
        out_size(failed);
        ConsoleOut_Str(")");
    }
    else if (status == CONFIG_ERR_INCOMPLETE)
    {
        ConsoleOut_Str(" (");
        out_size(progress->received);
        ConsoleOut_Str(" of ");
        out_size(progress->total);
        ConsoleOut_Str(" bytes)");
    }
    else
    {
        /* the name says it */
    }
    end_error();
}

ConsoleCliStatus_t ConsoleAnchors_Commit(const ConsoleWord_t *args, size_t count)
{
    uint32_t crc = 0u;
    ConsoleCliStatus_t result = CONSOLE_CLI_REFUSED;
    if ((count != 1u) || !hex_u32(&args[0], &crc))
    {
        result = usage();
    }
    else
    {
        ConfigOrigin_t committed = {CONFIG_SLOTS_NONE, 0u};
        size_t failed = 0u;
        const ConfigRotateProgress_t progress = ConfigRotate_GetProgress();
        const ConfigStatus_t status = ConfigRotate_Commit(crc, g_check, &committed, &failed);
        if (status == CONFIG_OK)
        {
            const bool live = (g_applied != NULL) && (Config_Active() != NULL);
            if (live)
            {
                g_applied();
            }
            ConsoleOut_Str("ok: anchors commit: ");
            out_size(progress.count);
            ConsoleOut_Str(" anchors, ");
            out_size(progress.total);
            ConsoleOut_Str(" bytes in slot ");
            ConsoleOut_Uint(committed.slot);
            ConsoleOut_Str(" (sequence ");
            ConsoleOut_Uint(committed.sequence);
            ConsoleOut_Str(live ? "); in use from the next connection\r\n" : "); in use after reboot\r\n");
            result = CONSOLE_CLI_OK;
        }
        else
        {
            report_commit_error(status, &progress, failed);
        }
    }
    return result;
}

/* The words of line[pos..length) into words[]; false when there are more than MAX_WORDS. */
static bool split_words(const char *line, size_t length, size_t pos, ConsoleWord_t words[MAX_WORDS], size_t *count)
{
    size_t p = pos;
    bool more = true;
    *count = 0u;
    for (size_t n = 0u; more && (n <= MAX_WORDS); n++)
    {
        ConsoleWord_t word;
        more = ConsoleWord_Next(line, length, &p, &word);
        if (more && (*count < MAX_WORDS))
        {
            words[*count] = word;
        }
        *count += more ? 1u : 0u;
    }
    return *count <= MAX_WORDS;
}

static ConsoleCliStatus_t abort_rotation(void)
{
    const bool was_open = ConfigRotate_IsOpen();
    ConfigRotate_Abort();
    ConsoleOut_Str(was_open ? "ok: anchors abort: rotation dropped; the old anchors stay in use\r\n"
                            : "ok: anchors abort: no rotation was open\r\n");
    return CONSOLE_CLI_OK;
}

static ConsoleCliStatus_t dispatch(const ConsoleWord_t *words, size_t count)
{
    ConsoleCliStatus_t result = CONSOLE_CLI_USAGE;
    if ((count == 0u) || ((count == 1u) && ConsoleWord_Is(&words[0], "show")))
    {
        result = ConsoleAnchors_Show();
    }
    else if (ConsoleWord_Is(&words[0], "begin"))
    {
        result = ConsoleAnchors_Begin(&words[1], count - 1u);
    }
    else if (ConsoleWord_Is(&words[0], "data"))
    {
        result = ConsoleAnchors_Data(&words[1], count - 1u);
    }
    else if (ConsoleWord_Is(&words[0], "commit"))
    {
        result = ConsoleAnchors_Commit(&words[1], count - 1u);
    }
    else if ((count == 1u) && ConsoleWord_Is(&words[0], "abort"))
    {
        result = abort_rotation();
    }
    else
    {
        result = usage();
    }
    return result;
}

ConsoleCliStatus_t ConsoleAnchors_Execute(const char *line, size_t length, size_t pos)
{
    ConsoleWord_t words[MAX_WORDS];
    size_t count = 0u;
    const bool fits = split_words(line, length, pos, words, &count);
    return fits ? dispatch(words, count) : usage();
}
