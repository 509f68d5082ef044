/*
 * libFuzzer harness for firmware/forge/forge_page (its own one-pass tokenizer).
 * Input: byte 0 chooses how the body is cut into chunks (sizes of 1..(byte % 64) + 1 drawn
 * from a small generator seeded by it: 0 and 64 feed one byte at a time); the rest is the body.
 * The body is parsed twice: in one piece (ForgePage_Parse) and streamed in those chunks.
 * Invariants checked on every input:
 *   - both give the same status, the same records in the same order and the same meta;
 *   - the status is a ForgePageStatus_t; pages of any length: the first KEEP records are
 *     compared field by field, every record by a digest of its fields;
 *   - on success exactly meta.record_count records were delivered, the tolerated count is the
 *     same both ways; on error meta is cleared;
 *   - every delivered string (id included) is NUL-terminated inside its buffer and is valid
 *     UTF-8 without control bytes; truncated/present bits are consistent;
 *   - the cursor is NUL-terminated and its length matches.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/forge/forge_page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define KEEP 64u

typedef struct {
    ForgeRecord_t records[KEEP];
    size_t count;
    uint32_t digest;
    ForgePageMeta_t meta;
    ForgePageStatus_t status;
} Result_t;

static ForgePageWork_t g_work;
static Result_t g_whole;
static Result_t g_chunked;

static bool IsUtf8(const char *text, size_t len)
{
    size_t i = 0u;
    bool ok = true;
    while (ok && (i < len)) {
        uint8_t lead = (uint8_t)text[i];
        size_t n = (lead < 0x80u) ? 1u : ((lead >> 5u) == 6u) ? 2u
                                       : ((lead >> 4u) == 14u) ? 3u
                                       : ((lead >> 3u) == 30u) ? 4u : 0u;
        ok = (n > 0u) && ((i + n) <= len);
        for (size_t k = 1u; ok && (k < n); k++) {
            ok = (((uint8_t)text[i + k]) & 0xC0u) == 0x80u;
        }
        i += n;
    }
    return ok;
}

static void CheckText(const char *buf, size_t size)
{
    const char *nul = memchr(buf, '\0', size);
    if ((nul == NULL) || !IsUtf8(buf, (size_t)(nul - buf))) {
        abort();
    }
    for (const char *p = buf; p < nul; p++) {
        if ((uint8_t)*p < 0x20u) {
            abort(); /* escaped control characters are replaced */
        }
    }
}

