/* QEMU network bring-up test (see nettest.h). */
#include "firmware/nettest/nettest.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "firmware/log/log.h"
#include "firmware/nettest/nettest_config.h"
#include "hal/clock.h"
#include "hal/eth.h"
#include "hal/system.h"
#include "net/lwip_port/lwip_port.h"
#include "net/stack/net_stack.h"
#include "net/stack/net_time.h"
#include "net/tcp/tcp_conn.h"

#if !FL_TEST_BUILD
#error "nettest is for test builds only"
#endif

#define NETTEST_TAG       "nettest"
#define NETTEST_PORT_MAX  65535u
#define NETTEST_DIGITS    5u
#define NETTEST_MSG       "forgelight nettest\n"


static void log_ip(LogLine_t *line, const NetIp4_t *ip)
{
    for (size_t i = 0u; i < NET_IP4_OCTETS; i++)
    {
        if (i != 0u)
        {
            Log_Str(line, ".");
        }
        Log_Uint(line, ip->octet[i]);
    }
}

static void log_event(NetEvent_t event)
{
    static const char *const names[] = {"link up", "link down", "address up", "address down",
                                        "time set", "time rejected (below build floor)"};
    const size_t index = (size_t)event;
    Log_Message(LOG_LEVEL_INFO, "net", (index < (sizeof(names) / sizeof(names[0]))) ? names[index] : "?");
}

static bool fail(const char *step, const char *why)
{
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_ERROR, NETTEST_TAG);
    Log_Str(&line, "FAIL ");
    Log_Str(&line, step);
    Log_Str(&line, ": ");
    Log_Str(&line, why);
    Log_End(&line);
    return false;
}

static bool step_bringup(void)
{
    NetStackConfig_t config;
    NetStack_DefaultConfig(&config);
    LwipPort_Seed(Clock_CycleCount());
    const uint32_t start = Clock_NowMs();
    NetStackStatus_t status = NetStack_Init(&config, log_event);
    if (status != NET_STACK_OK)
    {
        return fail("init", NetStack_StatusName(status));
    }
    status = NetStack_WaitAddress(NETTEST_DHCP_TIMEOUT_MS);
    if (status != NET_STACK_OK)
    {
        return fail("dhcp", NetStack_StatusName(status));
    }
    NetIp4_t address;
    NetIp4_t netmask;
    NetIp4_t gateway;
    NetIp4_t dns;
    NetStack_GetAddress(&address, &netmask, &gateway);
    NetStack_GetServers(NULL, &dns);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, "lease ");
    log_ip(&line, &address);
    Log_Str(&line, " mask ");
    log_ip(&line, &netmask);
    Log_Str(&line, " gw ");
    log_ip(&line, &gateway);
    Log_Str(&line, " dns ");
    log_ip(&line, &dns);
    Log_Str(&line, " in ");
    Log_Uint(&line, Clock_ElapsedMs(Clock_NowMs(), start));
    Log_Str(&line, " ms");
    Log_End(&line);
    return true;
}

static bool step_dns(void)
{
    NetIp4_t resolved;
    const uint32_t start = Clock_NowMs();
    const NetStackStatus_t status = NetStack_Resolve(NETTEST_HOST, NETTEST_DNS_TIMEOUT_MS, &resolved);
    if (status != NET_STACK_OK)
    {
        return fail("dns", NetStack_StatusName(status));
    }
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, NETTEST_HOST " = ");
    log_ip(&line, &resolved);
    Log_Str(&line, " in ");
    Log_Uint(&line, Clock_ElapsedMs(Clock_NowMs(), start));
    Log_Str(&line, " ms");
    Log_End(&line);
    return true;
}

