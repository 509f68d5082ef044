/* LAN9118 driver limits (mps2-an385). */
#ifndef ETH_LAN9118_CONFIG_H
#define ETH_LAN9118_CONFIG_H

#include "board_config.h"

/* Every wait on the controller ends after this many polls or this many ms, whichever first. */
#ifndef ETH_WAIT_MAX_SPINS
#define ETH_WAIT_MAX_SPINS      200000u
#endif
#ifndef ETH_RESET_TIMEOUT_MS
#define ETH_RESET_TIMEOUT_MS    100u
#endif
#ifndef ETH_CSR_TIMEOUT_MS
#define ETH_CSR_TIMEOUT_MS      10u
#endif
#ifndef ETH_TX_SPACE_TIMEOUT_MS
#define ETH_TX_SPACE_TIMEOUT_MS 20u
#endif
/* Frames drained per Eth_RxBegin call when skipping bad ones. */
#ifndef ETH_RX_SKIP_MAX
#define ETH_RX_SKIP_MAX         8u
#endif
/* NVIC priority of the Ethernet interrupt (upper bits used on Cortex-M3). */
#ifndef ETH_IRQ_PRIORITY
#define ETH_IRQ_PRIORITY        0x80u
#endif

#endif /* ETH_LAN9118_CONFIG_H */
