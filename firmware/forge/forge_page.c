/*
 * forge_page: forge_split cuts the streamed body into records and an envelope; each record is
 * tokenized and validated alone (forge_json) into the caller's pool, read into the scratch
 * record by the schema walk and delivered at once; the envelope is tokenized at End, where the
 * top and meta schema apply (and the records of a "data" key the splitter did not recognise,
 * read from the envelope by the same record walk). One decode per record.
 */
#include "firmware/forge/forge_page.h"

#include "firmware/forge/forge_time.h"

#define PROCESSES_MAX     65535u
#define ID_TEXT_SIZE      12u
#define NOT_A_KEY         0xFFu

/* Keys read in each object, as indices into the name tables below. */
#define TOP_DATA        0u
#define TOP_META        1u
#define TOP_COUNT       3u  /* the third is "links", read for duplicates only */
#define REC_ID          0u
#define REC_ATTRIBUTES  2u
#define REC_COUNT       3u  /* the second is "type", read for duplicates only */
#define ATTR_COMMAND    0u
#define ATTR_USER       1u
#define ATTR_DIRECTORY  2u
#define ATTR_PROCESSES  3u
#define ATTR_STATUS     4u
#define ATTR_CREATED_AT 5u
#define ATTR_COUNT      6u

static ForgePageStatus_t PageStatusFromJson(ForgeJsonStatus_t status)
{
    ForgePageStatus_t result;
    switch (status) {
    case FORGE_JSON_OK:            result = FORGE_PAGE_OK; break;
    case FORGE_JSON_ERR_NO_TOKENS: result = FORGE_PAGE_ERR_TOO_LARGE; break;
    case FORGE_JSON_ERR_TRUNCATED: result = FORGE_PAGE_ERR_TRUNCATED; break;
    case FORGE_JSON_ERR_DEPTH:     result = FORGE_PAGE_ERR_TOO_DEEP; break;
    case FORGE_JSON_ERR_RANGE:     result = FORGE_PAGE_ERR_RANGE; break;
    case FORGE_JSON_ERR_TYPE:      result = FORGE_PAGE_ERR_SCHEMA; break;
    case FORGE_JSON_ERR_ARG:       result = FORGE_PAGE_ERR_ARG; break;
    case FORGE_JSON_ERR_SYNTAX:
    default:                       result = FORGE_PAGE_ERR_SYNTAX; break;
    }
    return result;
}

/* Index of the key among names, NOT_A_KEY if none matches. */
static uint8_t MatchKey(const ForgeJsonDoc_t *doc, size_t key, const char *const names[],
                        uint8_t name_count)
{
    size_t found = ForgeJson_MatchKey(doc, key, names, name_count);
    return (found < name_count) ? (uint8_t)found : NOT_A_KEY;
}

/* Marks key `index` as seen; false when it was seen before in this object. */
static bool MarkSeen(uint8_t *seen, uint8_t index)
{
    uint8_t bit = (uint8_t)(1u << index);
    bool first = (*seen & bit) == 0u;
    *seen = (uint8_t)(*seen | bit);
    return first;
}

/* ---- record ------------------------------------------------------------------------- */

/* One record being read from a validated document. */
typedef struct {
    const ForgeJsonDoc_t *doc;
    ForgeRecord_t *rec;
} RecordWalk_t;

static ForgePageStatus_t ParseText(const RecordWalk_t *walk, size_t value, char *buf,
                                   size_t buf_size, uint8_t field)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(walk->doc, value);
    buf[0] = '\0';
    if (kind == FORGE_JSON_KIND_STRING) {
        size_t len = 0u;
        bool truncated = false;
        walk->rec->present = (uint8_t)(walk->rec->present | field);
        status = PageStatusFromJson(
            ForgeJson_CopyString(walk->doc, value, buf, buf_size, &len, &truncated));
        if (truncated) {
            walk->rec->truncated = (uint8_t)(walk->rec->truncated | field);
        }
    } else if (kind != FORGE_JSON_KIND_NULL) {
        status = FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* null: absent */
    }
    return status;
}

static ForgePageStatus_t ParseProcesses(const RecordWalk_t *walk, size_t value)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(walk->doc, value);
    if (kind == FORGE_JSON_KIND_NUMBER) {
        uint32_t count = 0u;
        status = PageStatusFromJson(ForgeJson_GetUint32(walk->doc, value, PROCESSES_MAX, &count));
        walk->rec->processes = (uint16_t)count;
        walk->rec->present = (uint8_t)(walk->rec->present | FORGE_FIELD_PROCESSES);
    } else if (kind != FORGE_JSON_KIND_NULL) {
        status = FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* null: absent */
    }
    return status;
}

