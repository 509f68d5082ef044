/*
 * TLS client against openssl s_server on 127.0.0.1 with a PKI made at test time
 * (tests/tls_host/make_pki.sh into build/tls-host-pki/). Run from the repository root.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hal/clock.h"
#include "net/tls/tls_client.h" /* before any mbedtls/ header: selects our configuration */
#include "mbedtls/platform_util.h"
#include "net/tls/tls_test_seed.h"
#include "tests/tls_host/tls_host.h"

#define CONNECT_TIMEOUT_MS 10000u
#define IO_TIMEOUT_MS 5000u
#define HOST "forge.laravel.com"

#define ANCHORS 4u
static uint8_t g_anchor_der[ANCHORS][TLS_HOST_MAX_FILE];
static TlsTrustAnchor_t g_anchors[ANCHORS];
static TlsClient_t g_client;
static int64_t g_clock_offset;
static bool g_clock_known = true;

static bool Test_WallClock(int64_t *unix_seconds)
{
    *unix_seconds = (int64_t)time(NULL) + g_clock_offset;
    return g_clock_known;
}

static int Test_GroupSetup(void **state)
{
    static const char *const names[ANCHORS] = {"ecdsa-root.der", "rsa-root.der", "rsa4096-root.der",
                                               "ecdsa384-root.der"};
    (void)state;
    if (!TlsHost_EnsurePki())
    {
        return -1;
    }
    for (size_t i = 0u; i < ANCHORS; i++)
    {
        g_anchors[i].der = g_anchor_der[i];
        g_anchors[i].length = TlsHost_ReadPkiFile(names[i], g_anchor_der[i], TLS_HOST_MAX_FILE);
        if (g_anchors[i].length == 0u)
        {
            return -1;
        }
    }
    return 0;
}

static TlsClientConfig_t Test_Config(void)
{
    const TlsClientConfig_t config = {g_anchors, ANCHORS, HOST, g_tls_test_seed, sizeof(g_tls_test_seed)};
    return config;
}

static int Test_Setup(void **state)
{
    const TlsClientConfig_t config = Test_Config();
    (void)state;
    g_clock_offset = 0;
    g_clock_known = true;
    TlsTime_SetWallClock(&Test_WallClock);
    return (TlsClient_Init(&g_client, &config) == TLS_CLIENT_OK) ? 0 : -1;
}

static int Test_Teardown(void **state)
{
    TlsArenaUsage_t usage;
    (void)state;
    TlsClient_Deinit(&g_client);
    TlsArena_GetUsage(&usage);
    /* everything the client took from the arena is back */
    return (usage.current_blocks == 0u) ? 0 : -1;
}

/* One connection to a running server: handshake, GET, first bytes of the reply, close. */
static TlsClientStatus_t Test_Session(uint16_t port, bool exchange)
{
    TlsHostSocket_t sock;
    assert_true(TlsHost_Connect(&sock, port));
    const TlsTransport_t transport = TlsHost_Transport(&sock);
    TlsClientStatus_t status = TlsClient_Connect(&g_client, &transport, CONNECT_TIMEOUT_MS);
    if ((status == TLS_CLIENT_OK) && exchange)
    {
        static const char request[] = "GET / HTTP/1.0\r\n\r\n";
        uint8_t reply[64] = {0};
        size_t sent = 0u;
        size_t received = 0u;
        assert_int_equal(TlsClient_Send(&g_client, (const uint8_t *)request, strlen(request),
                                        IO_TIMEOUT_MS, &sent), TLS_CLIENT_OK);
        assert_int_equal(sent, strlen(request));
        assert_int_equal(TlsClient_Recv(&g_client, reply, sizeof(reply) - 1u, IO_TIMEOUT_MS,
                                        &received), TLS_CLIENT_OK);
        assert_true(received >= 8u);
        assert_memory_equal(reply, "HTTP/1.0", 8u);
    }
    TlsClient_Close(&g_client);
    TlsHost_Close(&sock);
    return status;
}

static TlsClientStatus_t Test_Chain(const char *chain, const char *const *extra, bool exchange)
{
    TlsHostServer_t server;
    assert_true(TlsHost_StartServer(&server, chain, extra));
    const TlsClientStatus_t status = Test_Session(server.port, exchange);
    TlsHost_StopServer(&server);
    return status;
}

