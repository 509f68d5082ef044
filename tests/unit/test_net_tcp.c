/*
 * Unit tests of net/tcp (TcpConn) and net/stack over the real lwIP core on the host. The stack
 * talks to itself through lwIP's loopback: a raw-API server in this file plays the peer
 * (echo, silent, close, reset, bulk). Time is virtual: each idle step advances the clock 1 ms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hal/clock.h"
#include "hal/host/clock_host.h"
#include "hal/host/eth_host.h"
#include "hal/system.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "net/lwip_port/lwip_port.h"
#include "net/stack/net_stack.h"
#include "net/tcp/tcp_conn.h"

#define SERVER_PORT     7000u
#define CLOSED_PORT     7001u
#define BULK_BYTES      20000u
#define TIMEOUT_MS      2000u

typedef enum
{
    SERVER_ECHO = 0,
    SERVER_SILENT,
    SERVER_SEND_AND_CLOSE,
    SERVER_RESET,
    SERVER_BULK
} ServerMode_t;

static const NetIp4_t g_self = {{10u, 0u, 0u, 2u}};
static ServerMode_t g_mode;
static struct tcp_pcb *g_server;
static size_t g_bulk_written;
static uint32_t g_accepts;
static uint32_t g_events[6];

void System_Idle(void)
{
    ClockHost_Advance(1u);
}

static void on_event(NetEvent_t event)
{
    g_events[event]++;
}

static uint8_t bulk_byte(size_t index)
{
    return (uint8_t)((index * 7u) + (index >> 8u));
}

static void bulk_pump(struct tcp_pcb *pcb)
{
    uint8_t chunk[512];
    for (uint32_t i = 0u; (i < 64u) && (g_bulk_written < BULK_BYTES); i++)
    {
        size_t n = BULK_BYTES - g_bulk_written;
        n = (n > sizeof chunk) ? sizeof chunk : n;
        if (tcp_sndbuf(pcb) < n)
        {
            break;
        }
        for (size_t k = 0u; k < n; k++)
        {
            chunk[k] = bulk_byte(g_bulk_written + k);
        }
        if (tcp_write(pcb, chunk, (u16_t)n, TCP_WRITE_FLAG_COPY) != ERR_OK)
        {
            break;
        }
        g_bulk_written += n;
    }
    (void)tcp_output(pcb);
    if (g_bulk_written == BULK_BYTES)
    {
        (void)tcp_close(pcb);
        g_server = NULL;
    }
}

static err_t server_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    (void)arg;
    (void)len;
    if ((g_mode == SERVER_BULK) && (g_server == pcb))
    {
        bulk_pump(pcb);
    }
    return ERR_OK;
}

static err_t server_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    (void)arg;
    (void)err;
    if (p == NULL)
    {
        (void)tcp_close(pcb);
        g_server = NULL;
        return ERR_OK;
    }
    tcp_recved(pcb, p->tot_len);
    if (g_mode == SERVER_ECHO)
    {
        uint8_t copy[256];
        const u16_t n = pbuf_copy_partial(p, copy, sizeof copy, 0u);
        (void)tcp_write(pcb, copy, n, TCP_WRITE_FLAG_COPY);
        (void)tcp_output(pcb);
    }
    (void)pbuf_free(p);
    return ERR_OK;
}

static void server_err(void *arg, err_t err)
{
    (void)arg;
    (void)err;
    g_server = NULL;
}

static err_t server_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    (void)err;
    g_accepts++;
    g_server = pcb;
    tcp_recv(pcb, server_recv);
    tcp_sent(pcb, server_sent);
    tcp_err(pcb, server_err);
    err_t result = ERR_OK;
    switch (g_mode)
    {
        case SERVER_RESET:
            g_server = NULL;
            tcp_abort(pcb);
            result = ERR_ABRT;
            break;
        case SERVER_SEND_AND_CLOSE:
            (void)tcp_write(pcb, "bye\n", 4u, TCP_WRITE_FLAG_COPY);
            (void)tcp_close(pcb);
            g_server = NULL;
            break;
        case SERVER_BULK:
            g_bulk_written = 0u;
            bulk_pump(pcb);
            break;
        case SERVER_ECHO:
        case SERVER_SILENT:
        default:
            break;
    }
    return result;
}

static int group_setup(void **state)
{
    (void)state;
    Clock_Init();
    EthHost_Reset();
    NetStackConfig_t config;
    NetStack_DefaultConfig(&config);
    config.use_dhcp = false;
    config.address = g_self;
    config.netmask = (NetIp4_t){{255u, 255u, 255u, 0u}};
    config.gateway = (NetIp4_t){{10u, 0u, 0u, 1u}};
    if (NetStack_Init(&config, on_event) != NET_STACK_OK)
    {
        return -1;
    }
    struct tcp_pcb *listener = tcp_new();
    if ((listener == NULL) || (tcp_bind(listener, IP_ADDR_ANY, SERVER_PORT) != ERR_OK))
    {
        return -1;
    }
    listener = tcp_listen(listener);
    if (listener == NULL)
    {
        return -1;
    }
    tcp_accept(listener, server_accept);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    g_mode = SERVER_ECHO;
    g_server = NULL;
    g_accepts = 0u;
    EthHost_SetLink(true);
    NetStack_Poll();
    return 0;
}

/* Let lwIP finish whatever a test left (FINs, RSTs) so the next test starts clean. */
static int teardown(void **state)
{
    (void)state;
    for (uint32_t i = 0u; i < 500u; i++)
    {
        NetStack_Poll();
        ClockHost_Advance(1u);
    }
    return 0;
}

