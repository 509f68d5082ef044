/*
 * Forge client: one round of background-process pages for one watch, over an HttpClient.
 * Owns: the page parser's working memory (one record and the tokenizer state), the error body
 * buffer and its jsmn token pool, and the collecting snapshot (shared by all watches: rounds
 * run one at a time).
 * Promises: a round either publishes a complete snapshot (every page parsed, `meta.next_cursor`
 * null) or publishes nothing; at most FORGE_CLIENT_MAX_REQUESTS requests per round; the token
 * is only ever handed to the HTTP request writer. A 200 body is parsed as it streams (records
 * go to the collecting snapshot as soon as each is valid, nothing is buffered whole); a page
 * that fails after delivering records fails the round, and the snapshot drops every record of
 * it (AbortRound). A page of any length or record size parses in the same fixed memory; the
 * fields the parser tolerated (forge_page.h) are summed in `tolerated`. The body of another
 * answer is kept in `error_body` (FORGE_ERROR_BODY_SIZE) for its `message`; a longer one keeps
 * the status alone.
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
    FORGE_CLIENT_ERR_TOO_LARGE,   /* no longer produced: pages stream in fixed memory */
    FORGE_CLIENT_ERR_LIMITS,      /* more pages than FORGE_MAX_PAGES_PER_ROUND */
    FORGE_CLIENT_DEFERRED,        /* the request budget said no: nothing published */
    FORGE_CLIENT_STATUS_COUNT     /* number of statuses, not a status */
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
    uint32_t requests;                      /* requests actually sent in this round (a page
                                               retried on a fresh connection counts twice, a
                                               connection that never opened counts none) */
    uint32_t pages;                         /* pages accepted in this round */
    uint32_t page_size;                     /* page[size] of the last request */
    uint32_t tolerated;                     /* fields tolerated over the round's pages */
    HttpResponseMeta_t meta;                /* headers of the last response (rate limits) */
    ForgeErrorBody_t error;                 /* `message` of an error answer, when present */
} ForgeClientResult_t;

/* The error body parser's pool (the page parser needs none). */
#define FORGE_CLIENT_TOKENS FORGE_ERROR_TOKEN_POOL_SIZE

typedef struct {
    HttpClient_t *http;
    ForgeSnapshot_t snapshot;
    ForgePageMeta_t page_meta;
    jsmntok_t tokens[FORGE_CLIENT_TOKENS];
    size_t error_len;             /* error body bytes kept in error_body */
    bool error_overflow;          /* ... and it did not fit */
    bool page_refused;            /* the page parser failed: the sink refused the rest */
    char cursor[FORGE_CURSOR_SIZE];
    char target[FORGE_TARGET_SIZE];
    char error_body[FORGE_ERROR_BODY_SIZE];
    ForgePageWork_t work;
} ForgeClient_t;

ForgeClientStatus_t ForgeClient_Init(ForgeClient_t *client, HttpClient_t *http);

/* How snapshot entries are labelled (ForgeSnapshot_SetLabeler; NULL: leading bytes). */
void ForgeClient_SetLabeler(ForgeClient_t *client, ForgeSnapshotLabelFn_t labeler);

/*
 * Fetch every page of one watch. paging is the watch's own page-size state (kept between
 * rounds). may_request (may be NULL) is asked before each request. result says how it went.
 */
ForgeClientStatus_t ForgeClient_FetchRound(ForgeClient_t *client, const ForgeClientWatch_t *watch,
                                           const ForgePaging_t *paging, ForgeClientMayRequest_t may_request,
                                           void *may_request_ctx, ForgeClientResult_t *result);

/* A short name for the log ("bad body"); never NULL. */
const char *ForgeClient_StatusName(ForgeClientStatus_t status);

/* The snapshot of the last round that returned FORGE_CLIENT_OK (NULL before the first). */
const ForgeSnapshotView_t *ForgeClient_Published(const ForgeClient_t *client);

#endif /* FORGE_CLIENT_H */
