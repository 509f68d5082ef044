/*
 * mbedTLS 2.28 configuration for forgelight (MBEDTLS_CONFIG_FILE): a TLS 1.2 client and
 * nothing else. Replaces mbedtls/config.h entirely; every feature not named here is off.
 *
 * Offered: ECDHE-ECDSA and ECDHE-RSA with AES-128/256-GCM (SHA-256/384), curves P-256 then
 * P-384 (the order is set at run time by the client), X.509 from DER only, SNI, session id
 * and session ticket resumption, extended master secret, max_fragment_length.
 * Platform: heap = a static arena (memory_buffer_alloc), time and gmtime_r from our clock,
 * no platform entropy (sources are added by net/tls/tls_rng.c).
 * Left out on purpose: TLS 1.0/1.1, CBC, ChaCha20-Poly1305 (-3.5 KB; AES-GCM is what the
 * servers we talk to prefer), RSA key exchange (no forward secrecy), PEM/base64 (the trust
 * anchors come as DER), renegotiation, DTLS, server side, debug and error strings.
 */
#ifndef NET_TLS_MBEDTLS_CONFIG_H
#define NET_TLS_MBEDTLS_CONFIG_H

/* net/tls/tls_mbedtls.h checks that this file, not mbedtls/config.h, is in use. */
#define FL_MBEDTLS_CONFIG_IN_USE 1

/* ---- system support ---------------------------------------------------------------- */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* Keeps the arena's current and peak use (mbedtls_memory_buffer_alloc_cur_get/max_get). */
#define MBEDTLS_MEMORY_DEBUG
/* 8: every block suits uint64_t members (SHA-512 state) on 32- and 64-bit targets alike. */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8
/* No C library behind mbedTLS: every platform function is a pointer with a harmless
 * default (calloc fails, snprintf and fprintf print nothing) until we set it. This keeps
 * newlib's malloc, sbrk and stdio out of the image. <stdio.h> only for the FILE type in
 * MEMORY_DEBUG's (silent) diagnostics. */
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_STD_MEM_HDR <stdio.h>
#define MBEDTLS_PLATFORM_FPRINTF_ALT
#define MBEDTLS_PLATFORM_SNPRINTF_ALT
/* Heap corruption found by memory_buffer_alloc ends in our fault path (TlsArena_Init). */
#define MBEDTLS_PLATFORM_EXIT_ALT
/* Our wall clock (net/tls/tls_time.c sets the pointer; until then mbedTLS sees 1970). */
#define MBEDTLS_PLATFORM_TIME_ALT
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_DEPRECATED_REMOVED

/* ---- TLS --------------------------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
/* MBEDTLS_SSL_KEEP_PEER_CERTIFICATE stays off: a saved session keeps only the digest of
 * the peer certificate, so it costs less arena between connections. */

/* Many servers ignore max_fragment_length and send 16 KB records: IN must take them.
 * OUT carries only our requests: a GET with a ~1 KB token goes out as two records, which
 * costs nothing measurable and keeps 1 KB of arena free. max_fragment_length is not compiled
 * in: it could only shrink IN for servers that honour it, and the arena is sized for those
 * that do not. */
#define MBEDTLS_SSL_IN_CONTENT_LEN  16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 1024

#define MBEDTLS_SSL_CIPHERSUITES \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384

/* ---- X.509 ------------------------------------------------------------------------- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE
#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 4
/* Trust anchors are found by a callback (net/tls/tls_client.c), which parses only the anchors
 * whose subject is the issuer sought, for one step of a verification: the arena never holds
 * the whole anchor set (8 anchors, 8 KiB of DER, would not fit next to an RSA-4096 handshake). */
#define MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

/* ---- public key -------------------------------------------------------------------- */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
/* Window 4 with FIXED_POINT_OPTIM 0: every multiplication uses w = 4 and frees its table.
 * Window 6 + FIXED_POINT_OPTIM 1 would make generator multiplications ~15 % faster
 * (PLATFORM.md) for a larger table kept on the heap while a group lives. */
#define MBEDTLS_ECP_WINDOW_SIZE 4
/* Off: with window 4 it would only keep the generator's table on the heap longer. */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_ECP_MAX_BITS 384
/* Public-key operations only (RSA verify, ECDHE, ECDSA verify): 4096-bit moduli at most. */
#define MBEDTLS_MPI_MAX_SIZE 512
#define MBEDTLS_MPI_WINDOW_SIZE 2

/* ---- symmetric and hashes ---------------------------------------------------------- */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_FEWER_TABLES
/* Tables in flash, not generated into RAM at first use (2 KB of RAM). */
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
/* Rolled loops: SHA only hashes handshake messages and seeds the DRBG (records use GCM). */
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_SHA512_SMALLER

/* ---- random ------------------------------------------------------------------------ */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
/* Sources are registered at run time (device seed + board entropy). */
#define MBEDTLS_ENTROPY_MAX_SOURCES 4

/* Every compile of the library and of our code validates this configuration. cppcheck
 * (make check) reads no system headers: without CHAR_BIT from <limits.h>, check_config.h
 * would stop it with an #error before it reaches our code, so it skips the validation that
 * every compiler run has already done (a compiler always defines CHAR_BIT). */
#include <limits.h>
#if defined(CHAR_BIT)
#include "mbedtls/check_config.h"
#endif

#endif /* NET_TLS_MBEDTLS_CONFIG_H */
