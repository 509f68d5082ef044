/* bench_net: network bring-up and the TLS client of the network hooks. */
#include "firmware/benchhook/bench_net.h"

#include <stddef.h>
#include <string.h>

#include "firmware/benchhook/benchhook_config.h"
#include "net/stack/net_stack.h"
#include "net/stack/net_time.h"
#include "net/tls/tls_time.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

static TlsClient_t g_tls;

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