static bool step_sntp(void)
{
    const uint32_t start = Clock_NowMs();
    const NetStackStatus_t status = NetStack_WaitTime(NETTEST_SNTP_TIMEOUT_MS);
    if (status != NET_STACK_OK)
    {
        return fail("sntp", NetStack_StatusName(status));
    }
    uint32_t unix_s = 0u;
    uint32_t ms = 0u;
    NetIp4_t server;
    (void)NetTime_Now(&unix_s, &ms);
    NetStack_GetServers(&server, NULL);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, "time ");
    Log_Uint(&line, unix_s);
    Log_Str(&line, ".");
    Log_Uint(&line, ms);
    Log_Str(&line, " from ");
    log_ip(&line, &server);
    Log_Str(&line, " in ");
    Log_Uint(&line, Clock_ElapsedMs(Clock_NowMs(), start));
    Log_Str(&line, " ms");
    Log_End(&line);
    return true;
}

/* Read until a newline arrives, the buffer fills or the peer stops. */
static TcpConnStatus_t read_reply(TcpConn_t *conn, uint8_t *reply, size_t cap, size_t *total)
{
    TcpConnStatus_t status = TCP_CONN_OK;
    *total = 0u;
    for (uint32_t round = 0u; (round < NETTEST_RECV_ROUNDS) && (*total < cap); round++)
    {
        size_t got = 0u;
        status = TcpConn_Recv(conn, &reply[*total], cap - *total, NETTEST_TCP_TIMEOUT_MS, &got);
        *total += got;
        if ((status != TCP_CONN_OK) || (memchr(reply, (int)'\n', *total) != NULL))
        {
            break;
        }
    }
    return ((*total > 0u) && (status != TCP_CONN_TIMEOUT)) ? TCP_CONN_OK : status;
}

static bool step_tcp(uint16_t port)
{
    static const NetIp4_t g_peer = {{192u, 0u, 2u, 1u}};
    static TcpConn_t conn;
    uint8_t reply[NETTEST_REPLY_MAX];
    size_t sent = 0u;
    size_t received = 0u;
    const uint32_t start = Clock_NowMs();
    TcpConn_Init(&conn);
    TcpConnStatus_t status = TcpConn_Connect(&conn, &g_peer, port, NETTEST_TCP_TIMEOUT_MS);
    if (status == TCP_CONN_OK)
    {
        status = TcpConn_Send(&conn, (const uint8_t *)NETTEST_MSG, sizeof(NETTEST_MSG) - 1u,
                              NETTEST_TCP_TIMEOUT_MS, &sent);
    }
    if (status == TCP_CONN_OK)
    {
        status = read_reply(&conn, reply, sizeof reply, &received);
    }
    TcpConn_Close(&conn);
    if (status != TCP_CONN_OK)
    {
        return fail("tcp", TcpConn_StatusName(status));
    }
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, "tcp ");
    log_ip(&line, &g_peer);
    Log_Str(&line, ":");
    Log_Uint(&line, port);
    Log_Str(&line, " sent ");
    Log_Uint(&line, (uint32_t)sent);
    Log_Str(&line, " received ");
    Log_Uint(&line, (uint32_t)received);
    Log_Str(&line, " in ");
    Log_Uint(&line, Clock_ElapsedMs(Clock_NowMs(), start));
    Log_Str(&line, " ms: ");
    size_t shown = received;
    if (shown > 0u)
    {
        shown--; /* without the newline */
    }
    Log_StrN(&line, (const char *)reply, shown);
    Log_End(&line);
    return true;
}

/* Bulk mode: after the line, read until the peer closes; report bytes and time. */
static bool step_bulk(uint16_t port)
{
    static const NetIp4_t peer = {{192u, 0u, 2u, 1u}};
    static TcpConn_t conn;
    static uint8_t chunk[NETTEST_BULK_CHUNK];
    size_t sent = 0u;
    uint32_t total = 0u;
    TcpConn_Init(&conn);
    TcpConnStatus_t status = TcpConn_Connect(&conn, &peer, port, NETTEST_TCP_TIMEOUT_MS);
    if (status == TCP_CONN_OK)
    {
        status = TcpConn_Send(&conn, (const uint8_t *)NETTEST_MSG, sizeof(NETTEST_MSG) - 1u,
                              NETTEST_TCP_TIMEOUT_MS, &sent);
    }
    const uint32_t start = Clock_NowMs();
    for (uint32_t round = 0u; (round < NETTEST_BULK_ROUNDS) && (status == TCP_CONN_OK); round++)
    {
        size_t got = 0u;
        status = TcpConn_Recv(&conn, chunk, sizeof chunk, NETTEST_TCP_TIMEOUT_MS, &got);
        total += (uint32_t)got;
    }
    const uint32_t elapsed = Clock_ElapsedMs(Clock_NowMs(), start);
    TcpConn_Close(&conn);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, "bulk received ");
    Log_Uint(&line, total);
    Log_Str(&line, " bytes in ");
    Log_Uint(&line, elapsed);
    Log_Str(&line, " ms, ended: ");
    Log_Str(&line, TcpConn_StatusName(status));
    Log_End(&line);
    return (status == TCP_CONN_CLOSED) && (total > 0u);
}

