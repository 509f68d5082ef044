/*
 * TLS client: one TLS 1.2 connection at a time over a caller-supplied byte transport,
 * verified against configured trust anchors.
 * Owns: the mbedTLS configuration, trust anchors, DRBG, connection context and the saved
 * session, all inside a caller-owned TlsClient_t (heap use comes from the static arena,
 * net/tls/tls_arena.h). The transport (TCP) is the caller's: open it before TlsClient_Connect,
 * close it after TlsClient_Close.
 * Promises: verification is always REQUIRED: chain to the anchors, host name (SNI and the
 * certificate name), validity dates against the wall clock (net/tls/tls_time.h); without a
 * set clock no handshake is attempted. Every call ends within its timeout. A session saved
 * from a successful handshake is offered at the next connect (resumption). Nothing secret
 * is ever exposed: the kept error is the mbedTLS code only.
 */
#ifndef NET_TLS_TLS_CLIENT_H
#define NET_TLS_TLS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/tls/tls_anchor.h"
#include "net/tls/tls_arena.h"
#include "net/tls/tls_config.h"
#include "net/tls/tls_mbedtls.h"
#include "net/tls/tls_rng.h"
#include "net/tls/tls_time.h"

typedef enum
{
    TLS_CLIENT_OK = 0,
    TLS_CLIENT_TIMEOUT,            /* send/recv: nothing within the timeout (still usable) */
    TLS_CLIENT_HANDSHAKE_TIMEOUT,  /* connect: the handshake did not finish in time */
    TLS_CLIENT_PEER_CLOSED,        /* close_notify, FIN or reset from the peer */
    TLS_CLIENT_IO_ERROR,           /* the transport failed */
    TLS_CLIENT_UNKNOWN_CA,         /* chain does not lead to a trust anchor (or bad signature) */
    TLS_CLIENT_HOST_MISMATCH,      /* certificate is not for the configured host name */
    TLS_CLIENT_CERT_EXPIRED,
    TLS_CLIENT_CERT_NOT_YET_VALID,
    TLS_CLIENT_CERT_REJECTED,      /* any other verification failure (key usage, weak key...) */
    TLS_CLIENT_CLOCK_NOT_SET,      /* wall clock unknown or below FL_BUILD_EPOCH */
    TLS_CLIENT_ALERT,              /* the peer sent a fatal alert */
    TLS_CLIENT_OUT_OF_MEMORY,      /* the arena is exhausted */
    TLS_CLIENT_BAD_ANCHOR,         /* a trust anchor is not a parsable DER certificate */
    TLS_CLIENT_BAD_SEED,           /* device seed missing, wrong size or blank */
    TLS_CLIENT_RNG_FAILED,
    TLS_CLIENT_NOT_CONNECTED,
    TLS_CLIENT_BAD_ARGUMENT,
    TLS_CLIENT_PROTOCOL_ERROR,     /* any other mbedTLS failure: see TlsClient_LastError */
    TLS_CLIENT_NETWORK_DOWN        /* the transport lost the link or the address (at once,
                                      not after the timeout) */
} TlsClientStatus_t;

/*
 * The byte stream under TLS. send: accept up to length bytes within timeout_ms, *sent is
 * what was taken (OK with *sent > 0, or TIMEOUT). recv: wait at most timeout_ms, OK with
 * *received > 0, TIMEOUT when nothing came, PEER_CLOSED at end of stream, IO_ERROR otherwise.
 */
typedef struct
{
    TlsClientStatus_t (*send)(void *context, const uint8_t *data, size_t length,
                              uint32_t timeout_ms, size_t *sent);
    TlsClientStatus_t (*recv)(void *context, uint8_t *buffer, size_t capacity,
                              uint32_t timeout_ms, size_t *received);
    void *context;
} TlsTransport_t;

typedef struct
{
    const TlsTrustAnchor_t *anchors; /* kept by reference: array and DER outlive the client */
    size_t anchor_count;          /* 1..TLS_MAX_TRUST_ANCHORS */
    const char *host_name;        /* SNI and certificate name; NUL-terminated */
    const uint8_t *device_seed;   /* TLS_DEVICE_SEED_SIZE bytes from configuration */
    size_t device_seed_length;
} TlsClientConfig_t;

