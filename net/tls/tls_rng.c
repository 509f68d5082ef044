/* Entropy sources and CTR_DRBG for the TLS client. */
#include "net/tls/tls_rng.h"

#include <string.h>

#include "hal/entropy.h"
#include "mbedtls/platform_util.h"

/* Personalization string: separates this DRBG from any other user of the same seed. */

static bool TlsRng_SeedIsBlank(const uint8_t *seed, size_t length)
{
    bool blank = true;
    for (size_t i = 1u; i < length; i++)
    {
        if (seed[i] != seed[0])
        {
            blank = false;
            break;
        }
    }
    return blank;
}

/* Strong source: the per-device seed from configuration. */
static int TlsRng_SeedSource(void *data, unsigned char *output, size_t length, size_t *olen)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS entropy source, context registered in TlsRng_AddSources */
    const TlsRng_t *rng = (const TlsRng_t *)data;
    const size_t n = (length < sizeof(rng->seed)) ? length : sizeof(rng->seed);
    (void)memcpy(output, rng->seed, n);
    *olen = n;
    return 0;
}

/* Board source: hardware RNG (strong) or timing jitter (weak), see hal/entropy.h. */
static int TlsRng_BoardSource(void *data, unsigned char *output, size_t length, size_t *olen)
{
    int result = 0;
    const size_t n = (length < TLS_BOARD_ENTROPY_CHUNK) ? length : TLS_BOARD_ENTROPY_CHUNK;
    (void)data;
    if (Entropy_Read(output, n) == ENTROPY_FAILED)
    {
        *olen = 0u;
        result = MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    else
    {
        *olen = n;
    }
    return result;
}

static int TlsRng_AddSources(TlsRng_t *rng)
{
    uint8_t probe[1];
    const EntropyStatus_t board = Entropy_Read(probe, sizeof(probe));
    int strength = MBEDTLS_ENTROPY_SOURCE_WEAK;
    int result = MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    if (board == ENTROPY_OK)
    {
        strength = MBEDTLS_ENTROPY_SOURCE_STRONG; /* a hardware RNG */
    }
    if (board != ENTROPY_FAILED)
    {
        result = mbedtls_entropy_add_source(&rng->entropy, &TlsRng_SeedSource, rng,
                                            TLS_DEVICE_SEED_SIZE, MBEDTLS_ENTROPY_SOURCE_STRONG);
    }
    if (result == 0)
    {
        result = mbedtls_entropy_add_source(&rng->entropy, &TlsRng_BoardSource, NULL,
                                            TLS_BOARD_ENTROPY_CHUNK, strength);
    }
    mbedtls_platform_zeroize(probe, sizeof(probe));
    return result;
}

int TlsRng_Init(TlsRng_t *rng, const uint8_t *seed, size_t seed_length)
{
    int result = MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED;
    /* Personalization string: separates this DRBG from any other user of the same seed. */
    static const unsigned char k_personalization[] = "forgelight tls drbg v1";
    if ((rng != NULL) && (seed != NULL) && (seed_length == TLS_DEVICE_SEED_SIZE))
    {
        if (!TlsRng_SeedIsBlank(seed, seed_length))
        {
            (void)memcpy(rng->seed, seed, seed_length);
            mbedtls_entropy_init(&rng->entropy);
            mbedtls_ctr_drbg_init(&rng->drbg);
            result = TlsRng_AddSources(rng);
            if (result == 0)
            {
                result = mbedtls_ctr_drbg_seed(&rng->drbg, &mbedtls_entropy_func, &rng->entropy,
                                               k_personalization, sizeof(k_personalization) - 1u);
            }
            rng->ready = (result == 0);
            if (!rng->ready)
            {
                TlsRng_Free(rng);
            }
        }
    }
    return result;
}

int TlsRng_Reseed(TlsRng_t *rng, const uint8_t *additional, size_t length)
{
    int result = MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
    if ((rng != NULL) && rng->ready)
    {
        result = mbedtls_ctr_drbg_reseed(&rng->drbg, additional, length);
    }
    return result;
}

int TlsRng_Random(void *context, unsigned char *output, size_t length)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS RNG callback, context registered in TlsClient_Configure */
    TlsRng_t *rng = (TlsRng_t *)context;
    int result = MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
    if ((rng != NULL) && rng->ready)
    {
        result = mbedtls_ctr_drbg_random(&rng->drbg, output, length);
    }
    return result;
}

void TlsRng_Free(TlsRng_t *rng)
{
    if (rng != NULL)
    {
        mbedtls_ctr_drbg_free(&rng->drbg);
        mbedtls_entropy_free(&rng->entropy);
        mbedtls_platform_zeroize(rng->seed, sizeof(rng->seed));
        rng->ready = false;
    }
}
