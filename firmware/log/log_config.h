/* Limits of the log module (a board may override any of them in board_config.h). */
#ifndef LOG_CONFIG_H
#define LOG_CONFIG_H

#include "board_config.h"

/* Longest log line in bytes, prefix and CR/LF included; longer lines end in "~". */
#ifndef LOG_LINE_MAX
#define LOG_LINE_MAX 160u
#endif

/* Longest module tag shown in a line. */
#ifndef LOG_TAG_MAX
#define LOG_TAG_MAX 8u
#endif

/* Lines below this level are dropped (0 error, 1 warn, 2 info, 3 debug). */
#ifndef LOG_DEFAULT_LEVEL
#define LOG_DEFAULT_LEVEL 2u
#endif

#endif /* LOG_CONFIG_H */
