/* forge_query: validation first, then appends through one bounded writer. */
#include "firmware/forge/forge_query.h"

#define SITE_ID_MAX_DIGITS 10u


/* Appends into a fixed buffer; once something does not fit, nothing more is written. */
typedef struct {
    char *buf;
    size_t size;
    size_t len;
    bool overflow;
} QueryWriter_t;

static void PutChar(QueryWriter_t *w, char c)
{
    if (!w->overflow && ((w->len + 1u) < w->size)) {
        w->buf[w->len] = c;
        w->len++;
    } else {
        w->overflow = true;
    }
}

static void PutText(QueryWriter_t *w, const char *text)
{
    /* bound: literals of this file and validated values, all NUL-terminated and short */
    for (size_t k = 0u; (text[k] != '\0') && !w->overflow; k++) {
        PutChar(w, text[k]);
    }
}

static bool IsAlnum(char c)
{
    return ((c >= 'a') && (c <= 'z')) || ((c >= 'A') && (c <= 'Z')) || ((c >= '0') && (c <= '9'));
}

static bool IsUnreserved(char c)
{
    return IsAlnum(c) || (c == '-') || (c == '.') || (c == '_') || (c == '~');
}

static void PutEncoded(QueryWriter_t *w, const char *value, size_t len)
{
    static const char hex[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    for (size_t k = 0u; (k < len) && !w->overflow; k++) {
        if (IsUnreserved(value[k])) {
            PutChar(w, value[k]);
        } else {
            uint8_t byte = (uint8_t)value[k];
            PutChar(w, '%');
            PutChar(w, hex[byte >> 4u]);
            PutChar(w, hex[byte & 0x0Fu]);
        }
    }
}

static void PutDecimal(QueryWriter_t *w, uint32_t value)
{
    char digits[10];
    size_t count = 0u;
    uint32_t rest = value;
    do {
        digits[count] = (char)(uint8_t)((uint8_t)'0' + (uint8_t)(rest % 10u));
        rest /= 10u;
        count++;
    } while ((rest > 0u) && (count < sizeof digits));
    while (count > 0u) {
        count--;
        PutChar(w, digits[count]);
    }
}

/* Length of text if it is at most max bytes; false when longer (or NULL). */
static bool BoundedLength(const char *text, size_t max, size_t *len)
{
    size_t k = 0u;
    bool ok = text != NULL;
    while (ok && (k <= max) && (text[k] != '\0')) {
        k++;
    }
    ok = ok && (k <= max);
    *len = ok ? k : 0u;
    return ok;
}

static bool IsSlugChar(char c)
{
    return IsAlnum(c) || (c == '-') || (c == '_');
}

static bool SlugIsValid(const char *slug)
{
    size_t len = 0u;
    bool ok = BoundedLength(slug, FORGE_ORG_SLUG_MAX_LEN, &len) && (len > 0u);
    for (size_t k = 0u; ok && (k < len); k++) {
        ok = IsSlugChar(slug[k]);
    }
    return ok;
}

/* 1..max_digits digits, no leading zero, value 1..max. */
static bool IdIsValid(const char *text, size_t max_digits, uint32_t max)
{
    size_t len = 0u;
    uint64_t value = 0u;
    bool ok = BoundedLength(text, max_digits, &len) && (len > 0u) && (text[0] != '0');
    for (size_t k = 0u; ok && (k < len); k++) {
        ok = (text[k] >= '0') && (text[k] <= '9');
        value = (value * 10u) + ((uint64_t)(uint8_t)text[k] & 0x0Fu);
    }
    return ok && (value <= (uint64_t)max);
}

static bool SortIsValid(const ForgeQuery_t *q)
{
    bool ok = (q->sort_count <= FORGE_QUERY_MAX_SORT_KEYS) &&
              ((q->sort != NULL) || (q->sort_count == 0u));
    uint32_t seen = 0u;
    for (size_t i = 0u; ok && (i < q->sort_count); i++) {
        uint32_t field = (uint32_t)q->sort[i].field;
        ok = (field < (uint32_t)FORGE_SORT_FIELD_COUNT) && ((seen & (1u << field)) == 0u);
        if (ok) {
            seen |= (1u << field);
        }
    }
    return ok;
}

static bool IsSet(const char *text)
{
    return (text != NULL) && (text[0] != '\0');
}

static bool FiltersAreValid(const ForgeQuery_t *q)
{
    size_t len = 0u;
    return (!IsSet(q->filter_user) ||
            BoundedLength(q->filter_user, FORGE_QUERY_VALUE_MAX_LEN, &len)) &&
           (!IsSet(q->filter_directory) ||
            BoundedLength(q->filter_directory, FORGE_QUERY_VALUE_MAX_LEN, &len)) &&
           (!IsSet(q->filter_site_id) ||
            IdIsValid(q->filter_site_id, SITE_ID_MAX_DIGITS, UINT32_MAX));
}

static ForgeQueryStatus_t Validate(const ForgeQuery_t *q)
{
    ForgeQueryStatus_t status = FORGE_QUERY_OK;
    size_t len = 0u;
    if (!SlugIsValid(q->org)) {
        status = FORGE_QUERY_ERR_INVALID_SLUG;
    } else if (!IdIsValid(q->server, FORGE_SERVER_ID_MAX_DIGITS, FORGE_SERVER_ID_MAX)) {
        status = FORGE_QUERY_ERR_INVALID_SERVER;
    } else if (!SortIsValid(q)) {
        status = FORGE_QUERY_ERR_INVALID_SORT;
    } else if (q->page_size > FORGE_PAGE_SIZE_MAX) {
        status = FORGE_QUERY_ERR_INVALID_PAGE_SIZE;
    } else if (IsSet(q->cursor) && !BoundedLength(q->cursor, FORGE_CURSOR_SIZE - 1u, &len)) {
        status = FORGE_QUERY_ERR_INVALID_CURSOR;
    } else if (!FiltersAreValid(q)) {
        status = FORGE_QUERY_ERR_INVALID_FILTER;
    } else {
        /* valid */
    }
    return status;
}

/* Starts a parameter: '?' before the first, '&' before the others. */
static void PutName(QueryWriter_t *w, bool *first, const char *name)
{
    PutChar(w, *first ? '?' : '&');
    *first = false;
    PutText(w, name);
}

static void PutOptional(QueryWriter_t *w, bool *first, const char *name, const char *value,
                        size_t max_len)
{
    if (IsSet(value)) {
        size_t len = 0u;
        (void)BoundedLength(value, max_len, &len); /* validated before: within max_len */
        PutName(w, first, name);
        PutEncoded(w, value, len);
    }
}

const char *ForgeQuery_SortFieldName(ForgeSortField_t field)
{
    static const char *const names[FORGE_SORT_FIELD_COUNT] = {"user", "command", "directory",
                                                              "status", "created_at"};
    const char *name = "";
    if ((uint32_t)field < (uint32_t)FORGE_SORT_FIELD_COUNT) {
        name = names[(size_t)field];
    }
    return name;
}

static void PutSort(QueryWriter_t *w, bool *first, const ForgeQuery_t *q)
{
    for (size_t i = 0u; i < q->sort_count; i++) {
        if (i == 0u) {
            PutName(w, first, "sort=");
        } else {
            PutText(w, "%2C");
        }
        if (q->sort[i].descending) {
            PutChar(w, '-');
        }
        PutText(w, ForgeQuery_SortFieldName(q->sort[i].field));
    }
}

static void PutRequest(QueryWriter_t *w, const ForgeQuery_t *q)
{
    bool first = true;
    size_t len = 0u;
    (void)BoundedLength(q->org, FORGE_ORG_SLUG_MAX_LEN, &len);
    PutText(w, "/api/orgs/");
    PutEncoded(w, q->org, len);
    PutText(w, "/servers/");
    PutText(w, q->server);
    PutText(w, "/background-processes");
    PutSort(w, &first, q);
    if (q->page_size > 0u) {
        PutName(w, &first, "page%5Bsize%5D=");
        PutDecimal(w, q->page_size);
    }
    PutOptional(w, &first, "page%5Bcursor%5D=", q->cursor, FORGE_CURSOR_SIZE - 1u);
    PutOptional(w, &first, "filter%5Buser%5D=", q->filter_user, FORGE_QUERY_VALUE_MAX_LEN);
    PutOptional(w, &first, "filter%5Bsite_id%5D=", q->filter_site_id, SITE_ID_MAX_DIGITS);
    PutOptional(w, &first, "filter%5Bdirectory%5D=", q->filter_directory,
                FORGE_QUERY_VALUE_MAX_LEN);
}

ForgeQueryStatus_t ForgeQuery_Build(const ForgeQuery_t *query, char *out, size_t out_size,
                                    size_t *out_len)
{
    ForgeQueryStatus_t status = FORGE_QUERY_ERR_ARG;
    if ((out != NULL) && (out_size > 0u)) {
        out[0] = '\0';
    }
    if (out_len != NULL) {
        *out_len = 0u;
    }
    if ((query != NULL) && (out != NULL) && (out_size > 0u) && (out_len != NULL)) {
        status = Validate(query);
        if (status == FORGE_QUERY_OK) {
            QueryWriter_t w = {out, out_size, 0u, false};
            PutRequest(&w, query);
            status = w.overflow ? FORGE_QUERY_ERR_TOO_LONG : FORGE_QUERY_OK;
            w.len = w.overflow ? 0u : w.len;
            out[w.len] = '\0';
            *out_len = w.len;
        }
    }
    return status;
}

const char *ForgeQuery_StatusName(ForgeQueryStatus_t status)
{
    const char *name = "unknown query status";
    switch (status) {
    case FORGE_QUERY_OK:                    name = "ok"; break;
    case FORGE_QUERY_ERR_ARG:               name = "bad argument"; break;
    case FORGE_QUERY_ERR_INVALID_SLUG:      name = "invalid organization"; break;
    case FORGE_QUERY_ERR_INVALID_SERVER:    name = "invalid server"; break;
    case FORGE_QUERY_ERR_INVALID_SORT:      name = "invalid sort"; break;
    case FORGE_QUERY_ERR_INVALID_PAGE_SIZE: name = "invalid page size"; break;
    case FORGE_QUERY_ERR_INVALID_CURSOR:    name = "invalid cursor"; break;
    case FORGE_QUERY_ERR_INVALID_FILTER:    name = "invalid filter"; break;
    case FORGE_QUERY_ERR_TOO_LONG:          name = "query too long"; break;
    default:                                name = "unknown query status"; break;
    }
    return name;
}
