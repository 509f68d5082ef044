/* HttpsTransport failure classes as the fault suite sees them, and the panel outcome the agent
 * makes of each (README "Panel states"): a server that closes or resets after TCP connected is
 * API_DOWN; silence after connect (handshake or read timeout) and a lost link are NETWORK_DOWN.
 * TCP and TLS are stubs scripted per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/agent/agent_watch.h"
#include "net/https/https_transport.h"
#include "net/tls/tls_tcp.h"

static TcpConnStatus_t g_tcp_connect;
static TlsClientStatus_t g_tls_connect;
static TlsClientStatus_t g_tls_recv;

void TcpConn_Init(TcpConn_t *conn)
{
    (void)memset(conn, 0, sizeof *conn);
}

TcpConnStatus_t TcpConn_ConnectName(TcpConn_t *conn, const char *host, uint16_t port, uint32_t timeout_ms)
{
    (void)conn;
    (void)host;
    (void)port;
    (void)timeout_ms;
    return g_tcp_connect;
}

void TcpConn_Close(TcpConn_t *conn)
{
    (void)conn;
}

bool TcpConn_IsOpen(const TcpConn_t *conn)
{
    (void)conn;
    return true;
}

TlsTransport_t TlsTcp_Transport(TcpConn_t *conn)
{
    TlsTransport_t transport = {NULL, NULL, conn};
    return transport;
}

TlsClientStatus_t TlsClient_Connect(TlsClient_t *client, const TlsTransport_t *transport, uint32_t timeout_ms)
{
    (void)client;
    (void)transport;
    (void)timeout_ms;
    return g_tls_connect;
}

TlsClientStatus_t TlsClient_Send(TlsClient_t *client, const uint8_t *data, size_t length, uint32_t timeout_ms,
                                 size_t *sent)
{
    (void)client;
    (void)data;
    (void)timeout_ms;
    *sent = length;
    return TLS_CLIENT_OK;
}

TlsClientStatus_t TlsClient_Recv(TlsClient_t *client, uint8_t *buffer, size_t capacity, uint32_t timeout_ms,
                                 size_t *received)
{
    (void)client;
    (void)buffer;
    (void)capacity;
    (void)timeout_ms;
    *received = 0u;
    return g_tls_recv;
}

void TlsClient_Close(TlsClient_t *client)
{
    (void)client;
}

bool TlsClient_WasResumed(const TlsClient_t *client)
{
    (void)client;
    return false;
}

static TlsClient_t g_tls;
static HttpsTransport_t g_https;
static HttpTransport_t g_transport;

/* connect, then (when connected) one receive; the class of what failed last */
static HttpsFailure_t Exchange(TcpConnStatus_t tcp, TlsClientStatus_t handshake, TlsClientStatus_t recv)
{
    g_tcp_connect = tcp;
    g_tls_connect = handshake;
    g_tls_recv = recv;
    HttpsTransport_Init(&g_https, &g_tls, &g_transport);
    if (g_transport.connect(g_transport.ctx, "forge.laravel.com", 443u, 1000u) == HTTP_TRANSPORT_OK) {
        uint8_t buffer[16];
        size_t received = 0u;
        (void)g_transport.recv(g_transport.ctx, buffer, sizeof buffer, 1000u, &received);
    }
    return HttpsTransport_LastFailure(&g_https);
}

static PanelOutcome_t Outcome(HttpsFailure_t failure)
{
    ForgeClientResult_t result;
    (void)memset(&result, 0, sizeof result);
    result.status = FORGE_CLIENT_ERR_TRANSPORT;
    return AgentWatch_OutcomeOf(&result, failure);
}

static void test_unreachable_is_network(void **state)
{
    (void)state;
    const TcpConnStatus_t causes[] = {TCP_CONN_DNS_FAILURE, TCP_CONN_REFUSED, TCP_CONN_TIMEOUT,
                                      TCP_CONN_NETWORK_DOWN};
    for (size_t i = 0u; i < (sizeof causes / sizeof causes[0]); i++) {
        const HttpsFailure_t failure = Exchange(causes[i], TLS_CLIENT_OK, TLS_CLIENT_OK);
        assert_int_equal(failure, HTTPS_FAILURE_NETWORK);
        assert_int_equal(Outcome(failure), PANEL_OUTCOME_NETWORK_DOWN);
    }
}

