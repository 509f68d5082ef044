/*
 * Host harness for parse_overhead_vs_jsmn (run under valgrind --tool=callgrind by
 * measure_parse_host.py): reads one body from a file and runs either our page parser
 * (`forge`: ForgePage_Parse, the one-pass streaming parser fed the whole body as one chunk)
 * or bare jsmn over the whole body (`jsmn`) once,
 * inside a named function that callgrind's --toggle-collect counts. Exit 0 only if the parse
 * succeeded.
 */
#include <stdio.h>
#include <string.h>

#include "firmware/forge/forge_page.h"
#include "tests/bench/parse_jsmn.h"

#define HARNESS_BODY_MAX   65536u
#define HARNESS_TOKENS     1024u /* bare jsmn over a 30-record page needs 593 */

static char g_body[HARNESS_BODY_MAX];
static jsmntok_t g_tokens[HARNESS_TOKENS];
static size_t g_records;

static void count_record(void *context, const ForgeRecord_t *record)
{
    (void)context;
    (void)record;
    g_records++;
}

__attribute__((noinline)) int bench_forge_page(const char *body, size_t len);
__attribute__((noinline)) int bench_forge_page(const char *body, size_t len)
{
    static ForgePageWork_t work;
    ForgePageMeta_t meta;
    return (int)ForgePage_Parse(body, len, &work, count_record, NULL, &meta);
}

__attribute__((noinline)) int bench_jsmn_parse(const char *body, size_t len);
__attribute__((noinline)) int bench_jsmn_parse(const char *body, size_t len)
{
    return (int)ParseJsmn_Tokenize(body, len, g_tokens, HARNESS_TOKENS);
}

int main(int argc, char **argv)
{
    int rc = 2;
    FILE *file = (argc == 3) ? fopen(argv[2], "rb") : NULL;
    if (file != NULL) {
        const size_t len = fread(g_body, 1u, sizeof g_body, file);
        (void)fclose(file);
        if (strcmp(argv[1], "forge") == 0) {
            const int status = bench_forge_page(g_body, len);
            printf("forge status %d records %zu bytes %zu\n", status, g_records, len);
            rc = ((status == 0) && (g_records > 0u)) ? 0 : 1;
        } else {
            const int tokens = bench_jsmn_parse(g_body, len);
            printf("jsmn tokens %d bytes %zu\n", tokens, len);
            rc = (tokens > 0) ? 0 : 1;
        }
    }
    return rc;
}
