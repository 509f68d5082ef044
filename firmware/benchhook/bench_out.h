/*
 * bench_out: the hooks' report lines (`bench: <key> <value>`, INFO level, tag "bench") and
 * the end of a bench run. Owns nothing; never logs configuration secrets.
 */
#ifndef BENCH_OUT_H
#define BENCH_OUT_H

#include <stdint.h>

#include "firmware/benchhook/benchhook.h"

void BenchOut_Figure(const char *key, uint32_t value);
void BenchOut_Note(const char *text);
/* Logs the outcome and ends the emulator run (exit 0 only for BENCHHOOK_OK). */
void BenchOut_Finish(BenchhookStatus_t status);

#endif /* BENCH_OUT_H */
