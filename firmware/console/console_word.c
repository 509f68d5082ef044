/* console_word: space-separated words of a console line. */
#include "firmware/console/console_word.h"

#include "firmware/config/config_value.h"

bool ConsoleWord_Next(const char *line, size_t length, size_t *pos, ConsoleWord_t *word)
{
    size_t p = *pos;
    while ((p < length) && (line[p] == ' '))
    {
        p++;
    }
    const size_t start = p;
    while ((p < length) && (line[p] != ' '))
    {
        p++;
    }
    word->text = &line[start];
    word->length = p - start;
    *pos = p;
    return word->length > 0u;
}

bool ConsoleWord_Is(const ConsoleWord_t *word, const char *literal)
{
    return ConfigValue_IsWord(word->text, word->length, literal);
}