static uint32_t pool_used(const char *name)
{
    for (size_t i = 0u; i < LwipPort_PoolCount(); i++)
    {
        LwipPortPoolStat_t stat;
        if (LwipPort_PoolStat(i, &stat) && (strcmp(stat.name, name) == 0))
        {
            return stat.used;
        }
    }
    return 0xFFFFFFFFu;
}

static void test_stack_is_up(void **state)
{
    (void)state;
    NetIp4_t address;
    assert_true(NetStack_LinkUp());
    assert_true(NetStack_AddressUp());
    NetStack_GetAddress(&address, NULL, NULL);
    assert_memory_equal(address.octet, g_self.octet, 4u);
    assert_int_equal(g_events[NET_EVENT_LINK_UP], 1u);
    assert_int_equal(g_events[NET_EVENT_ADDRESS_UP], 1u);
}

static void test_connect_refused(void **state)
{
    (void)state;
    TcpConn_t conn;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, CLOSED_PORT, TIMEOUT_MS), TCP_CONN_REFUSED);
    assert_false(TcpConn_IsOpen(&conn));
    TcpConn_Close(&conn);
}

static void test_echo_round_trip(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t reply[32];
    size_t sent = 0u;
    size_t received = 0u;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    assert_true(TcpConn_IsOpen(&conn));
    assert_int_equal(TcpConn_Send(&conn, (const uint8_t *)"hello\n", 6u, TIMEOUT_MS, &sent), TCP_CONN_OK);
    assert_int_equal(sent, 6u);
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, TIMEOUT_MS, &received), TCP_CONN_OK);
    assert_int_equal(received, 6u);
    assert_memory_equal(reply, "hello\n", 6u);
    assert_int_equal(g_accepts, 1u);
    TcpConn_Close(&conn);
    assert_false(TcpConn_IsOpen(&conn));
}

static void test_recv_timeout_keeps_connection(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t reply[8];
    size_t received = 99u;
    g_mode = SERVER_SILENT;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    const uint32_t start = Clock_NowMs();
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, 100u, &received), TCP_CONN_TIMEOUT);
    const uint32_t waited = Clock_ElapsedMs(Clock_NowMs(), start);
    assert_int_equal(received, 0u);
    assert_true(waited >= 100u);
    assert_true(waited <= 102u);
    assert_true(TcpConn_IsOpen(&conn));
    /* zero timeout: one poll, no wait */
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, 0u, &received), TCP_CONN_TIMEOUT);
    TcpConn_Close(&conn);
}

static void test_peer_close_after_data(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t reply[16];
    size_t received = 0u;
    g_mode = SERVER_SEND_AND_CLOSE;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    /* let the data and the FIN both arrive before reading: data still comes first */
    for (uint32_t i = 0u; i < 20u; i++)
    {
        NetStack_Poll();
    }
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, TIMEOUT_MS, &received), TCP_CONN_OK);
    assert_int_equal(received, 4u);
    assert_memory_equal(reply, "bye\n", 4u);
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, TIMEOUT_MS, &received), TCP_CONN_CLOSED);
    assert_int_equal(received, 0u);
    assert_true(TcpConn_IsOpen(&conn)); /* half-closed: we may still send */
    TcpConn_Close(&conn);
}

