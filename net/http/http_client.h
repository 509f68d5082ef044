/*
 * HTTP/1.1 GET client over an HttpTransport_t.
 *
 * Owns: one connection (through the transport), the request/receive buffer and the response
 * parser (all inside HttpClient_t; no allocation). Promises:
 *  - one connection is reused across requests while the server allows it; it is closed and
 *    reopened when the server closed it, answered "Connection: close", sent a close-delimited
 *    body, sent bytes beyond the response, or anything failed;
 *  - a request on a reused connection that fails to send, or sees the connection end before
 *    any response byte, is retried once on a fresh connection (GET is idempotent);
 *  - connect and read timeouts come from the clock function, never from a busy count:
 *    HTTP_CONNECT_TIMEOUT_MS for connect, HTTP_READ_TIMEOUT_MS of silence and
 *    HTTP_RESPONSE_TIMEOUT_MS for the whole response;
 *  - the body streams to the caller's sink as it arrives; the request buffer is wiped once
 *    sent (it held the token). Nothing is logged.
 */
#ifndef NET_HTTP_HTTP_CLIENT_H
#define NET_HTTP_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/http/http_config.h"
#include "net/http/http_response.h"
#include "net/http/http_transport.h"

typedef enum {
    HTTP_CLIENT_OK = 0,               /* a complete response, whatever its status code */
    HTTP_CLIENT_ERR_ARG,
    HTTP_CLIENT_ERR_REQUEST_INVALID,  /* a request field was refused (injection, empty) */
    HTTP_CLIENT_ERR_REQUEST_TOO_LARGE,/* the request does not fit HTTP_REQUEST_BUFFER_SIZE */
    HTTP_CLIENT_ERR_CONNECT,
    HTTP_CLIENT_ERR_CONNECT_TIMEOUT,
    HTTP_CLIENT_ERR_SEND,
    HTTP_CLIENT_ERR_RECV,             /* transport error while reading */
    HTTP_CLIENT_ERR_TIMEOUT,          /* read or response timeout */
    HTTP_CLIENT_ERR_CLOSED,           /* connection ended before the response did */
    HTTP_CLIENT_ERR_PROTOCOL,         /* malformed or over-limit response: see
                                         HttpClient_LastResponseStatus */
    HTTP_CLIENT_ERR_ABORTED,          /* the body sink refused data */
    HTTP_CLIENT_STATUS_COUNT          /* number of statuses, not a status */
} HttpClientStatus_t;

typedef struct {
    const HttpTransport_t *transport;
    HttpClockMs_t clock;
    void *clock_ctx;
    const char *host; /* for connect and the Host header; must outlive the client */
    uint16_t port;
} HttpClientConfig_t;

typedef struct {
    const char *path;   /* path and query, already percent-encoded */
    const char *accept;
    const char *token;  /* bearer token; never logged, wiped from the buffer after sending */
    HttpBodySink_t sink; /* may be NULL: body discarded */
    void *sink_ctx;
} HttpClientRequest_t;

/* Client state: treat the fields as private. */
typedef struct {
    HttpClientConfig_t config;
    HttpResponse_t response;
    bool initialised;
    bool reusable;        /* the open connection may carry the next request */
    uint32_t connects;    /* connections opened so far */
    uint32_t requests;    /* requests written to a connection so far (a retry counts again) */
    uint8_t buf[HTTP_REQUEST_BUFFER_SIZE];
} HttpClient_t;

HttpClientStatus_t HttpClient_Init(HttpClient_t *client, const HttpClientConfig_t *config);

/* Sends GET request->path and reads the whole response, streaming the body to the sink.
 * *meta (may be NULL) receives the response metadata on success, and what was parsed before
 * a failure otherwise. */
HttpClientStatus_t HttpClient_Get(HttpClient_t *client, const HttpClientRequest_t *request,
                                  HttpResponseMeta_t *meta);

/* Closes the connection, if any. */
void HttpClient_Close(HttpClient_t *client);

/* Parser status of the last response (HTTP_RESPONSE_DONE after success). */
HttpResponseStatus_t HttpClient_LastResponseStatus(const HttpClient_t *client);

/* Connections opened since Init. */
uint32_t HttpClient_ConnectCount(const HttpClient_t *client);

/* Requests actually sent since Init: a request retried on a fresh connection counts twice,
 * one whose connection never opened counts none. */
uint32_t HttpClient_RequestCount(const HttpClient_t *client);

/* A short name for the log ("read timeout"); never NULL. */
const char *HttpClient_StatusName(HttpClientStatus_t status);

#endif /* NET_HTTP_HTTP_CLIENT_H */
