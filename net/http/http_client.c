#include "net/http/http_client.h"

#include <string.h>

#include "net/http/http_request.h"

/* The request, and one retry on a fresh connection when a reused one turned out stale. */
#define HTTP_CLIENT_ATTEMPTS 2u

static uint32_t Now(const HttpClient_t *c)
{
    return c->config.clock(c->config.clock_ctx);
}

/* Milliseconds left of limit since `since`; 0 once expired (wrap-safe). */
static uint32_t Remaining(uint32_t since, uint32_t now, uint32_t limit)
{
    const uint32_t elapsed = now - since;
    return (elapsed >= limit) ? 0u : (limit - elapsed);
}

static void CloseConnection(HttpClient_t *c)
{
    c->config.transport->close(c->config.transport->ctx);
    c->reusable = false;
}

static HttpClientStatus_t WriteRequest(HttpClient_t *c, const HttpClientRequest_t *req, size_t *len)
{
    const HttpRequest_t fields = { c->config.host, c->config.port, req->path, req->token, req->accept };
    HttpClientStatus_t status = HTTP_CLIENT_OK;
    switch (HttpRequest_WriteGet(&fields, c->buf, sizeof(c->buf), len)) {
    case HTTP_REQUEST_OK:
        break;
    case HTTP_REQUEST_ERR_INVALID_FIELD:
        status = HTTP_CLIENT_ERR_REQUEST_INVALID;
        break;
    case HTTP_REQUEST_ERR_BUFFER_TOO_SMALL:
        status = HTTP_CLIENT_ERR_REQUEST_TOO_LARGE;
        break;
    case HTTP_REQUEST_ERR_ARG:
    default:
        status = HTTP_CLIENT_ERR_ARG;
        break;
    }
    return status;
}

static HttpClientStatus_t Connect(HttpClient_t *c, bool *reused)
{
    const HttpTransport_t *t = c->config.transport;
    HttpClientStatus_t status = HTTP_CLIENT_OK;
    *reused = false;
    if (c->reusable) {
        *reused = t->is_connected(t->ctx);
    }
    if (!*reused) {
        CloseConnection(c);
        const uint32_t start = Now(c);
        const HttpTransportStatus_t ts = t->connect(t->ctx, c->config.host, c->config.port,
                                                    HTTP_CONNECT_TIMEOUT_MS);
        const uint32_t left = Remaining(start, Now(c), HTTP_CONNECT_TIMEOUT_MS);
        if ((ts == HTTP_TRANSPORT_TIMEOUT) || ((ts == HTTP_TRANSPORT_OK) && (left == 0u))) {
            status = HTTP_CLIENT_ERR_CONNECT_TIMEOUT;
        } else if (ts != HTTP_TRANSPORT_OK) {
            status = HTTP_CLIENT_ERR_CONNECT;
        } else {
            c->connects++;
            c->reusable = true;
        }
    }
    return status;
}

static HttpClientStatus_t ClientSend(HttpClient_t *c, size_t len)
{
    const HttpTransport_t *t = c->config.transport;
    size_t sent = 0u;
    const HttpTransportStatus_t ts = t->send(t->ctx, c->buf, len, &sent);
    (void)memset(c->buf, 0, len); /* the request held the token */
    if ((sent > 0u) && (c->requests < UINT32_MAX)) {
        c->requests++; /* bytes of it left: the server may act on it */
    }
    return ((ts == HTTP_TRANSPORT_OK) && (sent == len)) ? HTTP_CLIENT_OK : HTTP_CLIENT_ERR_SEND;
}

static HttpClientStatus_t MapParserError(HttpResponseStatus_t st)
{
    HttpClientStatus_t status = HTTP_CLIENT_ERR_PROTOCOL;
    if (st == HTTP_RESPONSE_ERR_TRUNCATED) {
        status = HTTP_CLIENT_ERR_CLOSED;
    } else if (st == HTTP_RESPONSE_ERR_SINK) {
        status = HTTP_CLIENT_ERR_ABORTED;
    } else {
        /* any other parser error is a protocol error */
    }
    return status;
}

/* Handles one recv result; true when the response is finished (*status then final). */
static bool OnReceived(HttpClient_t *c, HttpTransportStatus_t ts, size_t got, HttpClientStatus_t *status)
{
    bool finished = true;
    if ((ts == HTTP_TRANSPORT_OK) && (got > 0u)) {
        size_t consumed = 0u;
        const HttpResponseStatus_t st = HttpResponse_Feed(&c->response, c->buf, got, &consumed);
        if (st == HTTP_RESPONSE_DONE) {
            /* bytes beyond the response: the stream can no longer be trusted */
            c->reusable = HttpResponse_IsReusable(&c->response) && (consumed == got);
            *status = HTTP_CLIENT_OK;
        } else if (st == HTTP_RESPONSE_OK) {
            finished = false;
        } else {
            *status = MapParserError(st);
        }
    } else if ((ts == HTTP_TRANSPORT_OK) || (ts == HTTP_TRANSPORT_TIMEOUT)) {
        finished = false;
    } else if (ts == HTTP_TRANSPORT_CLOSED) {
        const HttpResponseStatus_t st = HttpResponse_Finish(&c->response);
        c->reusable = false;
        *status = (st == HTTP_RESPONSE_DONE) ? HTTP_CLIENT_OK : MapParserError(st);
    } else {
        *status = HTTP_CLIENT_ERR_RECV;
    }
    return finished;
}

