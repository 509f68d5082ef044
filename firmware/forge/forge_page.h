/*
 * forge_page: one body of GET /api/orgs/{org}/servers/{server}/background-processes ->
 * records handed to a callback, plus the page's next cursor.
 *
 * Promises: the whole body is validated (JSON syntax via forge_json, then the schema below)
 * before the first record is delivered; on any error no record is delivered and *meta is
 * cleared. Key order is free, unknown keys are ignored, keys are compared after unescaping.
 *
 * Schema (a violation is FORGE_PAGE_ERR_SCHEMA unless noted):
 *   top object: "data" array of objects (required), "meta" object (required), "links" ignored.
 *   meta.next_cursor: string -> next page; null, "" or missing -> last page. Longer than
 *       FORGE_CURSOR_SIZE - 1 bytes: FORGE_PAGE_ERR_CURSOR (a cursor is never truncated).
 *   record: "id" required, a number or a string of 1..10 digits, 0..UINT32_MAX (else
 *       FORGE_PAGE_ERR_RANGE); "attributes" required object; "type" and others ignored.
 *   attributes: command, user, directory, status: string or null; processes: integer
 *       0..65535 or null (else FORGE_PAGE_ERR_RANGE); created_at: ISO 8601 string or null
 *       (unparsable: FORGE_PAGE_ERR_TIMESTAMP). Missing or null => the field is absent
 *       (its `present` bit clear, value 0 / "", status FORGE_STATUS_UNKNOWN).
 *   The same key twice in any object we read (top, meta, record, attributes):
 *       FORGE_PAGE_ERR_DUPLICATE_KEY. Duplicates inside ignored members are not examined.
 *   More than FORGE_PAGE_SIZE_MAX records: FORGE_PAGE_ERR_TOO_MANY_RECORDS.
 */
#ifndef FORGE_PAGE_H
#define FORGE_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_json.h"
#include "firmware/forge/forge_record.h"

typedef enum {
    FORGE_PAGE_OK = 0,
    FORGE_PAGE_ERR_ARG,
    FORGE_PAGE_ERR_TOO_LARGE,        /* token pool exhausted: ask for a smaller page[size] */
    FORGE_PAGE_ERR_TRUNCATED,        /* body ends inside the document */
    FORGE_PAGE_ERR_SYNTAX,           /* not valid JSON (incl. trailing garbage) */
    FORGE_PAGE_ERR_TOO_DEEP,         /* nesting beyond FORGE_JSON_MAX_DEPTH */
    FORGE_PAGE_ERR_SCHEMA,
    FORGE_PAGE_ERR_DUPLICATE_KEY,
    FORGE_PAGE_ERR_RANGE,
    FORGE_PAGE_ERR_TIMESTAMP,
    FORGE_PAGE_ERR_CURSOR,
    FORGE_PAGE_ERR_TOO_MANY_RECORDS
} ForgePageStatus_t;

/* Called once per record, in document order, only after the whole page proved valid. The
 * record is scratch memory: copy what you keep. */
typedef void (*ForgePageRecordFn_t)(void *context, const ForgeRecord_t *record);

/* Caller-owned working memory: the token pool and the scratch record. */
typedef struct {
    jsmntok_t *tokens;
    size_t token_count;
    ForgeRecord_t record;
} ForgePageWork_t;

typedef struct {
    bool has_next;
    size_t next_cursor_len;
    char next_cursor[FORGE_CURSOR_SIZE];
    size_t record_count;
} ForgePageMeta_t;

ForgePageStatus_t ForgePage_Parse(const char *body, size_t body_len, ForgePageWork_t *work,
                                  ForgePageRecordFn_t on_record, void *context,
                                  ForgePageMeta_t *meta);

#endif /* FORGE_PAGE_H */
