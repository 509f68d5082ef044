/*
 * Entropy: raw bytes from the board's entropy source for seeding a DRBG.
 * Owns: the hardware RNG where a board has one. On boards without one (mps2-an385) it returns
 * timing jitter only and says so (ENTROPY_WEAK): the caller must mix in a per-device seed
 * from configuration. Promises: never blocks longer than HAL_ENTROPY_MAX_SPINS.
 */
#ifndef HAL_ENTROPY_H
#define HAL_ENTROPY_H

#include <stddef.h>
#include <stdint.h>

typedef enum
{
    ENTROPY_OK = 0,     /* full-entropy bytes from a hardware RNG */
    ENTROPY_WEAK,       /* jitter only: must be combined with a device seed */
    ENTROPY_FAILED
} EntropyStatus_t;

EntropyStatus_t Entropy_Read(uint8_t *output, size_t length);

#endif /* HAL_ENTROPY_H */
