/*
 * Limits of the Forge API client's parsing side (firmware/forge/). Every value can be overridden
 * by a board in its board_config.h or with -D; these are the defaults. Sizes of text buffers
 * include the terminating NUL.
 */
#ifndef FORGE_CONFIG_H
#define FORGE_CONFIG_H

#include "board_config.h"

/* A page body is never held whole: forge_page tokenizes it byte by byte as it streams and copies
 * the values it keeps straight into the record fields; no window, no token pool. */

/* Containers open at once anywhere in a page body: one bit each (FORGE_PAGE_NEST_MAX / 8 bytes
 * of parser state) so that brackets are matched exactly inside skipped values too. Unknown
 * values are skipped to this depth, whatever they are; a deeper body is FORGE_PAGE_ERR_TOO_DEEP.
 * What is kept lies at depth 4 at most (top, data, record, attributes). */
#ifndef FORGE_PAGE_NEST_MAX
#define FORGE_PAGE_NEST_MAX          1024u
#endif

/* Longest key compared against the few keys kept (incl. NUL): a longer key is unknown. */
#ifndef FORGE_PAGE_KEY_SIZE
#define FORGE_PAGE_KEY_SIZE          16u
#endif

/* A record's `id` (an opaque string, incl. NUL): a longer one keeps its prefix, counted as
 * tolerated. */
#ifndef FORGE_ID_SIZE
#define FORGE_ID_SIZE                40u
#endif

/* The body of an answer other than 200, kept for its `message` (ForgeClient). */
#ifndef FORGE_ERROR_BODY_SIZE
#define FORGE_ERROR_BODY_SIZE        1024u
#endif

/* Tokens for an error body: {"message": .., "errors": {field: [..], ..}}. */
#ifndef FORGE_ERROR_TOKEN_POOL_SIZE
#define FORGE_ERROR_TOKEN_POOL_SIZE  64u
#endif

/* Deepest container nesting accepted in an error body (forge_error via forge_json). */
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

/* page[size] asked for: the API default, 30 (a page streams, so its size costs no RAM). A server
 * may ignore it: a page of any length is parsed and counted. */
#ifndef FORGE_PAGE_SIZE_MAX
#define FORGE_PAGE_SIZE_MAX          30u
#endif
#ifndef FORGE_PAGE_SIZE_DEFAULT
#define FORGE_PAGE_SIZE_DEFAULT      30u
#endif
#ifndef FORGE_PAGE_SIZE_MIN
#define FORGE_PAGE_SIZE_MIN          1u
#endif

/* Pages followed in one round (a request-budget guard against a server that never ends the
 * cursor chain: 1,000 processes at page size 30 take 34 pages; the scheduler's budget is 54
 * requests a minute) and records kept in one snapshot for the display (every record is
 * counted, whatever is kept). */
#ifndef FORGE_MAX_PAGES_PER_ROUND
#define FORGE_MAX_PAGES_PER_ROUND    40u
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
