/* bench_out: report lines and the end of a bench run. */
#include "firmware/benchhook/bench_out.h"

#include "firmware/log/log.h"
#include "hal/system.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

void BenchOut_Figure(const char *key, uint32_t value)
{
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "bench");
    Log_Str(&line, key);
    Log_Str(&line, " ");
    Log_Uint(&line, value);
    Log_End(&line);
}

void BenchOut_Note(const char *text)
{
    Log_Message(LOG_LEVEL_INFO, "bench", text);
}

void BenchOut_Finish(BenchhookStatus_t status)
{
    BenchOut_Figure("status", (uint32_t)status);
    System_TestExit((status == BENCHHOOK_OK) ? SYSTEM_EXIT_OK : SYSTEM_EXIT_FAILURE);
}