static void log_pools(void)
{
    for (size_t i = 0u; i < LwipPort_PoolCount(); i++)
    {
        LwipPortPoolStat_t stat;
        if (LwipPort_PoolStat(i, &stat))
        {
            LogLine_t line;
            Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
            Log_Str(&line, "pool ");
            Log_Str(&line, stat.name);
            Log_Str(&line, " max ");
            Log_Uint(&line, stat.max);
            Log_Str(&line, " of ");
            Log_Uint(&line, stat.avail);
            Log_Str(&line, " used ");
            Log_Uint(&line, stat.used);
            Log_Str(&line, " err ");
            Log_Uint(&line, stat.errors);
            Log_End(&line);
        }
    }
    EthStats_t eth;
    Eth_GetStats(&eth);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, NETTEST_TAG);
    Log_Str(&line, "eth rx ");
    Log_Uint(&line, eth.rx_frames);
    Log_Str(&line, " frames (");
    Log_Uint(&line, eth.rx_errors);
    Log_Str(&line, " err, ");
    Log_Uint(&line, eth.rx_dropped);
    Log_Str(&line, " dropped) tx ");
    Log_Uint(&line, eth.tx_frames);
    Log_Str(&line, " frames (");
    Log_Uint(&line, eth.tx_timeouts);
    Log_Str(&line, " timeouts) irqs ");
    Log_Uint(&line, eth.irqs);
    Log_End(&line);
}

/* "net", "net <port>" or "netbulk <port>": the port (0 when not ours or not a valid port). */
static uint16_t parse_command(const char *command, bool *bulk)
{
    uint32_t port = 0u;
    size_t prefix = 4u;
    *bulk = (strncmp(command, "netbulk ", 8u) == 0);
    if (*bulk)
    {
        prefix = 8u;
    }
    if (strcmp(command, "net") == 0)
    {
        port = NETTEST_DEFAULT_PORT;
    }
    else if (*bulk || (strncmp(command, "net ", 4u) == 0))
    {
        const char *digits = &command[prefix];
        size_t i = 0u;
        for (i = 0u; (i < NETTEST_DIGITS) && (digits[i] >= '0') && (digits[i] <= '9'); i++)
        {
            const uint32_t digit = (uint32_t)(uint8_t)digits[i] - (uint32_t)(uint8_t)'0';
            port = (port * 10u) + digit;
        }
        if ((i == 0u) || (digits[i] != '\0') || (port > NETTEST_PORT_MAX))
        {
            port = 0u;
        }
    }
    else
    {
        port = 0u;
    }
    return (uint16_t)port;
}

bool Nettest_Run(const char *command)
{
    bool bulk = false;
    const uint16_t port = (command != NULL) ? parse_command(command, &bulk) : 0u;
    if (port == 0u)
    {
        return false;
    }
    Log_Message(LOG_LEVEL_INFO, NETTEST_TAG, "start");
    const bool ok = step_bringup() && step_dns() && step_sntp() && (bulk ? step_bulk(port) : step_tcp(port));
    log_pools();
    Log_Message(ok ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, NETTEST_TAG, ok ? "PASS" : "FAIL");
    System_TestExit(ok ? SYSTEM_EXIT_OK : SYSTEM_EXIT_FAILURE);
    return true;
}
