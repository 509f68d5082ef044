/*
 * forge_page: one body of GET /api/orgs/{org}/servers/{server}/background-processes, streamed
 * chunk by chunk (any split) -> records handed to a callback, plus the page's next cursor.
 *
 * Use: ForgePage_Begin, ForgePage_Feed for every chunk, ForgePage_End when the body ended.
 * ForgePage_Parse does the three over one whole body. RAM is fixed (ForgePageWork_t: the two
 * windows of forge_split, the scratch record) plus the caller's token pool, whatever the page
 * size.
 *
 * Promises: each element of "data" is validated (strict JSON via forge_json, then the record
 * schema below) and delivered as soon as its closing `}` arrives, in document order; the
 * envelope (everything but the records) is validated at End. So a page that fails may already
 * have delivered some records: the caller must be able to drop them (ForgeSnapshot_AbortRound).
 * The status and the records delivered depend only on the bytes, never on the chunking. After
 * an error no further record is delivered (the error is sticky) and End clears *meta; *meta is
 * only filled by an End that returns FORGE_PAGE_OK. Key order is free, unknown keys are
 * ignored, keys are compared after unescaping (a top key "data" spelled with escapes is found
 * too: its records are then read from the envelope window at End).
 *
 * Schema (a violation is FORGE_PAGE_ERR_SCHEMA unless noted):
 *   top object: "data" array of objects (required), "meta" object (required), "links" ignored.
 *       An element of "data" that is not an object: SCHEMA; a missing, doubled or trailing
 *       comma between elements: FORGE_PAGE_ERR_SYNTAX.
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
 *   The top value is one object followed only by whitespace (else FORGE_PAGE_ERR_SYNTAX).
 *
 * Limits: a record longer than FORGE_RECORD_BUFFER_SIZE, an envelope longer than
 * FORGE_ENVELOPE_BUFFER_SIZE, or a record or envelope needing more tokens than the pool:
 * FORGE_PAGE_ERR_TOO_LARGE.
 */
#ifndef FORGE_PAGE_H
#define FORGE_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_json.h"
#include "firmware/forge/forge_record.h"
#include "firmware/forge/forge_split.h"

typedef enum {
    FORGE_PAGE_OK = 0,
    FORGE_PAGE_ERR_ARG,
    FORGE_PAGE_ERR_TOO_LARGE,        /* a window or the token pool overflowed */
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

/* Called once per valid record, in document order, as soon as it is complete (before the rest
 * of the page is known to be valid). The record is scratch memory: copy what you keep. */
typedef void (*ForgePageRecordFn_t)(void *context, const ForgeRecord_t *record);

/* Caller-owned working memory. The caller sets tokens/token_count (the pool for one record or
 * the envelope); the rest is the parser's. */
typedef struct {
    jsmntok_t *tokens;
    size_t token_count;
    ForgePageRecordFn_t on_record;
    void *context;
    size_t records;                  /* elements of "data" seen so far */
    ForgePageStatus_t status;        /* sticky */
    bool open;                       /* between Begin and End */
    ForgeRecord_t record;
    ForgeSplit_t split;
} ForgePageWork_t;

typedef struct {
    bool has_next;
    size_t next_cursor_len;
    char next_cursor[FORGE_CURSOR_SIZE];
    size_t record_count;
} ForgePageMeta_t;

/* Starts a body. FORGE_PAGE_ERR_ARG (and nothing started) without a pool or a callback. */
ForgePageStatus_t ForgePage_Begin(ForgePageWork_t *work, ForgePageRecordFn_t on_record,
                                  void *context);

/* Takes the next chunk; delivers the records it completes. FORGE_PAGE_OK while the body is
 * valid so far; an error is final (stop feeding). */
ForgePageStatus_t ForgePage_Feed(ForgePageWork_t *work, const char *chunk, size_t len);

/* The body ended: validates the envelope and fills *meta (cleared on any error). */
ForgePageStatus_t ForgePage_End(ForgePageWork_t *work, ForgePageMeta_t *meta);

/* Begin, one Feed of the whole body, End. */
ForgePageStatus_t ForgePage_Parse(const char *body, size_t body_len, ForgePageWork_t *work,
                                  ForgePageRecordFn_t on_record, void *context,
                                  ForgePageMeta_t *meta);

/* The record window (FORGE_RECORD_BUFFER_SIZE bytes) as the caller's scratch memory while no
 * body is being parsed: ForgeClient keeps an error body there. Begin reuses it. */
char *ForgePage_Scratch(ForgePageWork_t *work, size_t *size);

/* A short name for the log ("too many records"); never NULL. */
const char *ForgePage_StatusName(ForgePageStatus_t status);

#endif /* FORGE_PAGE_H */
