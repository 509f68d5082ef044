/*
 * Console words: a command line split at spaces, without copying.
 * Owns: nothing (words point into the caller's line). Promises: a word is never empty and
 * never reaches past the line's length; the text is not NUL-terminated.
 */
#ifndef CONSOLE_WORD_H
#define CONSOLE_WORD_H

#include <stdbool.h>
#include <stddef.h>

/* One word of a command line (text not NUL-terminated). */
typedef struct
{
    const char *text;
    size_t length;
} ConsoleWord_t;

/* The next space-separated word of line[*pos..length) into *word, *pos moved past it;
 * false when only spaces are left. */
bool ConsoleWord_Next(const char *line, size_t length, size_t *pos, ConsoleWord_t *word);

/* The word equals the literal (exactly, case-sensitive). */
bool ConsoleWord_Is(const ConsoleWord_t *word, const char *literal);

#endif /* CONSOLE_WORD_H */
