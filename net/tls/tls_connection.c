/* One TLS connection: the transport glue (BIO), handshake, records, close, session reuse. */
#include "net/tls/tls_client.h"

#include <limits.h>

#include "hal/clock.h"
#include "mbedtls/net_sockets.h"

/* ---- deadline and BIO ------------------------------------------------------------- */

static void TlsConnection_Begin(TlsClient_t *client, uint32_t timeout_ms)
{
    client->op_start_ms = Clock_NowMs();
    client->op_budget_ms = timeout_ms;
    client->io_status = TLS_CLIENT_OK;
}

static uint32_t TlsConnection_RemainingMs(const TlsClient_t *client)
{
    const uint32_t elapsed = Clock_ElapsedMs(Clock_NowMs(), client->op_start_ms);
    return (elapsed < client->op_budget_ms) ? (client->op_budget_ms - elapsed) : 0u;
}

static int TlsConnection_IoResult(TlsClient_t *client, TlsClientStatus_t status, size_t count,
                                  int failure)
{
    int result = failure;
    client->io_status = status;
    if (status == TLS_CLIENT_OK)
    {
        result = (count > (size_t)INT_MAX) ? INT_MAX : (int)count;
    }
    else if (status == TLS_CLIENT_TIMEOUT)
    {
        result = MBEDTLS_ERR_SSL_TIMEOUT;
    }
    else
    {
        /* failure as given: 0 (end of stream) for recv, an error code for send */
    }
    return result;
}

static int TlsConnection_BioSend(void *context, const unsigned char *data, size_t length)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS BIO callback, context registered in TlsConnection_Prepare */
    TlsClient_t *client = (TlsClient_t *)context;
    size_t sent = 0u;
    TlsClientStatus_t status = client->transport.send(client->transport.context, data, length,
                                                      TlsConnection_RemainingMs(client), &sent);
    if ((status == TLS_CLIENT_OK) && (sent == 0u))
    {
        status = TLS_CLIENT_TIMEOUT;
    }
    return TlsConnection_IoResult(client, status, sent, MBEDTLS_ERR_NET_SEND_FAILED);
}

static int TlsConnection_BioRecv(void *context, unsigned char *buffer, size_t capacity,
                                 uint32_t mbedtls_timeout_ms)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS BIO callback, context registered in TlsConnection_Prepare */
    TlsClient_t *client = (TlsClient_t *)context;
    size_t received = 0u;
    TlsClientStatus_t status;
    int failure = MBEDTLS_ERR_NET_RECV_FAILED;
    (void)mbedtls_timeout_ms; /* our deadline governs */
    status = client->transport.recv(client->transport.context, buffer, capacity,
                                    TlsConnection_RemainingMs(client), &received);
    if ((status == TLS_CLIENT_OK) && (received == 0u))
    {
        status = TLS_CLIENT_TIMEOUT;
    }
    if (status == TLS_CLIENT_PEER_CLOSED)
    {
        failure = 0; /* end of stream: mbedTLS reports MBEDTLS_ERR_SSL_CONN_EOF */
    }
    return TlsConnection_IoResult(client, status, received, failure);
}

/* ---- session reuse ---------------------------------------------------------------- */

static void TlsConnection_OfferSession(TlsClient_t *client, int64_t now)
{
    if (client->have_session)
    {
        const int64_t age = now - client->session_saved_at;
        if ((age < 0) || (age > (int64_t)TLS_SESSION_MAX_AGE_S) ||
            (mbedtls_ssl_set_session(&client->ssl, &client->session) != 0))
        {
            TlsClient_ForgetSession(client);
        }
    }
}

static void TlsConnection_SaveSession(TlsClient_t *client)
{
    int64_t now = 0;
    const bool dated = TlsTime_Now(&now);
    mbedtls_ssl_session_free(&client->session);
    mbedtls_ssl_session_init(&client->session);
    client->have_session = dated && (mbedtls_ssl_get_session(&client->ssl, &client->session) == 0);
    /* A resumed session keeps the age of the full handshake that made its master secret. */
    if (client->have_session && !client->resumed)
    {
        client->session_saved_at = now;
    }
    if (!client->have_session)
    {
        TlsClient_ForgetSession(client);
    }
}

/* ---- connect ---------------------------------------------------------------------- */

static void TlsConnection_Release(TlsClient_t *client)
{
    if (client->ssl_active)
    {
        mbedtls_ssl_free(&client->ssl);
        client->ssl_active = false;
    }
    client->connected = false;
}

