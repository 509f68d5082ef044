/*
 * bench_parse: `bench parse`. Copies the page the host loaded at BENCH_PAGE_ADDR into RAM,
 * times ForgePage_Parse (the one-pass page parser fed the page as one chunk) and then bare jsmn (BENCH_PARSE_TOKENS tokens) over the same bytes,
 * and reports ticks, bytes, records and tokens.
 */
#ifndef BENCH_PARSE_H
#define BENCH_PARSE_H

#include "firmware/benchhook/benchhook.h"

BenchhookStatus_t BenchParse_Run(void);

#endif /* BENCH_PARSE_H */
