/*
 * Console line editor: bytes in, whole lines out, with echo.
 * Owns: the line buffer (CONSOLE_LINE_MAX characters). Promises: never stores more than
 * CONSOLE_LINE_MAX characters (a longer line is dropped whole and reported at its end);
 * backspace/DEL erase, CR, LF or CR LF end a line, Ctrl-C cancels it, ANSI escape sequences
 * (arrow keys) and other control bytes are ignored. Once the line starts with the words
 * "config set token ", the rest is echoed as '*': the token never appears on the terminal.
 */
#ifndef CONSOLE_LINE_H
#define CONSOLE_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/console/console_config.h"

typedef enum
{
    CONSOLE_LINE_NONE = 0,   /* nothing to do yet */
    CONSOLE_LINE_READY,      /* text[0..length) is a complete line (NUL-terminated) */
    CONSOLE_LINE_TOO_LONG,   /* a line longer than CONSOLE_LINE_MAX ended and was dropped */
    CONSOLE_LINE_CANCELLED   /* Ctrl-C */
} ConsoleLineEvent_t;

typedef struct
{
    char text[CONSOLE_LINE_MAX + 1u];
    size_t length;
    uint8_t escape;   /* 0 none, 1 after ESC, 2 inside ESC [ ... */
    bool overflow;
    bool last_cr;
    size_t mask_from; /* characters from here are echoed as '*'; 0: none */
} ConsoleLine_t;

void ConsoleLine_Reset(ConsoleLine_t *line);
ConsoleLineEvent_t ConsoleLine_Feed(ConsoleLine_t *line, uint8_t byte);

#endif /* CONSOLE_LINE_H */
