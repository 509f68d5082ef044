/*
 * TcpConn: one client TCP connection over an lwIP raw pcb, with blocking-with-timeout calls
 * for a single-threaded (NO_SYS) system. Every wait polls the stack (NetStack_Poll) in a loop
 * bounded by the caller's timeout, so nothing here can hang.
 * Owns: its pcb and the queue of received pbufs not yet read (bounded by the TCP window: data
 * is acknowledged to the peer only as the caller reads it).
 * Promises: a TcpConn_t is caller-owned storage (no allocation); TcpConn_Close always releases
 * the pcb and every queued pbuf, whatever state the connection is in; after a reset or a
 * failed connect the connection is already released and TcpConn_IsOpen is false.
 * Data the peer sent before closing stays readable: TCP_CONN_CLOSED is returned only once
 * the queue is empty.
 */
#ifndef TCP_CONN_H
#define TCP_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/stack/net_ip.h"

typedef enum
{
    TCP_CONN_OK = 0,
    TCP_CONN_TIMEOUT,      /* nothing happened within timeout_ms (connection still usable) */
    TCP_CONN_REFUSED,      /* connect answered with RST */
    TCP_CONN_RESET,        /* peer reset or lwIP aborted an established connection */
    TCP_CONN_CLOSED,       /* peer closed (FIN) and every byte it sent has been read */
    TCP_CONN_NO_MEMORY,    /* lwIP could not allocate a pcb, pbuf or segment */
    TCP_CONN_DNS_FAILURE,  /* TcpConn_ConnectName: the name did not resolve */
    TCP_CONN_NOT_OPEN,     /* call on a connection that is not open */
    TCP_CONN_NETWORK_DOWN, /* no link or no address; also when either is lost while a
                              connect, send or receive waits (it returns at once) */
    TCP_CONN_BAD_ARGUMENT,
    TCP_CONN_ERROR         /* any other lwIP error */
} TcpConnStatus_t;

typedef enum
{
    TCP_CONN_STATE_IDLE = 0,
    TCP_CONN_STATE_CONNECTING,
    TCP_CONN_STATE_OPEN,
    TCP_CONN_STATE_PEER_CLOSED,
    TCP_CONN_STATE_FAILED
} TcpConnState_t;

struct tcp_pcb;
struct pbuf;

/* Caller-owned; treat as opaque. Zero it or call TcpConn_Init before first use. */
typedef struct
{
    struct tcp_pcb *pcb;
    struct pbuf *rx_head;      /* received, not yet read; chained */
    size_t rx_queued;          /* bytes in rx_head */
    TcpConnState_t state;
    TcpConnStatus_t failure;   /* why the connection failed (state FAILED) */
    bool established;          /* the handshake completed (even if the peer left since) */
} TcpConn_t;

void TcpConn_Init(TcpConn_t *conn);

/*
 * Open a connection to ip:port; waits up to timeout_ms for the handshake. TCP_CONN_OK once
 * the handshake completed, even if the peer closed or reset right after: the next Send/Recv
 * reports that (as a socket would).
 */
TcpConnStatus_t TcpConn_Connect(TcpConn_t *conn, const NetIp4_t *ip, uint16_t port,
                                uint32_t timeout_ms);

/* Resolve host (NetStack DNS) then connect; timeout_ms covers both steps. */
TcpConnStatus_t TcpConn_ConnectName(TcpConn_t *conn, const char *host, uint16_t port,
                                    uint32_t timeout_ms);

/*
 * Queue up to len bytes for sending. Waits (up to timeout_ms) only while the send buffer is
 * full; *sent is what was accepted (may be less than len; 0 with TCP_CONN_TIMEOUT).
 */
TcpConnStatus_t TcpConn_Send(TcpConn_t *conn, const uint8_t *data, size_t len,
                             uint32_t timeout_ms, size_t *sent);

/*
 * Copy up to cap received bytes into buf. Returns at once with what has arrived; waits up to
 * timeout_ms only when nothing has. *received is 0 unless the status is TCP_CONN_OK.
 */
TcpConnStatus_t TcpConn_Recv(TcpConn_t *conn, uint8_t *buf, size_t cap, uint32_t timeout_ms,
                             size_t *received);

/* Graceful close (FIN), falling back to abort; always releases everything. Idempotent. */
void TcpConn_Close(TcpConn_t *conn);

/* True while the connection can still send (connected, peer may have half-closed). */
bool TcpConn_IsOpen(const TcpConn_t *conn);

/* Short text name of a status, for logs. */
const char *TcpConn_StatusName(TcpConnStatus_t status);

#endif /* TCP_CONN_H */
