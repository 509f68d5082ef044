/*
 * lwIP 2.1.3 configuration for forgelight: NO_SYS raw API, IPv4 only, static pools, sized for
 * one or two TCP client connections carrying TLS records of up to 16 KB (read in pieces by
 * the TLS layer, so the window need not hold a whole record). Every #ifndef value can be
 * overridden from board_config.h.
 */
#ifndef LWIPOPTS_H
#define LWIPOPTS_H

#include "board_config.h"

/* ---- system ---------------------------------------------------------------------------- */
#define NO_SYS                      1
#define SYS_LIGHTWEIGHT_PROT        0   /* lwIP is only ever called from the poll loop */
#define LWIP_NETCONN                0
#define LWIP_SOCKET                 0
#define LWIP_TIMERS                 1
#define LWIP_NETIF_API              0

/* ---- memory: lwIP's own static heap and pools, never the C library ----------------------- */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#if defined(__SIZEOF_POINTER__) && (__SIZEOF_POINTER__ == 8)
#define MEM_ALIGNMENT               8   /* 64-bit host (unit tests) */
#else
#define MEM_ALIGNMENT               4
#endif
#ifndef MEM_SIZE
/* PBUF_RAM: outgoing TCP segments until acknowledged (at most TCP_SND_BUF plus headers),
 * DHCP, DNS and SNTP. Measured peak in the e2e bench: 1,756 B. */
#define MEM_SIZE                    (4u * 1024u)
#endif
#ifndef PBUF_POOL_SIZE
/* Received frames: one TCP window (2 full segments) held until the TLS layer reads it, one
 * frame in the driver, one for ARP/UDP, one spare. A burst beyond that is dropped by the
 * driver and retransmitted by the peer. */
#define PBUF_POOL_SIZE              5
#endif
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB            2
#endif
#ifndef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN     1               /* unit tests listen; firmware never does */
#endif
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG            16
#endif
#define MEMP_NUM_UDP_PCB            4               /* DHCP, DNS, SNTP + 1 */
#define MEMP_NUM_RAW_PCB            0
#define MEMP_NUM_REASSDATA          0
#define MEMP_NUM_FRAG_PBUF          0
#define MEMP_NUM_ARP_QUEUE          4
#define MEMP_NUM_SYS_TIMEOUT        (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)   /* + SNTP + spare */
#define ARP_TABLE_SIZE              4
#define ARP_QUEUEING                1

/* ---- protocols ------------------------------------------------------------------------- */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0
#define LWIP_ARP                    1
#define LWIP_ETHERNET               1
#define LWIP_ICMP                   1
#define LWIP_RAW                    0
#define LWIP_UDP                    1
#define LWIP_TCP                    1
#define LWIP_IGMP                   0
#define LWIP_AUTOIP                 0
#define IP_FORWARD                  0
#define IP_REASSEMBLY               0   /* TCP uses MSS-sized segments; nothing we need fragments */
#define IP_FRAG                     0
#define LWIP_HAVE_LOOPIF            0
#if defined(__linux__)                /* host unit tests: the stack talks to itself */
#define LWIP_NETIF_LOOPBACK         1
#else
#define LWIP_NETIF_LOOPBACK         0
#endif
#define ETH_PAD_SIZE                0

/* ---- DHCP, DNS ------------------------------------------------------------------------- */
#define LWIP_DHCP                   1
#define DHCP_DOES_ARP_CHECK         0
#define LWIP_DHCP_GET_NTP_SRV       1   /* option 42 */
#define LWIP_DHCP_MAX_NTP_SERVERS   1
#define LWIP_DHCP_MAX_DNS_SERVERS   2
#define LWIP_DNS                    1
#define DNS_TABLE_SIZE              2
#define DNS_MAX_NAME_LENGTH         64
#define DNS_MAX_SERVERS             2
#define DNS_MAX_RETRIES             4
#define LWIP_DNS_SECURE             (LWIP_DNS_SECURE_RAND_XID | LWIP_DNS_SECURE_NO_MULTIPLE_OUTSTANDING | LWIP_DNS_SECURE_RAND_SRC_PORT)
#define LWIP_RAND()                 LwipPort_Rand()

/* ---- TCP ------------------------------------------------------------------------------- */
#define TCP_MSS                     1460
#ifndef TCP_WND
#define TCP_WND                     (2 * TCP_MSS)   /* each MSS of window costs a 1.5 KB pool pbuf */
#endif
#ifndef TCP_SND_BUF
#define TCP_SND_BUF                 (2 * TCP_MSS)
#endif
#define TCP_SND_QUEUELEN            ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define TCP_QUEUE_OOSEQ             0   /* LAN: out-of-order segments are rare; retransmitted */
#define LWIP_TCP_KEEPALIVE          1
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1
#define LWIP_CALLBACK_API           1
#define LWIP_ALTCP                  0

/* ---- netif ----------------------------------------------------------------------------- */
#define LWIP_NETIF_STATUS_CALLBACK  1
#define LWIP_NETIF_LINK_CALLBACK    1
#define LWIP_NETIF_HOSTNAME         0
#define LWIP_SINGLE_NETIF           1

/* ---- checksums: all in software, both ways ----------------------------------------------- */
#define CHECKSUM_GEN_IP             1
#define CHECKSUM_GEN_UDP            1
#define CHECKSUM_GEN_TCP            1
#define CHECKSUM_GEN_ICMP           1
#define CHECKSUM_CHECK_IP           1
#define CHECKSUM_CHECK_UDP          1
#define CHECKSUM_CHECK_TCP          1
#define CHECKSUM_CHECK_ICMP         1

/* ---- SNTP (apps/sntp): time goes to net/stack/net_time --------------------------------- */
#define SNTP_SERVER_DNS             1
#define SNTP_GET_SERVERS_FROM_DHCP  1
#define SNTP_CHECK_RESPONSE         2   /* source address/port and our originate timestamp */
#define SNTP_STARTUP_DELAY          0
#ifndef SNTP_RECV_TIMEOUT
#define SNTP_RECV_TIMEOUT           3000
#endif
#ifndef SNTP_UPDATE_DELAY
#define SNTP_UPDATE_DELAY           3600000
#endif
#define SNTP_RETRY_TIMEOUT_MAX      60000
#define SNTP_SET_SYSTEM_TIME_US(sec, us)  NetTime_SetFromSntp((sec), (us))
#define SNTP_GET_SYSTEM_TIME(sec, us)     NetTime_GetForSntp(&(sec), &(us))

/* ---- statistics: pool high-waters for the log ------------------------------------------- */
#define LWIP_STATS                  1
#define LWIP_STATS_DISPLAY          1   /* keeps the pool names; the display code is never linked */
#define MEM_STATS                   1
#define MEMP_STATS                  1
#define PBUF_STATS                  0
#define LINK_STATS                  1
#define IP_STATS                    0
#define ICMP_STATS                  0
#define UDP_STATS                   0
#define TCP_STATS                   0
#define ETHARP_STATS                0
#define SYS_STATS                   0

#define LWIP_PROVIDE_ERRNO          1

/* Port functions used by the macros above. */
#include "net/lwip_port/lwip_port.h"
#include "net/stack/net_time.h"

#endif /* LWIPOPTS_H */
