/*
 * forge_split: one byte at a time through a small state machine (mode), plus a fast path that
 * copies the plain bytes of a string in one run. The bracket kinds of the open containers are
 * a bit stack (`arrays`), so a record ends only at the `}` that matches its `{`.
 */
#include "firmware/forge/forge_split.h"

#include <string.h>

#if (FORGE_JSON_MAX_DEPTH < 2u) || (FORGE_JSON_MAX_DEPTH > 32u)
#error "forge_config.h: FORGE_JSON_MAX_DEPTH must be 2..32 (the top object and the data array)"
#endif

/* Where the next byte falls. */
#define MODE_BEFORE     0u  /* before the top object: whitespace, then `{` */
#define MODE_VALUE      1u  /* inside the document, outside strings */
#define MODE_STRING     2u  /* inside a string */
#define MODE_ESCAPE     3u  /* the byte after a backslash in a string */
#define MODE_DATA_FIRST 4u  /* data array: after `[` */
#define MODE_DATA_NEXT  5u  /* data array: after `,` */
#define MODE_DATA_AFTER 6u  /* data array: after an element */
#define MODE_AFTER      7u  /* the top object closed: whitespace only */
#define MODE_FAILED     8u  /* sticky error in `failure` */

#define TOP_DEPTH       1u  /* the top object */
#define DATA_DEPTH      2u  /* the elements of "data" sit inside it */
#define DATA_KEY        "data"
#define DATA_KEY_LEN    4u

static bool SplitIsSpace(char c)
{
    return (c == ' ') || (c == '\t') || (c == '\n') || (c == '\r');
}

static ForgeSplitStatus_t SplitFail(ForgeSplit_t *split, ForgeSplitStatus_t status)
{
    split->mode = MODE_FAILED;
    split->failure = status;
    return status;
}

/* Appends one byte to the current window. */
static ForgeSplitStatus_t Put(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    if (split->in_record) {
        if (split->record_len < sizeof split->record) {
            split->record[split->record_len] = c;
            split->record_len++;
        } else {
            status = SplitFail(split, FORGE_SPLIT_ERR_TOO_LARGE);
        }
    } else if (split->envelope_len < sizeof split->envelope) {
        split->envelope[split->envelope_len] = c;
        split->envelope_len++;
    } else {
        status = SplitFail(split, FORGE_SPLIT_ERR_TOO_LARGE);
    }
    return status;
}

/* Appends len plain string bytes to the current window. */
static ForgeSplitStatus_t PutRun(ForgeSplit_t *split, const char *bytes, size_t len)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    char *window = split->envelope;
    size_t *used = &split->envelope_len;
    size_t size = sizeof split->envelope;
    if (split->in_record) {
        window = split->record;
        used = &split->record_len;
        size = sizeof split->record;
    }
    if (len <= (size - *used)) {
        (void)memcpy(&window[*used], bytes, len);
        *used += len;
    } else {
        status = SplitFail(split, FORGE_SPLIT_ERR_TOO_LARGE);
    }
    return status;
}

/* Bytes at the start of data[0..len) that stand for themselves inside a string (neither `"`
 * nor a backslash). */
static size_t PlainRun(const char *data, size_t len)
{
    size_t n = 0u;
    while ((n < len) && (data[n] != '"') && (data[n] != '\\')) {
        n++;
    }
    return n;
}

/* Opens a container of the kind of c (`{` or `[`) one level deeper. */
static ForgeSplitStatus_t Push(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    if (split->depth >= FORGE_JSON_MAX_DEPTH) {
        status = SplitFail(split, FORGE_SPLIT_ERR_TOO_DEEP);
    } else {
        uint32_t bit = (uint32_t)1u << (uint32_t)split->depth;
        if (c == '[') {
            split->arrays |= bit;
        } else {
            split->arrays &= ~bit;
        }
        split->depth++;
    }
    return status;
}

/* True when c closes the innermost open container. */
static bool ClosesInnermost(const ForgeSplit_t *split, char c)
{
    bool closes = false;
    if (split->depth > 0u) {
        bool is_array = ((split->arrays >> ((uint32_t)split->depth - 1u)) & 1u) != 0u;
        closes = (c == ']') == is_array;
    }
    return closes;
}

