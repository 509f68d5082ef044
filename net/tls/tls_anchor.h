/*
 * A TLS trust anchor as the client takes it: a DER certificate by reference. Apart from
 * tls_client.h so that whoever stores anchors (the configuration) can hold them in this form
 * without pulling in mbedTLS.
 */
#ifndef NET_TLS_TLS_ANCHOR_H
#define NET_TLS_TLS_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

/* One trust anchor: a DER certificate that must stay valid while the client is in use. */
typedef struct
{
    const uint8_t *der;
    size_t length;
} TlsTrustAnchor_t;

#endif /* NET_TLS_TLS_ANCHOR_H */
