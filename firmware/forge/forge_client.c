/* forge_client: query -> GET -> streamed page parser -> snapshot, page after page. */
#include "firmware/forge/forge_client.h"

#include <string.h>

#define HTTP_STATUS_OK 200u

typedef enum {
    STEP_NEXT_PAGE = 0,
    STEP_PUBLISHED,
    STEP_FAILED
} Step_t;

typedef struct {
    ForgeSortKey_t keys[FORGE_QUERY_MAX_SORT_KEYS];
    size_t count;
} SortKeys_t;

static const char *OrEmpty(const char *text)
{
    const char *result = "";
    if (text != NULL) {
        result = text;
    }
    return result;
}

/* NULL for an absent value ("" or NULL), so the query leaves the parameter out. */
static const char *OrAbsent(const char *text)
{
    const char *result = NULL;
    if ((text != NULL) && (text[0] != '\0')) {
        result = text;
    }
    return result;
}

/* Keeps the body of an answer other than 200. */
static bool KeepErrorBody(ForgeClient_t *client, const uint8_t *data, size_t len)
{
    const size_t size = sizeof client->error_body;
    bool accepted = false;
    if ((client->error_len <= size) && (len <= (size - client->error_len))) {
        (void)memcpy(&client->error_body[client->error_len], data, len);
        client->error_len += len;
        accepted = true;
    } else {
        client->error_overflow = true;
    }
    return accepted;
}

static bool BodySink(void *context, const HttpResponseMeta_t *meta, const uint8_t *data, size_t len)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 sink context registered as the ForgeClient_t in SendAndRead */
    ForgeClient_t *client = (ForgeClient_t *)context;
    bool accepted;
    if (meta->status_code == HTTP_STATUS_OK) {
        /* the page streams into the parser; once it failed, the rest is not worth reading */
        accepted = ForgePage_Feed(&client->work, (const char *)data, len) == FORGE_PAGE_OK;
        client->page_refused = !accepted;
    } else {
        accepted = KeepErrorBody(client, data, len);
    }
    return accepted;
}

static void OnRecord(void *context, const ForgeRecord_t *record)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 record context registered as the ForgeClient_t in SendAndRead */
    ForgeClient_t *client = (ForgeClient_t *)context;
    /* A refusal marks the round FAILED inside the snapshot; EndPage then reports it. */
    (void)ForgeSnapshot_AddRecord(&client->snapshot, record);
}

static ForgeQueryStatus_t BuildTarget(ForgeClient_t *client, const ForgeClientWatch_t *watch,
                                      const SortKeys_t *sort, uint16_t page_size)
{
    ForgeQuery_t query = {
        .org = watch->org,
        .server = watch->server,
        .sort = sort->keys,
        .sort_count = sort->count,
        .page_size = page_size,
        .cursor = OrAbsent(client->cursor),
        .filter_user = OrAbsent(watch->filter_user),
        .filter_site_id = OrAbsent(watch->filter_site_id),
        .filter_directory = OrAbsent(watch->filter_directory),
    };
    size_t len = 0u;
    return ForgeQuery_Build(&query, client->target, sizeof client->target, &len);
}

static Step_t OnPageBody(ForgeClient_t *client, ForgeClientResult_t *result)
{
    Step_t step = STEP_FAILED;
    result->page = ForgePage_End(&client->work, &client->page_meta);
    if (result->page != FORGE_PAGE_OK) {
        result->status = FORGE_CLIENT_ERR_PARSE;
    } else {
        result->pages++;
        result->tolerated += (uint32_t)client->page_meta.tolerated;
        const ForgeSnapshotStatus_t snap =
            ForgeSnapshot_EndPage(&client->snapshot, client->page_meta.has_next);
        if (snap == FORGE_SNAPSHOT_PUBLISHED) {
            result->status = FORGE_CLIENT_OK;
            step = STEP_PUBLISHED;
        } else if (snap == FORGE_SNAPSHOT_NEED_NEXT_PAGE) {
            (void)memcpy(client->cursor, client->page_meta.next_cursor, sizeof client->cursor);
            client->cursor[sizeof client->cursor - 1u] = '\0';
            step = STEP_NEXT_PAGE;
        } else {
            result->status = FORGE_CLIENT_ERR_LIMITS;
        }
    }
    return step;
}

static void OnErrorAnswer(ForgeClient_t *client, ForgeClientResult_t *result)
{
    result->status = FORGE_CLIENT_ERR_API;
    result->api_result = ForgeError_FromHttpStatus(result->http_status);
    if (!client->error_overflow) {
        /* The message is a courtesy: an unparsable error body keeps the status alone. */
        (void)ForgeError_Parse(client->error_body, client->error_len, client->tokens, FORGE_CLIENT_TOKENS,
                               &result->error);
    }
}

static Step_t SendAndRead(ForgeClient_t *client, const ForgeClientWatch_t *watch, ForgeClientResult_t *result);

static Step_t FetchPage(ForgeClient_t *client, const ForgeClientWatch_t *watch, const SortKeys_t *sort,
                        const ForgePaging_t *paging, ForgeClientResult_t *result)
{
    Step_t step = STEP_FAILED;
    result->page_size = ForgePaging_Size(paging);
    if (BuildTarget(client, watch, sort, (uint16_t)result->page_size) != FORGE_QUERY_OK) {
        result->status = FORGE_CLIENT_ERR_QUERY;
    } else {
        step = SendAndRead(client, watch, result);
    }
    return step;
}