static ForgePageStatus_t ParseCreatedAt(const RecordWalk_t *walk, size_t value)
{
    ForgeRecord_t *rec = walk->rec;
    ForgePageStatus_t status = FORGE_PAGE_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(walk->doc, value);
    if (kind == FORGE_JSON_KIND_STRING) {
        char text[FORGE_TIME_MAX_LEN + 1u];
        size_t len = 0u;
        bool truncated = false;
        status = PageStatusFromJson(
            ForgeJson_CopyString(walk->doc, value, text, sizeof text, &len, &truncated));
        if ((status == FORGE_PAGE_OK) &&
            (truncated || !ForgeTime_ParseIso8601(text, len, &rec->created_at))) {
            status = FORGE_PAGE_ERR_TIMESTAMP;
        }
        rec->present = (uint8_t)(rec->present | FORGE_FIELD_CREATED_AT);
    } else if (kind != FORGE_JSON_KIND_NULL) {
        status = FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* null: absent */
    }
    return status;
}

static ForgePageStatus_t ParseStatus(const RecordWalk_t *walk, size_t value)
{
    ForgeRecord_t *rec = walk->rec;
    ForgePageStatus_t status =
        ParseText(walk, value, rec->status_text, sizeof rec->status_text, FORGE_FIELD_STATUS);
    const char *text = rec->status_text;
    size_t len = 0u;
    while ((len < FORGE_STATUS_TEXT_SIZE) && (text[len] != '\0')) {
        len++;
    }
    /* cut text can never equal a known name, which are all shorter than the buffer */
    if ((rec->truncated & FORGE_FIELD_STATUS) == 0u) {
        rec->status = ForgeRecord_StatusFromText(text, len);
    }
    return status;
}

static ForgePageStatus_t ParseAttribute(const RecordWalk_t *walk, size_t value, uint8_t which)
{
    ForgeRecord_t *rec = walk->rec;
    ForgePageStatus_t status;
    switch (which) {
    case (uint8_t)ATTR_COMMAND:
        status = ParseText(walk, value, rec->command, sizeof rec->command, FORGE_FIELD_COMMAND);
        break;
    case (uint8_t)ATTR_USER:
        status = ParseText(walk, value, rec->user, sizeof rec->user, FORGE_FIELD_USER);
        break;
    case (uint8_t)ATTR_DIRECTORY:
        status = ParseText(walk, value, rec->directory, sizeof rec->directory,
                           FORGE_FIELD_DIRECTORY);
        break;
    case (uint8_t)ATTR_PROCESSES:
        status = ParseProcesses(walk, value);
        break;
    case (uint8_t)ATTR_STATUS:
        status = ParseStatus(walk, value);
        break;
    case (uint8_t)ATTR_CREATED_AT:
        status = ParseCreatedAt(walk, value);
        break;
    default:
        status = FORGE_PAGE_OK; /* ignored member */
        break;
    }
    return status;
}

static ForgePageStatus_t ParseAttributes(const RecordWalk_t *walk, size_t object)
{
    static const char *const names[ATTR_COUNT] = {"command",   "user",   "directory",
                                                  "processes", "status", "created_at"};
    ForgePageStatus_t status = FORGE_PAGE_OK;
    uint8_t seen = 0u;
    /* bound: NextChild returns strictly increasing indices below doc->count */
    size_t key = ForgeJson_NextChild(walk->doc, object, object);
    while ((status == FORGE_PAGE_OK) && (key != FORGE_JSON_NONE)) {
        uint8_t which = MatchKey(walk->doc, key, names, (uint8_t)ATTR_COUNT);
        if ((which != NOT_A_KEY) && !MarkSeen(&seen, which)) {
            status = FORGE_PAGE_ERR_DUPLICATE_KEY;
        } else {
            status = ParseAttribute(walk, key + 1u, which);
        }
        key = ForgeJson_NextChild(walk->doc, object, key);
    }
    return status;
}

static ForgePageStatus_t ParseId(const RecordWalk_t *walk, size_t value)
{
    ForgeRecord_t *rec = walk->rec;
    ForgePageStatus_t status = FORGE_PAGE_ERR_SCHEMA;
    ForgeJsonKind_t kind = ForgeJson_Kind(walk->doc, value);
    if (kind == FORGE_JSON_KIND_NUMBER) {
        status = PageStatusFromJson(ForgeJson_GetUint32(walk->doc, value, UINT32_MAX, &rec->id));
    } else if (kind == FORGE_JSON_KIND_STRING) {
        char text[ID_TEXT_SIZE];
        size_t len = 0u;
        bool truncated = false;
        status = PageStatusFromJson(
            ForgeJson_CopyString(walk->doc, value, text, sizeof text, &len, &truncated));
        if ((status == FORGE_PAGE_OK) &&
            (truncated || !ForgeJson_DigitsToUint32(text, len, UINT32_MAX, &rec->id))) {
            status = FORGE_PAGE_ERR_RANGE;
        }
    } else {
        /* null, bool, object, array: not an id */
    }
    return status;
}