static uint32_t Mix(uint32_t h, const void *bytes, size_t n)
{
    const uint8_t *b = bytes;
    for (size_t i = 0u; i < n; i++) {
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

static uint32_t Digest(uint32_t h, const ForgeRecord_t *r)
{
    h = Mix(h, r->id, strlen(r->id));
    h = Mix(h, r->command, strlen(r->command) + 1u);
    h = Mix(h, r->user, strlen(r->user) + 1u);
    h = Mix(h, r->directory, strlen(r->directory) + 1u);
    h = Mix(h, r->status_text, strlen(r->status_text) + 1u);
    h = Mix(h, &r->created_at, sizeof r->created_at);
    h = Mix(h, &r->processes, sizeof r->processes);
    h = Mix(h, &r->present, sizeof r->present);
    h = Mix(h, &r->truncated, sizeof r->truncated);
    return Mix(h, &r->status, sizeof r->status);
}

static void OnRecord(void *context, const ForgeRecord_t *record)
{
    Result_t *result = context;
    CheckText(record->command, sizeof record->command);
    CheckText(record->user, sizeof record->user);
    CheckText(record->directory, sizeof record->directory);
    CheckText(record->status_text, sizeof record->status_text);
    CheckText(record->id, sizeof record->id);
    if ((record->status >= FORGE_STATUS_COUNT) || ((record->present & 0x80u) != 0u) ||
        ((record->truncated & ~record->present) != 0u) ||
        (((record->present & FORGE_FIELD_PROCESSES) == 0u) && (record->processes != 0u)) ||
        (((record->present & FORGE_FIELD_CREATED_AT) == 0u) && (record->created_at != 0u))) {
        abort();
    }
    if (result->count < KEEP) {
        result->records[result->count] = *record;
    }
    result->digest = Digest(result->digest, record);
    result->count++;
}

static void CheckResult(const Result_t *result)
{
    const ForgePageMeta_t *meta = &result->meta;
    CheckText(meta->next_cursor, sizeof meta->next_cursor);
    if ((meta->next_cursor_len != strlen(meta->next_cursor)) ||
        ((unsigned)result->status >= (unsigned)FORGE_PAGE_STATUS_COUNT)) {
        abort();
    }
    if ((result->status != FORGE_PAGE_OK) &&
        (meta->has_next || (meta->next_cursor_len != 0u) || (meta->record_count != 0u) ||
         (meta->tolerated != 0u))) {
        abort();
    }
    if ((result->status == FORGE_PAGE_OK) &&
        ((result->count != meta->record_count) || (meta->has_next != (meta->next_cursor_len > 0u)))) {
        abort();
    }
}

static bool SameRecord(const ForgeRecord_t *a, const ForgeRecord_t *b)
{
    return (strcmp(a->id, b->id) == 0) && (a->created_at == b->created_at) && (a->processes == b->processes) &&
           (a->present == b->present) && (a->truncated == b->truncated) && (a->status == b->status) &&
           (strcmp(a->command, b->command) == 0) && (strcmp(a->user, b->user) == 0) &&
           (strcmp(a->directory, b->directory) == 0) && (strcmp(a->status_text, b->status_text) == 0);
}

static void CheckSame(const Result_t *a, const Result_t *b)
{
    bool same = (a->status == b->status) && (a->count == b->count) && (a->digest == b->digest) &&
                (a->meta.tolerated == b->meta.tolerated) &&
                (a->meta.has_next == b->meta.has_next) &&
                (a->meta.record_count == b->meta.record_count) &&
                (a->meta.next_cursor_len == b->meta.next_cursor_len) &&
                (strcmp(a->meta.next_cursor, b->meta.next_cursor) == 0);
    for (size_t i = 0u; same && (i < a->count) && (i < KEEP); i++) {
        same = SameRecord(&a->records[i], &b->records[i]);
    }
    if (!same) {
        abort();
    }
}

static void ParseWhole(const char *body, size_t len)
{
    g_whole.count = 0u;
    g_whole.digest = 2166136261u;
    g_whole.status = ForgePage_Parse(body, len, &g_work, OnRecord, &g_whole, &g_whole.meta);
}

static void ParseChunked(const char *body, size_t len, uint8_t seed)
{
    uint32_t state = 0x9E3779B9u ^ seed;
    const size_t max_chunk = ((size_t)seed % 64u) + 1u;
    g_chunked.count = 0u;
    g_chunked.digest = 2166136261u;
    if (ForgePage_Begin(&g_work, OnRecord, &g_chunked) != FORGE_PAGE_OK) {
        abort();
    }
    size_t pos = 0u;
    while (pos < len) {
        state ^= state << 13u;
        state ^= state >> 17u;
        state ^= state << 5u;
        size_t n = 1u + ((size_t)state % max_chunk);
        if (n > (len - pos)) {
            n = len - pos;
        }
        ForgePageStatus_t status = ForgePage_Feed(&g_work, &body[pos], n);
        if ((status != FORGE_PAGE_OK) && ((state & 1u) != 0u)) {
            break; /* stopping after an error or feeding on must not matter */
        }
        pos += n;
    }
    g_chunked.status = ForgePage_End(&g_work, &g_chunked.meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0u) {
        const char *body = (const char *)&data[1];
        const size_t len = size - 1u;
        ParseWhole(body, len);
        CheckResult(&g_whole);
        ParseChunked(body, len, data[0]);
        CheckResult(&g_chunked);
        CheckSame(&g_whole, &g_chunked);
    }
    return 0;
}
