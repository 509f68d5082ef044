#include "net/http/http_response.h"

#include <string.h>

#include "net/http/http_fields.h"
#include "net/http/http_text.h"

#define HTTP_RESPONSE_MAGIC 0x48525350u
#define HTTP_STATUS_LINE_MIN 12u /* "HTTP/1.1 200" */
#define HTTP_CHUNK_SIZE_MAX_BEFORE_SHIFT 0x0FFFFFFFu

static HttpResponseStatus_t Fail(HttpResponse_t *ctx, HttpResponseStatus_t status)
{
    ctx->phase = HTTP_PHASE_FAILED;
    ctx->failure = status;
    ctx->meta.keep_alive = false;
    return status;
}

static HttpResponseStatus_t Complete(HttpResponse_t *ctx)
{
    ctx->phase = HTTP_PHASE_DONE;
    return HTTP_RESPONSE_DONE;
}

/* Forgets everything about the message so far (used again after a 1xx interim response). */
static void ResetMessage(HttpResponse_t *ctx)
{
    (void)memset(&ctx->meta, 0, sizeof(ctx->meta));
    ctx->remaining = 0u;
    ctx->te_items = 0u;
    ctx->te_chunked_only = true;
    ctx->conn_close = false;
    ctx->conn_keep_alive = false;
    ctx->phase = HTTP_PHASE_STATUS_LINE;
}

void HttpResponse_Init(HttpResponse_t *ctx, HttpBodySink_t sink, void *sink_ctx)
{
    if (ctx != NULL) {
        (void)memset(ctx, 0, sizeof(*ctx));
        ResetMessage(ctx);
        ctx->sink = sink;
        ctx->sink_ctx = sink_ctx;
        ctx->failure = HTTP_RESPONSE_OK;
        ctx->magic = HTTP_RESPONSE_MAGIC;
    }
}

static size_t KeptLength(const HttpResponse_t *ctx)
{
    return (ctx->line_len < HTTP_LINE_BUFFER_SIZE) ? ctx->line_len : HTTP_LINE_BUFFER_SIZE;
}

/* The kept line character at index, NUL beyond the kept part. */
static char KeptChar(const HttpResponse_t *ctx, size_t index)
{
    char c = '\0';
    if (index < KeptLength(ctx)) {
        c = ctx->line[index];
    }
    return c;
}

static bool ResponseIsDigit(char c)
{
    return (c >= '0') && (c <= '9');
}

static uint32_t DigitValue(char c)
{
    return (uint32_t)(uint8_t)c - (uint32_t)(uint8_t)'0';
}

/* "HTTP/1.<d> <ddd>" then the end or a space and a reason phrase (ignored). */
static bool StatusLineShape(const char *l, size_t kept)
{
    return (kept >= HTTP_STATUS_LINE_MIN) && HttpText_StartsWith(l, kept, "HTTP/1.") && ResponseIsDigit(l[7]) &&
           (l[8] == ' ') && ResponseIsDigit(l[9]) && ResponseIsDigit(l[10]) && ResponseIsDigit(l[11]) &&
           ((kept == HTTP_STATUS_LINE_MIN) || (l[12] == ' '));
}

static HttpResponseStatus_t StatusLine(HttpResponse_t *ctx)
{
    const char *l = ctx->line;
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    bool ok = StatusLineShape(l, KeptLength(ctx));
    if (ok) {
        const uint32_t code = (DigitValue(l[9]) * 100u) + (DigitValue(l[10]) * 10u) + DigitValue(l[11]);
        ok = (code >= 100u) && (code <= 599u) && (code != 101u);
        ctx->meta.status_code = (uint16_t)code;
        ctx->meta.http_minor = (uint8_t)DigitValue(l[7]);
    }
    if (ok) {
        ctx->phase = HTTP_PHASE_HEADERS;
    } else {
        status = Fail(ctx, HTTP_RESPONSE_ERR_BAD_STATUS_LINE);
    }
    return status;
}

/* Token characters at the start of the kept line. */
static size_t NameLength(const HttpResponse_t *ctx, size_t kept)
{
    size_t n = 0u;
    while ((n < kept) && HttpText_IsTokenChar(ctx->line[n])) {
        n++;
    }
    return n;
}