/* README "Panel states": silence after TCP connected is a path problem (NETWORK_DOWN). */
static void test_silence_after_connect_is_network_down(void **state)
{
    (void)state;
    /* accepts TCP, never answers the handshake */
    HttpsFailure_t failure = Exchange(TCP_CONN_OK, TLS_CLIENT_HANDSHAKE_TIMEOUT, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_TIMEOUT);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_NETWORK_DOWN);
    /* answers too slowly / goes quiet mid-body: a read timeout */
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_TIMEOUT);
    assert_int_equal(failure, HTTPS_FAILURE_TIMEOUT);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_NETWORK_DOWN);
    /* the link went away in the middle of the exchange */
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_NETWORK_DOWN);
    assert_int_equal(failure, HTTPS_FAILURE_NETWORK);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_NETWORK_DOWN);
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_NETWORK_DOWN, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_NETWORK);
    assert_string_equal(HttpsTransport_FailureName(HTTPS_FAILURE_TIMEOUT), "timeout");
}

/* A server that accepted and then hung up is API_DOWN. */
static void test_server_that_hangs_up_is_api_down(void **state)
{
    (void)state;
    /* closes mid-response */
    HttpsFailure_t failure = Exchange(TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_PEER_CLOSED);
    assert_int_equal(failure, HTTPS_FAILURE_SERVER);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_API_DOWN);
    /* closes during the handshake */
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_PEER_CLOSED, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_SERVER);
    /* resets */
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_IO_ERROR);
    assert_int_equal(failure, HTTPS_FAILURE_SERVER);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_API_DOWN);
}

static void test_tls_and_certificate_failures_keep_their_class(void **state)
{
    (void)state;
    HttpsFailure_t failure = Exchange(TCP_CONN_OK, TLS_CLIENT_UNKNOWN_CA, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_CERTIFICATE);
    assert_int_equal(Outcome(failure), PANEL_OUTCOME_TLS_ERROR);
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_ALERT, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_TLS);
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_CLOCK_NOT_SET, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_CLOCK);
    failure = Exchange(TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_OK);
    assert_int_equal(failure, HTTPS_FAILURE_NONE);
}

/* Every failure class of README "Panel states" rows 3-5, from the statuses the layers report. */
static void test_every_transport_class_to_its_state(void **state)
{
    (void)state;
    const struct {
        TcpConnStatus_t tcp;
        TlsClientStatus_t handshake;
        TlsClientStatus_t recv;
        PanelOutcome_t want;
    } rows[] = {
        {TCP_CONN_NETWORK_DOWN, TLS_CLIENT_OK, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},         /* no link/address */
        {TCP_CONN_DNS_FAILURE, TLS_CLIENT_OK, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},          /* DNS */
        {TCP_CONN_TIMEOUT, TLS_CLIENT_OK, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},              /* connect timeout */
        {TCP_CONN_REFUSED, TLS_CLIENT_OK, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},              /* refused */
        {TCP_CONN_OK, TLS_CLIENT_HANDSHAKE_TIMEOUT, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},    /* handshake timeout */
        {TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_TIMEOUT, PANEL_OUTCOME_NETWORK_DOWN},              /* read timeout */
        {TCP_CONN_OK, TLS_CLIENT_NETWORK_DOWN, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},         /* link lost */
        {TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_NETWORK_DOWN, PANEL_OUTCOME_NETWORK_DOWN},         /* link lost */
        {TCP_CONN_OK, TLS_CLIENT_CLOCK_NOT_SET, TLS_CLIENT_OK, PANEL_OUTCOME_NETWORK_DOWN},        /* clock */
        {TCP_CONN_OK, TLS_CLIENT_UNKNOWN_CA, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_HOST_MISMATCH, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_CERT_EXPIRED, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_ALERT, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_PROTOCOL_ERROR, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_OUT_OF_MEMORY, TLS_CLIENT_OK, PANEL_OUTCOME_TLS_ERROR},
        {TCP_CONN_OK, TLS_CLIENT_PEER_CLOSED, TLS_CLIENT_OK, PANEL_OUTCOME_API_DOWN},              /* hung up */
        {TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_PEER_CLOSED, PANEL_OUTCOME_API_DOWN},
        {TCP_CONN_OK, TLS_CLIENT_OK, TLS_CLIENT_IO_ERROR, PANEL_OUTCOME_API_DOWN},                 /* reset */
    };
    for (size_t i = 0u; i < (sizeof rows / sizeof rows[0]); i++) {
        const HttpsFailure_t failure = Exchange(rows[i].tcp, rows[i].handshake, rows[i].recv);
        assert_int_equal(Outcome(failure), rows[i].want);
        assert_true(strlen(HttpsTransport_FailureName(failure)) > 0u);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unreachable_is_network),
        cmocka_unit_test(test_silence_after_connect_is_network_down),
        cmocka_unit_test(test_server_that_hangs_up_is_api_down),
        cmocka_unit_test(test_tls_and_certificate_failures_keep_their_class),
        cmocka_unit_test(test_every_transport_class_to_its_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