static ForgeSplitStatus_t StepBefore(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    if (c == '{') {
        status = Push(split, c);
        split->expect_key = true;
        split->mode = MODE_VALUE;
        if (status == FORGE_SPLIT_OK) {
            status = Put(split, c);
        }
    } else if (!SplitIsSpace(c)) {
        status = SplitFail(split, FORGE_SPLIT_ERR_SYNTAX); /* the top value must be an object */
    } else {
        /* leading whitespace is not kept */
    }
    return status;
}

/* `{` or `[` in the document; the `[` after the top key "data" opens the diverted array. */
static ForgeSplitStatus_t OpenContainer(ForgeSplit_t *split, char c)
{
    bool diverted = (split->depth == TOP_DEPTH) && split->data_pending && (c == '[');
    ForgeSplitStatus_t status = Push(split, c);
    split->data_pending = false;
    if (status == FORGE_SPLIT_OK) {
        status = Put(split, c);
    }
    if (diverted) {
        split->mode = MODE_DATA_FIRST;
    }
    return status;
}

/* After a closing bracket: a record, or the whole document, may be complete. */
static ForgeSplitStatus_t AfterClose(ForgeSplit_t *split)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    if (split->in_record && (split->depth == DATA_DEPTH)) {
        split->in_record = false;
        split->mode = MODE_DATA_AFTER;
        status = FORGE_SPLIT_RECORD;
    } else if (split->depth == 0u) {
        split->mode = MODE_AFTER;
    } else {
        /* still inside */
    }
    return status;
}

static ForgeSplitStatus_t CloseContainer(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status;
    if (!ClosesInnermost(split, c)) {
        status = SplitFail(split, FORGE_SPLIT_ERR_SYNTAX);
    } else {
        status = Put(split, c);
        split->depth--;
        split->data_pending = false;
        if (status == FORGE_SPLIT_OK) {
            status = AfterClose(split);
        }
    }
    return status;
}

static ForgeSplitStatus_t StepValue(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status;
    const bool top = split->depth == TOP_DEPTH;
    switch (c) {
    case '"':
        split->key_tracking = top && split->expect_key;
        split->key_matches = true;
        split->key_pos = 0u;
        split->expect_key = split->expect_key && !top;
        split->data_pending = split->data_pending && !top;
        split->mode = MODE_STRING;
        status = Put(split, c);
        break;
    case '{':
    case '[':
        status = OpenContainer(split, c);
        break;
    case '}':
    case ']':
        status = CloseContainer(split, c);
        break;
    case ',':
        split->expect_key = split->expect_key || top;
        split->data_pending = split->data_pending && !top;
        status = Put(split, c);
        break;
    default:
        /* ':' and whitespace keep a pending "data" key; any other byte is its value */
        if (top && (c != ':') && !SplitIsSpace(c)) {
            split->data_pending = false;
        }
        status = Put(split, c);
        break;
    }
    return status;
}

static void TrackKey(ForgeSplit_t *split, char c)
{
    static const char key[DATA_KEY_LEN + 1u] = DATA_KEY;
    if (c == '"') {
        split->data_pending = split->key_matches && (split->key_pos == DATA_KEY_LEN);
        split->key_tracking = false;
    } else if ((split->key_pos < DATA_KEY_LEN) && (c == key[split->key_pos])) {
        split->key_pos++;
    } else {
        split->key_matches = false;
    }
}

static ForgeSplitStatus_t StepString(ForgeSplit_t *split, char c)
{
    if (split->key_tracking) {
        TrackKey(split, c);
    }
    if (c == '"') {
        split->mode = MODE_VALUE;
    } else if (c == '\\') {
        split->mode = MODE_ESCAPE;
    } else {
        /* string content */
    }
    return Put(split, c);
}

/* `{` of a data element: the record window starts. */
static ForgeSplitStatus_t BeginRecord(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status = Push(split, c);
    if (status == FORGE_SPLIT_OK) {
        split->in_record = true;
        split->record_len = 0u;
        split->mode = MODE_VALUE;
        status = Put(split, c);
    }
    return status;
}

/* `]` of the data array (it goes to the envelope, after its `[`). */
static ForgeSplitStatus_t EndData(ForgeSplit_t *split, char c)
{
    split->depth--;
    split->mode = MODE_VALUE;
    return Put(split, c);
}

