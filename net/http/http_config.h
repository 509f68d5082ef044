/*
 * Limits of the HTTP/1.1 client (net/http). Every value can be overridden by the board's
 * board_config.h or on the command line; the defaults suit the Forge API over TLS.
 */
#ifndef NET_HTTP_HTTP_CONFIG_H
#define NET_HTTP_HTTP_CONFIG_H

#include "board_config.h"

/* Header section (status line, header and trailer lines, CRLFs included) accepted per
 * response. A header line the client does not interpret may have any length and there may be
 * any number of them: only their sum is bounded, so a server that streams header bytes
 * forever ends in HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE (the response timeout may come first). */
#ifndef HTTP_MAX_HEADER_BYTES
#define HTTP_MAX_HEADER_BYTES 65536u
#endif

/* Longest chunk-size line (size and chunk extensions, CRLF excluded) accepted. Only
 * HTTP_LINE_BUFFER_SIZE bytes of it are kept: the extensions are skipped, not stored. */
#ifndef HTTP_MAX_CHUNK_LINE
#define HTTP_MAX_CHUNK_LINE 2048u
#endif

/* Bytes of a line kept for interpretation: fits every header the parser reads
 * (Date is 35, a Content-Type with charset about 60). A header the client interprets for
 * framing (Content-Length, Transfer-Encoding, Connection) that is longer is
 * HTTP_RESPONSE_ERR_LINE_TOO_LONG; informative ones are then ignored (Content-Type cut). */
#ifndef HTTP_LINE_BUFFER_SIZE
#define HTTP_LINE_BUFFER_SIZE 160u
#endif

/* Largest body accepted (bytes delivered to the sink, any framing). */
#ifndef HTTP_MAX_BODY
#define HTTP_MAX_BODY 262144u
#endif

/* Interim (1xx) responses skipped before the final one. */
#ifndef HTTP_MAX_INTERIM_RESPONSES
#define HTTP_MAX_INTERIM_RESPONSES 4u
#endif

/* Content-Type kept in the response metadata, NUL included. */
#ifndef HTTP_CONTENT_TYPE_MAX
#define HTTP_CONTENT_TYPE_MAX 64u
#endif

/* The request is built whole in this buffer (a Forge token alone is about 1 KB). The same
 * buffer receives the response in HTTP_RECV_CHUNK_SIZE pieces once the request is sent. */
#ifndef HTTP_REQUEST_BUFFER_SIZE
#define HTTP_REQUEST_BUFFER_SIZE 2048u
#endif

/* Bytes asked of the transport per recv call; at most HTTP_REQUEST_BUFFER_SIZE. */
#ifndef HTTP_RECV_CHUNK_SIZE
#define HTTP_RECV_CHUNK_SIZE 512u
#endif

/* Port for which the Host header carries no ":port". */
#ifndef HTTP_DEFAULT_PORT
#define HTTP_DEFAULT_PORT 443u
#endif

/* Time allowed to open the connection (TCP + TLS handshake), in ms. */
#ifndef HTTP_CONNECT_TIMEOUT_MS
#define HTTP_CONNECT_TIMEOUT_MS 15000u
#endif

/* Longest silence while a response is expected, in ms. */
#ifndef HTTP_READ_TIMEOUT_MS
#define HTTP_READ_TIMEOUT_MS 10000u
#endif

/* Whole response, first byte to last, in ms (a slow trickle cannot hold the client). */
#ifndef HTTP_RESPONSE_TIMEOUT_MS
#define HTTP_RESPONSE_TIMEOUT_MS 30000u
#endif

/* Safety bound on transport calls per response; the timeouts normally end a response first. */
#ifndef HTTP_MAX_RECV_CALLS
#define HTTP_MAX_RECV_CALLS 65536u
#endif

#if HTTP_RECV_CHUNK_SIZE > HTTP_REQUEST_BUFFER_SIZE
#error "HTTP_RECV_CHUNK_SIZE must not exceed HTTP_REQUEST_BUFFER_SIZE"
#endif
#if HTTP_LINE_BUFFER_SIZE > HTTP_MAX_CHUNK_LINE
#error "HTTP_LINE_BUFFER_SIZE must not exceed HTTP_MAX_CHUNK_LINE"
#endif
#if HTTP_LINE_BUFFER_SIZE > HTTP_MAX_HEADER_BYTES
#error "HTTP_LINE_BUFFER_SIZE must not exceed HTTP_MAX_HEADER_BYTES"
#endif

#endif /* NET_HTTP_HTTP_CONFIG_H */
