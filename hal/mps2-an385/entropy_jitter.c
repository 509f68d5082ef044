/*
 * Entropy for mps2-an385, which has no hardware RNG: timing jitter of a short busy loop
 * measured with the fine counter (Clock_CycleCount). Always reported as ENTROPY_WEAK: under
 * QEMU with -icount the jitter can be zero, so callers mix in a per-device seed.
 */
#include "hal/entropy.h"

#include "board_config.h"
#include "hal/clock.h"

/* Timing samples folded into each output byte. */
#ifndef ENTROPY_JITTER_SAMPLES_PER_BYTE
#define ENTROPY_JITTER_SAMPLES_PER_BYTE 8u
#endif
/* Iterations of the busy loop between two samples; its length varies with bus and cache
 * timing and interrupts, which is the jitter. */
#ifndef HAL_ENTROPY_MAX_SPINS
#define HAL_ENTROPY_MAX_SPINS 64u
#endif

static uint32_t Entropy_Sample(uint32_t salt)
{
    volatile uint32_t sink = salt;
    const uint32_t start = Clock_CycleCount();
    for (uint32_t spin = 0u; spin < (HAL_ENTROPY_MAX_SPINS + (salt & 0x0Fu)); spin++)
    {
        sink = (sink * 1103515245u) + 12345u;
    }
    return (Clock_CycleCount() - start) ^ sink;
}

EntropyStatus_t Entropy_Read(uint8_t *output, size_t length)
{
    EntropyStatus_t status = ENTROPY_FAILED;
    if (output != NULL)
    {
        uint32_t pool = Clock_CycleCount();
        for (size_t i = 0u; i < length; i++)
        {
            for (uint32_t sample = 0u; sample < ENTROPY_JITTER_SAMPLES_PER_BYTE; sample++)
            {
                /* rotate-and-xor keeps every sample's low bits in the pool */
                pool = ((pool << 5u) | (pool >> 27u)) ^ Entropy_Sample(pool);
            }
            output[i] = (uint8_t)(pool ^ (pool >> 8u) ^ (pool >> 16u) ^ (pool >> 24u));
        }
        status = ENTROPY_WEAK;
    }
    return status;
}
