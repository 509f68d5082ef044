/*
 * TLS random generator: CTR_DRBG (AES-256) seeded from the per-device seed (configuration)
 * and the board's entropy source (hal/entropy.h). On a board without a hardware RNG the
 * board source is jitter only and registered as weak; the device seed is the strong source.
 * Owns: the entropy and DRBG contexts inside a caller-owned TlsRng_t.
 * Promises: refuses a blank seed (all bytes equal, e.g. erased flash); every reseed mixes
 * fresh board entropy and the caller's additional input (wall time, cycle counter).
 */
#ifndef NET_TLS_TLS_RNG_H
#define NET_TLS_TLS_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/tls/tls_config.h"
#include "net/tls/tls_mbedtls.h"

typedef struct
{
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    uint8_t seed[TLS_DEVICE_SEED_SIZE];
    bool ready;
} TlsRng_t;

/* 0 on success, else the mbedTLS error (MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED for a
 * missing or blank seed). */
int TlsRng_Init(TlsRng_t *rng, const uint8_t *seed, size_t seed_length);

/* Reseed with fresh entropy plus additional input; 0 or the mbedTLS error. */
int TlsRng_Reseed(TlsRng_t *rng, const uint8_t *additional, size_t length);

/* mbedTLS f_rng callback; context is the TlsRng_t. */
int TlsRng_Random(void *context, unsigned char *output, size_t length);

void TlsRng_Free(TlsRng_t *rng);

#endif /* NET_TLS_TLS_RNG_H */
