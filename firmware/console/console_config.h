/* Limits of the UART console (firmware/console/); a board may override any in board_config.h. */
#ifndef CONSOLE_CONFIG_H
#define CONSOLE_CONFIG_H

#include "board_config.h"

/* Longest command line in characters: "config set token " plus the longest token fits. */
#ifndef CONSOLE_LINE_MAX
#define CONSOLE_LINE_MAX        1100u
#endif

/* Bytes taken from the UART per ConsoleCli_Poll call (keeps one main-loop pass short). */
#ifndef CONSOLE_POLL_MAX_BYTES
#define CONSOLE_POLL_MAX_BYTES  64u
#endif

/* Text the status provider may return for `status`. */
#ifndef CONSOLE_STATUS_MAX
#define CONSOLE_STATUS_MAX      512u
#endif

/* DER bytes per `anchors data` line (sent as twice as many hex digits): the line stays far
 * below CONSOLE_LINE_MAX, and one line's bytes are decoded into a stack buffer of this size. */
#ifndef CONSOLE_ANCHOR_CHUNK_MAX
#define CONSOLE_ANCHOR_CHUNK_MAX 256u
#endif

#endif /* CONSOLE_CONFIG_H */