static void Test_ReportArena(const char *what)
{
    TlsArenaUsage_t usage;
    TlsArena_GetUsage(&usage);
    print_message("TLS arena (host, %zu-bit) %s: peak %zu bytes in %zu blocks, now %zu bytes "
                  "(%zu blocks), arena %zu\n",
                  sizeof(void *) * 8u, what, usage.peak_bytes, usage.peak_blocks,
                  usage.current_bytes, usage.current_blocks, usage.size);
}

/* ---- good chains ------------------------------------------------------------------- */

static void test_ecdsa_chain_ok(void **state)
{
    (void)state;
    TlsArena_ResetPeak();
    assert_int_equal(Test_Chain("ecdsa", NULL, true), TLS_CLIENT_OK);
    assert_false(TlsClient_WasResumed(&g_client));
    assert_int_equal(TlsClient_VerifyFlags(&g_client), 0u);
    Test_ReportArena("ECDSA P-256 chain, handshake + GET");
}

static void test_ecdsa_intermediate_chain_ok(void **state)
{
    (void)state;
    TlsArena_ResetPeak();
    assert_int_equal(Test_Chain("ecdsa-int", NULL, true), TLS_CLIENT_OK);
    Test_ReportArena("ECDSA P-256 root -> intermediate -> leaf");
}

static void test_rsa_chain_ok(void **state)
{
    (void)state;
    TlsArena_ResetPeak();
    assert_int_equal(Test_Chain("rsa", NULL, true), TLS_CLIENT_OK);
    Test_ReportArena("RSA-2048 chain, handshake + GET");
}

static void test_rsa4096_root_ok(void **state)
{
    (void)state;
    TlsArena_ResetPeak();
    assert_int_equal(Test_Chain("rsa4096", NULL, true), TLS_CLIENT_OK);
    Test_ReportArena("RSA-4096 root -> RSA-2048 leaf");
}

static void test_p384_root_ok(void **state)
{
    (void)state;
    TlsArena_ResetPeak();
    assert_int_equal(Test_Chain("ecdsa384", NULL, true), TLS_CLIENT_OK);
    Test_ReportArena("ECDSA P-384 root -> P-256 leaf");
}

static void test_p384_key_exchange_ok(void **state)
{
    static const char *const p384_only[] = {"-groups", "P-384", NULL};
    (void)state;
    assert_int_equal(Test_Chain("ecdsa", p384_only, true), TLS_CLIENT_OK);
}

/* ---- refusals, each with its own status -------------------------------------------- */

static void test_unknown_ca_refused(void **state)
{
    (void)state;
    assert_int_equal(Test_Chain("unknown-ca", NULL, false), TLS_CLIENT_UNKNOWN_CA);
    assert_int_equal(TlsClient_LastError(&g_client), MBEDTLS_ERR_X509_CERT_VERIFY_FAILED);
    assert_true((TlsClient_VerifyFlags(&g_client) & MBEDTLS_X509_BADCERT_NOT_TRUSTED) != 0u);
}

static void test_wrong_host_refused(void **state)
{
    (void)state;
    assert_int_equal(Test_Chain("wrong-host", NULL, false), TLS_CLIENT_HOST_MISMATCH);
}

static void test_expired_refused(void **state)
{
    (void)state;
    assert_int_equal(Test_Chain("expired", NULL, false), TLS_CLIENT_CERT_EXPIRED);
}

static void test_not_yet_valid_refused(void **state)
{
    (void)state;
    assert_int_equal(Test_Chain("not-yet-valid", NULL, false), TLS_CLIENT_CERT_NOT_YET_VALID);
}

static void test_expired_seen_by_a_late_clock(void **state)
{
    (void)state;
    g_clock_offset = (int64_t)3 * 365 * 86400; /* valid chain, clock three years ahead */
    assert_int_equal(Test_Chain("ecdsa", NULL, false), TLS_CLIENT_CERT_EXPIRED);
}

