/*
 * Small text helpers shared by the HTTP request writer and response parser: ASCII case
 * folding, bounded decimal parsing and comma-separated list walking. No state, no allocation;
 * every function reads at most the given length.
 */
#ifndef NET_HTTP_HTTP_TEXT_H
#define NET_HTTP_HTTP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A piece of a caller's buffer: start offset and length. */
typedef struct {
    size_t start;
    size_t len;
} HttpTextSpan_t;

/* True for ASCII letters and digits. */
bool HttpText_IsAlnum(char c);

/* True for the characters of an RFC 9110 token (field names, transfer codings). */
bool HttpText_IsTokenChar(char c);

/* True for bytes that may not appear in a field line: controls other than HTAB, and DEL. */
bool HttpText_IsForbiddenControl(uint8_t b);

/* True when text[span] equals the lower-case literal `lit`, ignoring ASCII case. */
bool HttpText_SpanEquals(const char *text, HttpTextSpan_t span, const char *lit);

/* True when text[0..len) starts with the NUL-terminated literal (case-sensitive). */
bool HttpText_StartsWith(const char *text, size_t len, const char *lit);

/* The span with leading and trailing spaces and tabs removed. */
HttpTextSpan_t HttpText_Trim(const char *text, HttpTextSpan_t span);

/* Parses text[span] as 1*DIGIT into *value. False if empty, not all digits or above
 * UINT32_MAX; *value is then untouched. */
bool HttpText_ParseU32(const char *text, HttpTextSpan_t span, uint32_t *value);

/* Walks a comma-separated list inside text[0..len): from *pos, stores the next element
 * (trimmed, possibly empty) in *item and moves *pos past its comma. False when *pos >= len. */
bool HttpText_NextListItem(const char *text, size_t len, size_t *pos, HttpTextSpan_t *item);

#endif /* NET_HTTP_HTTP_TEXT_H */