static void ClearRecord(ForgeRecord_t *rec)
{
    static const ForgeRecord_t empty = {0};
    *rec = empty;
    rec->status = FORGE_STATUS_UNKNOWN;
}

static ForgePageStatus_t ParseRecordMember(const RecordWalk_t *walk, size_t key, uint8_t which)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    if (which == (uint8_t)REC_ID) {
        status = ParseId(walk, key + 1u);
    } else if (which == (uint8_t)REC_ATTRIBUTES) {
        status = (ForgeJson_Kind(walk->doc, key + 1u) == FORGE_JSON_KIND_OBJECT)
                     ? ParseAttributes(walk, key + 1u)
                     : FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* "type" and unknown members are not interpreted */
    }
    return status;
}

static ForgePageStatus_t ParseRecord(const RecordWalk_t *walk, size_t object)
{
    static const char *const names[REC_COUNT] = {"id", "type", "attributes"};
    const uint8_t required = (uint8_t)((1u << REC_ID) | (1u << REC_ATTRIBUTES));
    ForgePageStatus_t status = FORGE_PAGE_OK;
    uint8_t seen = 0u;
    ForgeRecord_t *rec = walk->rec;
    ClearRecord(rec);
    if (ForgeJson_Kind(walk->doc, object) != FORGE_JSON_KIND_OBJECT) {
        status = FORGE_PAGE_ERR_SCHEMA;
    }
    size_t key = ForgeJson_NextChild(walk->doc, object, object);
    while ((status == FORGE_PAGE_OK) && (key != FORGE_JSON_NONE)) {
        uint8_t which = MatchKey(walk->doc, key, names, (uint8_t)REC_COUNT);
        if ((which != NOT_A_KEY) && !MarkSeen(&seen, which)) {
            status = FORGE_PAGE_ERR_DUPLICATE_KEY;
        } else {
            status = ParseRecordMember(walk, key, which);
        }
        key = ForgeJson_NextChild(walk->doc, object, key);
    }
    if ((status == FORGE_PAGE_OK) && ((seen & required) != required)) {
        status = FORGE_PAGE_ERR_SCHEMA;
    }
    return status;
}

/* ---- top level ---------------------------------------------------------------------- */

static ForgePageStatus_t ParseMeta(const ForgeJsonDoc_t *doc, size_t object, ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    bool seen = false;
    size_t key = ForgeJson_NextChild(doc, object, object);
    while ((status == FORGE_PAGE_OK) && (key != FORGE_JSON_NONE)) {
        if (ForgeJson_StringEquals(doc, key, "next_cursor")) {
            ForgeJsonKind_t kind = ForgeJson_Kind(doc, key + 1u);
            bool truncated = false;
            if (seen) {
                status = FORGE_PAGE_ERR_DUPLICATE_KEY;
            } else if (kind == FORGE_JSON_KIND_STRING) {
                status = PageStatusFromJson(ForgeJson_CopyString(doc, key + 1u, meta->next_cursor,
                                                       sizeof meta->next_cursor,
                                                       &meta->next_cursor_len, &truncated));
                meta->has_next = meta->next_cursor_len > 0u;
                status = truncated ? FORGE_PAGE_ERR_CURSOR : status;
            } else if (kind != FORGE_JSON_KIND_NULL) {
                status = FORGE_PAGE_ERR_SCHEMA;
            } else {
                /* null: last page */
            }
            seen = true;
        }
        key = ForgeJson_NextChild(doc, object, key);
    }
    return status;
}

static ForgePageStatus_t ParseTopMember(const ForgeJsonDoc_t *doc, size_t value, uint8_t which,
                                        size_t *data, ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    ForgeJsonKind_t kind = ForgeJson_Kind(doc, value);
    if (which == (uint8_t)TOP_DATA) {
        status = (kind == FORGE_JSON_KIND_ARRAY) ? FORGE_PAGE_OK : FORGE_PAGE_ERR_SCHEMA;
        *data = value;
    } else if (which == (uint8_t)TOP_META) {
        status = (kind == FORGE_JSON_KIND_OBJECT) ? ParseMeta(doc, value, meta)
                                                  : FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* links and unknown members are not interpreted */
    }
    return status;
}