static void test_peer_reset(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t reply[16];
    size_t received = 0u;
    size_t sent = 0u;
    g_mode = SERVER_RESET;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, TIMEOUT_MS, &received), TCP_CONN_RESET);
    assert_false(TcpConn_IsOpen(&conn));
    assert_int_equal(TcpConn_Send(&conn, reply, 1u, 10u, &sent), TCP_CONN_RESET);
    assert_int_equal(sent, 0u);
    TcpConn_Close(&conn);
}

static void test_bulk_transfer_window_and_no_leak(void **state)
{
    (void)state;
    TcpConn_t conn;
    static uint8_t piece[700];
    size_t total = 0u;
    bool content_ok = true;
    TcpConnStatus_t status = TCP_CONN_OK;
    g_mode = SERVER_BULK;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    for (uint32_t i = 0u; (i < 1000u) && (status == TCP_CONN_OK); i++)
    {
        size_t got = 0u;
        status = TcpConn_Recv(&conn, piece, sizeof piece, TIMEOUT_MS, &got);
        assert_true(conn.rx_queued <= (size_t)TCP_WND);
        for (size_t k = 0u; k < got; k++)
        {
            content_ok = content_ok && (piece[k] == bulk_byte(total + k));
        }
        total += got;
    }
    assert_int_equal(status, TCP_CONN_CLOSED);
    assert_int_equal(total, BULK_BYTES);
    assert_true(content_ok);
    TcpConn_Close(&conn);
    teardown(NULL);
    assert_int_equal(pool_used("PBUF_POOL"), 0u);
    assert_int_equal(pool_used("TCP_SEG"), 0u);
}

static void test_close_with_unread_data_frees_it(void **state)
{
    (void)state;
    TcpConn_t conn;
    g_mode = SERVER_BULK;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    for (uint32_t i = 0u; i < 50u; i++)
    {
        NetStack_Poll();
    }
    assert_true(conn.rx_queued > 0u);
    TcpConn_Close(&conn);
    assert_int_equal(conn.rx_queued, 0u);
    assert_null(conn.rx_head);
    teardown(NULL);
    assert_int_equal(pool_used("PBUF_POOL"), 0u);
}

static void test_not_open_and_bad_arguments(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t buf[4];
    size_t n = 7u;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Recv(&conn, buf, sizeof buf, 10u, &n), TCP_CONN_NOT_OPEN);
    assert_int_equal(n, 0u);
    assert_int_equal(TcpConn_Send(&conn, buf, sizeof buf, 10u, &n), TCP_CONN_NOT_OPEN);
    assert_int_equal(TcpConn_Send(NULL, buf, sizeof buf, 10u, &n), TCP_CONN_BAD_ARGUMENT);
    assert_int_equal(TcpConn_Recv(&conn, NULL, 4u, 10u, &n), TCP_CONN_BAD_ARGUMENT);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, 0u, 10u), TCP_CONN_BAD_ARGUMENT);
    TcpConn_Close(&conn);
    TcpConn_Close(&conn); /* idempotent */
}

static void test_link_down_is_network_down(void **state)
{
    (void)state;
    TcpConn_t conn;
    TcpConn_Init(&conn);
    EthHost_SetLink(false);
    ClockHost_Advance(NET_STACK_LINK_POLL_MS);
    NetStack_Poll();
    assert_false(NetStack_LinkUp());
    assert_int_equal(g_events[NET_EVENT_LINK_DOWN], 1u);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, 100u), TCP_CONN_NETWORK_DOWN);
    EthHost_SetLink(true);
    ClockHost_Advance(NET_STACK_LINK_POLL_MS);
    NetStack_Poll();
    assert_true(NetStack_AddressUp());
}

/* Issue 16 item 7: the link goes down while a receive waits: it returns NETWORK_DOWN within
 * one link poll, not after its timeout; the connection is gone; a send says the same. */
