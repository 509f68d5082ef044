/* bench_tls: full and resumed handshakes against the provisioned API host. */
#include "firmware/benchhook/bench_tls.h"

#include <stdbool.h>
#include <stdint.h>

#include "firmware/benchhook/bench_out.h"
#include "firmware/benchhook/benchhook_config.h"
#include "firmware/benchhook/bench_net.h"
#include "firmware/config/config.h"
#include "hal/clock.h"
#include "hal/system.h"
#include "net/stack/net_stack.h"
#include "net/tcp/tcp_conn.h"
#include "net/tls/tls_arena.h"
#include "net/tls/tls_client.h"
#include "net/tls/tls_tcp.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

/* One connection: TCP connect, then the TLS handshake, each timed (elapsed and idle ticks,
 * so the host can take busy = elapsed - idle); closed again after. */
static bool one_connection(const NetIp4_t *ip, bool full)
{
    static TcpConn_t conn;
    TlsClient_t *tls_client = BenchNet_Tls();
    if (full)
    {
        TlsClient_ForgetSession(tls_client);
    }
    TcpConn_Init(&conn);
    TlsArena_ResetPeak();
    const uint32_t i0 = System_IdleTicks();
    const uint32_t t0 = Clock_CycleCount();
    const TcpConnStatus_t tcp = TcpConn_Connect(&conn, ip, (uint16_t)BENCH_API_PORT, BENCH_CONNECT_TIMEOUT_MS);
    const uint32_t i1 = System_IdleTicks();
    const uint32_t t1 = Clock_CycleCount();
    TlsClientStatus_t tls = TLS_CLIENT_NOT_CONNECTED;
    if (tcp == TCP_CONN_OK)
    {
        const TlsTransport_t transport = TlsTcp_Transport(&conn);
        tls_client->transport = transport;
        tls = TlsClient_Connect(tls_client, &tls_client->transport, BENCH_CONNECT_TIMEOUT_MS);
    }
    const uint32_t t2 = Clock_CycleCount();
    const uint32_t i2 = System_IdleTicks();
    const bool resumed = TlsClient_WasResumed(tls_client);
    BenchOut_Figure("tcp_connect_ticks", t1 - t0);
    BenchOut_Figure("tcp_connect_idle_ticks", i1 - i0);
    BenchOut_Figure(resumed ? "handshake_resumed_ticks" : "handshake_full_ticks", t2 - t1);
    BenchOut_Figure(resumed ? "handshake_resumed_idle_ticks" : "handshake_full_idle_ticks", i2 - i1);
    BenchOut_Figure("handshake_tls_status", (uint32_t)tls);
    if (full)
    {
        TlsArenaUsage_t arena;
        TlsArena_GetUsage(&arena);
        BenchOut_Figure("handshake_full_arena_peak_bytes", (uint32_t)arena.peak_bytes);
    }
    TlsClient_Close(tls_client);
    TcpConn_Close(&conn);
    return (tls == TLS_CLIENT_OK) && (full != resumed);
}

BenchhookStatus_t BenchTls_Run(void)
{
    BenchhookStatus_t status = BENCHHOOK_ERR_INPUT;
    const ConfigData_t *config = (Config_Init() == CONFIG_OK) ? Config_Active() : NULL;
    NetIp4_t ip;
    if (config == NULL)
    {
        BenchOut_Note("not provisioned");
    }
    else if (!BenchNet_Start(config) ||
             (NetStack_Resolve(config->api_host, BENCH_NET_TIMEOUT_MS, &ip) != NET_STACK_OK))
    {
        BenchOut_Note("network, time or TLS set-up failed");
        status = BENCHHOOK_ERR_RUN;
    }
    else
    {
        status = BENCHHOOK_OK;
        for (uint32_t i = 0u; (i < (2u * BENCH_TLS_REPEATS)) && (status == BENCHHOOK_OK); i++)
        {
            status = one_connection(&ip, i < BENCH_TLS_REPEATS) ? BENCHHOOK_OK : BENCHHOOK_ERR_RUN;
        }
    }
    return status;
}
