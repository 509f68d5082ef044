/*
 * forge_query: the request target for listing background processes,
 *   /api/orgs/{org}/servers/{server}/background-processes[?query]
 * built into a caller buffer from a configuration struct.
 *
 * Promises: the organization slug is 1..FORGE_ORG_SLUG_MAX_LEN of [A-Za-z0-9_-]; the server
 * id is 1..FORGE_SERVER_ID_MAX written as digits without a leading zero; every query value
 * is percent-encoded (RFC 3986 unreserved bytes kept, others as %XX upper case, so the comma
 * between sort keys is %2C) and brackets in names are written %5B / %5D. Parameters appear in
 * this order when set: sort, page[size], page[cursor], filter[user], filter[site_id],
 * filter[directory]; a NULL or empty string omits its parameter, page_size 0 omits page[size].
 * On any error the buffer holds "" and *out_len is 0. No allocation, no formatting functions.
 */
#ifndef FORGE_QUERY_H
#define FORGE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"

typedef enum {
    FORGE_QUERY_OK = 0,
    FORGE_QUERY_ERR_ARG,
    FORGE_QUERY_ERR_INVALID_SLUG,
    FORGE_QUERY_ERR_INVALID_SERVER,
    FORGE_QUERY_ERR_INVALID_SORT,      /* unknown field, repeated field, too many keys */
    FORGE_QUERY_ERR_INVALID_PAGE_SIZE, /* above FORGE_PAGE_SIZE_MAX */
    FORGE_QUERY_ERR_INVALID_CURSOR,    /* longer than FORGE_CURSOR_SIZE - 1 */
    FORGE_QUERY_ERR_INVALID_FILTER,    /* site id not digits, value too long */
    FORGE_QUERY_ERR_TOO_LONG           /* does not fit the output buffer */
} ForgeQueryStatus_t;

/* Sort fields the builder will send. Forge documents `user`; the others are columns of the
 * same resource and are accepted here so a configuration can ask for them. */
typedef enum {
    FORGE_SORT_USER = 0,
    FORGE_SORT_COMMAND,
    FORGE_SORT_DIRECTORY,
    FORGE_SORT_STATUS,
    FORGE_SORT_CREATED_AT,
    FORGE_SORT_FIELD_COUNT
} ForgeSortField_t;

typedef struct {
    ForgeSortField_t field;
    bool descending;  /* sent as a leading '-' */
} ForgeSortKey_t;

typedef struct {
    const char *org;              /* organization slug */
    const char *server;           /* server id, decimal text */
    const ForgeSortKey_t *sort;   /* sort_count keys, in priority order */
    size_t sort_count;
    uint16_t page_size;           /* 0: not sent */
    const char *cursor;           /* page[cursor] */
    const char *filter_user;
    const char *filter_site_id;   /* decimal text */
    const char *filter_directory;
} ForgeQuery_t;

ForgeQueryStatus_t ForgeQuery_Build(const ForgeQuery_t *query, char *out, size_t out_size,
                                    size_t *out_len);

/* The query name of a sort field ("user", "created_at", ...); "" for an unknown value. */
const char *ForgeQuery_SortFieldName(ForgeSortField_t field);

/*
 * Parse configured sort text, e.g. "-user,created_at", into at most capacity keys (read no
 * further than text_max bytes). Empty text gives no keys. An unknown or repeated field, an
 * empty key or more than capacity keys is FORGE_QUERY_ERR_INVALID_SORT.
 */
ForgeQueryStatus_t ForgeQuery_ParseSort(const char *text, size_t text_max, ForgeSortKey_t keys[],
                                        size_t capacity, size_t *count);

/* A short name for the log ("invalid sort"); never NULL. */
const char *ForgeQuery_StatusName(ForgeQueryStatus_t status);

#endif /* FORGE_QUERY_H */
