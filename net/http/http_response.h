/*
 * Incremental HTTP/1.1 response parser (RFC 9112) for the answer to a GET.
 *
 * Owns: the parse state of one response and its metadata (HttpResponseMeta_t). Bytes may be
 * fed in any split, down to one at a time; body bytes go straight from the caller's buffer to
 * the sink, never copied. Promises: no allocation, fixed RAM (sizeof(HttpResponse_t)), every
 * limit of http_config.h enforced with its own status, no byte read outside the given input.
 * Limits apply only to what the parser keeps: a header line it does not interpret may have
 * any length and the headers any number; the whole header section is bounded by
 * HTTP_MAX_HEADER_BYTES (a safety bound against a server streaming headers forever).
 *
 * Framing decisions (RFC 9112 section 6.3):
 *  - 1xx interim responses are skipped (at most HTTP_MAX_INTERIM_RESPONSES); 101 is refused.
 *  - 204 and 304 have no body.
 *  - Transfer-Encoding must be exactly "chunked"; any other coding is refused. Together with
 *    Content-Length it is refused as a framing conflict (a smuggling sign, never "preferred").
 *  - Content-Length: digits only; a repeated value ("42, 42" or two fields) is accepted only
 *    when all copies agree.
 *  - Neither: the body runs until the connection closes (HttpResponse_Finish), and the
 *    connection is not reusable.
 *  - Line folding (obs-fold), bare CR and control characters in a line are refused; a bare LF
 *    ends a line like CRLF.
 *  - Chunk extensions are skipped; trailer fields are checked for syntax and ignored.
 * Other headers (Date, Retry-After, X-RateLimit-*, Content-Type) are informative: a malformed
 * value is ignored, never an error. Retry-After in HTTP-date form is parsed; retry_after_s is
 * then that date minus the Date header (0 when Date is absent or later).
 */
#ifndef NET_HTTP_HTTP_RESPONSE_H
#define NET_HTTP_HTTP_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/http/http_config.h"

typedef enum {
    HTTP_RESPONSE_OK = 0,                 /* all input consumed, more is needed */
    HTTP_RESPONSE_DONE,                   /* the response is complete */
    HTTP_RESPONSE_ERR_ARG,                /* NULL context or data, or not initialised */
    HTTP_RESPONSE_ERR_BAD_STATUS_LINE,
    HTTP_RESPONSE_ERR_LINE_TOO_LONG,      /* a header the client needs (framing) over
                                             HTTP_LINE_BUFFER_SIZE */
    HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE,  /* header section over HTTP_MAX_HEADER_BYTES */
    HTTP_RESPONSE_ERR_CHUNK_LINE_TOO_LONG,/* a chunk-size line over HTTP_MAX_CHUNK_LINE */
    HTTP_RESPONSE_ERR_BAD_HEADER,         /* no colon, bad name, obs-fold, control character */
    HTTP_RESPONSE_ERR_BAD_CONTENT_LENGTH, /* not digits, overflow, conflicting copies */
    HTTP_RESPONSE_ERR_FRAMING_CONFLICT,   /* Content-Length together with Transfer-Encoding */
    HTTP_RESPONSE_ERR_UNSUPPORTED_CODING, /* Transfer-Encoding other than exactly chunked */
    HTTP_RESPONSE_ERR_BAD_CHUNK_SIZE,     /* not hex, overflow, garbage after the size */
    HTTP_RESPONSE_ERR_BAD_CHUNK_END,      /* chunk data not followed by CRLF */
    HTTP_RESPONSE_ERR_BODY_TOO_LARGE,     /* more than HTTP_MAX_BODY body bytes */
    HTTP_RESPONSE_ERR_TRUNCATED,          /* connection closed before the response ended */
    HTTP_RESPONSE_ERR_SINK,               /* the sink refused body bytes */
    HTTP_RESPONSE_STATUS_COUNT            /* number of statuses, not a status */
} HttpResponseStatus_t;

