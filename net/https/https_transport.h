/*
 * HttpsTransport: the HTTP client's transport (net/http/http_transport.h) as TLS over TCP:
 * connect resolves the host, opens a TcpConn and runs the TLS handshake (resuming the saved
 * session when the server allows it); send/recv/close go through the TLS client.
 * Owns: the TcpConn. Borrows: the TlsClient (initialised by the caller with anchors, host
 * name and seed). Promises: every call is bounded by its timeout; the last TCP and TLS
 * statuses are kept so a caller can tell a network failure from a refused certificate.
 */
#ifndef NET_HTTPS_HTTPS_TRANSPORT_H
#define NET_HTTPS_HTTPS_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "net/http/http_transport.h"
#include "net/https/https_config.h"
#include "net/tcp/tcp_conn.h"
#include "net/tls/tls_client.h"

typedef enum
{
    HTTPS_FAILURE_NONE = 0,
    HTTPS_FAILURE_NETWORK,      /* the server was not reached, or the path went away: no link or
                                 * address (also lost mid-connection), DNS, refused, connect timeout */
    HTTPS_FAILURE_CLOCK,        /* the wall clock is not set yet: no certificate can be checked */
    HTTPS_FAILURE_CERTIFICATE,  /* the server's certificate was refused */
    HTTPS_FAILURE_TLS,          /* handshake or record failure other than the certificate */
    HTTPS_FAILURE_TIMEOUT,      /* TCP connected, then silence: no handshake answer in time, or a
                                 * read timeout before or in the middle of the response */
    HTTPS_FAILURE_SERVER,       /* the server accepted TCP, then closed or reset the connection */
    HTTPS_FAILURE_COUNT         /* number of failure classes, not a class */
} HttpsFailure_t;

typedef struct
{
    TcpConn_t tcp;
    TlsClient_t *tls;
    TlsTransport_t tls_io;
    TcpConnStatus_t last_tcp;
    TlsClientStatus_t last_tls;
    uint32_t handshakes_full;
    uint32_t handshakes_resumed;
    uint32_t handshake_ms_last;
    bool connected;
} HttpsTransport_t;

/* Set up `https` over `tls` and fill `transport` to hand to HttpClient_Init. */
void HttpsTransport_Init(HttpsTransport_t *https, TlsClient_t *tls, HttpTransport_t *transport);

/* What the last failed connect/send/recv was, in terms a panel can show. */
HttpsFailure_t HttpsTransport_LastFailure(const HttpsTransport_t *https);

/* A short name for the log ("timeout", "network"); never NULL. */
const char *HttpsTransport_FailureName(HttpsFailure_t failure);

#endif /* NET_HTTPS_HTTPS_TRANSPORT_H */