static TlsClientStatus_t TlsConnection_Reseed(TlsClient_t *client, int64_t now)
{
    /* Fresh board entropy plus values that differ between connections and boots. */
    const uint32_t cycles = Clock_CycleCount();
    const uint32_t uptime = Clock_NowMs();
    uint64_t wall = (uint64_t)now;
    uint32_t fine = cycles ^ (uptime << 16u) ^ (uptime >> 16u);
    uint8_t additional[12];
    TlsClientStatus_t status = TLS_CLIENT_OK;
    for (size_t i = 0u; i < 8u; i++)
    {
        additional[i] = (uint8_t)(wall & 0xFFu);
        wall >>= 8u;
    }
    for (size_t i = 8u; i < sizeof(additional); i++)
    {
        additional[i] = (uint8_t)(fine & 0xFFu);
        fine >>= 8u;
    }
    const int result = TlsRng_Reseed(&client->rng, additional, sizeof(additional));
    if (result != 0)
    {
        client->last_error = (int32_t)result;
        status = TLS_CLIENT_RNG_FAILED;
    }
    return status;
}

static TlsClientStatus_t TlsConnection_Prepare(TlsClient_t *client)
{
    int64_t now = 0;
    TlsClientStatus_t status = TLS_CLIENT_CLOCK_NOT_SET;
    if (TlsTime_Now(&now))
    {
        status = TlsConnection_Reseed(client, now);
    }
    if (status == TLS_CLIENT_OK)
    {
        mbedtls_ssl_init(&client->ssl);
        client->ssl_active = true;
        int result = mbedtls_ssl_setup(&client->ssl, &client->conf);
        if (result == 0)
        {
            result = mbedtls_ssl_set_hostname(&client->ssl, client->host_name);
        }
        if (result != 0)
        {
            client->last_error = (int32_t)result;
            status = TlsClient_StatusFromError(result, 0u, TLS_CLIENT_OK);
        }
    }
    if (status == TLS_CLIENT_OK)
    {
        mbedtls_ssl_set_bio(&client->ssl, client, &TlsConnection_BioSend, NULL,
                            &TlsConnection_BioRecv);
        TlsConnection_OfferSession(client, now);
    }
    return status;
}

/* A certificate or protocol failure while the arena ran full is most likely memory;
 * transport, clock and alert statuses are certain and stay. */
static TlsClientStatus_t TlsConnection_MemoryOrStatus(TlsClientStatus_t status)
{
    const bool uncertain = (status == TLS_CLIENT_UNKNOWN_CA) || (status == TLS_CLIENT_HOST_MISMATCH) ||
                           (status == TLS_CLIENT_CERT_EXPIRED) ||
                           (status == TLS_CLIENT_CERT_NOT_YET_VALID) ||
                           (status == TLS_CLIENT_CERT_REJECTED) || (status == TLS_CLIENT_PROTOCOL_ERROR);
    return (uncertain && TlsArena_WindowWasFull()) ? TLS_CLIENT_OUT_OF_MEMORY : status;
}

static TlsClientStatus_t TlsConnection_Handshake(TlsClient_t *client)
{
    int result = MBEDTLS_ERR_SSL_WANT_READ;
    TlsClientStatus_t status = TLS_CLIENT_HANDSHAKE_TIMEOUT;
    for (uint32_t call = 0u; (call < TLS_MAX_CALLS_PER_OPERATION) &&
                             ((result == MBEDTLS_ERR_SSL_WANT_READ) || (result == MBEDTLS_ERR_SSL_WANT_WRITE));
         call++)
    {
        result = mbedtls_ssl_handshake(&client->ssl);
    }
    if (result == 0)
    {
        client->connected = true;
        client->resumed = !client->certificate_seen;
        TlsConnection_SaveSession(client);
        status = TLS_CLIENT_OK;
    }
    else if ((result != MBEDTLS_ERR_SSL_WANT_READ) && (result != MBEDTLS_ERR_SSL_WANT_WRITE))
    {
        const uint32_t flags = mbedtls_ssl_get_verify_result(&client->ssl);
        /* 0xFFFFFFFF: no certificate was examined */
        client->verify_flags = (flags == UINT32_MAX) ? 0u : flags;
        client->last_error = (int32_t)result;
        status = TlsClient_StatusFromError(result, client->verify_flags, client->io_status);
        status = (status == TLS_CLIENT_TIMEOUT) ? TLS_CLIENT_HANDSHAKE_TIMEOUT : status;
        status = TlsConnection_MemoryOrStatus(status);
    }
    else
    {
        client->last_error = (int32_t)result;
    }
    return status;
}

