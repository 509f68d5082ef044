/* lwIP bring-up and the poll loop (see net_stack.h). */
#include "net/stack/net_stack.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hal/clock.h"
#include "hal/eth.h"
#include "hal/system.h"
#include "lwip/apps/sntp.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "net/lwip_port/lwip_err.h"
#include "net/lwip_port/netif_eth.h"
#include "net/stack/net_ip_lwip.h"
#include "net/stack/net_progress.h"
#include "net/stack/net_time.h"
#include "netif/ethernet.h"

typedef struct
{
    bool started;     /* lwip_init has run (it must not run twice) */
    bool ready;
    bool link_up;
    bool address_up;
    uint32_t last_link_check_ms;
    bool sntp_retry;              /* the last SNTP answer was rejected: ask again soon */
    uint32_t sntp_rejected_ms;
    NetStackConfig_t config;
    NetEventHook_t hook;
    struct netif netif;
} NetStackState_t;

static NetStackState_t g_net;

static void raise_event(NetEvent_t event)
{
    if (g_net.hook != NULL)
    {
        g_net.hook(event);
    }
}

static void on_time(NetTimeStatus_t status, uint32_t unix_s)
{
    (void)unix_s;
    /* lwIP counts any answer as a sync and waits SNTP_UPDATE_DELAY: retry a rejected one sooner. */
    g_net.sntp_retry = (status != NET_TIME_OK);
    g_net.sntp_rejected_ms = Clock_NowMs();
    raise_event((status == NET_TIME_OK) ? NET_EVENT_TIME_SET : NET_EVENT_TIME_REJECTED);
}

static void retry_sntp(uint32_t now_ms)
{
    if (g_net.sntp_retry && g_net.address_up &&
        (Clock_ElapsedMs(now_ms, g_net.sntp_rejected_ms) >= NET_STACK_SNTP_RETRY_MS))
    {
        g_net.sntp_retry = false;
        sntp_stop();
        sntp_init();
    }
}

static void on_status(struct netif *netif)
{
    const bool up = netif_is_up(netif) && !ip4_addr_isany_val(*netif_ip4_addr(netif));
    if (up != g_net.address_up)
    {
        g_net.address_up = up;
        if (up)
        {
            if (sntp_enabled() == 0u)
            {
                sntp_init();
            }
            raise_event(NET_EVENT_ADDRESS_UP);
        }
        else
        {
            sntp_stop();
            raise_event(NET_EVENT_ADDRESS_DOWN);
        }
    }
}

static void on_link(struct netif *netif)
{
    const bool up = netif_is_link_up(netif);
    if (up != g_net.link_up)
    {
        g_net.link_up = up;
        raise_event(up ? NET_EVENT_LINK_UP : NET_EVENT_LINK_DOWN);
    }
}

static void check_link(uint32_t now_ms)
{
    g_net.last_link_check_ms = now_ms;
    const bool up = Eth_LinkUp();
    if (up && !netif_is_link_up(&g_net.netif))
    {
        netif_set_link_up(&g_net.netif);
    }
    else if (!up && netif_is_link_up(&g_net.netif))
    {
        netif_set_link_down(&g_net.netif);
    }
    else
    {
        /* unchanged */
    }
}

void NetStack_DefaultConfig(NetStackConfig_t *config)
{
    if (config != NULL)
    {
        (void)memset(config, 0, sizeof(*config));
        Eth_GetMac(config->mac);
        config->use_dhcp = true;
    }
}

