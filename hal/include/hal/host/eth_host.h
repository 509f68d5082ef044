/* Test controls of the host Ethernet fake (host builds only). */
#ifndef HAL_HOST_ETH_HOST_H
#define HAL_HOST_ETH_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Forget frames, statistics and failures; link up, controller present. */
void EthHost_Reset(void);
void EthHost_SetLink(bool up);
void EthHost_SetPresent(bool present);
/* Queue a received frame (copied); false when the fake's queue is full or len is invalid. */
bool EthHost_Inject(const uint8_t *frame, size_t length);
/* Frames sent since reset, and a copy of the last one (returns its length). */
uint32_t EthHost_SentCount(void);
size_t EthHost_LastSent(uint8_t *buffer, size_t capacity);

#endif /* HAL_HOST_ETH_HOST_H */