static void test_clock_not_set_refused(void **state)
{
    TlsHostSocket_t sock;
    uint16_t port = 0u;
    const int listener = TlsHost_Listen(&port);
    (void)state;
    assert_true(listener >= 0);
    assert_true(TlsHost_Connect(&sock, port));
    const TlsTransport_t transport = TlsHost_Transport(&sock);

    g_clock_known = false;
    assert_int_equal(TlsClient_Connect(&g_client, &transport, CONNECT_TIMEOUT_MS),
                     TLS_CLIENT_CLOCK_NOT_SET);
    g_clock_known = true;
    g_clock_offset = -((int64_t)time(NULL) - ((int64_t)FL_BUILD_EPOCH - 1));
    assert_int_equal(TlsClient_Connect(&g_client, &transport, CONNECT_TIMEOUT_MS),
                     TLS_CLIENT_CLOCK_NOT_SET);
    TlsTime_SetWallClock(NULL);
    assert_int_equal(TlsClient_Connect(&g_client, &transport, CONNECT_TIMEOUT_MS),
                     TLS_CLIENT_CLOCK_NOT_SET);
    /* refused before a single byte went out */
    assert_int_equal(sock.send_calls, 0u);
    assert_int_equal(sock.recv_calls, 0u);
    TlsHost_Close(&sock);
    (void)close(listener);
}

static void test_handshake_timeout(void **state)
{
    TlsHostSocket_t sock;
    uint16_t port = 0u;
    const int listener = TlsHost_Listen(&port); /* accepts in the kernel, never answers */
    (void)state;
    assert_true(listener >= 0);
    assert_true(TlsHost_Connect(&sock, port));
    const TlsTransport_t transport = TlsHost_Transport(&sock);
    const uint32_t start = Clock_NowMs();
    assert_int_equal(TlsClient_Connect(&g_client, &transport, 300u), TLS_CLIENT_HANDSHAKE_TIMEOUT);
    const uint32_t elapsed = Clock_ElapsedMs(Clock_NowMs(), start);
    assert_true(elapsed >= 290u);
    assert_true(elapsed < 1500u);
    TlsHost_Close(&sock);
    (void)close(listener);
}

static void test_peer_closed_during_handshake(void **state)
{
    TlsHostSocket_t sock;
    uint16_t port = 0u;
    const int listener = TlsHost_Listen(&port);
    (void)state;
    assert_true(listener >= 0);
    assert_true(TlsHost_Connect(&sock, port));
    const int accepted = accept(listener, NULL, NULL);
    assert_true(accepted >= 0);
    (void)close(accepted); /* the server goes away before answering */
    const TlsTransport_t transport = TlsHost_Transport(&sock);
    assert_int_equal(TlsClient_Connect(&g_client, &transport, CONNECT_TIMEOUT_MS),
                     TLS_CLIENT_PEER_CLOSED);
    TlsHost_Close(&sock);
    (void)close(listener);
}

static void test_alert_from_server(void **state)
{
    static const char *const tls13_only[] = {"-tls1_3", NULL};
    (void)state;
    assert_int_equal(Test_Chain("ecdsa", tls13_only, false), TLS_CLIENT_ALERT);
    assert_int_equal(TlsClient_LastError(&g_client), MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE);
}

static void test_out_of_memory(void **state)
{
    TlsHostServer_t server;
    (void)state;
    TlsClient_Deinit(&g_client);
    assert_true(TlsArena_TestRestart(12000u));
    assert_int_equal(Test_Setup(NULL), 0);
    assert_true(TlsHost_StartServer(&server, "ecdsa", NULL));
    assert_int_equal(Test_Session(server.port, false), TLS_CLIENT_OUT_OF_MEMORY);
    TlsHost_StopServer(&server);
    TlsClient_Deinit(&g_client);
    assert_true(TlsArena_TestRestart(0u));
    assert_int_equal(Test_Setup(NULL), 0);
}