/* A header or trailer line (not empty). Only headers are interpreted. */
static HttpResponseStatus_t FieldLine(HttpResponse_t *ctx, bool interpret)
{
    const size_t kept = KeptLength(ctx);
    const bool truncated = (ctx->line_len > kept);
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    const size_t colon = NameLength(ctx, kept);
    const char stop = KeptChar(ctx, colon);
    /* a name longer than the kept buffer belongs to no field we interpret */
    const bool long_name = (colon == kept) && truncated;
    if ((!long_name) && ((colon == 0u) || (stop != ':'))) {
        status = HTTP_RESPONSE_ERR_BAD_HEADER; /* also catches obs-fold: leading SP/HTAB */
    } else if (interpret && (!long_name)) {
        const HttpTextSpan_t name = { 0u, colon };
        const HttpTextSpan_t raw = { colon + 1u, kept - colon - 1u };
        status = HttpFields_Apply(ctx, name, HttpText_Trim(ctx->line, raw), truncated);
    } else {
        /* a trailer, or a long name: syntax checked, content ignored */
    }
    return (status == HTTP_RESPONSE_OK) ? status : Fail(ctx, status);
}

static HttpResponseStatus_t ChooseBody(HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (ctx->te_items > 0u) {
        if (ctx->meta.has_content_length) {
            status = Fail(ctx, HTTP_RESPONSE_ERR_FRAMING_CONFLICT);
        } else if ((!ctx->te_chunked_only) || (ctx->te_items != 1u) || (ctx->meta.http_minor == 0u)) {
            status = Fail(ctx, HTTP_RESPONSE_ERR_UNSUPPORTED_CODING);
        } else {
            ctx->meta.chunked = true;
            ctx->phase = HTTP_PHASE_CHUNK_SIZE;
        }
    } else if (ctx->meta.has_content_length) {
        if (ctx->meta.content_length > HTTP_MAX_BODY) {
            status = Fail(ctx, HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
        } else if (ctx->meta.content_length == 0u) {
            status = Complete(ctx);
        } else {
            ctx->remaining = ctx->meta.content_length;
            ctx->phase = HTTP_PHASE_BODY_LENGTH;
        }
    } else {
        ctx->meta.keep_alive = false;
        ctx->phase = HTTP_PHASE_BODY_UNTIL_CLOSE;
    }
    return status;
}

static HttpResponseStatus_t EndOfHeaders(HttpResponse_t *ctx)
{
    const uint16_t code = ctx->meta.status_code;
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    HttpFields_Resolve(&ctx->meta);
    ctx->meta.keep_alive = (ctx->meta.http_minor >= 1u) ? (!ctx->conn_close)
                                                        : (ctx->conn_keep_alive && (!ctx->conn_close));
    if (code < 200u) {
        if (ctx->interim_count >= HTTP_MAX_INTERIM_RESPONSES) {
            status = Fail(ctx, HTTP_RESPONSE_ERR_BAD_STATUS_LINE);
        } else {
            ctx->interim_count++;
            ResetMessage(ctx);
        }
    } else if ((code == 204u) || (code == 304u)) {
        status = Complete(ctx);
    } else {
        status = ChooseBody(ctx);
    }
    return status;
}

static bool ResponseHexValue(char c, uint32_t *value)
{
    bool ok = true;
    if (ResponseIsDigit(c)) {
        *value = DigitValue(c);
    } else if ((c >= 'a') && (c <= 'f')) {
        *value = ((uint32_t)(uint8_t)c - (uint32_t)(uint8_t)'a') + 10u;
    } else if ((c >= 'A') && (c <= 'F')) {
        *value = ((uint32_t)(uint8_t)c - (uint32_t)(uint8_t)'A') + 10u;
    } else {
        ok = false;
    }
    return ok;
}

/* chunk-size [ BWS ";" chunk-ext ]; true with *size on success. */
static bool ParseChunkSize(const HttpResponse_t *ctx, uint32_t *size)
{
    const size_t kept = KeptLength(ctx);
    uint32_t acc = 0u;
    uint32_t digit = 0u;
    size_t i = 0u;
    bool ok = true;
    bool hex = true;
    while (ok && hex && (i < kept)) {
        hex = ResponseHexValue(ctx->line[i], &digit);
        if (hex) {
            ok = (acc <= HTTP_CHUNK_SIZE_MAX_BEFORE_SHIFT);
            acc = (acc << 4u) | digit;
            i++;
        }
    }
    ok = ok && (i > 0u);
    const HttpTextSpan_t rest = HttpText_Trim(ctx->line, (HttpTextSpan_t){ i, kept - i });
    const char next = KeptChar(ctx, rest.start);
    /* nothing after the size but spaces, or an extension */
    ok = ok && (((rest.len == 0u) && (kept == ctx->line_len)) || (next == ';'));
    if (ok) {
        *size = acc;
    }
    return ok;
}

static HttpResponseStatus_t ChunkSizeLine(HttpResponse_t *ctx)
{
    uint32_t size = 0u;
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (!ParseChunkSize(ctx, &size)) {
        status = Fail(ctx, HTTP_RESPONSE_ERR_BAD_CHUNK_SIZE);
    } else if (size == 0u) {
        ctx->phase = HTTP_PHASE_TRAILERS;
    } else if (size > (HTTP_MAX_BODY - ctx->meta.body_len)) {
        status = Fail(ctx, HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
    } else {
        ctx->remaining = size;
        ctx->phase = HTTP_PHASE_CHUNK_DATA;
    }
    return status;
}

static HttpResponseStatus_t LineComplete(HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    const bool empty = (ctx->line_len == 0u);
    switch (ctx->phase) {
    case HTTP_PHASE_STATUS_LINE:
        status = StatusLine(ctx);
        break;
    case HTTP_PHASE_HEADERS:
        status = empty ? EndOfHeaders(ctx) : FieldLine(ctx, true);
        break;
    case HTTP_PHASE_CHUNK_SIZE:
        status = ChunkSizeLine(ctx);
        break;
    case HTTP_PHASE_TRAILERS:
        status = empty ? Complete(ctx) : FieldLine(ctx, false);
        break;
    case HTTP_PHASE_BODY_LENGTH:
    case HTTP_PHASE_BODY_UNTIL_CLOSE:
    case HTTP_PHASE_CHUNK_DATA:
    case HTTP_PHASE_CHUNK_DATA_END:
    case HTTP_PHASE_DONE:
    case HTTP_PHASE_FAILED:
    default:
        status = Fail(ctx, HTTP_RESPONSE_ERR_ARG); /* not a line phase: unreachable */
        break;
    }
    ctx->line_len = 0u;
    return status;
}

static HttpResponseStatus_t LineSyntaxError(HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_ERR_BAD_HEADER;
    if (ctx->phase == HTTP_PHASE_STATUS_LINE) {
        status = HTTP_RESPONSE_ERR_BAD_STATUS_LINE;
    } else if (ctx->phase == HTTP_PHASE_CHUNK_SIZE) {
        status = HTTP_RESPONSE_ERR_BAD_CHUNK_SIZE;
    } else {
        /* header or trailer line */
    }
    return Fail(ctx, status);
}

/* Status, header and trailer lines count against HTTP_MAX_HEADER_BYTES as a whole; a
 * chunk-size line against HTTP_MAX_CHUNK_LINE on its own. */
static HttpResponseStatus_t CountLineByte(HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (ctx->phase == HTTP_PHASE_CHUNK_SIZE) {
        /* counted per line, below */
    } else if (ctx->header_bytes >= HTTP_MAX_HEADER_BYTES) {
        status = Fail(ctx, HTTP_RESPONSE_ERR_HEADERS_TOO_LARGE);
    } else {
        ctx->header_bytes++;
    }
    return status;
}

/* One byte of a status, header, chunk-size or trailer line. */
static HttpResponseStatus_t LineByte(HttpResponse_t *ctx, uint8_t b)
{
    HttpResponseStatus_t status = CountLineByte(ctx);
    if (status != HTTP_RESPONSE_OK) {
        /* over a limit: already failed */
    } else if (b == (uint8_t)'\n') {
        ctx->line_cr = false;
        status = LineComplete(ctx);
    } else if (ctx->line_cr || ((b != (uint8_t)'\r') && HttpText_IsForbiddenControl(b))) {
        status = LineSyntaxError(ctx);
    } else if (b == (uint8_t)'\r') {
        ctx->line_cr = true;
    } else if ((ctx->phase == HTTP_PHASE_CHUNK_SIZE) && (ctx->line_len >= HTTP_MAX_CHUNK_LINE)) {
        status = Fail(ctx, HTTP_RESPONSE_ERR_CHUNK_LINE_TOO_LONG);
    } else {
        if (ctx->line_len < HTTP_LINE_BUFFER_SIZE) {
            ctx->line[ctx->line_len] = (char)b;
        }
        ctx->line_len++; /* bounded by HTTP_MAX_HEADER_BYTES or HTTP_MAX_CHUNK_LINE above */
    }
    return status;
}

/* The CRLF that must follow chunk data. */
static HttpResponseStatus_t ChunkEndByte(HttpResponse_t *ctx, uint8_t b)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (b == (uint8_t)'\n') {
        ctx->line_cr = false;
        ctx->line_len = 0u;
        ctx->phase = HTTP_PHASE_CHUNK_SIZE;
    } else if ((b == (uint8_t)'\r') && (!ctx->line_cr)) {
        ctx->line_cr = true;
    } else {
        status = Fail(ctx, HTTP_RESPONSE_ERR_BAD_CHUNK_END);
    }
    return status;
}

static HttpResponseStatus_t Deliver(HttpResponse_t *ctx, const uint8_t *data, size_t len)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    if (len > (size_t)(HTTP_MAX_BODY - ctx->meta.body_len)) {
        status = Fail(ctx, HTTP_RESPONSE_ERR_BODY_TOO_LARGE);
    } else {
        ctx->meta.body_len += (uint32_t)len;
        bool accepted = true;
        if (ctx->sink != NULL) {
            accepted = ctx->sink(ctx->sink_ctx, &ctx->meta, data, len);
        }
        if (!accepted) {
            status = Fail(ctx, HTTP_RESPONSE_ERR_SINK);
        }
    }
    return status;
}

