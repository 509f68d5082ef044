/*
 * libFuzzer harness for firmware/forge/forge_page (and forge_json underneath).
 * Invariants checked on every input:
 *   - a record is delivered only when the parse returns FORGE_PAGE_OK, and exactly
 *     meta.record_count of them;
 *   - every delivered string is NUL-terminated inside its buffer and is valid UTF-8;
 *   - the cursor is NUL-terminated, its length matches, and is empty on error.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/forge/forge_page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jsmntok_t g_pool[FORGE_TOKEN_POOL_SIZE];
static ForgePageWork_t g_work;
static size_t g_delivered;

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
}

static void OnRecord(void *context, const ForgeRecord_t *record)
{
    (void)context;
    g_delivered++;
    CheckText(record->command, sizeof record->command);
    CheckText(record->user, sizeof record->user);
    CheckText(record->directory, sizeof record->directory);
    CheckText(record->status_text, sizeof record->status_text);
    if ((record->status >= FORGE_STATUS_COUNT) || ((record->present & 0xC0u) != 0u) ||
        ((record->truncated & ~record->present) != 0u)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ForgePageMeta_t meta;
    g_delivered = 0u;
    g_work.tokens = g_pool;
    g_work.token_count = FORGE_TOKEN_POOL_SIZE;
    ForgePageStatus_t status =
        ForgePage_Parse((const char *)data, size, &g_work, OnRecord, NULL, &meta);
    CheckText(meta.next_cursor, sizeof meta.next_cursor);
    if (meta.next_cursor_len != strlen(meta.next_cursor)) {
        abort();
    }
    if ((status != FORGE_PAGE_OK) &&
        ((g_delivered != 0u) || meta.has_next || (meta.next_cursor_len != 0u))) {
        abort();
    }
    if ((status == FORGE_PAGE_OK) && (g_delivered != meta.record_count)) {
        abort();
    }
    return 0;
}
