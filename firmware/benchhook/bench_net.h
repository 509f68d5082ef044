/*
 * bench_net: what the network hooks share. Owns the TLS client of the bench run (anchors,
 * host name and seed from the provisioned configuration) and a timed wrapper of its
 * transport that counts the ticks spent inside lwIP and waiting for the peer, so a caller
 * can subtract them and keep the instructions of the operation itself.
 */
#ifndef BENCH_NET_H
#define BENCH_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "firmware/config/config.h"
#include "net/tls/tls_client.h"

/* Network up (DHCP/static, SNTP time set) and the TLS client initialised. */
bool BenchNet_Start(const ConfigData_t *config);
TlsClient_t *BenchNet_Tls(void);
/* Route the TLS client's current transport through the timed wrapper (idempotent). */
void BenchNet_TimeTransport(TlsClient_t *tls);
/* Ticks spent in the wrapped transport since the last reset. */
uint32_t BenchNet_IoTicks(void);
void BenchNet_ResetIoTicks(void);

#endif /* BENCH_NET_H */
