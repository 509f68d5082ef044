/* TLS transport over TcpConn. */
#include "net/tls/tls_tcp.h"

static TlsClientStatus_t TlsTcp_Status(TcpConnStatus_t status)
{
    TlsClientStatus_t result = TLS_CLIENT_IO_ERROR;
    if (status == TCP_CONN_OK)
    {
        result = TLS_CLIENT_OK;
    }
    else if (status == TCP_CONN_TIMEOUT)
    {
        result = TLS_CLIENT_TIMEOUT;
    }
    else if ((status == TCP_CONN_CLOSED) || (status == TCP_CONN_RESET))
    {
        result = TLS_CLIENT_PEER_CLOSED;
    }
    else if (status == TCP_CONN_NETWORK_DOWN)
    {
        result = TLS_CLIENT_NETWORK_DOWN;
    }
    else
    {
        /* not open, no memory, ...: the transport failed */
    }
    return result;
}

static TlsClientStatus_t TlsTcp_Send(void *context, const uint8_t *data, size_t length,
                                     uint32_t timeout_ms, size_t *sent)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport callback, context set to a TcpConn_t only by TlsTcp_Transport */
    TcpConn_t *conn = (TcpConn_t *)context;
    return TlsTcp_Status(TcpConn_Send(conn, data, length, timeout_ms, sent));
}

static TlsClientStatus_t TlsTcp_Recv(void *context, uint8_t *buffer, size_t capacity,
                                     uint32_t timeout_ms, size_t *received)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport callback, context set to a TcpConn_t only by TlsTcp_Transport */
    TcpConn_t *conn = (TcpConn_t *)context;
    return TlsTcp_Status(TcpConn_Recv(conn, buffer, capacity, timeout_ms, received));
}

TlsTransport_t TlsTcp_Transport(TcpConn_t *conn)
{
    const TlsTransport_t transport = {&TlsTcp_Send, &TlsTcp_Recv, conn};
    return transport;
}
