/* bench_net: network bring-up, TLS client and the timed transport of the network hooks. */
#include "firmware/benchhook/bench_net.h"

#include <stddef.h>
#include <string.h>

#include "firmware/benchhook/benchhook_config.h"
#include "hal/clock.h"
#include "net/stack/net_stack.h"
#include "net/stack/net_time.h"
#include "net/tls/tls_time.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

static TlsClient_t g_tls;
static TlsTransport_t g_inner;
static uint32_t g_io_ticks;

static void on_net_event(NetEvent_t event)
{
    (void)event;
}

static bool bring_up(const ConfigData_t *config)
{
    NetStackConfig_t net;
    NetStack_DefaultConfig(&net);
    net.use_dhcp = (config->network.mode == CONFIG_NET_DHCP);
    for (size_t i = 0u; i < NET_IP4_OCTETS; i++)
    {
        net.address.octet[i] = config->network.address[i];
        net.netmask.octet[i] = config->network.netmask[i];
        net.gateway.octet[i] = config->network.gateway[i];
        net.dns[0].octet[i] = config->network.dns[i];
    }
    (void)memcpy(net.ntp_server, config->network.sntp, sizeof net.ntp_server - 1u);
    net.ntp_server[sizeof net.ntp_server - 1u] = '\0';
    return (NetStack_Init(&net, on_net_event) == NET_STACK_OK) &&
           (NetStack_WaitAddress(BENCH_NET_TIMEOUT_MS) == NET_STACK_OK) &&
           (NetStack_WaitTime(BENCH_NET_TIMEOUT_MS) == NET_STACK_OK);
}

static bool start_tls(const ConfigData_t *config)
{
    /* the anchors stay in place in the store slot in use */
    const TlsClientConfig_t tls_config = {config->anchors, config->anchor_count, config->api_host,
                                          config->has_seed ? config->seed : NULL,
                                          config->has_seed ? sizeof config->seed : 0u};
    TlsTime_SetWallClock(NetTime_WallClock);
    return TlsClient_Init(&g_tls, &tls_config) == TLS_CLIENT_OK;
}

bool BenchNet_Start(const ConfigData_t *config)
{
    return bring_up(config) && start_tls(config);
}

TlsClient_t *BenchNet_Tls(void)
{
    return &g_tls;
}

static TlsClientStatus_t timed_send(void *context, const uint8_t *data, size_t length, uint32_t timeout_ms,
                                    size_t *sent)
{
    const uint32_t t0 = Clock_CycleCount();
    const TlsClientStatus_t status = g_inner.send(context, data, length, timeout_ms, sent);
    g_io_ticks += Clock_CycleCount() - t0;
    return status;
}

static TlsClientStatus_t timed_recv(void *context, uint8_t *buffer, size_t capacity, uint32_t timeout_ms,
                                    size_t *received)
{
    const uint32_t t0 = Clock_CycleCount();
    const TlsClientStatus_t status = g_inner.recv(context, buffer, capacity, timeout_ms, received);
    g_io_ticks += Clock_CycleCount() - t0;
    return status;
}

void BenchNet_TimeTransport(TlsClient_t *tls)
{
    if ((tls->transport.send != timed_send) && (tls->transport.send != NULL))
    {
        g_inner = tls->transport;
        tls->transport.send = timed_send;
        tls->transport.recv = timed_recv;
    }
}

uint32_t BenchNet_IoTicks(void)
{
    return g_io_ticks;
}

void BenchNet_ResetIoTicks(void)
{
    g_io_ticks = 0u;
}