/* Smallest arena (block headers and fragmentation included) a handshake + GET fits in. */
static size_t Test_MinimumArena(const char *chain)
{
    TlsHostServer_t server;
    size_t low = 8192u;             /* fails */
    size_t high = TLS_ARENA_SIZE;   /* works */
    assert_true(TlsHost_StartServer(&server, chain, NULL));
    for (uint32_t step = 0u; (step < 16u) && ((high - low) > 256u); step++)
    {
        const size_t mid = ((low + high) / 2u) & ~(size_t)7u;
        TlsClient_Deinit(&g_client);
        assert_true(TlsArena_TestRestart(mid));
        assert_int_equal(Test_Setup(NULL), 0);
        const TlsClientStatus_t status = Test_Session(server.port, true);
        if (status == TLS_CLIENT_OK)
        {
            high = mid;
        }
        else
        {
            assert_int_equal(status, TLS_CLIENT_OUT_OF_MEMORY);
            low = mid;
        }
    }
    TlsHost_StopServer(&server);
    TlsClient_Deinit(&g_client);
    assert_true(TlsArena_TestRestart(0u));
    assert_int_equal(Test_Setup(NULL), 0);
    return high;
}

/* Figures for `make bench` and the issue notes: build/tls-host-pki/arena-host.json. */
static void test_minimum_arena(void **state)
{
    static const char *const chains[] = {"ecdsa", "rsa", "rsa4096", "ecdsa384"};
    FILE *json = fopen(TLS_HOST_PKI_DIR "/arena-host.json", "w");
    (void)state;
    assert_non_null(json);
    (void)fprintf(json, "{\"pointer_bits\": %zu, \"arena_size\": %u", sizeof(void *) * 8u,
                  (unsigned int)TLS_ARENA_SIZE);
    for (size_t i = 0u; i < (sizeof(chains) / sizeof(chains[0])); i++)
    {
        TlsArenaUsage_t usage;
        const size_t needed = Test_MinimumArena(chains[i]);
        TlsArena_ResetPeak();
        assert_int_equal(Test_Chain(chains[i], NULL, true), TLS_CLIENT_OK);
        TlsArena_GetUsage(&usage);
        print_message("TLS arena (host, %zu-bit) chain %s: peak %zu bytes in %zu blocks; smallest "
                      "arena that works %zu bytes (within 256)\n", sizeof(void *) * 8u, chains[i],
                      usage.peak_bytes, usage.peak_blocks, needed);
        (void)fprintf(json, ", \"%s\": {\"peak_bytes\": %zu, \"peak_blocks\": %zu, "
                      "\"smallest_arena\": %zu}", chains[i], usage.peak_bytes, usage.peak_blocks,
                      needed);
        assert_true(needed < TLS_ARENA_SIZE);
    }
    (void)fprintf(json, "}\n");
    assert_int_equal(fclose(json), 0);
}

/* ---- resumption -------------------------------------------------------------------- */

static void Test_Resumption(const char *const *extra)
{
    TlsHostServer_t server;
    TlsArenaUsage_t usage;
    assert_true(TlsHost_StartServer(&server, "ecdsa", extra));
    assert_int_equal(Test_Session(server.port, true), TLS_CLIENT_OK);
    assert_false(TlsClient_WasResumed(&g_client));
    TlsArena_ResetPeak();
    assert_int_equal(Test_Session(server.port, true), TLS_CLIENT_OK);
    assert_true(TlsClient_WasResumed(&g_client));
    Test_ReportArena("resumed handshake + GET");
    TlsArena_GetUsage(&usage);
    print_message("TLS idle between connections (anchors, DRBG, saved session): %zu bytes in "
                  "%zu blocks\n", usage.current_bytes, usage.current_blocks);
    /* forgetting the session forces a full handshake */
    TlsClient_ForgetSession(&g_client);
    assert_int_equal(Test_Session(server.port, true), TLS_CLIENT_OK);
    assert_false(TlsClient_WasResumed(&g_client));
    TlsHost_StopServer(&server);
}

static void test_resumption_with_ticket(void **state)
{
    (void)state;
    Test_Resumption(NULL);
}

static void test_resumption_with_session_id(void **state)
{
    static const char *const no_ticket[] = {"-no_ticket", NULL};
    (void)state;
    Test_Resumption(no_ticket);
}