static Step_t SendAndRead(ForgeClient_t *client, const ForgeClientWatch_t *watch, ForgeClientResult_t *result)
{
    Step_t step = STEP_FAILED;
    client->error_len = 0u;
    client->error_overflow = false;
    client->page_refused = false;
    (void)ForgePage_Begin(&client->work, OnRecord, client);
    const HttpClientRequest_t request = {client->target, FORGE_ACCEPT, watch->token, BodySink, client};
    const uint32_t sent_before = HttpClient_RequestCount(client->http);
    result->http = HttpClient_Get(client->http, &request, &result->meta);
    result->requests += HttpClient_RequestCount(client->http) - sent_before;
    result->http_status = result->meta.status_code;
    const bool refused = client->page_refused || client->error_overflow;
    const bool answered = (result->http == HTTP_CLIENT_OK) ||
                          ((result->http == HTTP_CLIENT_ERR_ABORTED) && refused);
    if (answered && (result->http_status != HTTP_STATUS_OK)) {
        OnErrorAnswer(client, result);
    } else if (answered) {
        step = OnPageBody(client, result);
    } else if (result->http == HTTP_CLIENT_ERR_PROTOCOL) {
        result->status = FORGE_CLIENT_ERR_PROTOCOL;
        result->response = HttpClient_LastResponseStatus(client->http);
    } else {
        result->status = FORGE_CLIENT_ERR_TRANSPORT;
    }
    return step;
}

ForgeClientStatus_t ForgeClient_Init(ForgeClient_t *client, HttpClient_t *http)
{
    ForgeClientStatus_t status = FORGE_CLIENT_ERR_ARG;
    if ((client != NULL) && (http != NULL)) {
        (void)memset(client, 0, sizeof *client);
        client->http = http;
        ForgeSnapshot_Init(&client->snapshot);
        status = FORGE_CLIENT_OK;
    }
    return status;
}

void ForgeClient_SetLabeler(ForgeClient_t *client, ForgeSnapshotLabelFn_t labeler)
{
    if (client != NULL) {
        ForgeSnapshot_SetLabeler(&client->snapshot, labeler);
    }
}

static bool WatchIsUsable(const ForgeClientWatch_t *watch)
{
    return (watch->org != NULL) && (watch->token != NULL) && (watch->server != NULL);
}

static void RunPages(ForgeClient_t *client, const ForgeClientWatch_t *watch, const SortKeys_t *sort,
                     const ForgePaging_t *paging, ForgeClientMayRequest_t may_request, void *may_request_ctx,
                     ForgeClientResult_t *result);

static ForgeClientStatus_t RunRound(ForgeClient_t *client, const ForgeClientWatch_t *watch,
                                    const ForgePaging_t *paging, ForgeClientMayRequest_t may_request,
                                    void *may_request_ctx, ForgeClientResult_t *result)
{
    SortKeys_t sort;
    if (ForgeQuery_ParseSort(OrEmpty(watch->sort), FORGE_QUERY_VALUE_MAX_LEN, sort.keys,
                             FORGE_QUERY_MAX_SORT_KEYS, &sort.count) != FORGE_QUERY_OK) {
        result->status = FORGE_CLIENT_ERR_QUERY;
    } else {
        RunPages(client, watch, &sort, paging, may_request, may_request_ctx, result);
    }
    return result->status;
}

static void RunPages(ForgeClient_t *client, const ForgeClientWatch_t *watch, const SortKeys_t *sort,
                     const ForgePaging_t *paging, ForgeClientMayRequest_t may_request, void *may_request_ctx,
                     ForgeClientResult_t *result)
{
    (void)ForgeSnapshot_BeginRound(&client->snapshot);
    client->cursor[0] = '\0';
    result->status = FORGE_CLIENT_ERR_LIMITS; /* if the request bound runs out */
    Step_t step = STEP_NEXT_PAGE;
    for (uint32_t i = 0u; (i < FORGE_CLIENT_MAX_REQUESTS) && (step != STEP_PUBLISHED) && (step != STEP_FAILED);
         i++) {
        if ((may_request != NULL) && !may_request(may_request_ctx)) {
            result->status = FORGE_CLIENT_DEFERRED;
            step = STEP_FAILED;
        } else {
            step = FetchPage(client, watch, sort, paging, result);
        }
    }
    if (step != STEP_PUBLISHED) {
        ForgeSnapshot_AbortRound(&client->snapshot);
    }
}

ForgeClientStatus_t ForgeClient_FetchRound(ForgeClient_t *client, const ForgeClientWatch_t *watch,
                                           const ForgePaging_t *paging, ForgeClientMayRequest_t may_request,
                                           void *may_request_ctx, ForgeClientResult_t *result)
{
    ForgeClientStatus_t status = FORGE_CLIENT_ERR_ARG;
    if ((client != NULL) && (watch != NULL) && (paging != NULL) && (result != NULL)) {
        (void)memset(result, 0, sizeof *result);
        if (WatchIsUsable(watch)) {
            status = RunRound(client, watch, paging, may_request, may_request_ctx, result);
        }
        result->status = status;
    }
    return status;
}

const ForgeSnapshotView_t *ForgeClient_Published(const ForgeClient_t *client)
{
    return (client != NULL) ? ForgeSnapshot_Published(&client->snapshot) : NULL;
}

const char *ForgeClient_StatusName(ForgeClientStatus_t status)
{
    static const char *const names[FORGE_CLIENT_STATUS_COUNT] = {
        "ok", "bad argument", "invalid query", "transport", "bad http", "api", "bad body",
        "record too large", "too many pages or records", "deferred (request budget)",
    };
    const char *name = "unknown forge client status";
    if (((uint32_t)status) < (uint32_t)FORGE_CLIENT_STATUS_COUNT) {
        name = names[status];
    }
    return name;
}
