/* Limits of the benchmark hooks (test builds only); a board may override any of them. */
#ifndef BENCHHOOK_CONFIG_H
#define BENCHHOOK_CONFIG_H

#include "board_config.h"

/* Where the host's QEMU loader puts the page for `bench parse`: "FLPG", u32 LE length, body
 * (mps2-an385 PSRAM, untouched by the firmware). */
#ifndef BENCH_PAGE_ADDR
#define BENCH_PAGE_ADDR         0x21000000u
#endif
#ifndef BENCH_PAGE_MAGIC
#define BENCH_PAGE_MAGIC        0x47504C46u /* "FLPG" little-endian */
#endif
#ifndef BENCH_PAGE_MAX
#define BENCH_PAGE_MAX          16384u
#endif
/* Tokens for bare jsmn in the parse benchmark: a 30-record page from the mock needs 593 (the page parser needs none). */
#ifndef BENCH_PARSE_TOKENS
#define BENCH_PARSE_TOKENS      640u
#endif
/* `bench agent N`: at most this many rounds (63 at a 60 s poll interval cover a virtual hour
 * of steady state), and a step bound for the whole run (the 1 ms tick wakes the loop: about
 * 1000 steps per virtual second). */
#ifndef BENCH_AGENT_MAX_ROUNDS
#define BENCH_AGENT_MAX_ROUNDS  80u
#endif
#ifndef BENCH_AGENT_MAX_STEPS
#define BENCH_AGENT_MAX_STEPS   10000000u
#endif
/* `bench tls`: network bring-up and connection timeouts. */
#ifndef BENCH_NET_TIMEOUT_MS
#define BENCH_NET_TIMEOUT_MS    30000u
#endif
#ifndef BENCH_CONNECT_TIMEOUT_MS
#define BENCH_CONNECT_TIMEOUT_MS 30000u
#endif
#ifndef BENCH_API_PORT
#define BENCH_API_PORT          443u
#endif
/* `bench tls`: this many full handshakes (session forgotten before each), then as many
 * resumed ones; the host reports the median and the minimum of each. */
#ifndef BENCH_TLS_REPEATS
#define BENCH_TLS_REPEATS       5u
#endif

/* `bench poll`: rounds back to back (the first connects, the other 6 are steady state; the
 * host reports their median and minimum). */
#ifndef BENCH_POLL_ROUNDS
#define BENCH_POLL_ROUNDS       7u
#endif

#endif /* BENCHHOOK_CONFIG_H */
