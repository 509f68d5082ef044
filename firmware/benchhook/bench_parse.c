/* bench_parse: `bench parse`, the Forge page parser and bare jsmn over a page in PSRAM. */
#include "firmware/benchhook/bench_parse.h"

#include <stdint.h>
#include <string.h>

#include "firmware/benchhook/bench_out.h"
#include "firmware/benchhook/benchhook_config.h"
#include "firmware/forge/forge_page.h"
#include "hal/clock.h"
#include "tests/bench/parse_jsmn.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

#define PAGE_HEADER_BYTES 8u
/* The page parser needs no tokens; bare jsmn gets BENCH_PARSE_TOKENS (the whole page). */

static char g_body[BENCH_PAGE_MAX];
static uint32_t g_records;

static void count_record(void *context, const ForgeRecord_t *record)
{
    (void)context;
    (void)record;
    g_records++;
}

/* Copies the loaded page into RAM (SSRAM, like the firmware's body buffer); 0 if absent. */
static size_t load_page(void)
{
    /* Test-only hook: the host's loader put the page at a fixed PSRAM address (rule 11.4
     * is deviated only for registers, DEV-001; this file is not in `make check`). */
    const volatile uint32_t *header = (const volatile uint32_t *)BENCH_PAGE_ADDR;
    const uint32_t magic = header[0];
    const uint32_t length = header[1];
    size_t loaded = 0u;
    if ((magic == BENCH_PAGE_MAGIC) && (length > 0u) && (length <= BENCH_PAGE_MAX))
    {
        const volatile uint8_t *bytes = (const volatile uint8_t *)(BENCH_PAGE_ADDR + PAGE_HEADER_BYTES);
        for (size_t i = 0u; i < (size_t)length; i++)
        {
            g_body[i] = (char)bytes[i];
        }
        loaded = (size_t)length;
    }
    return loaded;
}

BenchhookStatus_t BenchParse_Run(void)
{
    static ForgePageWork_t work;
    static jsmntok_t tokens[BENCH_PARSE_TOKENS];
    BenchhookStatus_t status = BENCHHOOK_ERR_INPUT;
    const size_t length = load_page();
    if (length > 0u)
    {
        ForgePageMeta_t meta;
        (void)memset(&meta, 0, sizeof meta);
        const uint32_t t0 = Clock_CycleCount();
        const ForgePageStatus_t page = ForgePage_Parse(g_body, length, &work, count_record, NULL, &meta);
        const uint32_t t1 = Clock_CycleCount();
        const int32_t token_total = ParseJsmn_Tokenize(g_body, length, tokens, BENCH_PARSE_TOKENS);
        const uint32_t t2 = Clock_CycleCount();
        BenchOut_Figure("parse_bytes", (uint32_t)length);
        BenchOut_Figure("parse_records", g_records);
        BenchOut_Figure("parse_page_status", (uint32_t)page);
        BenchOut_Figure("parse_forge_ticks", t1 - t0);
        BenchOut_Figure("parse_jsmn_tokens", (token_total > 0) ? (uint32_t)token_total : 0u);
        BenchOut_Figure("parse_jsmn_ticks", t2 - t1);
        status = ((page == FORGE_PAGE_OK) && (token_total > 0)) ? BENCHHOOK_OK : BENCHHOOK_ERR_RUN;
    }
    else
    {
        BenchOut_Note("no page at BENCH_PAGE_ADDR (load one with -device loader)");
    }
    return status;
}
