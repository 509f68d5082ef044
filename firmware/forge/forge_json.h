/*
 * forge_json: the only user of jsmn in the firmware. Owns tokenizing a body into a
 * caller-provided token pool and validating it as strict JSON (RFC 8259) before anyone reads
 * it, plus bounded, non-recursive accessors over the validated tokens.
 *
 * Promises: after ForgeJson_Parse returns FORGE_JSON_OK the document is exactly one object
 * followed only by whitespace; every separator, key, string (escapes, \uXXXX with surrogate
 * pairs, UTF-8 without overlongs or encoded surrogates, no control bytes) and primitive (true,
 * false, null, RFC 8259 number) is valid; nesting is at most FORGE_JSON_MAX_DEPTH. "\u0000" is
 * rejected (it cannot live in a C string). Nothing is allocated; no recursion.
 */
#ifndef FORGE_JSON_H
#define FORGE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"

/* Token type only: the parser itself is compiled in forge_json.c alone. */
#ifndef JSMN_PARENT_LINKS
#define JSMN_PARENT_LINKS
#endif
#ifndef JSMN_STRICT
#define JSMN_STRICT
#endif
#ifndef JSMN_HEADER
#define JSMN_HEADER
#endif
#include "jsmn.h"

typedef enum {
    FORGE_JSON_OK = 0,
    FORGE_JSON_ERR_ARG,        /* NULL pointer, empty pool, or body longer than INT_MAX */
    FORGE_JSON_ERR_NO_TOKENS,  /* the body needs more tokens than the pool has */
    FORGE_JSON_ERR_TRUNCATED,  /* the body ends inside a value */
    FORGE_JSON_ERR_SYNTAX,     /* not valid JSON, or a top value that is not an object */
    FORGE_JSON_ERR_DEPTH,      /* nested deeper than FORGE_JSON_MAX_DEPTH */
    FORGE_JSON_ERR_TYPE,       /* accessor: the token has another type */
    FORGE_JSON_ERR_RANGE       /* accessor: number not an integer within the asked range */
} ForgeJsonStatus_t;

typedef enum {
    FORGE_JSON_KIND_OBJECT = 0,
    FORGE_JSON_KIND_ARRAY,
    FORGE_JSON_KIND_STRING,
    FORGE_JSON_KIND_NUMBER,
    FORGE_JSON_KIND_BOOL,
    FORGE_JSON_KIND_NULL
} ForgeJsonKind_t;

/* A validated document: the body and its tokens (index 0 is the top object). */
typedef struct {
    const char *text;
    size_t text_len;
    const jsmntok_t *tokens;
    size_t count;
} ForgeJsonDoc_t;

/* Index meaning "no token" (end of iteration, key not found). */
#define FORGE_JSON_NONE ((size_t)0xFFFFFFFFu)

ForgeJsonStatus_t ForgeJson_Parse(const char *text, size_t text_len, jsmntok_t *pool,
                                  size_t pool_len, ForgeJsonDoc_t *doc);

ForgeJsonKind_t ForgeJson_Kind(const ForgeJsonDoc_t *doc, size_t index);

/* Next direct child of a container after `prev` (pass the container itself for the first).
 * For an object the children are its keys; a key's value is at key + 1. */
size_t ForgeJson_NextChild(const ForgeJsonDoc_t *doc, size_t container, size_t prev);

/* True when the decoded string token equals the NUL-terminated ASCII literal. */
bool ForgeJson_StringEquals(const ForgeJsonDoc_t *doc, size_t index, const char *literal);

/* Index among names[0..name_count) of the decoded key, FORGE_JSON_NONE if none matches.
 * Unescaped keys are compared in place; escaped ones are decoded. */
size_t ForgeJson_MatchKey(const ForgeJsonDoc_t *doc, size_t key, const char *const names[],
                          size_t name_count);

/* Decodes a string token into buf (always NUL-terminated). Text that does not fit is cut at a
 * code point boundary and *truncated is set; *out_len is the number of bytes written. */
ForgeJsonStatus_t ForgeJson_CopyString(const ForgeJsonDoc_t *doc, size_t index, char *buf,
                                       size_t buf_size, size_t *out_len, bool *truncated);

/* A number token that is a non-negative integer (no fraction, no exponent) not above max. */
ForgeJsonStatus_t ForgeJson_GetUint32(const ForgeJsonDoc_t *doc, size_t index, uint32_t max,
                                      uint32_t *value);

/* Parses text of 1..10 ASCII digits not above max (shared by number and digit-string ids). */
bool ForgeJson_DigitsToUint32(const char *digits, size_t len, uint32_t max, uint32_t *value);

#endif /* FORGE_JSON_H */
