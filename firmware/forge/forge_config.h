/*
 * Limits of the Forge API client's parsing side (firmware/forge/). Every value can be overridden
 * by a board in its board_config.h or with -D; these are the defaults. Sizes of text buffers
 * include the terminating NUL.
 */
#ifndef FORGE_CONFIG_H
#define FORGE_CONFIG_H

#include "board_config.h"

/* A page body is never held whole: it streams through two windows (forge_split). The record
 * window holds one element of "data" at a time, from its `{` to its matching `}` (a documented
 * record is about 250 B, 470 B with long paths); the envelope window holds everything else,
 * with "data":[] in place of the records (top object, "links", "meta": about 400 B from the
 * API). A record or an envelope that does not fit is FORGE_PAGE_ERR_TOO_LARGE. The record
 * window also holds the body of an error answer (ForgeClient). */
#ifndef FORGE_RECORD_BUFFER_SIZE
#define FORGE_RECORD_BUFFER_SIZE     2048u
#endif
#ifndef FORGE_ENVELOPE_BUFFER_SIZE
#define FORGE_ENVELOPE_BUFFER_SIZE   1536u
#endif

/* jsmn tokens (20 B each with parent links) for one window: a record of the documented shape
 * costs 19 tokens (22 with a per-record "links" object), the envelope about 23. */
#ifndef FORGE_TOKEN_POOL_SIZE
#define FORGE_TOKEN_POOL_SIZE        64u
#endif

/* Tokens for an error body: {"message": .., "errors": {field: [..], ..}}. */
#ifndef FORGE_ERROR_TOKEN_POOL_SIZE
#define FORGE_ERROR_TOKEN_POOL_SIZE  64u
#endif

/* Deepest container nesting accepted anywhere in a body (the page format itself needs 4). */
#ifndef FORGE_JSON_MAX_DEPTH
#define FORGE_JSON_MAX_DEPTH         8u
#endif

/* Decoded text fields of a record (bytes incl. NUL). Longer text is cut at a UTF-8 boundary
 * and marked truncated. */
#ifndef FORGE_COMMAND_SIZE
#define FORGE_COMMAND_SIZE           128u
#endif
#ifndef FORGE_USER_SIZE
#define FORGE_USER_SIZE              32u
#endif
#ifndef FORGE_DIRECTORY_SIZE
#define FORGE_DIRECTORY_SIZE         96u
#endif
#ifndef FORGE_STATUS_TEXT_SIZE
#define FORGE_STATUS_TEXT_SIZE       16u
#endif

/* meta.next_cursor (incl. NUL). A cursor cannot be truncated: a longer one is a parse error. */
#ifndef FORGE_CURSOR_SIZE
#define FORGE_CURSOR_SIZE            128u
#endif

/* Error body: "message" (incl. NUL, truncated and marked) and the first field of "errors". */
#ifndef FORGE_MESSAGE_SIZE
#define FORGE_MESSAGE_SIZE           96u
#endif
#ifndef FORGE_ERROR_FIELD_SIZE
#define FORGE_ERROR_FIELD_SIZE       32u
#endif

/* page[size]: the API default, 30 (a page streams, so its size costs no RAM). A page with more
 * than FORGE_PAGE_SIZE_MAX records is rejected. */
#ifndef FORGE_PAGE_SIZE_MAX
#define FORGE_PAGE_SIZE_MAX          30u
#endif
#ifndef FORGE_PAGE_SIZE_DEFAULT
#define FORGE_PAGE_SIZE_DEFAULT      30u
#endif
#ifndef FORGE_PAGE_SIZE_MIN
#define FORGE_PAGE_SIZE_MIN          1u
#endif

/* Pages followed in one round and records kept in one snapshot. */
#ifndef FORGE_MAX_PAGES_PER_ROUND
#define FORGE_MAX_PAGES_PER_ROUND    8u
#endif
#ifndef FORGE_MAX_RECORDS
#define FORGE_MAX_RECORDS            64u
#endif
/* Leading bytes of the command kept per snapshot entry for the display (incl. NUL). */
#ifndef FORGE_SNAPSHOT_LABEL_SIZE
#define FORGE_SNAPSHOT_LABEL_SIZE    20u
#endif

/* Query builder: organization slug length, server id range, sort keys per request, and the
 * longest filter value accepted (before percent-encoding). */
#ifndef FORGE_ORG_SLUG_MAX_LEN
#define FORGE_ORG_SLUG_MAX_LEN       64u
#endif
#ifndef FORGE_SERVER_ID_MAX_DIGITS
#define FORGE_SERVER_ID_MAX_DIGITS   10u
#endif
#ifndef FORGE_SERVER_ID_MAX
#define FORGE_SERVER_ID_MAX          4294967295u
#endif
#ifndef FORGE_QUERY_MAX_SORT_KEYS
#define FORGE_QUERY_MAX_SORT_KEYS    4u
#endif
#ifndef FORGE_QUERY_VALUE_MAX_LEN
#define FORGE_QUERY_VALUE_MAX_LEN    128u
#endif

/* Request target (path and query) buffer: a full-length cursor and filters need about 1.4 KB. */
#ifndef FORGE_TARGET_SIZE
#define FORGE_TARGET_SIZE            1024u
#endif

/* Requests in one round: every page once. */
#ifndef FORGE_CLIENT_MAX_REQUESTS
#define FORGE_CLIENT_MAX_REQUESTS    FORGE_MAX_PAGES_PER_ROUND
#endif

/* The Accept header of every request. */
#ifndef FORGE_ACCEPT
#define FORGE_ACCEPT                 "application/vnd.api+json"
#endif

#endif /* FORGE_CONFIG_H */