TlsClientStatus_t TlsClient_Connect(TlsClient_t *client, const TlsTransport_t *transport,
                                    uint32_t timeout_ms)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    if ((client != NULL) && client->initialised && !client->ssl_active && (transport != NULL) &&
        (transport->send != NULL) && (transport->recv != NULL))
    {
        client->transport = *transport;
        client->last_error = 0;
        client->verify_flags = 0u;
        client->certificate_seen = false;
        client->resumed = false;
        TlsConnection_Begin(client, timeout_ms);
        TlsArena_StartWindow();
        status = TlsConnection_Prepare(client);
        if (status == TLS_CLIENT_OK)
        {
            status = TlsConnection_Handshake(client);
        }
        if (status != TLS_CLIENT_OK)
        {
            /* No abbreviated handshake after a failed one. */
            TlsClient_ForgetSession(client);
            TlsConnection_Release(client);
        }
    }
    return status;
}

/* ---- application data ------------------------------------------------------------- */

static TlsClientStatus_t TlsConnection_Failure(TlsClient_t *client, int result, bool timeout_is_fatal)
{
    TlsClientStatus_t status = TlsClient_StatusFromError(result, 0u, client->io_status);
    client->last_error = (int32_t)result;
    if ((status != TLS_CLIENT_TIMEOUT) || timeout_is_fatal)
    {
        client->connected = false; /* the connection cannot be used again: close it */
    }
    return status;
}

TlsClientStatus_t TlsClient_Send(TlsClient_t *client, const uint8_t *data, size_t length,
                                 uint32_t timeout_ms, size_t *sent)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    size_t total = 0u;
    if ((client != NULL) && (data != NULL) && (sent != NULL))
    {
        status = client->connected ? TLS_CLIENT_OK : TLS_CLIENT_NOT_CONNECTED;
    }
    if (status == TLS_CLIENT_OK)
    {
        TlsConnection_Begin(client, timeout_ms);
        for (uint32_t call = 0u; (call < TLS_MAX_CALLS_PER_OPERATION) && (total < length) &&
                                 (status == TLS_CLIENT_OK);
             call++)
        {
            const int result = mbedtls_ssl_write(&client->ssl, &data[total], length - total);
            if (result > 0)
            {
                total += (size_t)result;
            }
            else if ((result != MBEDTLS_ERR_SSL_WANT_READ) && (result != MBEDTLS_ERR_SSL_WANT_WRITE))
            {
                /* a record may be half written: a send timeout ends the connection */
                status = TlsConnection_Failure(client, result, true);
            }
            else
            {
                /* retry */
            }
        }
    }
    if (sent != NULL)
    {
        *sent = total;
    }
    return status;
}

TlsClientStatus_t TlsClient_Recv(TlsClient_t *client, uint8_t *buffer, size_t capacity,
                                 uint32_t timeout_ms, size_t *received)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    if ((client != NULL) && (buffer != NULL) && (capacity > 0u) && (received != NULL))
    {
        *received = 0u;
        status = client->connected ? TLS_CLIENT_OK : TLS_CLIENT_NOT_CONNECTED;
    }
    if (status == TLS_CLIENT_OK)
    {
        int result = MBEDTLS_ERR_SSL_WANT_READ;
        TlsConnection_Begin(client, timeout_ms);
        for (uint32_t call = 0u; (call < TLS_MAX_CALLS_PER_OPERATION) &&
                                 ((result == MBEDTLS_ERR_SSL_WANT_READ) || (result == MBEDTLS_ERR_SSL_WANT_WRITE));
             call++)
        {
            result = mbedtls_ssl_read(&client->ssl, buffer, capacity);
        }
        if (result > 0)
        {
            *received = (size_t)result;
        }
        else if (result == 0)
        {
            client->connected = false;
            status = TLS_CLIENT_PEER_CLOSED;
        }
        else if ((result == MBEDTLS_ERR_SSL_WANT_READ) || (result == MBEDTLS_ERR_SSL_WANT_WRITE))
        {
            status = TLS_CLIENT_TIMEOUT;
        }
        else
        {
            /* a recv timeout keeps the connection: mbedTLS resumes a partial record */
            status = TlsConnection_Failure(client, result, false);
        }
    }
    return status;
}

void TlsClient_Close(TlsClient_t *client)
{
    if ((client != NULL) && client->ssl_active)
    {
        if (client->connected)
        {
            TlsConnection_Begin(client, TLS_CLOSE_NOTIFY_TIMEOUT_MS);
            (void)mbedtls_ssl_close_notify(&client->ssl);
        }
        TlsConnection_Release(client);
    }
}
