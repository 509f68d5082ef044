/*
 * forge_page: one body of GET /api/orgs/{org}/servers/{server}/background-processes, streamed
 * chunk by chunk (any split) -> records handed to a callback, plus the page's next cursor.
 *
 * Use: ForgePage_Begin, ForgePage_Feed for every chunk, ForgePage_End when the body ended.
 * ForgePage_Parse does the three over one whole body. RAM is fixed (ForgePageWork_t: the
 * tokenizer state, one record, the cursor), whatever the page's length or its records' size.
 *
 * How: one pass. A tokenizer of our own (a byte-driven state machine) validates the body as
 * strict JSON (RFC 8259: structure with exact bracket matching, keys and separators, string
 * escapes incl. \uXXXX and surrogate pairs, UTF-8 without overlongs or encoded surrogates, no
 * raw control bytes, the number grammar, true/false/null, one top-level object followed only
 * by whitespace) and, in the same pass, matches the few keys kept and copies their values
 * straight into the record. Everything else is skipped at any depth up to FORGE_PAGE_NEST_MAX.
 *
 * Strict on structure, tolerant on data. A page fails only when
 *   - its JSON is malformed (SYNTAX), ends early (TRUNCATED), nests deeper than
 *     FORGE_PAGE_NEST_MAX (TOO_DEEP);
 *   - its envelope is unusable (SCHEMA): the top value is not an object, "data" missing or not
 *     an array, "meta" missing or not an object, "meta.next_cursor" missing or neither a string
 *     nor null (null or "" = last page); "data", "meta" or "next_cursor" twice (DUPLICATE_KEY);
 *     a cursor longer than FORGE_CURSOR_SIZE - 1 or holding control characters (CURSOR: a
 *     cursor cannot be cut).
 * Anything else is per field, the record is kept and delivered, and each unusable field is
 * counted in `tolerated` (of the page meta): a field of the wrong type or out of range
 * (processes not an integer 0..65535, status not a string, an unparsable created_at) counts
 * as absent (its `present` bit clear; status FORGE_STATUS_UNKNOWN); text longer than its
 * buffer keeps its prefix (cut at a UTF-8 boundary, `truncated` bit set); escaped control
 * characters (\u0000 included) and lone surrogates in kept text become a space / U+FFFD; a
 * record without a usable "id" or "attributes" object, an element of "data" that is not an
 * object (not a record: not delivered), and a key repeated inside a record (the first wins)
 * are each counted once. null is absent, never tolerated. Unknown keys are ignored.
 *
 * `id` is an opaque string: a string's decoded text, or a number's own text, up to
 * FORGE_ID_SIZE - 1 bytes. Key order is free; keys are compared after unescaping.
 *
 * Promises: records are delivered as soon as their closing `}` arrives, in document order, so
 * a page that fails may already have delivered some: the caller must be able to drop them
 * (ForgeSnapshot_AbortRound). The status, the records delivered and the counts depend only on
 * the bytes, never on the chunking. After an error nothing more is delivered (sticky); *meta
 * is only filled by an End that returns FORGE_PAGE_OK. No allocation, no recursion.
 */
#ifndef FORGE_PAGE_H
#define FORGE_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_record.h"
#include "firmware/forge/forge_time.h"

typedef enum {
    FORGE_PAGE_OK = 0,
    FORGE_PAGE_ERR_ARG,
    FORGE_PAGE_ERR_TRUNCATED,        /* body ends inside the document */
    FORGE_PAGE_ERR_SYNTAX,           /* not valid JSON (incl. trailing garbage) */
    FORGE_PAGE_ERR_TOO_DEEP,         /* nesting beyond FORGE_PAGE_NEST_MAX */
    FORGE_PAGE_ERR_SCHEMA,           /* envelope unusable (see above) */
    FORGE_PAGE_ERR_DUPLICATE_KEY,    /* "data", "meta" or "next_cursor" twice */
    FORGE_PAGE_ERR_CURSOR,           /* next_cursor too long or with control characters */
    FORGE_PAGE_STATUS_COUNT
} ForgePageStatus_t;

