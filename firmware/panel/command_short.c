/* Command shortening: word split, noise skipping, basename, option dropping, ellipsis. */
#include "firmware/panel/command_short.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "firmware/panel/panel_config.h"

#define WRAPPER_COUNT 10u

/* Offsets fit in 16 bits: input is cut to PANEL_COMMAND_MAX_CHARS first. */
typedef struct
{
    uint16_t start;
    uint16_t len;
} ShortWord_t;

typedef struct
{
    char *out;
    size_t limit; /* min(max_chars, cap) */
    size_t len;
    bool cut;
} Sink_t;

static bool IsSpace(char c)
{
    return (c == ' ') || (c == '\t') || (c == '\n') || (c == '\r');
}

static size_t SplitWords(const char *command, size_t len, ShortWord_t words[])
{
    size_t count = 0u;
    size_t i = 0u;
    while ((i < len) && (count < PANEL_COMMAND_MAX_WORDS))
    {
        if (IsSpace(command[i]))
        {
            i++;
        }
        else
        {
            const size_t start = i;
            while ((i < len) && !IsSpace(command[i]))
            {
                i++;
            }
            words[count].start = (uint16_t)start;
            words[count].len = (uint16_t)(i - start);
            count++;
        }
    }
    return count;
}

/* The part of a word after its last '/'. */
static ShortWord_t Basename(const char *command, ShortWord_t word)
{
    ShortWord_t base = word;
    for (size_t i = 0u; i < word.len; i++)
    {
        if (command[word.start + i] == '/')
        {
            base.start = (uint16_t)((size_t)word.start + i + 1u);
            base.len = (uint16_t)((size_t)word.len - i - 1u);
        }
    }
    return base;
}

typedef struct
{
    const char *text;
    size_t len;
} Literal_t;

static bool SameChars(const char *a, const char *b, size_t n)
{
    bool same = true;
    for (size_t i = 0u; same && (i < n); i++)
    {
        same = a[i] == b[i];
    }
    return same;
}

static bool WordIs(const char *command, ShortWord_t word, Literal_t literal)
{
    return (word.len == literal.len) && SameChars(&command[word.start], literal.text, literal.len);
}

/* php, php8, php8.2, ... */
static bool IsPhp(const char *command, ShortWord_t base)
{
    bool php = (base.len >= 3u) && SameChars(&command[base.start], "php", 3u);
    for (size_t i = 3u; php && (i < base.len); i++)
    {
        const char c = command[base.start + i];
        php = ((c >= '0') && (c <= '9')) || (c == '.');
    }
    return php;
}

static bool IsWrapper(const char *command, ShortWord_t base)
{
    static const Literal_t k_wrappers[WRAPPER_COUNT] = {
        {"sudo", 4u}, {"env", 3u},    {"exec", 4u},    {"nohup", 5u}, {"nice", 4u},
        {"node", 4u}, {"python", 6u}, {"python3", 7u}, {"bash", 4u},  {"sh", 2u},
    };
    bool wrapper = IsPhp(command, base);
    for (size_t i = 0u; (!wrapper) && (i < WRAPPER_COUNT); i++)
    {
        wrapper = WordIs(command, base, k_wrappers[i]);
    }
    return wrapper;
}

static bool IsOption(const char *command, ShortWord_t word)
{
    return (word.len > 0u) && (command[word.start] == '-');
}

static bool IsAssignment(const char *command, ShortWord_t word)
{
    return (word.len > 0u) && (memchr(&command[word.start], (int)'=', word.len) != NULL);
}

static void SinkPut(Sink_t *sink, const char *text, size_t len)
{
    for (size_t i = 0u; i < len; i++)
    {
        if (sink->len < sink->limit)
        {
            sink->out[sink->len] = text[i];
            sink->len++;
        }
        else
        {
            sink->cut = true;
        }
    }
}

static void EmitWord(Sink_t *sink, const char *command, ShortWord_t word)
{
    if (sink->len > 0u)
    {
        SinkPut(sink, " ", 1u);
    }
    SinkPut(sink, &command[word.start], word.len);
}

/* Index of the first word that is not a wrapper, a wrapper option or VAR=value. */
static size_t SkipNoise(const char *command, const ShortWord_t words[], size_t count)
{
    size_t i = 0u;
    bool noise = true;
    while (noise && (i < count))
    {
        const ShortWord_t word = words[i];
        noise = IsWrapper(command, Basename(command, word)) || ((i > 0u) && IsOption(command, word)) ||
                IsAssignment(command, word);
        if (noise)
        {
            i++;
        }
    }
    return i;
}

static void Shorten(const char *command, const ShortWord_t words[], size_t count, Sink_t *sink)
{
    size_t i = SkipNoise(command, words, count);
    if (i < count)
    {
        const ShortWord_t base = Basename(command, words[i]);
        static const Literal_t k_artisan = {"artisan", 7u};
        if (!WordIs(command, base, k_artisan))
        {
            EmitWord(sink, command, base);
        }
        i++;
    }
    for (; i < count; i++)
    {
        if (!IsOption(command, words[i]))
        {
            EmitWord(sink, command, words[i]);
        }
    }
    if ((sink->len == 0u) && (count > 0u))
    {
        EmitWord(sink, command, Basename(command, words[0]));
    }
}

CommandShortStatus_t CommandShort_Format(const char *command, size_t command_len, size_t max_chars, char ellipsis,
                                         char out[], size_t cap, size_t *out_len)
{
    CommandShortStatus_t status = COMMAND_SHORT_ERR_ARG;
    if ((command != NULL) && (out != NULL) && (out_len != NULL) && (max_chars > 0u) && (cap > 0u))
    {
        ShortWord_t words[PANEL_COMMAND_MAX_WORDS];
        const size_t len = (command_len < PANEL_COMMAND_MAX_CHARS) ? command_len : PANEL_COMMAND_MAX_CHARS;
        const size_t count = SplitWords(command, len, words);
        Sink_t sink = {out, (max_chars < cap) ? max_chars : cap, 0u, false};
        Shorten(command, words, count, &sink);
        status = COMMAND_SHORT_OK;
        if (sink.cut)
        {
            /* "queue:work r" -> "queue:work~", not "queue:work ~" */
            size_t end = sink.limit - 1u;
            while ((end > 0u) && (out[end - 1u] == ' '))
            {
                end--;
            }
            out[end] = ellipsis;
            sink.len = end + 1u;
            status = COMMAND_SHORT_CUT;
        }
        *out_len = sink.len;
    }
    return status;
}
