/* Status names and the mapping from mbedTLS error codes to TlsClientStatus_t. */
#include "net/tls/tls_client.h"

#include "mbedtls/asn1.h"
#include "mbedtls/bignum.h"
#include "mbedtls/cipher.h"
#include "mbedtls/ecp.h"
#include "mbedtls/md.h"
#include "mbedtls/pk.h"
#include "mbedtls/x509.h"

/* mbedTLS codes are -(high | low): high-level module bits 0x7F80, low-level bits 0x007F. */
#define ERROR_HIGH_MASK 0xFF80u
#define ERROR_LOW_MASK 0x007Fu
#define ERROR_MAGNITUDE_MAX 0xFFFFu
#define ERROR_MAGNITUDE(code) ((uint32_t)(-(code)))

const char *TlsClient_StatusName(TlsClientStatus_t status)
{
    static const char *const k_status_names[] = {
        "ok", "timeout", "handshake timeout", "peer closed", "I/O error", "unknown CA",
        "host name mismatch", "certificate expired", "certificate not yet valid",
        "certificate rejected", "clock not set", "alert", "out of memory", "bad trust anchor",
        "bad device seed", "RNG failed", "not connected", "bad argument", "protocol error",
        "network down",
    };
    const size_t index = (size_t)status;
    const char *name = "?";
    if (index < (sizeof(k_status_names) / sizeof(k_status_names[0])))
    {
        name = k_status_names[index];
    }
    return name;
}

static TlsClientStatus_t TlsClient_StatusFromFlags(uint32_t flags)
{
    TlsClientStatus_t status = TLS_CLIENT_CERT_REJECTED;
    if ((flags & (uint32_t)MBEDTLS_X509_BADCERT_NOT_TRUSTED) != 0u)
    {
        status = TLS_CLIENT_UNKNOWN_CA;
    }
    else if ((flags & (uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH) != 0u)
    {
        status = TLS_CLIENT_HOST_MISMATCH;
    }
    else if ((flags & (uint32_t)MBEDTLS_X509_BADCERT_EXPIRED) != 0u)
    {
        status = TLS_CLIENT_CERT_EXPIRED;
    }
    else if ((flags & (uint32_t)MBEDTLS_X509_BADCERT_FUTURE) != 0u)
    {
        status = TLS_CLIENT_CERT_NOT_YET_VALID;
    }
    else
    {
        /* key usage, weak key or hash, bad extension: one status for all */
    }
    return status;
}

static bool TlsClient_IsAllocFailure(int32_t error)
{
    const uint32_t magnitude = (error < 0) ? (uint32_t)(-(int64_t)error) : 0u;
    const uint32_t high = magnitude & ERROR_HIGH_MASK;
    const uint32_t low = magnitude & ERROR_LOW_MASK;
    bool alloc = false;
    if (magnitude <= ERROR_MAGNITUDE_MAX)
    {
        alloc = (high == ERROR_MAGNITUDE(MBEDTLS_ERR_SSL_ALLOC_FAILED)) ||
                (high == ERROR_MAGNITUDE(MBEDTLS_ERR_X509_ALLOC_FAILED)) ||
                (high == ERROR_MAGNITUDE(MBEDTLS_ERR_PK_ALLOC_FAILED)) ||
                (high == ERROR_MAGNITUDE(MBEDTLS_ERR_ECP_ALLOC_FAILED)) ||
                (high == ERROR_MAGNITUDE(MBEDTLS_ERR_CIPHER_ALLOC_FAILED)) ||
                (high == ERROR_MAGNITUDE(MBEDTLS_ERR_MD_ALLOC_FAILED)) ||
                (low == ERROR_MAGNITUDE(MBEDTLS_ERR_MPI_ALLOC_FAILED)) ||
                (low == ERROR_MAGNITUDE(MBEDTLS_ERR_ASN1_ALLOC_FAILED));
    }
    return alloc;
}

static TlsClientStatus_t TlsClient_StatusFromCode(int32_t error)
{
    TlsClientStatus_t status = TLS_CLIENT_PROTOCOL_ERROR;
    switch (error)
    {
        case MBEDTLS_ERR_SSL_TIMEOUT:
            status = TLS_CLIENT_TIMEOUT;
            break;
        case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
        case MBEDTLS_ERR_SSL_CONN_EOF:
            status = TLS_CLIENT_PEER_CLOSED;
            break;
        case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE:
            status = TLS_CLIENT_ALERT;
            break;
        default:
            if (TlsClient_IsAllocFailure(error))
            {
                status = TLS_CLIENT_OUT_OF_MEMORY;
            }
            break;
    }
    return status;
}

TlsClientStatus_t TlsClient_StatusFromError(int32_t error, uint32_t verify_flags,
                                            TlsClientStatus_t io_status)
{
    TlsClientStatus_t status;
    if (io_status != TLS_CLIENT_OK)
    {
        /* The transport's own report is more precise than the code mbedTLS passed up. */
        status = io_status;
    }
    else if (error == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
    {
        status = TlsClient_StatusFromFlags(verify_flags);
    }
    else
    {
        status = TlsClient_StatusFromCode(error);
    }
    return status;
}
