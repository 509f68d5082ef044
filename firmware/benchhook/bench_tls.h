/*
 * bench_tls: `bench tls`. Brings the network up from the provisioned configuration (DHCP,
 * SNTP), resolves the API host once, then opens connections to it over net/tcp + net/tls:
 * BENCH_TLS_REPEATS full handshakes (session forgotten first), then as many resumed ones.
 * Reports the TCP connect and TLS handshake ticks of each, the part of the handshake spent in
 * the transport (lwIP and waiting for the peer), and the arena peak of the full ones.
 */
#ifndef BENCH_TLS_H
#define BENCH_TLS_H

#include "firmware/benchhook/benchhook.h"

BenchhookStatus_t BenchTls_Run(void);

#endif /* BENCH_TLS_H */