static HttpClientStatus_t Receive(HttpClient_t *c)
{
    const HttpTransport_t *t = c->config.transport;
    const uint32_t start = Now(c);
    uint32_t last_progress = start;
    HttpClientStatus_t status = HTTP_CLIENT_ERR_TIMEOUT;
    bool finished = false;
    for (uint32_t calls = 0u; (calls < HTTP_MAX_RECV_CALLS) && (!finished); calls++) {
        const uint32_t now = Now(c);
        const uint32_t idle_left = Remaining(last_progress, now, HTTP_READ_TIMEOUT_MS);
        const uint32_t total_left = Remaining(start, now, HTTP_RESPONSE_TIMEOUT_MS);
        const uint32_t wait = (idle_left < total_left) ? idle_left : total_left;
        if (wait == 0u) {
            status = HTTP_CLIENT_ERR_TIMEOUT;
            finished = true;
        } else {
            size_t got = 0u;
            HttpTransportStatus_t ts = t->recv(t->ctx, c->buf, HTTP_RECV_CHUNK_SIZE, wait, &got);
            if (got > HTTP_RECV_CHUNK_SIZE) {
                ts = HTTP_TRANSPORT_ERROR; /* a transport that claims more than it was given */
            } else if ((ts == HTTP_TRANSPORT_OK) && (got > 0u)) {
                last_progress = Now(c);
            } else {
                /* nothing arrived: the budget shrinks on the next round */
            }
            finished = OnReceived(c, ts, got, &status);
        }
    }
    return status;
}

/* One request on the current or a new connection. *retry: worth repeating on a fresh one. */
static HttpClientStatus_t Attempt(HttpClient_t *c, const HttpClientRequest_t *req, bool *retry)
{
    bool reused = false;
    size_t len = 0u;
    HttpBodySink_t sink = req->sink;
    void *sink_ctx = req->sink_ctx;
    HttpResponse_Init(&c->response, sink, sink_ctx);
    HttpClientStatus_t status = WriteRequest(c, req, &len);
    if (status == HTTP_CLIENT_OK) {
        status = Connect(c, &reused);
    }
    if (status == HTTP_CLIENT_OK) {
        status = ClientSend(c, len);
    }
    if (status == HTTP_CLIENT_OK) {
        status = Receive(c);
    }
    *retry = reused && (!HttpResponse_HasStarted(&c->response)) &&
             ((status == HTTP_CLIENT_ERR_SEND) || (status == HTTP_CLIENT_ERR_CLOSED) ||
              (status == HTTP_CLIENT_ERR_RECV));
    if ((status != HTTP_CLIENT_OK) || (!c->reusable)) {
        CloseConnection(c);
    }
    return status;
}

static bool ConfigValid(const HttpClientConfig_t *config)
{
    const HttpTransport_t *t = (config != NULL) ? config->transport : NULL;
    return (t != NULL) && (t->connect != NULL) && (t->send != NULL) && (t->recv != NULL) &&
           (t->close != NULL) && (t->is_connected != NULL) && (config->clock != NULL) &&
           (config->host != NULL);
}

HttpClientStatus_t HttpClient_Init(HttpClient_t *client, const HttpClientConfig_t *config)
{
    HttpClientStatus_t status = HTTP_CLIENT_ERR_ARG;
    if ((client != NULL) && ConfigValid(config)) {
        (void)memset(client, 0, sizeof(*client));
        client->config = *config;
        HttpResponse_Init(&client->response, NULL, NULL);
        client->initialised = true;
        status = HTTP_CLIENT_OK;
    }
    return status;
}

HttpClientStatus_t HttpClient_Get(HttpClient_t *client, const HttpClientRequest_t *request,
                                  HttpResponseMeta_t *meta)
{
    HttpClientStatus_t status = HTTP_CLIENT_ERR_ARG;
    if ((client != NULL) && client->initialised && (request != NULL)) {
        bool retry = true;
        for (uint32_t attempt = 0u; (attempt < HTTP_CLIENT_ATTEMPTS) && retry; attempt++) {
            status = Attempt(client, request, &retry);
        }
        if (meta != NULL) {
            *meta = *HttpResponse_Meta(&client->response);
        }
    }
    return status;
}

void HttpClient_Close(HttpClient_t *client)
{
    if ((client != NULL) && client->initialised) {
        CloseConnection(client);
    }
}

HttpResponseStatus_t HttpClient_LastResponseStatus(const HttpClient_t *client)
{
    return ((client != NULL) && client->initialised) ? HttpResponse_Status(&client->response)
                                                     : HTTP_RESPONSE_ERR_ARG;
}

uint32_t HttpClient_ConnectCount(const HttpClient_t *client)
{
    return ((client != NULL) && client->initialised) ? client->connects : 0u;
}

uint32_t HttpClient_RequestCount(const HttpClient_t *client)
{
    return ((client != NULL) && client->initialised) ? client->requests : 0u;
}

const char *HttpClient_StatusName(HttpClientStatus_t status)
{
    static const char *const names[HTTP_CLIENT_STATUS_COUNT] = {
        "ok",
        "bad argument",
        "request invalid",
        "request too large",
        "connect failed",
        "connect timeout",
        "send failed",
        "receive failed",
        "read timeout",
        "closed early",
        "bad response",
        "body refused",
    };
    const char *name = "unknown http client status";
    if (((uint32_t)status) < (uint32_t)HTTP_CLIENT_STATUS_COUNT) {
        name = names[status];
    }
    return name;
}