static ForgePageStatus_t ParsePageTop(const ForgeJsonDoc_t *doc, size_t *data,
                                      ForgePageMeta_t *meta)
{
    static const char *const names[TOP_COUNT] = {"data", "meta", "links"};
    ForgePageStatus_t status = FORGE_PAGE_OK;
    uint8_t seen = 0u;
    size_t key = ForgeJson_NextChild(doc, 0u, 0u);
    while ((status == FORGE_PAGE_OK) && (key != FORGE_JSON_NONE)) {
        uint8_t which = MatchKey(doc, key, names, (uint8_t)TOP_COUNT);
        if ((which != NOT_A_KEY) && !MarkSeen(&seen, which)) {
            status = FORGE_PAGE_ERR_DUPLICATE_KEY;
        } else {
            status = ParseTopMember(doc, key + 1u, which, data, meta);
        }
        key = ForgeJson_NextChild(doc, 0u, key);
    }
    const uint8_t required = (uint8_t)((1u << (uint8_t)TOP_DATA) | (1u << (uint8_t)TOP_META));
    if ((status == FORGE_PAGE_OK) && ((seen & required) != required)) {
        status = FORGE_PAGE_ERR_SCHEMA;
    }
    return status;
}

static void ClearMeta(ForgePageMeta_t *meta)
{
    meta->has_next = false;
    meta->next_cursor_len = 0u;
    meta->next_cursor[0] = '\0';
    meta->record_count = 0u;
}

static ForgePageStatus_t PageStatusFromSplit(ForgeSplitStatus_t status)
{
    ForgePageStatus_t result;
    switch (status) {
    case FORGE_SPLIT_OK:
    case FORGE_SPLIT_RECORD:         result = FORGE_PAGE_OK; break;
    case FORGE_SPLIT_ERR_ARG:        result = FORGE_PAGE_ERR_ARG; break;
    case FORGE_SPLIT_ERR_TOO_LARGE:  result = FORGE_PAGE_ERR_TOO_LARGE; break;
    case FORGE_SPLIT_ERR_TRUNCATED:  result = FORGE_PAGE_ERR_TRUNCATED; break;
    case FORGE_SPLIT_ERR_TOO_DEEP:   result = FORGE_PAGE_ERR_TOO_DEEP; break;
    case FORGE_SPLIT_ERR_NOT_OBJECT: result = FORGE_PAGE_ERR_SCHEMA; break;
    case FORGE_SPLIT_ERR_SYNTAX:
    default:                         result = FORGE_PAGE_ERR_SYNTAX; break;
    }
    return result;
}

/* Counts one element of "data", reads it and delivers it when valid. */
static ForgePageStatus_t DeliverRecord(ForgePageWork_t *work, const ForgeJsonDoc_t *doc,
                                       size_t element)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_TOO_MANY_RECORDS;
    work->records++;
    if (work->records <= FORGE_PAGE_SIZE_MAX) {
        const RecordWalk_t walk = {doc, &work->record};
        status = ParseRecord(&walk, element);
    }
    if (status == FORGE_PAGE_OK) {
        work->on_record(work->context, &work->record);
    }
    return status;
}

/* A record the splitter completed: tokenized alone, its top object is token 0. */
static ForgePageStatus_t OnSplitRecord(ForgePageWork_t *work)
{
    ForgeJsonDoc_t doc;
    size_t len = 0u;
    const char *text = ForgeSplit_Record(&work->split, &len);
    ForgePageStatus_t status =
        PageStatusFromJson(ForgeJson_Parse(text, len, work->tokens, work->token_count, &doc));
    if (status == FORGE_PAGE_OK) {
        status = DeliverRecord(work, &doc, 0u);
    }
    return status;
}

/* The elements of data[] left in the envelope (none unless "data" was spelled with escapes). */
static ForgePageStatus_t WalkEnvelopeRecords(ForgePageWork_t *work, const ForgeJsonDoc_t *doc,
                                             size_t data)
{
    ForgePageStatus_t status = FORGE_PAGE_OK;
    /* bound: NextChild returns strictly increasing indices below doc->count */
    size_t element = ForgeJson_NextChild(doc, data, data);
    while ((status == FORGE_PAGE_OK) && (element != FORGE_JSON_NONE)) {
        status = DeliverRecord(work, doc, element);
        element = ForgeJson_NextChild(doc, data, element);
    }
    return status;
}

