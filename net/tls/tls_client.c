/* TLS client set-up: configuration, trust anchors, random generator, teardown. */
#include "net/tls/tls_client.h"

#include <string.h>

#include "mbedtls/platform.h"

/* Called by mbedTLS for each certificate of a full handshake (never on resumption). */
static int TlsClient_OnVerify(void *context, mbedtls_x509_crt *certificate, int depth,
                              uint32_t *flags)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS verify callback, context registered in TlsClient_Configure */
    TlsClient_t *client = (TlsClient_t *)context;
    (void)certificate;
    (void)depth;
    (void)flags; /* the verdict is read after the handshake (mbedtls_ssl_get_verify_result) */
    client->certificate_seen = true;
    return 0;
}

static bool TlsClient_ConfigIsValid(const TlsClientConfig_t *config)
{
    bool valid = (config != NULL);
    if (valid)
    {
        valid = (config->anchors != NULL) && (config->anchor_count > 0u) &&
                (config->anchor_count <= TLS_MAX_TRUST_ANCHORS) && (config->host_name != NULL);
    }
    if (valid)
    {
        /* NUL within the limit, and not the first byte */
        const void *end = memchr(config->host_name, 0, TLS_HOST_NAME_MAX + 1u);
        valid = (end != NULL) && (end != (const void *)config->host_name);
    }
    return valid;
}

/* Each anchor must parse (it is parsed again, one at a time, whenever a verification looks for
 * an issuer); the client keeps the caller's array. */
static TlsClientStatus_t TlsClient_LoadAnchors(TlsClient_t *client, const TlsTrustAnchor_t *anchors, size_t count)
{
    TlsClientStatus_t status = TLS_CLIENT_OK;
    for (size_t i = 0u; (i < count) && (status == TLS_CLIENT_OK); i++)
    {
        mbedtls_x509_crt certificate;
        mbedtls_x509_crt_init(&certificate);
        /* nocopy: the anchor DER stays where the caller keeps it, not in the arena */
        const int result = mbedtls_x509_crt_parse_der_nocopy(&certificate, anchors[i].der, anchors[i].length);
        mbedtls_x509_crt_free(&certificate);
        if (result != 0)
        {
            client->last_error = (int32_t)result;
            status = (TlsClient_StatusFromError(result, 0u, TLS_CLIENT_OK) == TLS_CLIENT_OUT_OF_MEMORY)
                         ? TLS_CLIENT_OUT_OF_MEMORY
                         : TLS_CLIENT_BAD_ANCHOR;
        }
    }
    client->anchors = (status == TLS_CLIENT_OK) ? anchors : NULL;
    client->anchor_count = (status == TLS_CLIENT_OK) ? count : 0u;
    return status;
}

/* mbedTLS asks for the trusted issuers of `child` (MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK):
 * every anchor is parsed in turn and only those whose subject is child's issuer are kept, in a
 * chain mbedTLS frees after this step. So the arena holds one or two parsed anchors, never the
 * whole set. An anchor that does not parse is skipped (they were checked at init). */
static int TlsClient_FindIssuers(void *context, const mbedtls_x509_crt *child, mbedtls_x509_crt **candidates)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 mbedTLS CA callback, context registered in TlsClient_Configure */
    const TlsClient_t *client = (const TlsClient_t *)context;
    mbedtls_x509_crt *chain = NULL;
    int result = 0;
    for (size_t i = 0u; (result == 0) && (i < client->anchor_count) && (i < TLS_MAX_TRUST_ANCHORS); i++)
    {
        const TlsTrustAnchor_t *anchor = &client->anchors[i];
        /* cppcheck-suppress misra-c2012-11.5 ; DEV-021 mbedTLS frees the candidates it is given with mbedtls_free */
        mbedtls_x509_crt *parsed = (mbedtls_x509_crt *)mbedtls_calloc(1u, sizeof(mbedtls_x509_crt));
        if (parsed == NULL)
        {
            result = MBEDTLS_ERR_X509_ALLOC_FAILED;
        }
        else
        {
            mbedtls_x509_crt_init(parsed);
            const bool usable = (mbedtls_x509_crt_parse_der_nocopy(parsed, anchor->der, anchor->length) == 0) &&
                                (parsed->subject_raw.len == child->issuer_raw.len) &&
                                (memcmp(parsed->subject_raw.p, child->issuer_raw.p, child->issuer_raw.len) == 0);
            if (usable)
            {
                parsed->next = chain; /* the order of candidates does not matter */
                chain = parsed;
            }
            else
            {
                mbedtls_x509_crt_free(parsed);
                mbedtls_free(parsed);
            }
        }
    }
    if (result != 0)
    {
        mbedtls_x509_crt_free(chain);
        mbedtls_free(chain);
        chain = NULL;
    }
    *candidates = chain;
    return result;
}

