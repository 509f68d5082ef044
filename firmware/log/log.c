/* Bounded, printf-free log lines. */
#include "firmware/log/log.h"

#include "hal/clock.h"

#define LOG_EOL_BYTES     2u  /* "\r\n" */
#define LOG_DECIMAL_MAX   10u /* digits of UINT32_MAX */
#define LOG_HEX_DIGITS    8u

static LogSink_t g_sink = NULL;
static LogLevel_t g_level = (LogLevel_t)LOG_DEFAULT_LEVEL;

void Log_Init(LogSink_t sink, LogLevel_t level)
{
    g_sink = sink;
    g_level = level;
}

void Log_SetLevel(LogLevel_t level)
{
    g_level = level;
}

bool Log_IsEnabled(LogLevel_t level)
{
    return (g_sink != NULL) && ((uint32_t)level <= (uint32_t)g_level);
}

static void put_char(LogLine_t *line, char c)
{
    /* Keep room for the end-of-line bytes. */
    if (line->length < (LOG_LINE_MAX - LOG_EOL_BYTES))
    {
        line->text[line->length] = c;
        line->length++;
    }
    else
    {
        line->truncated = true;
    }
}

static char printable(char c)
{
    const unsigned char u = (unsigned char)c;
    return ((u >= 0x20u) && (u < 0x7Fu)) ? c : '?';
}

void Log_StrN(LogLine_t *line, const char *text, size_t max_length)
{
    if (line->enabled && (text != NULL))
    {
        for (size_t i = 0u; (i < max_length) && (text[i] != '\0'); i++)
        {
            put_char(line, printable(text[i]));
        }
    }
}

void Log_Str(LogLine_t *line, const char *text)
{
    Log_StrN(line, text, LOG_LINE_MAX);
}

/* Digits of value, least significant first; returns how many. */
static size_t reversed_digits(uint32_t value, char digits[LOG_DECIMAL_MAX])
{
    static const char decimal[] = "0123456789";
    size_t count = 0u;
    uint32_t rest = value;
    do
    {
        digits[count] = decimal[rest % 10u];
        rest /= 10u;
        count++;
    } while ((rest != 0u) && (count < LOG_DECIMAL_MAX));
    return count;
}

size_t Log_FormatUint(uint32_t value, char *out, size_t capacity)
{
    char digits[LOG_DECIMAL_MAX];
    size_t written = 0u;
    if ((out != NULL) && (capacity > 0u))
    {
        const size_t count = reversed_digits(value, digits);
        for (size_t i = count; (i > 0u) && ((written + 1u) < capacity); i--)
        {
            out[written] = digits[i - 1u];
            written++;
        }
        out[written] = '\0';
    }
    return written;
}

static void put_decimal(LogLine_t *line, uint32_t value, size_t min_digits)
{
    char digits[LOG_DECIMAL_MAX];
    const size_t count = reversed_digits(value, digits);
    for (size_t pad = count; pad < min_digits; pad++)
    {
        put_char(line, '0');
    }
    for (size_t i = count; i > 0u; i--)
    {
        put_char(line, digits[i - 1u]);
    }
}

void Log_Uint(LogLine_t *line, uint32_t value)
{
    if (line->enabled)
    {
        put_decimal(line, value, 1u);
    }
}

void Log_Int(LogLine_t *line, int32_t value)
{
    if (line->enabled)
    {
        uint32_t magnitude = (uint32_t)value;
        if (value < 0)
        {
            put_char(line, '-');
            magnitude = (~magnitude) + 1u;
        }
        put_decimal(line, magnitude, 1u);
    }
}

void Log_Hex(LogLine_t *line, uint32_t value)
{
    static const char hex[] = "0123456789abcdef";
    if (line->enabled)
    {
        put_char(line, '0');
        put_char(line, 'x');
        for (uint32_t i = 0u; i < LOG_HEX_DIGITS; i++)
        {
            const uint32_t shift = 4u * ((LOG_HEX_DIGITS - 1u) - i);
            put_char(line, hex[(value >> shift) & 0xFu]);
        }
    }
}

static char level_letter(LogLevel_t level)
{
    char letter;
    switch (level)
    {
    case LOG_LEVEL_ERROR: letter = 'E'; break;
    case LOG_LEVEL_WARN:  letter = 'W'; break;
    case LOG_LEVEL_INFO:  letter = 'I'; break;
    case LOG_LEVEL_DEBUG: letter = 'D'; break;
    default:              letter = '?'; break;
    }
    return letter;
}

static void put_timestamp(LogLine_t *line, uint32_t now_ms)
{
    const uint32_t seconds = now_ms / 1000u;
    size_t width = 1u;
    for (uint32_t rest = seconds / 10u; (rest != 0u) && (width < LOG_DECIMAL_MAX); rest /= 10u)
    {
        width++;
    }
    put_char(line, '[');
    for (size_t pad = width; pad < 5u; pad++)
    {
        put_char(line, ' ');
    }
    put_decimal(line, seconds, 1u);
    put_char(line, '.');
    put_decimal(line, now_ms % 1000u, 3u);
    put_char(line, ']');
}

void Log_Begin(LogLine_t *line, LogLevel_t level, const char *tag)
{
    line->length = 0u;
    line->truncated = false;
    line->enabled = Log_IsEnabled(level);
    if (line->enabled)
    {
        put_timestamp(line, Clock_NowMs());
        put_char(line, ' ');
        put_char(line, level_letter(level));
        put_char(line, ' ');
        Log_StrN(line, tag, LOG_TAG_MAX);
        put_char(line, ':');
        put_char(line, ' ');
    }
}

void Log_End(LogLine_t *line)
{
    if (line->enabled && (g_sink != NULL))
    {
        if (line->truncated)
        {
            line->text[line->length - 1u] = '~';
        }
        line->text[line->length] = '\r';
        line->text[line->length + 1u] = '\n';
        g_sink(line->text, line->length + LOG_EOL_BYTES);
    }
    line->enabled = false;
}

void Log_Message(LogLevel_t level, const char *tag, const char *text)
{
    LogLine_t line;
    Log_Begin(&line, level, tag);
    Log_Str(&line, text);
    Log_End(&line);
}
