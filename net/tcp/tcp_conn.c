/* TcpConn over an lwIP raw pcb (see tcp_conn.h). */
#include "net/tcp/tcp_conn.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "net/lwip_port/lwip_err.h"
#include "net/stack/net_ip_lwip.h"
#include "net/stack/net_stack.h"

#define TCP_CONN_U16_MAX 0xFFFFu

#if (TCP_WND >= 0xFFFF)
#error "TcpConn queues at most a TCP window in one pbuf chain (16-bit tot_len)"
#endif

static TcpConnStatus_t failure_from_err(err_t err, bool connecting)
{
    TcpConnStatus_t status = TCP_CONN_ERROR;
    if (LwipErr_Is(err, ERR_RST))
    {
        status = connecting ? TCP_CONN_REFUSED : TCP_CONN_RESET;
    }
    else if (LwipErr_Is(err, ERR_ABRT))
    {
        status = connecting ? TCP_CONN_TIMEOUT : TCP_CONN_RESET;
    }
    else if (LwipErr_Is(err, ERR_MEM))
    {
        status = TCP_CONN_NO_MEMORY;
    }
    else if (LwipErr_Is(err, ERR_RTE) || LwipErr_Is(err, ERR_IF))
    {
        status = TCP_CONN_NETWORK_DOWN;
    }
    else
    {
        status = TCP_CONN_ERROR;
    }
    return status;
}

static void on_error(void *arg, err_t err)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 lwIP callback context, registered as TcpConn_t */
    TcpConn_t *conn = (TcpConn_t *)arg;
    if (conn != NULL)
    {
        /* lwIP has already freed the pcb. */
        conn->pcb = NULL;
        conn->failure = failure_from_err(err, conn->state == TCP_CONN_STATE_CONNECTING);
        conn->state = TCP_CONN_STATE_FAILED;
    }
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 lwIP callback context, registered as TcpConn_t */
    TcpConn_t *conn = (TcpConn_t *)arg;
    (void)pcb;
    if ((conn != NULL) && LwipErr_Is(err, ERR_OK))
    {
        conn->state = TCP_CONN_STATE_OPEN;
        conn->established = true;
    }
    return ERR_OK;
}

static err_t on_received(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 lwIP callback context, registered as TcpConn_t */
    TcpConn_t *conn = (TcpConn_t *)arg;
    err_t result = ERR_OK;
    (void)pcb;
    if (conn == NULL)
    {
        if (p != NULL)
        {
            (void)pbuf_free(p);
        }
    }
    else if (p == NULL)
    {
        if (conn->state == TCP_CONN_STATE_OPEN)
        {
            conn->state = TCP_CONN_STATE_PEER_CLOSED;
        }
    }
    else if (!LwipErr_Is(err, ERR_OK) || ((conn->rx_queued + (size_t)p->tot_len) > TCP_CONN_U16_MAX))
    {
        result = ERR_MEM; /* lwIP keeps the data and offers it again later */
    }
    else
    {
        if (conn->rx_head == NULL)
        {
            conn->rx_head = p;
        }
        else
        {
            pbuf_cat(conn->rx_head, p);
        }
        conn->rx_queued += (size_t)p->tot_len;
    }
    return result;
}

static void detach_and_abort(TcpConn_t *conn)
{
    if (conn->pcb != NULL)
    {
        tcp_arg(conn->pcb, NULL);
        tcp_abort(conn->pcb);
        conn->pcb = NULL;
    }
}

/* The link (or the address) went away while the connection was in use: it is failed at once
 * with TCP_CONN_NETWORK_DOWN, so no wait runs out its timeout on a dead path. Bytes already
 * received stay readable. True when the connection was failed now or before for this reason. */
static bool link_lost(TcpConn_t *conn)
{
    const bool in_use = (conn->state == TCP_CONN_STATE_CONNECTING) || (conn->state == TCP_CONN_STATE_OPEN) ||
                        (conn->state == TCP_CONN_STATE_PEER_CLOSED);
    if (in_use && (!NetStack_AddressUp()))
    {
        detach_and_abort(conn);
        conn->failure = TCP_CONN_NETWORK_DOWN;
        conn->state = TCP_CONN_STATE_FAILED;
    }
    return (conn->state == TCP_CONN_STATE_FAILED) && (conn->failure == TCP_CONN_NETWORK_DOWN);
}