static void configure_servers(void)
{
    for (uint8_t i = 0u; i < (uint8_t)NET_STACK_DNS_SERVERS; i++)
    {
        if (!NetIp4_IsZero(&g_net.config.dns[i]))
        {
            ip_addr_t server;
            NetIp4_ToLwip(&g_net.config.dns[i], ip_2_ip4(&server));
            IP_SET_TYPE_VAL(server, IPADDR_TYPE_V4);
            dns_setserver(i, &server);
        }
    }
    g_net.config.ntp_server[NET_STACK_NAME_MAX] = '\0';
    sntp_setoperatingmode(SNTP_OPMODE_POLL);
    if (g_net.config.use_dhcp)
    {
        sntp_servermode_dhcp(1); /* option 42 replaces the configured server */
    }
    const char *server = g_net.config.ntp_server;
    if (server[0] == '\0')
    {
        server = NET_STACK_DEFAULT_NTP;
    }
    sntp_setservername(0u, server);
}

static bool add_netif(void)
{
    ip4_addr_t address;
    ip4_addr_t netmask;
    ip4_addr_t gateway;
    ip4_addr_set_zero(&address);
    ip4_addr_set_zero(&netmask);
    ip4_addr_set_zero(&gateway);
    if (!g_net.config.use_dhcp)
    {
        NetIp4_ToLwip(&g_net.config.address, &address);
        NetIp4_ToLwip(&g_net.config.netmask, &netmask);
        NetIp4_ToLwip(&g_net.config.gateway, &gateway);
    }
    const struct netif *added = netif_add(&g_net.netif, &address, &netmask, &gateway, g_net.config.mac,
                                          NetifEth_Init, ethernet_input);
    return added != NULL;
}

static NetStackStatus_t start_stack(void)
{
    NetStackStatus_t status = NET_STACK_OK;
    lwip_init();
    if (!add_netif())
    {
        status = NET_STACK_NO_DEVICE;
    }
    else
    {
        netif_set_default(&g_net.netif);
        netif_set_status_callback(&g_net.netif, on_status);
        netif_set_link_callback(&g_net.netif, on_link);
        configure_servers();
        netif_set_up(&g_net.netif);
        if (g_net.config.use_dhcp && !LwipErr_Is(dhcp_start(&g_net.netif), ERR_OK))
        {
            status = NET_STACK_NO_MEMORY;
        }
    }
    return status;
}

NetStackStatus_t NetStack_Init(const NetStackConfig_t *config, NetEventHook_t hook)
{
    NetStackStatus_t status = NET_STACK_OK;
    if (config == NULL)
    {
        status = NET_STACK_BAD_ARGUMENT;
    }
    else if (g_net.started)
    {
        status = NET_STACK_ERROR; /* lwIP cannot be initialised twice */
    }
    else
    {
        (void)memset(&g_net, 0, sizeof(g_net));
        g_net.started = true;
        g_net.config = *config;
        g_net.hook = hook;
        NetTime_SetHook(on_time);
        status = start_stack();
        g_net.ready = (status == NET_STACK_OK);
        if (g_net.ready)
        {
            check_link(Clock_NowMs());
        }
    }
    return status;
}

void NetStack_Poll(void)
{
    if (g_net.ready)
    {
        const uint32_t now = Clock_NowMs();
        (void)Eth_TakePending();
        (void)NetifEth_Poll(&g_net.netif);
#if LWIP_NETIF_LOOPBACK
        netif_poll(&g_net.netif);
#endif
        sys_check_timeouts();
        if (Clock_ElapsedMs(now, g_net.last_link_check_ms) >= NET_STACK_LINK_POLL_MS)
        {
            check_link(now);
        }
        retry_sntp(Clock_NowMs());
        NetTime_RebaseAt(Clock_NowMs()); /* fresh: SNTP may have re-anchored during this poll */
    }
}

bool NetStack_LinkUp(void)
{
    return g_net.ready && g_net.link_up;
}

bool NetStack_AddressUp(void)
{
    return g_net.ready && g_net.link_up && g_net.address_up;
}

