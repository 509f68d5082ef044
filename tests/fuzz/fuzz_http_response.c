/*
 * libFuzzer harness for net/http/http_response.
 *
 * Input: 8 bytes of split pattern, then the response bytes. The response is parsed twice:
 * once in pieces whose lengths come from the pattern (each piece copied into its own heap
 * block of exactly that size, so ASan sees any read past it), once in one piece. Checked:
 * consumed <= piece length; body bytes only from inside the current piece; body length never
 * above HTTP_MAX_BODY and equal to what the sink saw; both runs agree on status, consumed
 * bytes, body length and body content (split independence); a finished parser stays finished;
 * the header section never counts past HTTP_MAX_HEADER_BYTES and every status has a name.
 * A seed of 66 KB (endless_header_over_cap) lifts libFuzzer's max_len past that cap.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/http/http_response.h"

#define PATTERN_LEN 8u

typedef struct {
    const uint8_t *piece;
    size_t piece_len;
    size_t delivered;
    uint64_t hash;
} FuzzSink_t;

typedef struct {
    HttpResponseStatus_t status;
    HttpResponseStatus_t finish;
    size_t consumed;
    size_t delivered;
    uint64_t hash;
    uint32_t body_len;
    bool reusable;
} FuzzRun_t;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool Check(bool condition)
{
    if (!condition) {
        abort();
    }
    return condition;
}

static bool FuzzSink(void *sink_ctx, const HttpResponseMeta_t *meta, const uint8_t *data, size_t len)
{
    FuzzSink_t *s = (FuzzSink_t *)sink_ctx;
    const uintptr_t lo = (uintptr_t)s->piece;
    const uintptr_t at = (uintptr_t)data;
    (void)Check((len > 0u) && (at >= lo) && ((at + len) <= (lo + s->piece_len)));
    (void)Check((meta->status_code >= 200u) && (meta->status_code <= 599u));
    s->delivered += len;
    (void)Check(meta->body_len == s->delivered);
    (void)Check(meta->body_len <= HTTP_MAX_BODY);
    for (size_t i = 0u; i < len; i++) {
        s->hash = (s->hash ^ data[i]) * 1099511628211u;
    }
    return true;
}

/* Feeds msg in pieces (pattern has a non-zero entry, so every 8 pieces advance), or whole
 * when pattern is NULL. */
static FuzzRun_t Parse(const uint8_t *pattern, const uint8_t *msg, size_t len)
{
    static HttpResponse_t resp;
    FuzzSink_t sink = { NULL, 0u, 0u, 14695981039346656037u };
    FuzzRun_t run = { HTTP_RESPONSE_OK, HTTP_RESPONSE_OK, 0u, 0u, 0u, 0u, false };
    HttpResponse_Init(&resp, FuzzSink, &sink);
    size_t pos = 0u;
    size_t k = 0u;
    bool go = true;
    while (go && (pos < len)) {
        size_t n = len - pos;
        if (pattern != NULL) {
            const size_t want = (size_t)pattern[k % PATTERN_LEN];
            n = (want < n) ? want : n; /* 0 feeds an empty piece */
            k++;
        }
        uint8_t *piece = (uint8_t *)malloc((n > 0u) ? n : 1u);
        (void)Check(piece != NULL);
        memcpy(piece, &msg[pos], n);
        sink.piece = piece;
        sink.piece_len = n;
        size_t used = 0u;
        run.status = HttpResponse_Feed(&resp, piece, n, &used);
        free(piece);
        (void)Check(used <= n);
        run.consumed += used;
        pos += n;
        go = (run.status == HTTP_RESPONSE_OK);
        (void)Check(go || (HttpResponse_Status(&resp) == run.status));
        (void)Check((!go) || (used == n));
    }
    (void)Check(resp.header_bytes <= HTTP_MAX_HEADER_BYTES);
    (void)Check(HttpResponse_StatusName(run.status)[0] != '\0');
    run.finish = HttpResponse_Finish(&resp);
    if (run.status != HTTP_RESPONSE_OK) {
        (void)Check(run.finish == run.status);
        size_t used = 1u;
        (void)Check(HttpResponse_Feed(&resp, msg, len, &used) == run.status);
        (void)Check(used == 0u);
    }
    run.delivered = sink.delivered;
    run.hash = sink.hash;
    run.body_len = HttpResponse_Meta(&resp)->body_len;
    run.reusable = HttpResponse_IsReusable(&resp);
    (void)Check(run.body_len == run.delivered);
    (void)Check(run.body_len <= HTTP_MAX_BODY);
    (void)Check(run.consumed <= len);
    (void)Check((!run.reusable) || (run.finish == HTTP_RESPONSE_DONE));
    return run;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= PATTERN_LEN) {
        uint8_t pattern[PATTERN_LEN];
        bool any = false;
        for (size_t i = 0u; i < PATTERN_LEN; i++) {
            pattern[i] = (uint8_t)(data[i] & 0x3Fu);
            any = any || (pattern[i] != 0u);
        }
        if (!any) {
            pattern[0] = 1u;
        }
        const uint8_t *msg = &data[PATTERN_LEN];
        const size_t len = size - PATTERN_LEN;
        const FuzzRun_t split = Parse(pattern, msg, len);
        const FuzzRun_t whole = Parse(NULL, msg, len);
        (void)Check(split.status == whole.status);
        (void)Check(split.finish == whole.finish);
        (void)Check(split.consumed == whole.consumed);
        (void)Check(split.body_len == whole.body_len);
        (void)Check(split.hash == whole.hash);
        (void)Check(split.reusable == whole.reusable);
    }
    return 0;
}