static void free_queue(TcpConn_t *conn)
{
    if (conn->rx_head != NULL)
    {
        (void)pbuf_free(conn->rx_head);
        conn->rx_head = NULL;
    }
    conn->rx_queued = 0u;
}

void TcpConn_Init(TcpConn_t *conn)
{
    if (conn != NULL)
    {
        (void)memset(conn, 0, sizeof(*conn));
        conn->state = TCP_CONN_STATE_IDLE;
        conn->failure = TCP_CONN_OK;
    }
}

static TcpConnStatus_t start_connect(TcpConn_t *conn, const NetIp4_t *ip, uint16_t port)
{
    TcpConnStatus_t status = TCP_CONN_OK;
    ip_addr_t remote;
    NetIp4_ToLwip(ip, ip_2_ip4(&remote));
    IP_SET_TYPE_VAL(remote, IPADDR_TYPE_V4);
    conn->pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
    if (conn->pcb == NULL)
    {
        status = TCP_CONN_NO_MEMORY;
    }
    else
    {
        tcp_arg(conn->pcb, conn);
        tcp_err(conn->pcb, on_error);
        tcp_recv(conn->pcb, on_received);
        conn->state = TCP_CONN_STATE_CONNECTING;
        const err_t err = tcp_connect(conn->pcb, &remote, port, on_connected);
        if (!LwipErr_Is(err, ERR_OK))
        {
            status = failure_from_err(err, true);
            detach_and_abort(conn);
            conn->state = TCP_CONN_STATE_IDLE;
        }
    }
    return status;
}

static TcpConnStatus_t wait_connected(TcpConn_t *conn, uint32_t timeout_ms)
{
    TcpConnStatus_t status = TCP_CONN_TIMEOUT;
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    for (uint32_t step = 0u; (step < wait.max_steps) && (conn->state == TCP_CONN_STATE_CONNECTING); step++)
    {
        if ((!NetWait_Step(&wait)) || link_lost(conn))
        {
            break;
        }
    }
    if (conn->established)
    {
        status = TCP_CONN_OK;
    }
    else if (conn->state == TCP_CONN_STATE_FAILED)
    {
        status = conn->failure;
    }
    else
    {
        detach_and_abort(conn);
        conn->failure = TCP_CONN_TIMEOUT;
        conn->state = TCP_CONN_STATE_FAILED;
    }
    return status;
}

TcpConnStatus_t TcpConn_Connect(TcpConn_t *conn, const NetIp4_t *ip, uint16_t port, uint32_t timeout_ms)
{
    TcpConnStatus_t status = TCP_CONN_OK;
    if ((conn == NULL) || (ip == NULL) || (port == 0u))
    {
        status = TCP_CONN_BAD_ARGUMENT;
    }
    else if (!NetStack_AddressUp())
    {
        status = TCP_CONN_NETWORK_DOWN;
    }
    else
    {
        TcpConn_Close(conn);
        status = start_connect(conn, ip, port);
        if (status == TCP_CONN_OK)
        {
            status = wait_connected(conn, timeout_ms);
        }
    }
    return status;
}

TcpConnStatus_t TcpConn_ConnectName(TcpConn_t *conn, const char *host, uint16_t port, uint32_t timeout_ms)
{
    TcpConnStatus_t status = TCP_CONN_OK;
    NetIp4_t ip;
    NetWait_t budget;
    NetWait_Start(&budget, timeout_ms);
    const NetStackStatus_t resolved = NetStack_Resolve(host, timeout_ms, &ip);
    switch (resolved)
    {
        case NET_STACK_OK:
            status = TcpConn_Connect(conn, &ip, port, NetWait_RemainingMs(&budget));
            break;
        case NET_STACK_TIMEOUT:
            status = TCP_CONN_TIMEOUT;
            break;
        case NET_STACK_NOT_READY:
            status = TCP_CONN_NETWORK_DOWN;
            break;
        case NET_STACK_BAD_ARGUMENT:
            status = TCP_CONN_BAD_ARGUMENT;
            break;
        case NET_STACK_NO_MEMORY:
            status = TCP_CONN_NO_MEMORY;
            break;
        case NET_STACK_DNS_FAILURE:
        case NET_STACK_NO_DEVICE:
        case NET_STACK_ERROR:
        default:
            status = TCP_CONN_DNS_FAILURE;
            break;
    }
    return status;
}