void NetStack_GetAddress(NetIp4_t *address, NetIp4_t *netmask, NetIp4_t *gateway)
{
    const bool up = NetStack_AddressUp();
    if (address != NULL)
    {
        NetIp4_FromLwip(up ? netif_ip4_addr(&g_net.netif) : NULL, address);
    }
    if (netmask != NULL)
    {
        NetIp4_FromLwip(up ? netif_ip4_netmask(&g_net.netif) : NULL, netmask);
    }
    if (gateway != NULL)
    {
        NetIp4_FromLwip(up ? netif_ip4_gw(&g_net.netif) : NULL, gateway);
    }
}

void NetStack_GetServers(NetIp4_t *ntp, NetIp4_t *dns)
{
    if (ntp != NULL)
    {
        const ip_addr_t *server = g_net.ready ? sntp_getserver(0u) : NULL;
        NetIp4_FromLwip((server != NULL) ? ip_2_ip4(server) : NULL, ntp);
    }
    if (dns != NULL)
    {
        const ip_addr_t *server = g_net.ready ? dns_getserver(0u) : NULL;
        NetIp4_FromLwip((server != NULL) ? ip_2_ip4(server) : NULL, dns);
    }
}

static NetStackStatus_t wait_result(bool reached)
{
    NetStackStatus_t status = NET_STACK_OK;
    if (!reached)
    {
        status = g_net.ready ? NET_STACK_TIMEOUT : NET_STACK_NOT_READY;
    }
    return status;
}

NetStackStatus_t NetStack_WaitAddress(uint32_t timeout_ms)
{
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    for (uint32_t step = 0u; (step < wait.max_steps) && !NetStack_AddressUp(); step++)
    {
        if (!NetWait_Step(&wait))
        {
            break;
        }
    }
    return wait_result(NetStack_AddressUp());
}

NetStackStatus_t NetStack_WaitTime(uint32_t timeout_ms)
{
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    for (uint32_t step = 0u; (step < wait.max_steps) && !NetTime_IsSet(); step++)
    {
        if (!NetWait_Step(&wait))
        {
            break;
        }
    }
    return wait_result(NetTime_IsSet());
}

const char *NetStack_StatusName(NetStackStatus_t status)
{
    const char *name = "unknown";
    switch (status)
    {
        case NET_STACK_OK: name = "ok"; break;
        case NET_STACK_TIMEOUT: name = "timeout"; break;
        case NET_STACK_NO_DEVICE: name = "no device"; break;
        case NET_STACK_NOT_READY: name = "not ready"; break;
        case NET_STACK_BAD_ARGUMENT: name = "bad argument"; break;
        case NET_STACK_DNS_FAILURE: name = "dns failure"; break;
        case NET_STACK_NO_MEMORY: name = "no memory"; break;
        case NET_STACK_ERROR: name = "error"; break;
        default: name = "unknown"; break;
    }
    return name;
}

void NetWait_Start(NetWait_t *wait, uint32_t timeout_ms)
{
    const uint32_t bounded = (timeout_ms > NET_STACK_WAIT_MAX_MS) ? NET_STACK_WAIT_MAX_MS : timeout_ms;
    wait->start_ms = Clock_NowMs();
    wait->timeout_ms = bounded;
    wait->max_steps = (bounded + 1u) * NET_STACK_WAKEUPS_PER_MS;
}

static NetProgressHook_t g_progress_hook = NULL;

void NetStack_SetProgressHook(NetProgressHook_t hook)
{
    g_progress_hook = hook;
}

bool NetWait_Step(const NetWait_t *wait)
{
    if (g_progress_hook != NULL)
    {
        g_progress_hook();
    }
    NetStack_Poll();
    const bool more = Clock_ElapsedMs(Clock_NowMs(), wait->start_ms) < wait->timeout_ms;
    if (more)
    {
        System_Idle();
    }
    return more;
}

uint32_t NetWait_RemainingMs(const NetWait_t *wait)
{
    const uint32_t elapsed = Clock_ElapsedMs(Clock_NowMs(), wait->start_ms);
    return (elapsed >= wait->timeout_ms) ? 0u : (wait->timeout_ms - elapsed);
}
