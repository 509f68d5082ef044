/*
 * bench_net: what the network hooks share. Owns the TLS client of the bench run (anchors,
 * host name and seed from the provisioned configuration). The hooks time operations with
 * Clock_CycleCount and subtract only System_IdleTicks (the core waiting in WFI): lwIP, the
 * driver and interrupt handlers count as the work they are.
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

#endif /* BENCH_NET_H */