/* Body bytes of a Content-Length body or of one chunk. */
static HttpResponseStatus_t CountedBody(HttpResponse_t *ctx, const uint8_t *data, size_t len,
                                        size_t *used)
{
    const size_t n = (len < (size_t)ctx->remaining) ? len : (size_t)ctx->remaining;
    HttpResponseStatus_t status = Deliver(ctx, data, n);
    *used = n;
    if (status == HTTP_RESPONSE_OK) {
        ctx->remaining -= (uint32_t)n;
        if (ctx->remaining == 0u) {
            if (ctx->phase == HTTP_PHASE_BODY_LENGTH) {
                status = Complete(ctx);
            } else {
                ctx->phase = HTTP_PHASE_CHUNK_DATA_END;
            }
        }
    }
    return status;
}

/* Consumes at least one byte of data[0..len), len > 0. */
static HttpResponseStatus_t Step(HttpResponse_t *ctx, const uint8_t *data, size_t len, size_t *used)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    *used = 1u;
    switch (ctx->phase) {
    case HTTP_PHASE_BODY_LENGTH:
    case HTTP_PHASE_CHUNK_DATA:
        status = CountedBody(ctx, data, len, used);
        break;
    case HTTP_PHASE_BODY_UNTIL_CLOSE:
        status = Deliver(ctx, data, len);
        *used = len;
        break;
    case HTTP_PHASE_CHUNK_DATA_END:
        status = ChunkEndByte(ctx, data[0]);
        break;
    case HTTP_PHASE_STATUS_LINE:
    case HTTP_PHASE_HEADERS:
    case HTTP_PHASE_CHUNK_SIZE:
    case HTTP_PHASE_TRAILERS:
        status = LineByte(ctx, data[0]);
        break;
    case HTTP_PHASE_DONE:
    case HTTP_PHASE_FAILED:
    default:
        *used = 0u;
        status = Fail(ctx, HTTP_RESPONSE_ERR_ARG); /* Feed never steps a finished parser */
        break;
    }
    return status;
}