/* Between the elements of the data array: `[` ws (obj (ws `,` ws obj)*)? ws `]`. */
static ForgeSplitStatus_t StepData(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_OK;
    const uint8_t mode = split->mode;
    if (SplitIsSpace(c)) {
        /* dropped: the envelope reads "data":[] */
    } else if (mode == MODE_DATA_AFTER) {
        if (c == ',') {
            split->mode = MODE_DATA_NEXT;
        } else if (c == ']') {
            status = EndData(split, c);
        } else {
            status = SplitFail(split, FORGE_SPLIT_ERR_SYNTAX);
        }
    } else if (c == '{') {
        status = BeginRecord(split, c);
    } else if ((c == ']') && (mode == MODE_DATA_FIRST)) {
        status = EndData(split, c);
    } else if ((c == ',') || (c == ']')) {
        status = SplitFail(split, FORGE_SPLIT_ERR_SYNTAX);
    } else {
        status = SplitFail(split, FORGE_SPLIT_ERR_NOT_OBJECT);
    }
    return status;
}

static ForgeSplitStatus_t SplitStep(ForgeSplit_t *split, char c)
{
    ForgeSplitStatus_t status;
    switch (split->mode) {
    case MODE_VALUE:
        status = StepValue(split, c);
        break;
    case MODE_STRING:
        status = StepString(split, c);
        break;
    case MODE_ESCAPE:
        split->key_matches = false;
        split->mode = MODE_STRING;
        status = Put(split, c);
        break;
    case MODE_DATA_FIRST:
    case MODE_DATA_NEXT:
    case MODE_DATA_AFTER:
        status = StepData(split, c);
        break;
    case MODE_BEFORE:
        status = StepBefore(split, c);
        break;
    case MODE_AFTER:
        status = SplitIsSpace(c) ? FORGE_SPLIT_OK : SplitFail(split, FORGE_SPLIT_ERR_SYNTAX);
        break;
    default:
        status = split->failure;
        break;
    }
    return status;
}

void ForgeSplit_Init(ForgeSplit_t *split)
{
    if (split != NULL) {
        split->mode = MODE_BEFORE;
        split->depth = 0u;
        split->key_pos = 0u;
        split->expect_key = false;
        split->key_tracking = false;
        split->key_matches = false;
        split->data_pending = false;
        split->in_record = false;
        split->failure = FORGE_SPLIT_OK;
        split->arrays = 0u;
        split->envelope_len = 0u;
        split->record_len = 0u;
    }
}

ForgeSplitStatus_t ForgeSplit_Feed(ForgeSplit_t *split, const char *data, size_t len,
                                   size_t *consumed)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_ERR_ARG;
    if ((split != NULL) && (data != NULL) && (consumed != NULL)) {
        size_t pos = 0u;
        status = (split->mode == MODE_FAILED) ? split->failure : FORGE_SPLIT_OK;
        /* bound: every pass takes at least one byte */
        while ((status == FORGE_SPLIT_OK) && (pos < len)) {
            size_t run = 0u;
            if ((split->mode == MODE_STRING) && !split->key_tracking) {
                run = PlainRun(&data[pos], len - pos);
            }
            if (run > 0u) {
                status = PutRun(split, &data[pos], run);
                pos += run;
            } else {
                status = SplitStep(split, data[pos]);
                pos++;
            }
        }
        *consumed = pos;
    }
    return status;
}

ForgeSplitStatus_t ForgeSplit_Finish(const ForgeSplit_t *split)
{
    ForgeSplitStatus_t status = FORGE_SPLIT_ERR_ARG;
    if (split != NULL) {
        if (split->mode == MODE_FAILED) {
            status = split->failure;
        } else if (split->mode == MODE_AFTER) {
            status = FORGE_SPLIT_OK;
        } else {
            status = FORGE_SPLIT_ERR_TRUNCATED;
        }
    }
    return status;
}

const char *ForgeSplit_Record(const ForgeSplit_t *split, size_t *len)
{
    const char *record = NULL;
    if ((split != NULL) && (len != NULL)) {
        record = split->record;
        *len = split->record_len;
    }
    return record;
}

const char *ForgeSplit_Envelope(const ForgeSplit_t *split, size_t *len)
{
    const char *envelope = NULL;
    if ((split != NULL) && (len != NULL)) {
        envelope = split->envelope;
        *len = split->envelope_len;
    }
    return envelope;
}

char *ForgeSplit_Scratch(ForgeSplit_t *split, size_t *size)
{
    char *scratch = NULL;
    if ((split != NULL) && (size != NULL)) {
        scratch = split->record;
        *size = sizeof split->record;
    }
    return scratch;
}
