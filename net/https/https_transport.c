/* TLS over TCP as an HTTP transport. */
#include "net/https/https_transport.h"

#include <stddef.h>

#include "hal/clock.h"
#include "net/tls/tls_tcp.h"

static HttpTransportStatus_t HttpsFromTls(TlsClientStatus_t status)
{
    HttpTransportStatus_t result = HTTP_TRANSPORT_ERROR;
    if (status == TLS_CLIENT_OK) {
        result = HTTP_TRANSPORT_OK;
    } else if ((status == TLS_CLIENT_TIMEOUT) || (status == TLS_CLIENT_HANDSHAKE_TIMEOUT)) {
        result = HTTP_TRANSPORT_TIMEOUT;
    } else if (status == TLS_CLIENT_PEER_CLOSED) {
        result = HTTP_TRANSPORT_CLOSED;
    } else {
        /* every other TLS failure ends the connection */
    }
    return result;
}

static void HttpsDrop(HttpsTransport_t *https)
{
    if (https->connected) {
        TlsClient_Close(https->tls);
    }
    TcpConn_Close(&https->tcp);
    https->connected = false;
}

static HttpTransportStatus_t HttpsConnect(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport context set by HttpsTransport_Init */
    HttpsTransport_t *https = (HttpsTransport_t *)ctx;
    HttpTransportStatus_t result = HTTP_TRANSPORT_ERROR;
    HttpsDrop(https);
    https->last_tls = TLS_CLIENT_OK;
    const uint32_t start = Clock_NowMs();
    https->last_tcp = TcpConn_ConnectName(&https->tcp, host, port, timeout_ms);
    if (https->last_tcp == TCP_CONN_TIMEOUT) {
        result = HTTP_TRANSPORT_TIMEOUT;
    } else if (https->last_tcp == TCP_CONN_OK) {
        const uint32_t used = Clock_ElapsedMs(Clock_NowMs(), start);
        uint32_t left = 1u;
        if (used < timeout_ms) {
            left = timeout_ms - used;
        }
        https->tls_io = TlsTcp_Transport(&https->tcp);
        https->last_tls = TlsClient_Connect(https->tls, &https->tls_io, left);
        https->handshake_ms_last = Clock_ElapsedMs(Clock_NowMs(), start);
        if (https->last_tls == TLS_CLIENT_OK) {
            https->connected = true;
            if (TlsClient_WasResumed(https->tls)) {
                https->handshakes_resumed++;
            } else {
                https->handshakes_full++;
            }
        } else {
            TcpConn_Close(&https->tcp);
        }
        result = HttpsFromTls(https->last_tls);
    } else {
        /* DNS failure, refused, network down: result stays ERROR */
    }
    return result;
}

static HttpTransportStatus_t HttpsSend(void *ctx, const uint8_t *data, size_t len, size_t *sent)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport context set by HttpsTransport_Init */
    HttpsTransport_t *https = (HttpsTransport_t *)ctx;
    *sent = 0u;
    https->last_tls = https->connected ? TlsClient_Send(https->tls, data, len, HTTPS_SEND_TIMEOUT_MS, sent)
                                       : TLS_CLIENT_NOT_CONNECTED;
    const HttpTransportStatus_t result = HttpsFromTls(https->last_tls);
    if ((result != HTTP_TRANSPORT_OK) && (result != HTTP_TRANSPORT_TIMEOUT)) {
        HttpsDrop(https);
    }
    return result;
}

static HttpTransportStatus_t HttpsRecv(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *received)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport context set by HttpsTransport_Init */
    HttpsTransport_t *https = (HttpsTransport_t *)ctx;
    *received = 0u;
    https->last_tls = https->connected ? TlsClient_Recv(https->tls, buf, cap, timeout_ms, received)
                                       : TLS_CLIENT_NOT_CONNECTED;
    const HttpTransportStatus_t result = HttpsFromTls(https->last_tls);
    if ((result != HTTP_TRANSPORT_OK) && (result != HTTP_TRANSPORT_TIMEOUT)) {
        HttpsDrop(https);
    }
    return result;
}

static void HttpsClose(void *ctx)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport context set by HttpsTransport_Init */
    HttpsDrop((HttpsTransport_t *)ctx);
}

static bool HttpsIsConnected(void *ctx)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 transport context set by HttpsTransport_Init */
    const HttpsTransport_t *https = (const HttpsTransport_t *)ctx;
    return https->connected && TcpConn_IsOpen(&https->tcp);
}

void HttpsTransport_Init(HttpsTransport_t *https, TlsClient_t *tls, HttpTransport_t *transport)
{
    TcpConn_Init(&https->tcp);
    https->tls = tls;
    https->last_tcp = TCP_CONN_OK;
    https->last_tls = TLS_CLIENT_OK;
    https->handshakes_full = 0u;
    https->handshakes_resumed = 0u;
    https->handshake_ms_last = 0u;
    https->connected = false;
    transport->connect = HttpsConnect;
    transport->send = HttpsSend;
    transport->recv = HttpsRecv;
    transport->close = HttpsClose;
    transport->is_connected = HttpsIsConnected;
    transport->ctx = https;
}

static bool IsCertificateFailure(TlsClientStatus_t status)
{
    return (status == TLS_CLIENT_UNKNOWN_CA) || (status == TLS_CLIENT_HOST_MISMATCH) ||
           (status == TLS_CLIENT_CERT_EXPIRED) || (status == TLS_CLIENT_CERT_NOT_YET_VALID) ||
           (status == TLS_CLIENT_CERT_REJECTED) || (status == TLS_CLIENT_BAD_ANCHOR);
}

/* After a TCP connect that succeeded: the server went quiet (a timeout, the path or the server). */
static bool IsSilence(TlsClientStatus_t status)
{
    return (status == TLS_CLIENT_HANDSHAKE_TIMEOUT) || (status == TLS_CLIENT_TIMEOUT);
}

/* After a TCP connect that succeeded: the server ended the connection. */
static bool IsServerFailure(TlsClientStatus_t status)
{
    return (status == TLS_CLIENT_PEER_CLOSED) || (status == TLS_CLIENT_IO_ERROR);
}

HttpsFailure_t HttpsTransport_LastFailure(const HttpsTransport_t *https)
{
    HttpsFailure_t failure = HTTPS_FAILURE_TLS;
    if ((https->last_tcp != TCP_CONN_OK) || (https->last_tls == TLS_CLIENT_NETWORK_DOWN)) {
        failure = HTTPS_FAILURE_NETWORK;
    } else if (IsSilence(https->last_tls)) {
        failure = HTTPS_FAILURE_TIMEOUT;
    } else if (IsServerFailure(https->last_tls)) {
        failure = HTTPS_FAILURE_SERVER;
    } else if (https->last_tls == TLS_CLIENT_OK) {
        failure = HTTPS_FAILURE_NONE;
    } else if (https->last_tls == TLS_CLIENT_CLOCK_NOT_SET) {
        failure = HTTPS_FAILURE_CLOCK;
    } else if (IsCertificateFailure(https->last_tls)) {
        failure = HTTPS_FAILURE_CERTIFICATE;
    } else {
        /* alert, out of memory, protocol error: a TLS failure */
    }
    return failure;
}

const char *HttpsTransport_FailureName(HttpsFailure_t failure)
{
    static const char *const names[HTTPS_FAILURE_COUNT] = {
        "none", "network", "clock not set", "certificate", "tls", "timeout", "server",
    };
    const char *name = "unknown https failure";
    if (((uint32_t)failure) < (uint32_t)HTTPS_FAILURE_COUNT) {
        name = names[failure];
    }
    return name;
}
