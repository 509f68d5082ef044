/*
 * `config show`: every key of a configuration as "key = value" lines.
 * Promises: the token and the entropy seed are never written, only whether they are set
 * (and the token's length); other text is sanitised by console_out.
 */
#ifndef CONSOLE_SHOW_H
#define CONSOLE_SHOW_H

#include <stdbool.h>

#include "firmware/config/config_types.h"

void ConsoleShow_Config(const ConfigData_t *data, bool edited);

#endif /* CONSOLE_SHOW_H */
