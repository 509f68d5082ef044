/*
 * bench_poll: `bench poll`. Polls the first configured watch with the firmware's own stack
 * (ForgeClient over HttpClient over HttpsTransport over the bench TLS client) for
 * BENCH_POLL_ROUNDS rounds back to back. The first round connects; from the second on the
 * TLS transport is timed, so each round's instructions are its ticks minus the ticks spent
 * in lwIP and waiting for the peer. Reports per round: ticks, transport ticks, pages,
 * requests, page size, status, and the handshake counts.
 */
#ifndef BENCH_POLL_H
#define BENCH_POLL_H

#include "firmware/benchhook/benchhook.h"

BenchhookStatus_t BenchPoll_Run(void);

#endif /* BENCH_POLL_H */
