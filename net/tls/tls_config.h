/*
 * Limits of the TLS client (net/tls). Every value can be overridden by the board's
 * board_config.h or on the command line.
 */
#ifndef NET_TLS_TLS_CONFIG_H
#define NET_TLS_TLS_CONFIG_H

#include "board_config.h"

/* Static heap for mbedTLS (bytes). Peaks of one full handshake + GET on the 32-bit target
 * with IN 16 KB / OUT 1 KB (`sh tests/tls_host/target_probe.sh ecdsa rsa rsa4096 ecdsa384`):
 * ECDSA P-256 chain 22,104; P-384 22,976; RSA-2048 24,824; RSA-2048 under an RSA-4096 root
 * (ISRG Root X1) 29,400. Fragmentation makes the smallest arena that works larger: the
 * RSA-4096 case fails at 30,208 and works at 30,720 (PROBE_ARENA=<bytes> with that script).
 * 32 KiB keeps 2 KB over that for more anchors. */
#ifndef TLS_ARENA_SIZE
#define TLS_ARENA_SIZE 32768u
#endif

/* An operation whose arena peak came this close to the end (bytes, block headers counted)
 * is reported as out of memory when it fails with a certificate or protocol error. */
#ifndef TLS_ARENA_FULL_MARGIN
#define TLS_ARENA_FULL_MARGIN 2048u
#endif

/* Build-time floor for the wall clock (Unix seconds). A clock reading below it is treated
 * as "not set": certificate dates are never checked against an obviously wrong clock.
 * The build passes the commit time; the default is 2026-11-01T00:00:00Z. */
#ifndef FL_BUILD_EPOCH
#define FL_BUILD_EPOCH 1793491200
#endif

/* Longest server host name (bytes, NUL excluded): SNI and the certificate name check. */
#ifndef TLS_HOST_NAME_MAX
#define TLS_HOST_NAME_MAX 253u
#endif

/* Trust anchors (DER certificates) accepted by TlsClient_Init. */
#ifndef TLS_MAX_TRUST_ANCHORS
#define TLS_MAX_TRUST_ANCHORS 8u
#endif

/* Per-device seed from configuration (bytes). */
#ifndef TLS_DEVICE_SEED_SIZE
#define TLS_DEVICE_SEED_SIZE 32u
#endif

/* Bytes asked of the board entropy source per poll. */
#ifndef TLS_BOARD_ENTROPY_CHUNK
#define TLS_BOARD_ENTROPY_CHUNK 32u
#endif

/* A saved session older than this is not offered again (seconds of wall clock). */
#ifndef TLS_SESSION_MAX_AGE_S
#define TLS_SESSION_MAX_AGE_S 43200u
#endif

/* Bound on mbedTLS calls inside one connect, send or recv (each call either makes
 * progress or ends on the deadline; this only guards against a misbehaving transport). */
#ifndef TLS_MAX_CALLS_PER_OPERATION
#define TLS_MAX_CALLS_PER_OPERATION 64u
#endif

/* Time allowed to send close_notify when closing (ms). */
#ifndef TLS_CLOSE_NOTIFY_TIMEOUT_MS
#define TLS_CLOSE_NOTIFY_TIMEOUT_MS 200u
#endif

#if TLS_DEVICE_SEED_SIZE < 32u
#error "TLS_DEVICE_SEED_SIZE must be at least 32 bytes"
#endif
#if TLS_BOARD_ENTROPY_CHUNK > 128u
#error "TLS_BOARD_ENTROPY_CHUNK must not exceed MBEDTLS_ENTROPY_MAX_GATHER (128)"
#endif

#endif /* NET_TLS_TLS_CONFIG_H */
