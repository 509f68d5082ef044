/*
 * The lwIP netif over hal/eth.h: frames go from the controller straight into PBUF_POOL chains
 * (no intermediate copy) and pbuf chains go out as a gather list.
 * Owns: nothing but the glue; the netif struct belongs to the caller (net/stack).
 * Promises: NetifEth_Poll handles at most NETIF_ETH_RX_BUDGET frames per call; a frame that
 * finds no pbuf is dropped and counted (lwIP link stats), never half-delivered.
 */
#ifndef NETIF_ETH_H
#define NETIF_ETH_H

#include <stdint.h>

#include "lwip/err.h"
#include "lwip/netif.h"

#ifndef NETIF_ETH_RX_BUDGET
#define NETIF_ETH_RX_BUDGET       8u
#endif
#ifndef NETIF_ETH_TX_SEGMENTS
#define NETIF_ETH_TX_SEGMENTS     8u
#endif

/* netif_add init callback: netif->state must point at the 6-byte MAC address. */
err_t NetifEth_Init(struct netif *netif);

/* Move received frames into lwIP; returns the number delivered. */
uint32_t NetifEth_Poll(struct netif *netif);

#endif /* NETIF_ETH_H */
