#include "net/http/http_fields.h"

#include <string.h>

#include "net/http/http_date.h"

typedef enum {
    HTTP_FIELD_CONTENT_LENGTH = 0,
    HTTP_FIELD_TRANSFER_ENCODING,
    HTTP_FIELD_CONNECTION,
    HTTP_FIELD_CONTENT_TYPE,
    HTTP_FIELD_RETRY_AFTER,
    HTTP_FIELD_DATE,
    HTTP_FIELD_RATELIMIT_LIMIT,
    HTTP_FIELD_RATELIMIT_REMAINING,
    HTTP_FIELD_RATELIMIT_RESET,
    HTTP_FIELD_COUNT
} HttpFieldId_t;

/* One value of a Content-Length list; false when not digits, too large or different. */
static bool ContentLengthItem(HttpResponse_t *ctx, HttpTextSpan_t item)
{
    uint32_t length = 0u;
    const bool ok = HttpText_ParseU32(ctx->line, item, &length) &&
                    ((!ctx->meta.has_content_length) || (ctx->meta.content_length == length));
    if (ok) {
        ctx->meta.has_content_length = true;
        ctx->meta.content_length = length;
    }
    return ok;
}

static HttpResponseStatus_t ContentLength(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (truncated) {
        status = HTTP_RESPONSE_ERR_LINE_TOO_LONG;
    } else {
        const size_t end = value.start + value.len;
        size_t pos = value.start;
        size_t items = 0u;
        HttpTextSpan_t item = { 0u, 0u };
        bool ok = true;
        bool more = true;
        for (size_t n = 0u; (n <= value.len) && ok && more; n++) {
            more = HttpText_NextListItem(ctx->line, end, &pos, &item);
            if (more) {
                ok = ContentLengthItem(ctx, item);
                items++;
            }
        }
        if ((!ok) || (items == 0u)) {
            status = HTTP_RESPONSE_ERR_BAD_CONTENT_LENGTH;
        }
    }
    return status;
}

static HttpResponseStatus_t TransferEncoding(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (truncated) {
        status = HTTP_RESPONSE_ERR_LINE_TOO_LONG;
    } else {
        const size_t end = value.start + value.len;
        size_t pos = value.start;
        HttpTextSpan_t item = { 0u, 0u };
        bool more = true;
        for (size_t n = 0u; (n <= value.len) && more; n++) {
            more = HttpText_NextListItem(ctx->line, end, &pos, &item);
            if (more && (item.len > 0u)) {
                ctx->te_items++;
                if (!HttpText_SpanEquals(ctx->line, item, "chunked")) {
                    ctx->te_chunked_only = false;
                }
            }
        }
        if (ctx->te_items == 0u) {
            ctx->te_items = 1u; /* an empty Transfer-Encoding still claims a coding */
            ctx->te_chunked_only = false;
        }
    }
    return status;
}

static void ConnectionOption(HttpResponse_t *ctx, HttpTextSpan_t item)
{
    if (HttpText_SpanEquals(ctx->line, item, "close")) {
        ctx->conn_close = true;
    } else if (HttpText_SpanEquals(ctx->line, item, "keep-alive")) {
        ctx->conn_keep_alive = true;
    } else {
        /* other connection options do not concern us */
    }
}

static HttpResponseStatus_t Connection(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (truncated) {
        status = HTTP_RESPONSE_ERR_LINE_TOO_LONG;
    } else {
        const size_t end = value.start + value.len;
        size_t pos = value.start;
        HttpTextSpan_t item = { 0u, 0u };
        bool more = true;
        for (size_t n = 0u; (n <= value.len) && more; n++) {
            more = HttpText_NextListItem(ctx->line, end, &pos, &item);
            if (more) {
                ConnectionOption(ctx, item);
            }
        }
    }
    return status;
}

static void ContentType(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    const size_t room = HTTP_CONTENT_TYPE_MAX - 1u;
    const size_t n = (value.len < room) ? value.len : room;
    (void)memcpy(ctx->meta.content_type, &ctx->line[value.start], n);
    ctx->meta.content_type[n] = '\0';
    ctx->meta.content_type_len = n;
    ctx->meta.content_type_truncated = truncated || (value.len > room);
}