static TlsClientStatus_t TlsClient_Configure(TlsClient_t *client)
{
    /* Offered in this order: P-256 first (cheaper than P-384 by about 2x, see PLATFORM.md). */
    static const mbedtls_ecp_group_id k_curves[] = {
        MBEDTLS_ECP_DP_SECP256R1,
        MBEDTLS_ECP_DP_SECP384R1,
        MBEDTLS_ECP_DP_NONE,
    };

    /* Hashes offered for ServerKeyExchange signatures. */
    static const int k_signature_hashes[] = {
        (int)MBEDTLS_MD_SHA256,
        (int)MBEDTLS_MD_SHA384,
        (int)MBEDTLS_MD_NONE,
    };

    /* What a certificate in the chain may use: SHA-2, RSA >= 2048 bits, P-256 or P-384. */
    static const mbedtls_x509_crt_profile k_certificate_profile = {
        .allowed_mds = (1u << ((uint32_t)MBEDTLS_MD_SHA256 - 1u)) |
                       (1u << ((uint32_t)MBEDTLS_MD_SHA384 - 1u)) |
                       (1u << ((uint32_t)MBEDTLS_MD_SHA512 - 1u)),
        .allowed_pks = (1u << ((uint32_t)MBEDTLS_PK_RSA - 1u)) |
                       (1u << ((uint32_t)MBEDTLS_PK_ECKEY - 1u)) |
                       (1u << ((uint32_t)MBEDTLS_PK_ECDSA - 1u)),
        .allowed_curves = (1u << ((uint32_t)MBEDTLS_ECP_DP_SECP256R1 - 1u)) |
                          (1u << ((uint32_t)MBEDTLS_ECP_DP_SECP384R1 - 1u)),
        .rsa_min_bitlen = 2048u,
    };

    mbedtls_ssl_config *conf = &client->conf;
    const int result = mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT,
                                                   MBEDTLS_SSL_TRANSPORT_STREAM,
                                                   MBEDTLS_SSL_PRESET_DEFAULT);
    TlsClientStatus_t status = TLS_CLIENT_OK;
    if (result != 0)
    {
        client->last_error = (int32_t)result;
        status = TLS_CLIENT_PROTOCOL_ERROR;
    }
    else
    {
        mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
        mbedtls_ssl_conf_max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
        mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_cb(conf, &TlsClient_FindIssuers, client);
        mbedtls_ssl_conf_cert_profile(conf, &k_certificate_profile);
        mbedtls_ssl_conf_verify(conf, &TlsClient_OnVerify, client);
        mbedtls_ssl_conf_rng(conf, &TlsRng_Random, &client->rng);
        mbedtls_ssl_conf_curves(conf, k_curves);
        mbedtls_ssl_conf_sig_hashes(conf, k_signature_hashes);
        mbedtls_ssl_conf_session_tickets(conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
        mbedtls_ssl_conf_extended_master_secret(conf, MBEDTLS_SSL_EXTENDED_MS_ENABLED);
    }
    return status;
}

static TlsClientStatus_t TlsClient_Setup(TlsClient_t *client, const TlsClientConfig_t *config)
{
    TlsClientStatus_t status = TLS_CLIENT_OK;
    const int result = TlsRng_Init(&client->rng, config->device_seed, config->device_seed_length);
    if (result == MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED)
    {
        status = TLS_CLIENT_BAD_SEED;
    }
    else if (result != 0)
    {
        client->last_error = (int32_t)result;
        status = TLS_CLIENT_RNG_FAILED;
    }
    else
    {
        status = TlsClient_LoadAnchors(client, config->anchors, config->anchor_count);
    }
    if (status == TLS_CLIENT_OK)
    {
        status = TlsClient_Configure(client);
    }
    return status;
}

TlsClientStatus_t TlsClient_Init(TlsClient_t *client, const TlsClientConfig_t *config)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    if ((client != NULL) && TlsClient_ConfigIsValid(config))
    {
        (void)memset(client, 0, sizeof(*client));
        TlsArena_Init();
        TlsTime_InstallHooks();
        mbedtls_ssl_config_init(&client->conf);
        mbedtls_ssl_session_init(&client->session);
        (void)memcpy(client->host_name, config->host_name, strlen(config->host_name) + 1u);
        status = TlsClient_Setup(client, config);
        if (status == TLS_CLIENT_OK)
        {
            client->initialised = true;
        }
        else
        {
            const int32_t error = client->last_error;
            client->initialised = true;
            TlsClient_Deinit(client);
            client->last_error = error;
        }
    }
    return status;
}

