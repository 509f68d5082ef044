/*
 * Eth: raw Ethernet frames to and from the board's MAC/PHY. Knows nothing of IP or lwIP.
 * Owns: the Ethernet controller, its FIFOs, its interrupt and its statistics.
 * Promises: every wait on the hardware (reset, MAC/PHY register access, TX FIFO space) is
 * bounded and ends in ETH_TIMEOUT; frames are read one at a time, in pieces if the caller
 * wants (Eth_RxBegin, Eth_RxRead..., Eth_RxEnd) so they can land straight in a buffer chain;
 * the interrupt only records that something is pending (Eth_TakePending) and wakes the CPU.
 * Not reentrant: call from one context (the network poll loop).
 */
#ifndef HAL_ETH_H
#define HAL_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_MAC_LEN       6u
#define ETH_FRAME_MAX     1514u   /* destination .. payload, without the FCS */
#define ETH_FRAME_MIN     14u

typedef enum
{
    ETH_OK = 0,
    ETH_NO_FRAME,        /* nothing received */
    ETH_TIMEOUT,         /* the hardware did not answer within its bound */
    ETH_NO_DEVICE,       /* identification registers do not match */
    ETH_FRAME_ERROR,     /* received frame had an error and was dropped */
    ETH_TOO_LONG,        /* frame larger than ETH_FRAME_MAX */
    ETH_BAD_ARGUMENT,
    ETH_NOT_READY        /* Eth_Init has not succeeded */
} EthStatus_t;

/* One piece of a frame to send (a gather list of these makes the frame). */
typedef struct
{
    const uint8_t *data;
    size_t length;
} EthSegment_t;

typedef struct
{
    uint32_t rx_frames;
    uint32_t rx_bytes;
    uint32_t rx_errors;      /* frames the MAC flagged and we dropped */
    uint32_t rx_dropped;     /* frames dropped by the caller (Eth_RxEnd before the end) */
    uint32_t tx_frames;
    uint32_t tx_bytes;
    uint32_t tx_timeouts;    /* TX FIFO never had room */
    uint32_t irqs;
    uint32_t link_changes;
} EthStats_t;

/* Reset the controller, program mac, enable RX/TX and the receive interrupt. */
EthStatus_t Eth_Init(const uint8_t mac[ETH_MAC_LEN]);

/* The MAC address in use (from Eth_Init, or the controller's default before it). */
void Eth_GetMac(uint8_t mac[ETH_MAC_LEN]);

/* Current PHY link state (reads the PHY; bounded). */
bool Eth_LinkUp(void);

/* Send one frame made of count segments (total ETH_FRAME_MIN..ETH_FRAME_MAX bytes). */
EthStatus_t Eth_Send(const EthSegment_t *segments, size_t count);

/*
 * Start reading the next received frame: *length is its size without FCS. ETH_NO_FRAME when
 * nothing is waiting; ETH_FRAME_ERROR when the frame was bad (already discarded: call again).
 */
EthStatus_t Eth_RxBegin(size_t *length);

/* Copy the next length bytes of the current frame into dst (any split is allowed). */
EthStatus_t Eth_RxRead(uint8_t *dst, size_t length);

/* Finish the current frame, discarding whatever was not read. */
void Eth_RxEnd(void);

/* True once after each interrupt (clears the flag). */
bool Eth_TakePending(void);

void Eth_GetStats(EthStats_t *stats);

#endif /* HAL_ETH_H */
