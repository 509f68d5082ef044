/* Benchmark hooks: command dispatch (see benchhook.h). */
#include "firmware/benchhook/benchhook.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "firmware/benchhook/bench_agent.h"
#include "firmware/benchhook/bench_out.h"
#include "firmware/benchhook/bench_parse.h"
#include "firmware/benchhook/bench_poll.h"
#include "firmware/benchhook/bench_tls.h"
#include "firmware/benchhook/benchhook_config.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

#define AGENT_PREFIX     "bench agent "
#define AGENT_PREFIX_LEN 12u
#define COUNT_DIGITS_MAX 3u

/* Decimal count after the prefix; 0 if absent or malformed. */
static uint32_t parse_count(const char *text)
{
    uint32_t value = 0u;
    size_t i = 0u;
    while ((i < COUNT_DIGITS_MAX) && (text[i] >= '0') && (text[i] <= '9'))
    {
        value = (value * 10u) + ((uint32_t)text[i] - (uint32_t)'0');
        i++;
    }
    return ((i > 0u) && (text[i] == '\0')) ? value : 0u;
}

bool Benchhook_Run(const char *command)
{
    BenchhookStatus_t status = BENCHHOOK_NOT_BENCH;
    if (strcmp(command, "bench parse") == 0)
    {
        status = BenchParse_Run();
    }
    else if (strcmp(command, "bench tls") == 0)
    {
        status = BenchTls_Run();
    }
    else if (strcmp(command, "bench poll") == 0)
    {
        status = BenchPoll_Run();
    }
    else if (strncmp(command, AGENT_PREFIX, AGENT_PREFIX_LEN) == 0)
    {
        status = BenchAgent_Run(parse_count(&command[AGENT_PREFIX_LEN]));
    }
    else
    {
        /* not ours */
    }
    if (status != BENCHHOOK_NOT_BENCH)
    {
        BenchOut_Finish(status);
    }
    return status != BENCHHOOK_NOT_BENCH;
}
