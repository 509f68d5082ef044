/*
 * Bare jsmn over a body, with the same options the firmware compiles jsmn with (strict,
 * parent links): the baseline of the parse-overhead benchmark. Host and target.
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include "jsmn.h"

#include "tests/bench/parse_jsmn.h"

int32_t ParseJsmn_Tokenize(const char *body, size_t body_len, jsmntok_t *tokens, size_t token_count)
{
    jsmn_parser parser;
    jsmn_init(&parser);
    return (int32_t)jsmn_parse(&parser, body, body_len, tokens, (unsigned int)token_count);
}