static TcpConnStatus_t state_status(const TcpConn_t *conn)
{
    TcpConnStatus_t status = TCP_CONN_NOT_OPEN;
    if (conn->state == TCP_CONN_STATE_FAILED)
    {
        status = conn->failure;
    }
    else if (conn->state == TCP_CONN_STATE_PEER_CLOSED)
    {
        status = TCP_CONN_CLOSED;
    }
    else if (conn->state == TCP_CONN_STATE_OPEN)
    {
        status = TCP_CONN_OK;
    }
    else
    {
        status = TCP_CONN_NOT_OPEN;
    }
    return status;
}

/* Queue as much of data as lwIP takes now; *queued gets the count. */
static TcpConnStatus_t write_some(TcpConn_t *conn, const uint8_t *data, size_t len, size_t *queued)
{
    TcpConnStatus_t status = TCP_CONN_OK;
    size_t chunk = (size_t)tcp_sndbuf(conn->pcb);
    *queued = 0u;
    if (chunk > len)
    {
        chunk = len;
    }
    if (chunk > 0u)
    {
        const err_t err = tcp_write(conn->pcb, data, (u16_t)chunk, TCP_WRITE_FLAG_COPY);
        if (LwipErr_Is(err, ERR_OK))
        {
            *queued = chunk;
            (void)tcp_output(conn->pcb);
        }
        else
        {
            status = failure_from_err(err, false);
        }
    }
    return status;
}

static bool can_send(const TcpConn_t *conn)
{
    return (conn->pcb != NULL) &&
           ((conn->state == TCP_CONN_STATE_OPEN) || (conn->state == TCP_CONN_STATE_PEER_CLOSED));
}

/* Why a connection that cannot send cannot: its failure, or "not open". */
static TcpConnStatus_t unsendable_status(const TcpConn_t *conn)
{
    TcpConnStatus_t status = state_status(conn);
    if ((status == TCP_CONN_OK) || (status == TCP_CONN_CLOSED))
    {
        status = TCP_CONN_NOT_OPEN;
    }
    return status;
}

static TcpConnStatus_t send_waiting(TcpConn_t *conn, const uint8_t *data, size_t len, uint32_t timeout_ms,
                                    size_t *sent)
{
    TcpConnStatus_t status = TCP_CONN_TIMEOUT;
    bool done = false;
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    for (uint32_t step = 0u; (step < wait.max_steps) && !done; step++)
    {
        if (!can_send(conn))
        {
            status = unsendable_status(conn);
            done = true;
        }
        else
        {
            status = write_some(conn, data, len, sent);
            done = (*sent > 0u) || ((status != TCP_CONN_OK) && (status != TCP_CONN_NO_MEMORY));
        }
        if (!done)
        {
            /* Send buffer full (or lwIP short of memory): wait for acknowledgements. */
            status = (status == TCP_CONN_NO_MEMORY) ? TCP_CONN_NO_MEMORY : TCP_CONN_TIMEOUT;
            done = !NetWait_Step(&wait);
            if (link_lost(conn))
            {
                status = TCP_CONN_NETWORK_DOWN;
                done = true;
            }
        }
    }
    return status;
}

TcpConnStatus_t TcpConn_Send(TcpConn_t *conn, const uint8_t *data, size_t len, uint32_t timeout_ms, size_t *sent)
{
    TcpConnStatus_t status = TCP_CONN_BAD_ARGUMENT;
    if (sent != NULL)
    {
        *sent = 0u;
    }
    if ((conn != NULL) && (sent != NULL) && ((data != NULL) || (len == 0u)))
    {
        if (len == 0u)
        {
            status = can_send(conn) ? TCP_CONN_OK : unsendable_status(conn);
        }
        else
        {
            status = send_waiting(conn, data, len, timeout_ms, sent);
        }
    }
    return status;
}