/* Caller-owned; treat as opaque. */
typedef struct
{
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    const TlsTrustAnchor_t *anchors; /* the caller's array (TlsClientConfig_t): kept, not copied */
    size_t anchor_count;
    mbedtls_ssl_session session;
    TlsRng_t rng;
    TlsTransport_t transport;
    char host_name[TLS_HOST_NAME_MAX + 1u];
    int64_t session_saved_at;     /* wall-clock seconds */
    uint32_t op_start_ms;         /* deadline of the current operation */
    uint32_t op_budget_ms;
    uint32_t verify_flags;        /* mbedTLS X.509 flags of the last handshake */
    int32_t last_error;           /* mbedTLS error code of the last failure (0: none) */
    TlsClientStatus_t io_status;  /* what the transport last reported */
    bool initialised;
    bool ssl_active;              /* ssl holds a connection (released by TlsClient_Close) */
    bool connected;               /* handshake done and no fatal error since */
    bool have_session;
    bool certificate_seen;        /* a certificate was verified in this handshake */
    bool resumed;
} TlsClient_t;

TlsClientStatus_t TlsClient_Init(TlsClient_t *client, const TlsClientConfig_t *config);

/* Handshake over an open transport within timeout_ms. */
TlsClientStatus_t TlsClient_Connect(TlsClient_t *client, const TlsTransport_t *transport,
                                    uint32_t timeout_ms);

/* Send all of data unless the timeout or an error ends it first; *sent says how much went.
 * Any failure, a timeout included (a record may be half written), ends the connection:
 * later calls return TLS_CLIENT_NOT_CONNECTED until TlsClient_Close. At most
 * TLS_MAX_CALLS_PER_OPERATION records go per call (OK with *sent < length: call again). */
TlsClientStatus_t TlsClient_Send(TlsClient_t *client, const uint8_t *data, size_t length,
                                 uint32_t timeout_ms, size_t *sent);

/* Up to capacity bytes of application data, waiting at most timeout_ms. TLS_CLIENT_TIMEOUT
 * keeps the connection (a partial record is resumed by the next call); any other failure
 * ends it. */
TlsClientStatus_t TlsClient_Recv(TlsClient_t *client, uint8_t *buffer, size_t capacity,
                                 uint32_t timeout_ms, size_t *received);

/* close_notify (best effort) and release the connection; the saved session is kept. */
void TlsClient_Close(TlsClient_t *client);

/* Forget the saved session: the next connect is a full handshake. */
void TlsClient_ForgetSession(TlsClient_t *client);

/* Replace the trust anchors of an initialised client (a rotation on a running board): the
 * connection is closed and the saved session forgotten (a resumed session would skip the
 * check against the new anchors), then anchors[0..count) are checked as by TlsClient_Init and
 * kept by reference; the old ones are no longer referenced afterwards. On failure the client
 * holds no anchor (every handshake is refused) and the status says why. Anchors are parsed
 * (nocopy) only while a verification looks for an issuer, and only those whose subject
 * matches are kept for that step: the arena never holds the whole set. */
TlsClientStatus_t TlsClient_SetAnchors(TlsClient_t *client, const TlsTrustAnchor_t *anchors, size_t count);

/* Parse one anchor as TlsClient_Init does (DER, in place, from the static arena) and, for a
 * self-issued one (a root), verify its signature with its own key; release it at once:
 * TLS_CLIENT_OK, TLS_CLIENT_BAD_ANCHOR (not a parsable certificate, not a CA, or a root whose
 * own signature does not verify: a changed byte), TLS_CLIENT_OUT_OF_MEMORY,
 * TLS_CLIENT_BAD_ARGUMENT. Needs no client; safe while one is connected (it borrows a few KB of
 * arena). Cost: one signature verification (PLATFORM.md: P-384 about 68 M instructions). */
TlsClientStatus_t TlsClient_CheckAnchor(const TlsTrustAnchor_t *anchor);

/* Release everything (including the saved session and the anchors). */
void TlsClient_Deinit(TlsClient_t *client);

/* True when the last successful handshake resumed a saved session. */
bool TlsClient_WasResumed(const TlsClient_t *client);

/* mbedTLS error code of the last failure, for the log (0 when none). */
int32_t TlsClient_LastError(const TlsClient_t *client);

/* X.509 verification flags of the last handshake (MBEDTLS_X509_BADCERT_...), for the log. */
uint32_t TlsClient_VerifyFlags(const TlsClient_t *client);

/* Short name of a status, for logs. */
const char *TlsClient_StatusName(TlsClientStatus_t status);

/* Map an mbedTLS failure to a status (verify_flags from the handshake, io_status from the
 * transport). Exposed for the module's own files and tests. */
TlsClientStatus_t TlsClient_StatusFromError(int32_t error, uint32_t verify_flags,
                                            TlsClientStatus_t io_status);

#endif /* NET_TLS_TLS_CLIENT_H */
