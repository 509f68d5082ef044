#include "net/http/http_request.h"

#include <stdbool.h>
#include <string.h>

#include "net/http/http_text.h"

#ifndef FL_VERSION
#error "FL_VERSION must be defined by the build"
#endif

#define HTTP_PORT_DIGITS_MAX 5u

/* What a piece of the request may contain. */
typedef enum {
    HTTP_TEXT_FIXED = 0, /* our own text */
    HTTP_TEXT_HOST,
    HTTP_TEXT_PATH,
    HTTP_TEXT_TOKEN,
    HTTP_TEXT_ACCEPT
} HttpTextKind_t;

/* Bounded appender: stops and remembers the first failure. */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    HttpRequestStatus_t status;
} HttpWriter_t;

static bool IsHostChar(char c)
{
    return HttpText_IsAlnum(c) || (c == '-') || (c == '.') || (c == ':') || (c == '[') || (c == ']');
}

static bool IsPathChar(char c)
{
    return (c > ' ') && (c <= '~') && (c != '#');
}

static bool IsTokenChar(char c)
{
    return (c > ' ') && (c <= '~');
}

static bool IsAcceptChar(char c)
{
    return (c >= ' ') && (c <= '~');
}

static bool IsAllowed(HttpTextKind_t kind, char c)
{
    bool allowed = false;
    switch (kind) {
    case HTTP_TEXT_HOST:
        allowed = IsHostChar(c);
        break;
    case HTTP_TEXT_PATH:
        allowed = IsPathChar(c);
        break;
    case HTTP_TEXT_TOKEN:
        allowed = IsTokenChar(c);
        break;
    case HTTP_TEXT_ACCEPT:
        allowed = IsAcceptChar(c);
        break;
    case HTTP_TEXT_FIXED:
    default:
        allowed = true;
        break;
    }
    return allowed;
}

/* Appends the NUL-terminated text, each character allowed for its kind. Every round appends
 * one character or stops, so the scan never reads past the room left in the buffer plus one. */
static void RequestAppend(HttpWriter_t *w, const char *text, HttpTextKind_t kind)
{
    size_t i = 0u;
    bool ended = false;
    while ((i <= w->cap) && (w->status == HTTP_REQUEST_OK) && (!ended)) {
        const char c = text[i];
        if (c == '\0') {
            ended = true;
        } else if (!IsAllowed(kind, c)) {
            w->status = HTTP_REQUEST_ERR_INVALID_FIELD;
        } else if (w->len >= w->cap) {
            w->status = HTTP_REQUEST_ERR_BUFFER_TOO_SMALL;
        } else {
            w->buf[w->len] = (uint8_t)c;
            w->len++;
            i++;
        }
    }
}

/* A caller's field: must not be empty. */
static void AppendField(HttpWriter_t *w, const char *text, HttpTextKind_t kind)
{
    if ((w->status == HTTP_REQUEST_OK) && (text[0] == '\0')) {
        w->status = HTTP_REQUEST_ERR_INVALID_FIELD;
    }
    RequestAppend(w, text, kind);
}

static void AppendPort(HttpWriter_t *w, uint16_t port)
{
    char digits[HTTP_PORT_DIGITS_MAX + 2u]; /* ':' + digits + NUL */
    uint32_t value = port;
    size_t at = sizeof(digits) - 1u;
    digits[at] = '\0';
    for (size_t n = 0u; (n < HTTP_PORT_DIGITS_MAX) && ((n == 0u) || (value > 0u)); n++) {
        at--;
        digits[at] = (char)(uint8_t)((uint8_t)'0' + (uint8_t)(value % 10u));
        value /= 10u;
    }
    at--;
    digits[at] = ':';
    RequestAppend(w, &digits[at], HTTP_TEXT_FIXED);
}

static bool ArgsPresent(const HttpRequest_t *request, const uint8_t *buf, const size_t *out_len)
{
    return (request != NULL) && (buf != NULL) && (out_len != NULL) && (request->host != NULL) &&
           (request->path != NULL) && (request->token != NULL) && (request->accept != NULL);
}

HttpRequestStatus_t HttpRequest_WriteGet(const HttpRequest_t *request, uint8_t *buf, size_t buf_size,
                                         size_t *out_len)
{
    HttpWriter_t w = { buf, buf_size, 0u, HTTP_REQUEST_OK };
    if (!ArgsPresent(request, buf, out_len)) {
        w.status = HTTP_REQUEST_ERR_ARG;
    } else {
        const char path_first = request->path[0];
        const char accept_first = request->accept[0];
        if ((path_first != '/') || (accept_first == ' ')) {
            w.status = HTTP_REQUEST_ERR_INVALID_FIELD;
        }
        RequestAppend(&w, "GET ", HTTP_TEXT_FIXED);
        AppendField(&w, request->path, HTTP_TEXT_PATH);
        RequestAppend(&w, " HTTP/1.1\r\nHost: ", HTTP_TEXT_FIXED);
        AppendField(&w, request->host, HTTP_TEXT_HOST);
        if ((request->port != 0u) && (request->port != HTTP_DEFAULT_PORT)) {
            AppendPort(&w, request->port);
        }
        RequestAppend(&w, "\r\nAuthorization: Bearer ", HTTP_TEXT_FIXED);
        AppendField(&w, request->token, HTTP_TEXT_TOKEN);
        RequestAppend(&w, "\r\nAccept: ", HTTP_TEXT_FIXED);
        AppendField(&w, request->accept, HTTP_TEXT_ACCEPT);
        RequestAppend(&w, "\r\nUser-Agent: forgelight/" FL_VERSION "\r\nConnection: keep-alive\r\n\r\n",
               HTTP_TEXT_FIXED);
        if (w.status != HTTP_REQUEST_OK) {
            (void)memset(buf, 0, buf_size);
            w.len = 0u;
        }
        *out_len = w.len;
    }
    return w.status;
}

const char *HttpRequest_StatusName(HttpRequestStatus_t status)
{
    const char *name = "unknown http request status";
    switch (status) {
    case HTTP_REQUEST_OK:                  name = "ok"; break;
    case HTTP_REQUEST_ERR_ARG:             name = "bad argument"; break;
    case HTTP_REQUEST_ERR_INVALID_FIELD:   name = "invalid field"; break;
    case HTTP_REQUEST_ERR_BUFFER_TOO_SMALL: name = "request too large"; break;
    default:                               name = "unknown http request status"; break;
    }
    return name;
}
