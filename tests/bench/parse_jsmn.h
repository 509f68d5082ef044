/*
 * ParseJsmn: bare jsmn_parse (strict, parent links, as in forge_json.c) for the parse
 * benchmarks. Promises nothing beyond jsmn's own result: the token count or a negative
 * jsmn error.
 */
#ifndef PARSE_JSMN_H
#define PARSE_JSMN_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_json.h" /* jsmntok_t with the firmware's options */

int32_t ParseJsmn_Tokenize(const char *body, size_t body_len, jsmntok_t *tokens, size_t token_count);

#endif /* PARSE_JSMN_H */
