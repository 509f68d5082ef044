/*
 * Forge client: one round of background-process pages for one watch, over an HttpClient.
 * Owns: the body buffer, the jsmn token pool and the collecting snapshot (shared by all
 * watches: rounds run one at a time). Promises: a round either publishes a complete snapshot
 * (every page parsed, `meta.next_cursor` null) or publishes nothing; at most
 * FORGE_CLIENT_MAX_REQUESTS requests per round; the token is only ever handed to the HTTP
 * request writer. A page whose body outgrows the buffer or the token pool is asked again with
 * a smaller page[size] (ForgePaging); a single record too large even alone is an error result.
 */
#ifndef FORGE_CLIENT_H
#define FORGE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_error.h"
#include "firmware/forge/forge_page.h"
#include "firmware/forge/forge_paging.h"
#include "firmware/forge/forge_query.h"
#include "firmware/forge/forge_snapshot.h"
#include "net/http/http_client.h"

typedef enum {
    FORGE_CLIENT_OK = 0,          /* round complete: ForgeClient_Published has it */
    FORGE_CLIENT_ERR_ARG,
    FORGE_CLIENT_ERR_QUERY,       /* organisation, server, sort or filter not valid */
    FORGE_CLIENT_ERR_TRANSPORT,   /* connect, send, receive, timeout, early close */
    FORGE_CLIENT_ERR_PROTOCOL,    /* a malformed or over-limit HTTP response */
    FORGE_CLIENT_ERR_API,         /* an answer other than 200: see api_result */
    FORGE_CLIENT_ERR_PARSE,       /* a 200 whose body is not a valid page */
    FORGE_CLIENT_ERR_TOO_LARGE,   /* one record does not fit even at page[size]=1 */
    FORGE_CLIENT_ERR_LIMITS,      /* more pages or records than a snapshot holds */
    FORGE_CLIENT_DEFERRED         /* the request budget said no: nothing published */
} ForgeClientStatus_t;

/* Asked before every request of a round; true means the request may go (and is counted). */
typedef bool (*ForgeClientMayRequest_t)(void *context);

typedef struct {
    const char *org;              /* organisation slug */
    const char *token;            /* bearer token (secret) */
    const char *server;           /* server id, decimal text */
    const char *sort;             /* configured sort text, "" for none */
    const char *filter_user;      /* "" or NULL: no filter */
    const char *filter_site_id;   /* decimal text, "" or NULL: no filter */
    const char *filter_directory; /* "" or NULL: no filter */
} ForgeClientWatch_t;

typedef struct {
    ForgeClientStatus_t status;
    ForgeApiResult_t api_result;            /* with FORGE_CLIENT_ERR_API */
    uint16_t http_status;                   /* of the last response, 0 when none */
    HttpClientStatus_t http;                /* of the last request */
    HttpResponseStatus_t response;          /* parser detail with FORGE_CLIENT_ERR_PROTOCOL */
    ForgePageStatus_t page;                 /* parser detail with FORGE_CLIENT_ERR_PARSE */
    uint32_t requests;                      /* requests sent in this round */
    uint32_t pages;                         /* pages accepted in this round */
    uint32_t page_size;                     /* page[size] of the last request */
    HttpResponseMeta_t meta;                /* headers of the last response (rate limits) */
    ForgeErrorBody_t error;                 /* `message` of an error answer, when present */
} ForgeClientResult_t;

typedef struct {
    HttpClient_t *http;
    ForgeSnapshot_t snapshot;
    ForgePageWork_t work;
    ForgePageMeta_t page_meta;
    jsmntok_t tokens[FORGE_TOKEN_POOL_SIZE];
    size_t body_len;
    bool body_overflow;
    char cursor[FORGE_CURSOR_SIZE];
    char target[FORGE_TARGET_SIZE];
    uint8_t body[FORGE_BODY_BUFFER_SIZE];
} ForgeClient_t;

ForgeClientStatus_t ForgeClient_Init(ForgeClient_t *client, HttpClient_t *http);

/*
 * Fetch every page of one watch. paging is the watch's own page-size state (kept between
 * rounds). may_request (may be NULL) is asked before each request. result says how it went.
 */
ForgeClientStatus_t ForgeClient_FetchRound(ForgeClient_t *client, const ForgeClientWatch_t *watch,
                                           ForgePaging_t *paging, ForgeClientMayRequest_t may_request,
                                           void *may_request_ctx, ForgeClientResult_t *result);

/* The snapshot of the last round that returned FORGE_CLIENT_OK (NULL before the first). */
const ForgeSnapshotView_t *ForgeClient_Published(const ForgeClient_t *client);

#endif /* FORGE_CLIENT_H */
