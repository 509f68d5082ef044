/* Line editing, echo and secret masking for the console. */
#include "firmware/console/console_line.h"

#include "firmware/config/config_value.h"
#include "hal/console.h"

#define BYTE_CTRL_C    0x03u
#define BYTE_BACKSPACE 0x08u
#define BYTE_LF        0x0Au
#define BYTE_CR        0x0Du
#define BYTE_ESC       0x1Bu
#define BYTE_DEL       0x7Fu
#define ESC_NONE       0u
#define ESC_START      1u
#define ESC_CSI        2u
#define SECRET_WORDS   3u

static void echo(const char *text, size_t length)
{
    (void)Console_Write((const uint8_t *)text, length);
}

void ConsoleLine_Reset(ConsoleLine_t *line)
{
    line->length = 0u;
    line->text[0] = '\0';
    line->escape = ESC_NONE;
    line->overflow = false;
    line->mask_from = 0u;
    /* last_cr survives: the LF of a CR LF pair arrives after the reset. */
}

/* True when text[0..length) is exactly the words "config set token" followed by a space. */
static bool is_secret_prefix(const char *text, size_t length)
{
    static const char *const secret_words[SECRET_WORDS] = {"config", "set", "token"};
    size_t word = 0u;
    size_t pos = 0u;
    bool ok = true;
    while (ok && (pos < length) && (word <= SECRET_WORDS))
    {
        while ((pos < length) && (text[pos] == ' '))
        {
            pos++;
        }
        const size_t start = pos;
        while ((pos < length) && (text[pos] != ' '))
        {
            pos++;
        }
        if (pos > start)
        {
            ok = (word < SECRET_WORDS) && ConfigValue_IsWord(&text[start], pos - start, secret_words[word]);
            word++;
        }
    }
    return ok && (word == SECRET_WORDS) && (length > 0u) && (text[length - 1u] == ' ');
}

static void add_char(ConsoleLine_t *line, char c)
{
    if (line->length >= CONSOLE_LINE_MAX)
    {
        line->overflow = true;
    }
    else if (!line->overflow)
    {
        line->text[line->length] = c;
        line->length++;
        line->text[line->length] = '\0';
        echo((line->mask_from != 0u) ? "*" : &c, 1u);
        if ((line->mask_from == 0u) && (c == ' ') && is_secret_prefix(line->text, line->length))
        {
            line->mask_from = line->length;
        }
    }
    else
    {
        /* dropping the rest of an overlong line */
    }
}

static void erase_char(ConsoleLine_t *line)
{
    if ((line->length > 0u) && !line->overflow)
    {
        line->length--;
        line->text[line->length] = '\0';
        echo("\b \b", 3u);
        if (line->length < line->mask_from)
        {
            line->mask_from = 0u; /* erased back into the words */
        }
    }
}

static ConsoleLineEvent_t end_line(ConsoleLine_t *line)
{
    echo("\r\n", 2u);
    return line->overflow ? CONSOLE_LINE_TOO_LONG : CONSOLE_LINE_READY;
}

/* Swallows ESC [ params final; true while inside a sequence. */
static bool in_escape(ConsoleLine_t *line, uint8_t byte)
{
    bool consumed = true;
    if (line->escape == ESC_START)
    {
        line->escape = (byte == (uint8_t)'[') ? ESC_CSI : ESC_NONE;
    }
    else if (line->escape == ESC_CSI)
    {
        if ((byte >= 0x40u) && (byte <= 0x7Eu))
        {
            line->escape = ESC_NONE;
        }
    }
    else if (byte == BYTE_ESC)
    {
        line->escape = ESC_START;
    }
    else
    {
        consumed = false;
    }
    return consumed;
}

static ConsoleLineEvent_t feed_plain(ConsoleLine_t *line, uint8_t byte, bool after_cr)
{
    ConsoleLineEvent_t event = CONSOLE_LINE_NONE;
    if ((byte == BYTE_CR) || ((byte == BYTE_LF) && !after_cr))
    {
        event = end_line(line);
    }
    else if ((byte == BYTE_BACKSPACE) || (byte == BYTE_DEL))
    {
        erase_char(line);
    }
    else if (byte == BYTE_CTRL_C)
    {
        echo("^C\r\n", 4u);
        event = CONSOLE_LINE_CANCELLED;
    }
    else if ((byte >= (uint8_t)' ') && (byte <= (uint8_t)'~'))
    {
        add_char(line, (char)byte);
    }
    else
    {
        /* other control bytes (and the LF of CR LF) are ignored */
    }
    return event;
}

ConsoleLineEvent_t ConsoleLine_Feed(ConsoleLine_t *line, uint8_t byte)
{
    ConsoleLineEvent_t event = CONSOLE_LINE_NONE;
    const bool after_cr = line->last_cr;
    line->last_cr = byte == BYTE_CR;
    if (!in_escape(line, byte))
    {
        event = feed_plain(line, byte, after_cr);
    }
    return event;
}
