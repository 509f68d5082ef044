/*
 * HTTP/1.1 GET request writer.
 *
 * Owns nothing: writes into the caller's buffer. Promises: the request is exactly
 *   GET <path> HTTP/1.1 / Host / Authorization: Bearer / Accept / User-Agent: forgelight/<FL_VERSION>
 *   / Connection: keep-alive, each line ending CRLF, then an empty line;
 * never writes past buf_size; refuses any field that could inject a line or header (CR, LF,
 * other control characters, characters not allowed in that field) with
 * HTTP_REQUEST_ERR_INVALID_FIELD, and a buffer too small with HTTP_REQUEST_ERR_BUFFER_TOO_SMALL.
 * On any error the buffer is wiped (it may have held part of the token) and *out_len is 0.
 * The token is never logged; this module logs nothing.
 */
#ifndef NET_HTTP_HTTP_REQUEST_H
#define NET_HTTP_HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "net/http/http_config.h"

typedef enum {
    HTTP_REQUEST_OK = 0,
    HTTP_REQUEST_ERR_ARG,              /* NULL pointer */
    HTTP_REQUEST_ERR_INVALID_FIELD,    /* empty, or a forbidden character in a field */
    HTTP_REQUEST_ERR_BUFFER_TOO_SMALL
} HttpRequestStatus_t;

/* NUL-terminated fields. */
typedef struct {
    const char *host;   /* name or address: letters, digits, '-', '.', ':', '[', ']' */
    uint16_t port;      /* appended to Host as ":port" unless 0 or HTTP_DEFAULT_PORT */
    const char *path;   /* origin-form, already percent-encoded: '/' then visible ASCII, no '#' */
    const char *token;  /* bearer token: visible ASCII */
    const char *accept; /* media range list: printable ASCII, no leading space */
} HttpRequest_t;

HttpRequestStatus_t HttpRequest_WriteGet(const HttpRequest_t *request, uint8_t *buf, size_t buf_size,
                                         size_t *out_len);

/* A short name for the log; never NULL. */
const char *HttpRequest_StatusName(HttpRequestStatus_t status);

#endif /* NET_HTTP_HTTP_REQUEST_H */