static bool IsValid(const HttpResponse_t *ctx)
{
    return (ctx != NULL) && (ctx->magic == HTTP_RESPONSE_MAGIC);
}

static HttpResponseStatus_t FinalStatus(const HttpResponse_t *ctx)
{
    return (ctx->phase == HTTP_PHASE_DONE) ? HTTP_RESPONSE_DONE : ctx->failure;
}

static bool FeedArgsValid(const HttpResponse_t *ctx, const uint8_t *data, size_t len, const size_t *consumed)
{
    return IsValid(ctx) && (consumed != NULL) && ((data != NULL) || (len == 0u));
}

HttpResponseStatus_t HttpResponse_Feed(HttpResponse_t *ctx, const uint8_t *data, size_t len,
                                       size_t *consumed)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_OK;
    size_t pos = 0u;
    if (!FeedArgsValid(ctx, data, len, consumed)) {
        status = HTTP_RESPONSE_ERR_ARG;
    } else if ((ctx->phase == HTTP_PHASE_DONE) || (ctx->phase == HTTP_PHASE_FAILED)) {
        status = FinalStatus(ctx);
    } else {
        ctx->started = ctx->started || (len > 0u);
        /* every step consumes at least one byte, so len steps suffice */
        for (size_t steps = 0u; (steps < len) && (pos < len) && (status == HTTP_RESPONSE_OK); steps++) {
            size_t used = 0u;
            status = Step(ctx, &data[pos], len - pos, &used);
            pos += used;
        }
    }
    if (consumed != NULL) {
        *consumed = pos;
    }
    return status;
}