void TlsClient_ForgetSession(TlsClient_t *client)
{
    if ((client != NULL) && client->initialised)
    {
        mbedtls_ssl_session_free(&client->session);
        mbedtls_ssl_session_init(&client->session);
        client->have_session = false;
    }
}

void TlsClient_Deinit(TlsClient_t *client)
{
    if ((client != NULL) && client->initialised)
    {
        TlsClient_Close(client);
        mbedtls_ssl_session_free(&client->session);
        client->anchors = NULL;
        client->anchor_count = 0u;
        mbedtls_ssl_config_free(&client->conf);
        TlsRng_Free(&client->rng);
        client->have_session = false;
        client->initialised = false;
    }
}

bool TlsClient_WasResumed(const TlsClient_t *client)
{
    return (client != NULL) && client->resumed;
}

int32_t TlsClient_LastError(const TlsClient_t *client)
{
    return (client != NULL) ? client->last_error : 0;
}

uint32_t TlsClient_VerifyFlags(const TlsClient_t *client)
{
    return (client != NULL) ? client->verify_flags : 0u;
}

TlsClientStatus_t TlsClient_SetAnchors(TlsClient_t *client, const TlsTrustAnchor_t *anchors, size_t count)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    if ((client != NULL) && client->initialised && (anchors != NULL) && (count > 0u) &&
        (count <= TLS_MAX_TRUST_ANCHORS))
    {
        TlsClient_Close(client);
        TlsClient_ForgetSession(client);
        status = TlsClient_LoadAnchors(client, anchors, count); /* on failure: none rather than some */
    }
    return status;
}

/* A self-issued certificate (a root) must carry a valid signature by its own key: a byte
 * changed in its body or signature is caught even where the DER still parses. mbedTLS does not
 * check a trusted root's own signature in a handshake, so this is stricter than TLS init.
 * Certificates issued by another CA (an intermediate as an anchor) are not checked here. */
static TlsClientStatus_t TlsClient_CheckSelfSignature(mbedtls_x509_crt *certificate)
{
    TlsClientStatus_t status = TLS_CLIENT_OK;
    const bool self_issued = (certificate->subject_raw.len == certificate->issuer_raw.len) &&
                             (memcmp(certificate->subject_raw.p, certificate->issuer_raw.p,
                                     certificate->subject_raw.len) == 0);
    if (self_issued)
    {
        unsigned char hash[MBEDTLS_MD_MAX_SIZE];
        const mbedtls_md_info_t *md = mbedtls_md_info_from_type(certificate->sig_md);
        int result = (md != NULL) ? mbedtls_md(md, certificate->tbs.p, certificate->tbs.len, hash) : -1;
        if (result == 0)
        {
            result = mbedtls_pk_verify_ext(certificate->sig_pk, certificate->sig_opts, &certificate->pk,
                                           certificate->sig_md, hash, (size_t)mbedtls_md_get_size(md),
                                           certificate->sig.p, certificate->sig.len);
        }
        if (result != 0)
        {
            status = (TlsClient_StatusFromError(result, 0u, TLS_CLIENT_OK) == TLS_CLIENT_OUT_OF_MEMORY)
                         ? TLS_CLIENT_OUT_OF_MEMORY
                         : TLS_CLIENT_BAD_ANCHOR;
        }
    }
    return status;
}

TlsClientStatus_t TlsClient_CheckAnchor(const TlsTrustAnchor_t *anchor)
{
    TlsClientStatus_t status = TLS_CLIENT_BAD_ARGUMENT;
    if ((anchor != NULL) && (anchor->der != NULL) && (anchor->length > 0u))
    {
        mbedtls_x509_crt certificate;
        TlsArena_Init();
        mbedtls_x509_crt_init(&certificate);
        const int result = mbedtls_x509_crt_parse_der_nocopy(&certificate, anchor->der, anchor->length);
        if (result != 0)
        {
            status = (TlsClient_StatusFromError(result, 0u, TLS_CLIENT_OK) == TLS_CLIENT_OUT_OF_MEMORY)
                         ? TLS_CLIENT_OUT_OF_MEMORY
                         : TLS_CLIENT_BAD_ANCHOR;
        }
        else if ((certificate.version >= 3) && (certificate.ca_istrue == 0))
        {
            status = TLS_CLIENT_BAD_ANCHOR; /* a v3 certificate that is no CA anchors nothing */
        }
        else
        {
            status = TlsClient_CheckSelfSignature(&certificate);
        }
        mbedtls_x509_crt_free(&certificate);
    }
    return status;
}
