/*
 * TlsTcp: the TLS client's transport over a TcpConn (net/tcp), for the target.
 * Owns nothing: the TcpConn stays the caller's (connect it before TlsClient_Connect, close
 * it after TlsClient_Close). Promises: maps TcpConn statuses onto TlsClientStatus_t (FIN and
 * RST from the peer are PEER_CLOSED, a local or stack failure IO_ERROR).
 */
#ifndef NET_TLS_TLS_TCP_H
#define NET_TLS_TLS_TCP_H

#include "net/tcp/tcp_conn.h"
#include "net/tls/tls_client.h"

/* A transport whose context is conn; valid as long as conn is. */
TlsTransport_t TlsTcp_Transport(TcpConn_t *conn);

#endif /* NET_TLS_TLS_TCP_H */