static void RetryAfter(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    uint32_t parsed = 0u;
    if (!truncated) { /* no valid Retry-After is that long */
        if (HttpText_ParseU32(ctx->line, value, &parsed)) {
            ctx->meta.has_retry_after = true;
            ctx->meta.retry_after_is_date = false;
            ctx->meta.retry_after_s = parsed;
            ctx->meta.retry_after_unix = 0u;
        } else if (HttpDate_Parse(&ctx->line[value.start], value.len, &parsed)) {
            ctx->meta.has_retry_after = true;
            ctx->meta.retry_after_is_date = true;
            ctx->meta.retry_after_s = 0u;
            ctx->meta.retry_after_unix = parsed;
        } else {
            /* malformed: ignored */
        }
    }
}

static void Date(HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated)
{
    if (!truncated) {
        ctx->meta.has_date = HttpDate_Parse(&ctx->line[value.start], value.len, &ctx->meta.date_unix);
    }
}

/* A decimal count; false (value untouched) when truncated or malformed. */
static bool ParseCount(const HttpResponse_t *ctx, HttpTextSpan_t value, bool truncated, uint32_t *count)
{
    bool ok = false;
    if (!truncated) {
        ok = HttpText_ParseU32(ctx->line, value, count);
    }
    return ok;
}

/* Index of the field name in the table below, or HTTP_FIELD_COUNT when not interpreted. */
static HttpFieldId_t FindField(const char *line, HttpTextSpan_t name)
{
    static const char *const names[HTTP_FIELD_COUNT] = {
        "content-length", "transfer-encoding", "connection", "content-type", "retry-after",
        "date", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
    };
    HttpFieldId_t found = HTTP_FIELD_COUNT;
    for (uint32_t i = 0u; (i < (uint32_t)HTTP_FIELD_COUNT) && (found == HTTP_FIELD_COUNT); i++) {
        if (HttpText_SpanEquals(line, name, names[i])) {
            found = (HttpFieldId_t)i;
        }
    }
    return found;
}

HttpResponseStatus_t HttpFields_Apply(HttpResponse_t *ctx, HttpTextSpan_t name, HttpTextSpan_t value,
                                      bool truncated)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    switch (FindField(ctx->line, name)) {
    case HTTP_FIELD_CONTENT_LENGTH:
        status = ContentLength(ctx, value, truncated);
        break;
    case HTTP_FIELD_TRANSFER_ENCODING:
        status = TransferEncoding(ctx, value, truncated);
        break;
    case HTTP_FIELD_CONNECTION:
        status = Connection(ctx, value, truncated);
        break;
    case HTTP_FIELD_CONTENT_TYPE:
        ContentType(ctx, value, truncated);
        break;
    case HTTP_FIELD_RETRY_AFTER:
        RetryAfter(ctx, value, truncated);
        break;
    case HTTP_FIELD_DATE:
        Date(ctx, value, truncated);
        break;
    case HTTP_FIELD_RATELIMIT_LIMIT:
        ctx->meta.has_ratelimit_limit = ParseCount(ctx, value, truncated, &ctx->meta.ratelimit_limit);
        break;
    case HTTP_FIELD_RATELIMIT_REMAINING:
        ctx->meta.has_ratelimit_remaining =
            ParseCount(ctx, value, truncated, &ctx->meta.ratelimit_remaining);
        break;
    case HTTP_FIELD_RATELIMIT_RESET:
        ctx->meta.has_ratelimit_reset = ParseCount(ctx, value, truncated, &ctx->meta.ratelimit_reset);
        break;
    case HTTP_FIELD_COUNT:
    default:
        /* a field we do not interpret */
        break;
    }
    return status;
}

void HttpFields_Resolve(HttpResponseMeta_t *meta)
{
    if (meta->retry_after_is_date) {
        meta->retry_after_s = 0u;
        if (meta->has_date && (meta->retry_after_unix > meta->date_unix)) {
            meta->retry_after_s = meta->retry_after_unix - meta->date_unix;
        }
    }
}
