/*
 * Command shortening for one display line: "php8.2 /home/forge/site/artisan queue:work redis
 * --sleep=3" becomes "queue:work redis". Rules, in order: drop leading interpreter/wrapper
 * words (php, php8.x, sudo, env, exec, nohup, nice, node, python, python3, bash, sh) and their
 * options (-x) and VAR=value words; strip the directory from the first remaining word; drop
 * it when it is "artisan"; drop every later option word (starting with '-'); join with single
 * spaces; cut to max_chars with the caller's ellipsis character as the last one.
 * Owns: those rules. Promises: bounded (PANEL_COMMAND_MAX_CHARS input, PANEL_COMMAND_MAX_WORDS
 * words), output never longer than max_chars nor cap; not NUL-terminated.
 */
#ifndef COMMAND_SHORT_H
#define COMMAND_SHORT_H

#include <stddef.h>

typedef enum
{
    COMMAND_SHORT_OK = 0,
    COMMAND_SHORT_CUT, /* the result was cut and ends in the ellipsis */
    COMMAND_SHORT_ERR_ARG
} CommandShortStatus_t;

CommandShortStatus_t CommandShort_Format(const char *command, size_t command_len, size_t max_chars, char ellipsis,
                                         char out[], size_t cap, size_t *out_len);

#endif /* COMMAND_SHORT_H */