static void test_no_resumption_after_failure(void **state)
{
    TlsHostServer_t server;
    TlsHostSocket_t sock;
    uint16_t port = 0u;
    const int listener = TlsHost_Listen(&port);
    (void)state;
    assert_true(TlsHost_StartServer(&server, "ecdsa", NULL));
    assert_int_equal(Test_Session(server.port, false), TLS_CLIENT_OK);
    assert_true(TlsHost_Connect(&sock, port));
    const TlsTransport_t transport = TlsHost_Transport(&sock);
    assert_int_equal(TlsClient_Connect(&g_client, &transport, 100u), TLS_CLIENT_HANDSHAKE_TIMEOUT);
    TlsHost_Close(&sock);
    assert_int_equal(Test_Session(server.port, false), TLS_CLIENT_OK);
    assert_false(TlsClient_WasResumed(&g_client));
    TlsHost_StopServer(&server);
    (void)close(listener);
}

/* ---- arguments, statuses, calendar ------------------------------------------------- */

static void test_init_refuses_bad_configuration(void **state)
{
    static TlsClient_t client;
    TlsClientConfig_t config = Test_Config();
    static const uint8_t blank_seed[TLS_DEVICE_SEED_SIZE] = {0};
    static const uint8_t junk[16] = {0x30u, 0x82u, 0x01u};
    const TlsTrustAnchor_t bad_anchor = {junk, sizeof(junk)};
    static char long_name[TLS_HOST_NAME_MAX + 2u];
    (void)state;
    config.device_seed = blank_seed;
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_SEED);
    config = Test_Config();
    config.device_seed_length = 16u;
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_SEED);
    config = Test_Config();
    config.anchors = &bad_anchor;
    config.anchor_count = 1u;
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_ANCHOR);
    config = Test_Config();
    config.anchor_count = TLS_MAX_TRUST_ANCHORS + 1u;
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_ARGUMENT);
    config = Test_Config();
    (void)memset(long_name, 'a', sizeof(long_name) - 1u);
    long_name[sizeof(long_name) - 1u] = '\0';
    config.host_name = long_name;
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_ARGUMENT);
    config.host_name = "";
    assert_int_equal(TlsClient_Init(&client, &config), TLS_CLIENT_BAD_ARGUMENT);
    assert_int_equal(TlsClient_Init(NULL, &config), TLS_CLIENT_BAD_ARGUMENT);
}

static void test_calls_before_connect(void **state)
{
    uint8_t buffer[8] = {0};
    size_t count = 99u;
    (void)state;
    assert_int_equal(TlsClient_Send(&g_client, buffer, sizeof(buffer), 10u, &count),
                     TLS_CLIENT_NOT_CONNECTED);
    assert_int_equal(count, 0u);
    assert_int_equal(TlsClient_Recv(&g_client, buffer, sizeof(buffer), 10u, &count),
                     TLS_CLIENT_NOT_CONNECTED);
    assert_int_equal(TlsClient_Connect(&g_client, NULL, 10u), TLS_CLIENT_BAD_ARGUMENT);
}

static void test_status_mapping(void **state)
{
    (void)state;
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_X509_CERT_VERIFY_FAILED,
                                               MBEDTLS_X509_BADCERT_NOT_TRUSTED |
                                                   MBEDTLS_X509_BADCERT_EXPIRED,
                                               TLS_CLIENT_OK),
                     TLS_CLIENT_UNKNOWN_CA);
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_X509_CERT_VERIFY_FAILED,
                                               MBEDTLS_X509_BADCERT_BAD_KEY, TLS_CLIENT_OK),
                     TLS_CLIENT_CERT_REJECTED);
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_SSL_ALLOC_FAILED, 0u, TLS_CLIENT_OK),
                     TLS_CLIENT_OUT_OF_MEMORY);
    /* high-level X.509 error plus low-level bignum allocation failure */
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_X509_INVALID_FORMAT +
                                                   MBEDTLS_ERR_MPI_ALLOC_FAILED,
                                               0u, TLS_CLIENT_OK),
                     TLS_CLIENT_OUT_OF_MEMORY);
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_X509_INVALID_FORMAT, 0u, TLS_CLIENT_OK),
                     TLS_CLIENT_PROTOCOL_ERROR);
    assert_int_equal(TlsClient_StatusFromError(MBEDTLS_ERR_SSL_TIMEOUT, 0u, TLS_CLIENT_IO_ERROR),
                     TLS_CLIENT_IO_ERROR);
    assert_string_equal(TlsClient_StatusName(TLS_CLIENT_HOST_MISMATCH), "host name mismatch");
    assert_string_equal(TlsClient_StatusName(TLS_CLIENT_PROTOCOL_ERROR), "protocol error");
    assert_string_equal(TlsClient_StatusName((TlsClientStatus_t)99), "?");
}