static ForgePageStatus_t ParseEnvelope(ForgePageWork_t *work, ForgePageMeta_t *meta)
{
    ForgeJsonDoc_t doc;
    size_t data = FORGE_JSON_NONE;
    size_t len = 0u;
    const char *text = ForgeSplit_Envelope(&work->split, &len);
    ForgePageStatus_t status =
        PageStatusFromJson(ForgeJson_Parse(text, len, work->tokens, work->token_count, &doc));
    if (status == FORGE_PAGE_OK) {
        status = ParsePageTop(&doc, &data, meta);
    }
    if (status == FORGE_PAGE_OK) {
        status = WalkEnvelopeRecords(work, &doc, data);
    }
    return status;
}

ForgePageStatus_t ForgePage_Begin(ForgePageWork_t *work, ForgePageRecordFn_t on_record,
                                  void *context)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (work->tokens != NULL) && (work->token_count > 0u) &&
        (on_record != NULL)) {
        work->on_record = on_record;
        work->context = context;
        work->records = 0u;
        work->status = FORGE_PAGE_OK;
        work->open = true;
        ForgeSplit_Init(&work->split);
        status = FORGE_PAGE_OK;
    }
    return status;
}

ForgePageStatus_t ForgePage_Feed(ForgePageWork_t *work, const char *chunk, size_t len)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (chunk != NULL) && work->open) {
        size_t pos = 0u;
        /* bound: every pass takes at least one byte (a record is at least "{}") */
        while ((work->status == FORGE_PAGE_OK) && (pos < len)) {
            size_t used = 0u;
            ForgeSplitStatus_t split = ForgeSplit_Feed(&work->split, &chunk[pos], len - pos, &used);
            pos += (used > 0u) ? used : (len - pos);
            work->status = PageStatusFromSplit(split);
            if (split == FORGE_SPLIT_RECORD) {
                work->status = OnSplitRecord(work);
            }
        }
        status = work->status;
    }
    return status;
}

ForgePageStatus_t ForgePage_End(ForgePageWork_t *work, ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (meta != NULL)) {
        ClearMeta(meta);
        status = work->open ? work->status : FORGE_PAGE_ERR_ARG;
        if (status == FORGE_PAGE_OK) {
            status = PageStatusFromSplit(ForgeSplit_Finish(&work->split));
        }
        if (status == FORGE_PAGE_OK) {
            status = ParseEnvelope(work, meta);
        }
        if (status == FORGE_PAGE_OK) {
            meta->record_count = work->records;
        } else {
            ClearMeta(meta);
        }
        work->status = status;
        work->open = false;
    }
    return status;
}

ForgePageStatus_t ForgePage_Parse(const char *body, size_t body_len, ForgePageWork_t *work,
                                  ForgePageRecordFn_t on_record, void *context,
                                  ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((body != NULL) && (meta != NULL)) {
        ClearMeta(meta);
        status = ForgePage_Begin(work, on_record, context);
        if (status == FORGE_PAGE_OK) {
            (void)ForgePage_Feed(work, body, body_len);
            status = ForgePage_End(work, meta);
        }
    }
    return status;
}

char *ForgePage_Scratch(ForgePageWork_t *work, size_t *size)
{
    char *scratch = NULL;
    if (work != NULL) {
        scratch = ForgeSplit_Scratch(&work->split, size);
    }
    return scratch;
}

const char *ForgePage_StatusName(ForgePageStatus_t status)
{
    const char *name = "unknown page status";
    switch (status) {
    case FORGE_PAGE_OK:                   name = "ok"; break;
    case FORGE_PAGE_ERR_ARG:              name = "bad argument"; break;
    case FORGE_PAGE_ERR_TOO_LARGE:        name = "record too large"; break;
    case FORGE_PAGE_ERR_TRUNCATED:        name = "truncated"; break;
    case FORGE_PAGE_ERR_SYNTAX:           name = "not valid JSON"; break;
    case FORGE_PAGE_ERR_TOO_DEEP:         name = "nested too deep"; break;
    case FORGE_PAGE_ERR_SCHEMA:           name = "not a page of processes"; break;
    case FORGE_PAGE_ERR_DUPLICATE_KEY:    name = "duplicate key"; break;
    case FORGE_PAGE_ERR_RANGE:            name = "value out of range"; break;
    case FORGE_PAGE_ERR_TIMESTAMP:        name = "bad timestamp"; break;
    case FORGE_PAGE_ERR_CURSOR:           name = "bad cursor"; break;
    case FORGE_PAGE_ERR_TOO_MANY_RECORDS: name = "too many records"; break;
    default:                              name = "unknown page status"; break;
    }
    return name;
}
