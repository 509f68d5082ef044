/*
 * forge_split: the byte-level structure of one page body as it streams in, chunk by chunk, any
 * split. Owns two fixed windows: the record window (one element of the top-level "data" array,
 * from its `{` to its matching `}`) and the envelope window (every other byte of the document,
 * with `[]` in place of the contents of that array).
 *
 * Tracks only what splitting needs: string and escape state, bracket matching and depth (at most
 * FORGE_JSON_MAX_DEPTH over the whole document), the key "data" of the top object (recognised
 * by its raw bytes: an escaped spelling is not diverted and its elements stay in the envelope),
 * the separators of the data array (`[` ws (obj (ws `,` ws obj)*)? ws `]`), and that the
 * document is one object followed only by whitespace. Strict JSON inside the windows is
 * forge_json's job.
 *
 * Promises: the result depends only on the bytes, never on how they were cut into chunks; an
 * error is sticky; no allocation, no recursion, fixed state (sizeof(ForgeSplit_t)).
 */
#ifndef FORGE_SPLIT_H
#define FORGE_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"

typedef enum {
    FORGE_SPLIT_OK = 0,          /* every byte taken */
    FORGE_SPLIT_RECORD,          /* a data element closed: it is in the record window */
    FORGE_SPLIT_ERR_ARG,
    FORGE_SPLIT_ERR_TOO_LARGE,   /* a record or the envelope outgrew its window */
    FORGE_SPLIT_ERR_TRUNCATED,   /* Finish: the body ended before the document did */
    FORGE_SPLIT_ERR_SYNTAX,      /* mismatched bracket, data separators, bytes after the end */
    FORGE_SPLIT_ERR_TOO_DEEP,    /* nesting beyond FORGE_JSON_MAX_DEPTH */
    FORGE_SPLIT_ERR_NOT_OBJECT   /* an element of "data" that is not an object */
} ForgeSplitStatus_t;

/* Parser state: treat the fields as private. */
typedef struct {
    uint8_t mode;                /* where the next byte falls (see forge_split.c) */
    uint8_t depth;               /* open containers */
    uint8_t key_pos;             /* bytes of "data" matched so far by the current top key */
    bool expect_key;             /* the next string at depth 1 is a key */
    bool key_tracking;           /* the current string is a top-level key */
    bool key_matches;            /* ... and its raw bytes still spell "data" */
    bool data_pending;           /* the last top key was "data": its value may be diverted */
    bool in_record;              /* bytes go to the record window */
    ForgeSplitStatus_t failure;  /* sticky error, FORGE_SPLIT_OK while none */
    uint32_t arrays;             /* bit d-1 set: the container at depth d is an array */
    size_t envelope_len;
    size_t record_len;
    char envelope[FORGE_ENVELOPE_BUFFER_SIZE];
    char record[FORGE_RECORD_BUFFER_SIZE];
} ForgeSplit_t;

void ForgeSplit_Init(ForgeSplit_t *split);

/* Takes data[0..len) up to and including the byte that closes a data element. *consumed is the
 * number of bytes taken (len unless FORGE_SPLIT_RECORD or an error). After FORGE_SPLIT_RECORD the
 * record stays in the window until the next Feed. */
ForgeSplitStatus_t ForgeSplit_Feed(ForgeSplit_t *split, const char *data, size_t len,
                                   size_t *consumed);

/* The body ended: FORGE_SPLIT_OK when the document closed, else the error. */
ForgeSplitStatus_t ForgeSplit_Finish(const ForgeSplit_t *split);

/* The windows' contents (valid after FORGE_SPLIT_RECORD and after Finish respectively). */
const char *ForgeSplit_Record(const ForgeSplit_t *split, size_t *len);
const char *ForgeSplit_Envelope(const ForgeSplit_t *split, size_t *len);

/* The record window as scratch memory for the owner while no body is being split (Init
 * starts a new body and does not clear it). */
char *ForgeSplit_Scratch(ForgeSplit_t *split, size_t *size);

#endif /* FORGE_SPLIT_H */