/* Depth of the deepest object read: top 1, data and meta 2, record 3, attributes 4 (the
 * format's, not a limit). */
#define FORGE_PAGE_KEPT_DEPTH 4u

/* Called once per record, in document order, as soon as it is complete (before the rest of the
 * page is known to be valid). The record is scratch memory: copy what you keep. */
typedef void (*ForgePageRecordFn_t)(void *context, const ForgeRecord_t *record);

/* Parser state: treat the fields as private. */
typedef struct {
    ForgePageRecordFn_t on_record;
    void *context;
    ForgePageStatus_t status;        /* sticky */
    bool open;                       /* between Begin and End */
    bool in_array;                   /* the innermost open container is an array */
    uint8_t lex;                     /* lexical state */
    uint8_t target;                  /* what the current value is for */
    uint8_t str_flags;               /* the current string: key, cut, odd */
    uint8_t u_need;                  /* UTF-8 continuation bytes still expected */
    uint8_t u_lo;                    /* range of the next continuation byte */
    uint8_t u_hi;
    uint8_t hex_left;                /* \uXXXX digits still expected */
    uint8_t num;                     /* number: plain non-negative integer so far (1) */
    uint8_t lit_len;                 /* literal: its length and bytes matched */
    uint8_t lit_pos;
    uint8_t lit_kind;
    uint8_t top_seen;                /* keys seen in the top object, meta, record, attributes */
    uint8_t meta_seen;
    uint8_t rec_seen;
    uint8_t attr_seen;
    uint16_t code;                   /* \uXXXX being read */
    uint16_t high;                   /* pending high surrogate, 0 when none */
    uint32_t depth;                  /* open containers */
    uint32_t value;                  /* number being read (saturating) */
    const char *lit;                 /* literal being matched */
    char *dst;                       /* where decoded text goes, NULL when not kept */
    size_t room;                     /* bytes left there (the NUL excluded) */
    size_t cap;                      /* room at the start of the text */
    size_t cut_len;                  /* bytes kept when the text was cut */
    size_t records;                  /* records delivered */
    size_t tolerated;                /* fields tolerated in this page */
    uint8_t ctx[FORGE_PAGE_KEPT_DEPTH]; /* meaning of the containers at depth 1..4 */
    uint8_t nest[FORGE_PAGE_NEST_MAX / 8u]; /* bit per depth: 1 = array */
    bool has_cursor;
    size_t cursor_len;
    char cursor[FORGE_CURSOR_SIZE];
    char key[FORGE_PAGE_KEY_SIZE];
    char time_text[FORGE_TIME_MAX_LEN + 1u];
    ForgeRecord_t record;
} ForgePageWork_t;

typedef struct {
    bool has_next;
    size_t next_cursor_len;
    char next_cursor[FORGE_CURSOR_SIZE];
    size_t record_count;             /* records delivered */
    size_t tolerated;                /* fields tolerated (see above) */
} ForgePageMeta_t;

/* Starts a body. FORGE_PAGE_ERR_ARG (and nothing started) without a callback. */
ForgePageStatus_t ForgePage_Begin(ForgePageWork_t *work, ForgePageRecordFn_t on_record,
                                  void *context);

/* Takes the next chunk; delivers the records it completes. FORGE_PAGE_OK while the body is
 * valid so far; an error is final (stop feeding). */
ForgePageStatus_t ForgePage_Feed(ForgePageWork_t *work, const char *chunk, size_t len);

/* The body ended: checks the document closed and the envelope, fills *meta (cleared on any
 * error). */
ForgePageStatus_t ForgePage_End(ForgePageWork_t *work, ForgePageMeta_t *meta);

/* Begin, one Feed of the whole body, End. */
ForgePageStatus_t ForgePage_Parse(const char *body, size_t body_len, ForgePageWork_t *work,
                                  ForgePageRecordFn_t on_record, void *context,
                                  ForgePageMeta_t *meta);

/* Name of a status for the log ("syntax", ...; "?" out of range). */
const char *ForgePage_StatusName(ForgePageStatus_t status);

#endif /* FORGE_PAGE_H */