typedef struct {
    uint16_t status_code;
    uint8_t http_minor;          /* HTTP/1.<minor> */
    bool keep_alive;             /* final only once the response is DONE */
    bool chunked;
    bool has_content_length;
    bool has_date;
    bool has_retry_after;
    bool retry_after_is_date;
    bool has_ratelimit_limit;
    bool has_ratelimit_remaining;
    bool has_ratelimit_reset;
    bool content_type_truncated;
    uint32_t content_length;
    uint32_t date_unix;          /* Date header as Unix seconds */
    uint32_t retry_after_s;      /* seconds to wait */
    uint32_t retry_after_unix;   /* HTTP-date form only */
    uint32_t ratelimit_limit;
    uint32_t ratelimit_remaining;
    uint32_t ratelimit_reset;
    uint32_t body_len;           /* body bytes delivered so far */
    size_t content_type_len;
    char content_type[HTTP_CONTENT_TYPE_MAX]; /* NUL-terminated, OWS-trimmed */
} HttpResponseMeta_t;

/* Receives body bytes in order; meta is complete for all headers. Return false to abort
 * (the parser then reports HTTP_RESPONSE_ERR_SINK). */
typedef bool (*HttpBodySink_t)(void *sink_ctx, const HttpResponseMeta_t *meta,
                               const uint8_t *data, size_t len);

typedef enum {
    HTTP_PHASE_STATUS_LINE = 0,
    HTTP_PHASE_HEADERS,
    HTTP_PHASE_BODY_LENGTH,
    HTTP_PHASE_BODY_UNTIL_CLOSE,
    HTTP_PHASE_CHUNK_SIZE,
    HTTP_PHASE_CHUNK_DATA,
    HTTP_PHASE_CHUNK_DATA_END,
    HTTP_PHASE_TRAILERS,
    HTTP_PHASE_DONE,
    HTTP_PHASE_FAILED
} HttpResponsePhase_t;

/* Parser context: treat the fields as private. */
typedef struct {
    HttpResponseMeta_t meta;
    HttpBodySink_t sink;
    void *sink_ctx;
    HttpResponsePhase_t phase;
    HttpResponseStatus_t failure;   /* sticky once phase is FAILED */
    uint32_t magic;                 /* set by Init */
    uint32_t remaining;             /* body or chunk bytes still expected */
    uint32_t header_bytes;          /* of the header section so far (interim ones included) */
    uint32_t interim_count;
    uint32_t te_items;              /* transfer codings seen */
    bool te_chunked_only;
    bool conn_close;
    bool conn_keep_alive;
    bool line_cr;                   /* a CR was seen; the next byte must be LF */
    bool started;                   /* at least one byte was fed */
    size_t line_len;                /* length of the current line, counted in full */
    char line[HTTP_LINE_BUFFER_SIZE]; /* its first HTTP_LINE_BUFFER_SIZE bytes */
} HttpResponse_t;

/* Prepares ctx for a new response. sink may be NULL (body discarded). */
void HttpResponse_Init(HttpResponse_t *ctx, HttpBodySink_t sink, void *sink_ctx);

/* Parses data[0..len). *consumed tells how many bytes belong to this response: it is len
 * unless DONE came earlier (the rest belongs to whatever follows) or an error stopped it.
 * After DONE or an error, further calls repeat that status and consume nothing. */
HttpResponseStatus_t HttpResponse_Feed(HttpResponse_t *ctx, const uint8_t *data, size_t len,
                                       size_t *consumed);

/* The peer closed the connection: DONE for a close-delimited body (or a response already
 * complete), HTTP_RESPONSE_ERR_TRUNCATED otherwise. */
HttpResponseStatus_t HttpResponse_Finish(HttpResponse_t *ctx);

/* OK while the response is in progress, then DONE or the error that stopped it. */
HttpResponseStatus_t HttpResponse_Status(const HttpResponse_t *ctx);

/* Metadata parsed so far (never NULL for an initialised ctx). */
const HttpResponseMeta_t *HttpResponse_Meta(const HttpResponse_t *ctx);

/* True once DONE when the connection may carry another request. */
bool HttpResponse_IsReusable(const HttpResponse_t *ctx);

/* A short, stable name for the log ("header line too long"); never NULL. */
const char *HttpResponse_StatusName(HttpResponseStatus_t status);

/* True once any byte has been fed. */
bool HttpResponse_HasStarted(const HttpResponse_t *ctx);

#endif /* NET_HTTP_HTTP_RESPONSE_H */