static void Test_CompareGmtime(time_t seconds)
{
    struct tm ours;
    struct tm libc;
    const mbedtls_time_t t = (mbedtls_time_t)seconds;
    assert_non_null(mbedtls_platform_gmtime_r(&t, &ours));
    assert_non_null(gmtime_r(&seconds, &libc));
    assert_int_equal(ours.tm_year, libc.tm_year);
    assert_int_equal(ours.tm_mon, libc.tm_mon);
    assert_int_equal(ours.tm_mday, libc.tm_mday);
    assert_int_equal(ours.tm_hour, libc.tm_hour);
    assert_int_equal(ours.tm_min, libc.tm_min);
    assert_int_equal(ours.tm_sec, libc.tm_sec);
    assert_int_equal(ours.tm_wday, libc.tm_wday);
    assert_int_equal(ours.tm_yday, libc.tm_yday);
}

static void test_gmtime_matches_libc(void **state)
{
    const mbedtls_time_t negative = -1;
    struct tm out;
    (void)state;
    Test_CompareGmtime(0);
    Test_CompareGmtime(951782400);   /* 2000-02-29 */
    Test_CompareGmtime(1795824000);  /* 2026-11-28 */
    Test_CompareGmtime(4107542399);  /* 2100-02-28T23:59:59 */
    Test_CompareGmtime(4107542400);  /* 2100-03-01 (not a leap year) */
    Test_CompareGmtime(253402300799); /* 9999-12-31T23:59:59 */
    uint64_t x = 88172645463325252u;
    for (uint32_t i = 0u; i < 20000u; i++)
    {
        x ^= x << 13u;
        x ^= x >> 7u;
        x ^= x << 17u;
        Test_CompareGmtime((time_t)(x % 253402300800u));
    }
    assert_null(mbedtls_platform_gmtime_r(&negative, &out));
}

/* ---- anchor rotation: check one anchor, replace them on a live client ---------------- */

static uint8_t g_check_der[TLS_HOST_MAX_FILE];

static void test_check_anchor(void **state)
{
    (void)state;
    for (size_t i = 0u; i < ANCHORS; i++)
    {
        assert_int_equal(TlsClient_CheckAnchor(&g_anchors[i]), TLS_CLIENT_OK);
    }
    /* A leaf is no anchor (v3, not a CA). */
    assert_int_equal(system("openssl x509 -in " TLS_HOST_PKI_DIR "/ecdsa.crt -outform DER -out " TLS_HOST_PKI_DIR
                            "/ecdsa-leaf.der"), 0);
    TlsTrustAnchor_t anchor = {g_check_der, TlsHost_ReadPkiFile("ecdsa-leaf.der", g_check_der, sizeof g_check_der)};
    assert_true(anchor.length > 0u);
    assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_BAD_ANCHOR);
    /* One flipped byte in the outer tag, a truncated certificate, a length byte off by one. */
    memcpy(g_check_der, g_anchors[0].der, g_anchors[0].length);
    anchor.length = g_anchors[0].length;
    g_check_der[0] ^= 0x01u;
    assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_BAD_ANCHOR);
    g_check_der[0] ^= 0x01u;
    assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_OK);
    anchor.length--;
    assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_BAD_ANCHOR);
    anchor.length++;
    g_check_der[3] ^= 0x01u;
    assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_BAD_ANCHOR);
    g_check_der[3] ^= 0x01u;
    /* A byte changed where the DER still parses (the serial number, the signature): the root's
     * own signature no longer verifies, for every root of the set (ECDSA and RSA). (A change in
     * the subject or issuer name makes it look issued by another CA: not checked.) */
    for (size_t i = 0u; i < ANCHORS; i++)
    {
        memcpy(g_check_der, g_anchors[i].der, g_anchors[i].length);
        anchor.length = g_anchors[i].length;
        const size_t places[] = {15u, anchor.length - 10u, anchor.length - 2u};
        for (size_t p = 0u; p < (sizeof places / sizeof places[0]); p++)
        {
            g_check_der[places[p]] ^= 0x80u;
            assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_BAD_ANCHOR);
            g_check_der[places[p]] ^= 0x80u;
        }
        assert_int_equal(TlsClient_CheckAnchor(&anchor), TLS_CLIENT_OK);
    }
    assert_int_equal(TlsClient_CheckAnchor(NULL), TLS_CLIENT_BAD_ARGUMENT);
}