static size_t take_queued(TcpConn_t *conn, uint8_t *buf, size_t cap)
{
    size_t count = (conn->rx_queued < cap) ? conn->rx_queued : cap;
    const u16_t copied = pbuf_copy_partial(conn->rx_head, buf, (u16_t)count, 0u);
    count = (size_t)copied;
    conn->rx_head = pbuf_free_header(conn->rx_head, copied);
    conn->rx_queued -= count;
    if (conn->rx_queued == 0u)
    {
        conn->rx_head = NULL; /* pbuf_free_header freed the whole chain */
    }
    if (conn->pcb != NULL)
    {
        tcp_recved(conn->pcb, copied); /* open the window by what the caller took */
    }
    return count;
}

static void wait_for_data(TcpConn_t *conn, uint32_t timeout_ms)
{
    NetWait_t wait;
    NetWait_Start(&wait, timeout_ms);
    NetStack_Poll();
    bool waiting = (conn->rx_queued == 0u) && (conn->state == TCP_CONN_STATE_OPEN) && (!link_lost(conn));
    for (uint32_t step = 0u; (step < wait.max_steps) && waiting; step++)
    {
        waiting = NetWait_Step(&wait) && (conn->rx_queued == 0u) && (conn->state == TCP_CONN_STATE_OPEN) &&
                  (!link_lost(conn));
    }
}

TcpConnStatus_t TcpConn_Recv(TcpConn_t *conn, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *received)
{
    TcpConnStatus_t status = TCP_CONN_BAD_ARGUMENT;
    if (received != NULL)
    {
        *received = 0u;
    }
    if ((conn != NULL) && (buf != NULL) && (cap > 0u) && (received != NULL))
    {
        wait_for_data(conn, timeout_ms);
        if (conn->rx_queued > 0u)
        {
            *received = take_queued(conn, buf, cap);
            status = TCP_CONN_OK;
        }
        else
        {
            status = state_status(conn);
            status = (status == TCP_CONN_OK) ? TCP_CONN_TIMEOUT : status;
        }
    }
    return status;
}

void TcpConn_Close(TcpConn_t *conn)
{
    if (conn != NULL)
    {
        if (conn->pcb != NULL)
        {
            tcp_arg(conn->pcb, NULL);
            tcp_recv(conn->pcb, NULL);
            tcp_sent(conn->pcb, NULL);
            tcp_err(conn->pcb, NULL);
            if (!LwipErr_Is(tcp_close(conn->pcb), ERR_OK))
            {
                tcp_abort(conn->pcb); /* close only fails when out of memory for the FIN */
            }
            conn->pcb = NULL;
        }
        free_queue(conn);
        conn->state = TCP_CONN_STATE_IDLE;
        conn->failure = TCP_CONN_OK;
        conn->established = false;
    }
}

bool TcpConn_IsOpen(const TcpConn_t *conn)
{
    return (conn != NULL) && (conn->pcb != NULL) &&
           ((conn->state == TCP_CONN_STATE_OPEN) || (conn->state == TCP_CONN_STATE_PEER_CLOSED));
}

const char *TcpConn_StatusName(TcpConnStatus_t status)
{
    const char *name = "unknown";
    switch (status)
    {
        case TCP_CONN_OK: name = "ok"; break;
        case TCP_CONN_TIMEOUT: name = "timeout"; break;
        case TCP_CONN_REFUSED: name = "refused"; break;
        case TCP_CONN_RESET: name = "reset"; break;
        case TCP_CONN_CLOSED: name = "closed by peer"; break;
        case TCP_CONN_NO_MEMORY: name = "no memory"; break;
        case TCP_CONN_DNS_FAILURE: name = "dns failure"; break;
        case TCP_CONN_NOT_OPEN: name = "not open"; break;
        case TCP_CONN_NETWORK_DOWN: name = "network down"; break;
        case TCP_CONN_BAD_ARGUMENT: name = "bad argument"; break;
        case TCP_CONN_ERROR: name = "error"; break;
        default: name = "unknown"; break;
    }
    return name;
}
