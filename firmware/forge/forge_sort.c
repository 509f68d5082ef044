/* forge_sort: the configured sort text ("-user,created_at") as query sort keys. */
#include "firmware/forge/forge_query.h"

#include <string.h>

static bool FieldFromName(const char *name, size_t len, ForgeSortField_t *field)
{
    bool found = false;
    for (uint32_t i = 0u; (i < (uint32_t)FORGE_SORT_FIELD_COUNT) && !found; i++) {
        const char *known = ForgeQuery_SortFieldName((ForgeSortField_t)i);
        if ((strlen(known) == len) && (strncmp(known, name, len) == 0)) {
            *field = (ForgeSortField_t)i;
            found = true;
        }
    }
    return found;
}

static bool AlreadyUsed(const ForgeSortKey_t keys[], size_t count, ForgeSortField_t field)
{
    bool used = false;
    for (size_t i = 0u; i < count; i++) {
        used = used || (keys[i].field == field);
    }
    return used;
}

/* One key from text[start, end): optional '-', then a field name. */
static bool ParseKey(const char *text, size_t start, size_t end, ForgeSortKey_t *key)
{
    size_t from = start;
    key->descending = false;
    if ((from < end) && (text[from] == '-')) {
        key->descending = true;
        from++;
    }
    return (from < end) && FieldFromName(&text[from], end - from, &key->field);
}

/* Length of text, reading at most text_max bytes. */
static size_t BoundedLen(const char *text, size_t text_max)
{
    size_t len = 0u;
    while ((len < text_max) && (text[len] != '\0')) {
        len++;
    }
    return len;
}

/* Take the key text[start, end) as key number *count. */
static ForgeQueryStatus_t TakeKey(const char *text, size_t start, size_t end, ForgeSortKey_t keys[],
                                  size_t capacity, size_t *count)
{
    ForgeQueryStatus_t status = FORGE_QUERY_ERR_INVALID_SORT;
    ForgeSortKey_t key;
    if ((*count < capacity) && ParseKey(text, start, end, &key) && !AlreadyUsed(keys, *count, key.field)) {
        keys[*count] = key;
        (*count)++;
        status = FORGE_QUERY_OK;
    }
    return status;
}

ForgeQueryStatus_t ForgeQuery_ParseSort(const char *text, size_t text_max, ForgeSortKey_t keys[],
                                        size_t capacity, size_t *count)
{
    ForgeQueryStatus_t status = FORGE_QUERY_ERR_ARG;
    if ((text != NULL) && (keys != NULL) && (count != NULL)) {
        *count = 0u;
        status = FORGE_QUERY_OK;
        const size_t len = BoundedLen(text, text_max);
        size_t start = 0u;
        /* every ',' and the end close a key; an empty text has none */
        for (size_t i = 0u; (len > 0u) && (i <= len) && (status == FORGE_QUERY_OK); i++) {
            if ((i == len) || (text[i] == ',')) {
                status = TakeKey(text, start, i, keys, capacity, count);
                start = i + 1u;
            }
        }
    }
    return status;
}