static void test_set_anchors_rotates(void **state)
{
    (void)state;
    /* A client that trusts only the ECDSA root. */
    TlsClient_Deinit(&g_client);
    const TlsClientConfig_t config = {&g_anchors[0], 1u, HOST, g_tls_test_seed, sizeof(g_tls_test_seed)};
    assert_int_equal(TlsClient_Init(&g_client, &config), TLS_CLIENT_OK);
    assert_int_equal(Test_Chain("ecdsa", NULL, false), TLS_CLIENT_OK);
    assert_int_equal(Test_Chain("rsa", NULL, false), TLS_CLIENT_UNKNOWN_CA);
    /* Rotated to the RSA root: RSA chains verify, the ECDSA root is dropped (and its session). */
    assert_int_equal(TlsClient_SetAnchors(&g_client, &g_anchors[1], 1u), TLS_CLIENT_OK);
    assert_int_equal(Test_Chain("rsa", NULL, true), TLS_CLIENT_OK);
    assert_int_equal(Test_Chain("ecdsa", NULL, false), TLS_CLIENT_UNKNOWN_CA);
    /* Every anchor at once; a bad set leaves none (every handshake refused). */
    assert_int_equal(TlsClient_SetAnchors(&g_client, g_anchors, ANCHORS), TLS_CLIENT_OK);
    assert_int_equal(Test_Chain("ecdsa", NULL, false), TLS_CLIENT_OK);
    memcpy(g_check_der, g_anchors[0].der, g_anchors[0].length);
    g_check_der[0] ^= 0x01u;
    const TlsTrustAnchor_t bad = {g_check_der, g_anchors[0].length};
    assert_int_equal(TlsClient_SetAnchors(&g_client, &bad, 1u), TLS_CLIENT_BAD_ANCHOR);
    assert_int_not_equal(Test_Chain("ecdsa", NULL, false), TLS_CLIENT_OK);
    assert_int_equal(TlsClient_SetAnchors(&g_client, g_anchors, 0u), TLS_CLIENT_BAD_ARGUMENT);
    assert_int_equal(TlsClient_SetAnchors(&g_client, g_anchors, TLS_MAX_TRUST_ANCHORS + 1u), TLS_CLIENT_BAD_ARGUMENT);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ecdsa_chain_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_ecdsa_intermediate_chain_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_rsa_chain_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_rsa4096_root_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_p384_root_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_p384_key_exchange_ok, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_unknown_ca_refused, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_wrong_host_refused, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_expired_refused, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_not_yet_valid_refused, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_expired_seen_by_a_late_clock, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_clock_not_set_refused, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_handshake_timeout, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_peer_closed_during_handshake, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_alert_from_server, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_minimum_arena, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_resumption_with_ticket, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_resumption_with_session_id, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_no_resumption_after_failure, Test_Setup, Test_Teardown),
        cmocka_unit_test(test_init_refuses_bad_configuration),
        cmocka_unit_test_setup_teardown(test_check_anchor, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_set_anchors_rotates, Test_Setup, Test_Teardown),
        cmocka_unit_test_setup_teardown(test_calls_before_connect, Test_Setup, Test_Teardown),
        cmocka_unit_test(test_status_mapping),
        cmocka_unit_test(test_gmtime_matches_libc),
    };
    return cmocka_run_group_tests(tests, Test_GroupSetup, NULL);
}