static void test_link_lost_mid_wait_returns_at_once(void **state)
{
    (void)state;
    TcpConn_t conn;
    uint8_t reply[8];
    size_t received = 99u;
    size_t sent = 99u;
    g_mode = SERVER_SILENT;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    EthHost_SetLink(false);
    const uint32_t start = Clock_NowMs();
    assert_int_equal(TcpConn_Recv(&conn, reply, sizeof reply, 10000u, &received), TCP_CONN_NETWORK_DOWN);
    const uint32_t waited = Clock_ElapsedMs(Clock_NowMs(), start);
    assert_true(waited <= (NET_STACK_LINK_POLL_MS + 2u));
    assert_int_equal(received, 0u);
    assert_false(TcpConn_IsOpen(&conn));
    assert_int_equal(TcpConn_Send(&conn, (const uint8_t *)"x", 1u, 1000u, &sent), TCP_CONN_NETWORK_DOWN);
    assert_int_equal(sent, 0u);
    assert_string_equal(TcpConn_StatusName(TCP_CONN_NETWORK_DOWN), "network down");
    TcpConn_Close(&conn);
    EthHost_SetLink(true);
    ClockHost_Advance(NET_STACK_LINK_POLL_MS);
    NetStack_Poll();
    assert_true(NetStack_AddressUp());
    /* our RST could not leave while the link was down: the (local) silent peer still holds
     * its pcb, which a real server would time out. Free it so the pool has room. */
    if (g_server != NULL)
    {
        tcp_abort(g_server);
        g_server = NULL;
    }
    /* and the next connection works again */
    g_mode = SERVER_ECHO;
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_Connect(&conn, &g_self, SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    TcpConn_Close(&conn);
}

static void test_resolve(void **state)
{
    (void)state;
    NetIp4_t ip = {{0u, 0u, 0u, 0u}};
    TcpConn_t conn;
    assert_int_equal(NetStack_Resolve("10.0.0.2", 100u, &ip), NET_STACK_OK);
    assert_memory_equal(ip.octet, g_self.octet, 4u);
    /* no DNS server configured: fails at once, and again on the next call (not cached) */
    assert_int_equal(NetStack_Resolve("forge.laravel.com", 100u, &ip), NET_STACK_DNS_FAILURE);
    assert_int_equal(NetStack_Resolve("forge.laravel.com", 100u, &ip), NET_STACK_DNS_FAILURE);
    assert_int_equal(NetStack_Resolve("", 100u, &ip), NET_STACK_BAD_ARGUMENT);
    TcpConn_Init(&conn);
    assert_int_equal(TcpConn_ConnectName(&conn, "forge.laravel.com", 443u, 100u), TCP_CONN_DNS_FAILURE);
    assert_int_equal(TcpConn_ConnectName(&conn, "10.0.0.2", SERVER_PORT, TIMEOUT_MS), TCP_CONN_OK);
    TcpConn_Close(&conn);
}

/* The receive path: an ARP request injected as a frame gets an ARP reply from our MAC. */
static void test_arp_request_is_answered(void **state)
{
    (void)state;
    static const uint8_t request[42] = {
        0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0x02u, 0x00u, 0x00u, 0x00u, 0x00u, 0x01u, 0x08u, 0x06u,
        0x00u, 0x01u, 0x08u, 0x00u, 0x06u, 0x04u, 0x00u, 0x01u, 0x02u, 0x00u, 0x00u, 0x00u, 0x00u, 0x01u,
        10u, 0u, 0u, 1u, 0x00u, 0x00u, 0x00u, 0x00u, 0x00u, 0x00u, 10u, 0u, 0u, 2u};
    uint8_t reply[64];
    const uint32_t before = EthHost_SentCount();
    assert_true(EthHost_Inject(request, sizeof request));
    NetStack_Poll();
    assert_int_equal(EthHost_SentCount(), before + 1u);
    assert_int_equal(EthHost_LastSent(reply, sizeof reply), 42u);
    assert_memory_equal(&reply[0], &request[6], 6u);            /* to the asker */
    assert_int_equal(reply[12], 0x08u);
    assert_int_equal(reply[13], 0x06u);
    assert_int_equal(reply[21], 0x02u);                          /* ARP reply */
    assert_memory_equal(&reply[6], "\x52\x54\x00\x12\x34\x56", 6u); /* our MAC */
    assert_memory_equal(&reply[28], g_self.octet, 4u);           /* sender IP = us */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stack_is_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connect_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recv_timeout_keeps_connection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_peer_close_after_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_peer_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_transfer_window_and_no_leak, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_with_unread_data_frees_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_open_and_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_down_is_network_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_lost_mid_wait_returns_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arp_request_is_answered, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