HttpResponseStatus_t HttpResponse_Finish(HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_ERR_ARG;
    if (!IsValid(ctx)) {
        /* status stays ERR_ARG */
    } else if ((ctx->phase == HTTP_PHASE_DONE) || (ctx->phase == HTTP_PHASE_FAILED)) {
        status = FinalStatus(ctx);
    } else if (ctx->phase == HTTP_PHASE_BODY_UNTIL_CLOSE) {
        status = Complete(ctx);
    } else {
        status = Fail(ctx, HTTP_RESPONSE_ERR_TRUNCATED);
    }
    return status;
}

HttpResponseStatus_t HttpResponse_Status(const HttpResponse_t *ctx)
{
    HttpResponseStatus_t status = HTTP_RESPONSE_ERR_ARG;
    if (IsValid(ctx)) {
        status = ((ctx->phase == HTTP_PHASE_DONE) || (ctx->phase == HTTP_PHASE_FAILED)) ? FinalStatus(ctx)
                                                                                        : HTTP_RESPONSE_OK;
    }
    return status;
}

const HttpResponseMeta_t *HttpResponse_Meta(const HttpResponse_t *ctx)
{
    return (ctx != NULL) ? &ctx->meta : NULL;
}

bool HttpResponse_IsReusable(const HttpResponse_t *ctx)
{
    return IsValid(ctx) && (ctx->phase == HTTP_PHASE_DONE) && ctx->meta.keep_alive;
}

const char *HttpResponse_StatusName(HttpResponseStatus_t status)
{
    static const char *const names[HTTP_RESPONSE_STATUS_COUNT] = {
        "ok",
        "done",
        "bad argument",
        "bad status line",
        "header line too long",
        "header section too large",
        "chunk-size line too long",
        "bad header",
        "bad content-length",
        "content-length with transfer-encoding",
        "unsupported transfer-encoding",
        "bad chunk size",
        "bad chunk end",
        "body too large",
        "truncated",
        "body refused",
    };
    const char *name = "unknown http response status";
    if (((uint32_t)status) < (uint32_t)HTTP_RESPONSE_STATUS_COUNT) {
        name = names[status];
    }
    return name;
}

bool HttpResponse_HasStarted(const HttpResponse_t *ctx)
{
    return IsValid(ctx) && ctx->started;
}
