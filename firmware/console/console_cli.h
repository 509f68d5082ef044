/*
 * UART command line: help, status, config show, config set KEY VALUE, config save, reboot.
 * Owns: the line editor state and the status-provider hook. Promises: reads at most
 * CONSOLE_POLL_MAX_BYTES per ConsoleCli_Poll (non-blocking, call it from the main loop);
 * the API token is accepted by `config set token` but never written back (not in the echo,
 * not in `config show`, not in any message). Edits change the edit copy of firmware/config
 * only; `config save` writes them to the next slot and a reboot applies them.
 */
#ifndef CONSOLE_CLI_H
#define CONSOLE_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/console/console_config.h"

typedef enum
{
    CONSOLE_CLI_OK = 0,
    CONSOLE_CLI_EMPTY,        /* empty line */
    CONSOLE_CLI_UNKNOWN,      /* no such command */
    CONSOLE_CLI_USAGE,        /* wrong arguments */
    CONSOLE_CLI_REFUSED       /* the command ran and reported an error */
} ConsoleCliStatus_t;

/* Writes the panel's state as text (CR LF line ends) into buffer; returns its length. */
typedef size_t (*ConsoleStatusProvider_t)(char *buffer, size_t capacity);

/* Reset the line editor and print the prompt. */
void ConsoleCli_Init(void);

/* The function `status` calls (NULL: none). */
void ConsoleCli_SetStatusProvider(ConsoleStatusProvider_t provider);

/* Read pending UART bytes (bounded) and run any complete command. */
void ConsoleCli_Poll(void);

/* Feed bytes as if received (the poll path and tests). */
void ConsoleCli_Feed(const uint8_t *bytes, size_t length);

/* Run one command line (no echo). */
ConsoleCliStatus_t ConsoleCli_Execute(const char *line, size_t length);

#endif /* CONSOLE_CLI_H */
