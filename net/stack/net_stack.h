/*
 * NetStack: brings up lwIP (NO_SYS) on the board's Ethernet and runs it from one poll loop:
 * received frames, lwIP timers, PHY link state, DHCP or a static address, DNS, SNTP.
 * Owns: the one netif, the lwIP core, the DNS query in flight and the SNTP client.
 * Promises: single-threaded - every lwIP call in the firmware happens inside NetStack_Poll or
 * a NetStack/TcpConn call made from the same loop; every wait is bounded by its timeout
 * (NetWait_*). Events are reported through the hook, never logged here (net/ has no log).
 */
#ifndef NET_STACK_H
#define NET_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal/eth.h"
#include "net/stack/net_ip.h"
#include "net/stack/net_stack_config.h"

typedef enum
{
    NET_STACK_OK = 0,
    NET_STACK_TIMEOUT,
    NET_STACK_NO_DEVICE,     /* Ethernet controller missing or not answering */
    NET_STACK_NOT_READY,     /* NetStack_Init not done, or no link/address */
    NET_STACK_BAD_ARGUMENT,
    NET_STACK_DNS_FAILURE,   /* the name does not resolve (or no DNS server answered) */
    NET_STACK_NO_MEMORY,
    NET_STACK_ERROR
} NetStackStatus_t;

typedef enum
{
    NET_EVENT_LINK_UP = 0,
    NET_EVENT_LINK_DOWN,
    NET_EVENT_ADDRESS_UP,    /* lease bound or static address applied */
    NET_EVENT_ADDRESS_DOWN,
    NET_EVENT_TIME_SET,      /* SNTP result accepted */
    NET_EVENT_TIME_REJECTED  /* SNTP result below the build-time floor */
} NetEvent_t;

typedef void (*NetEventHook_t)(NetEvent_t event);

typedef struct
{
    uint8_t mac[ETH_MAC_LEN];
    bool use_dhcp;                         /* false: address/netmask/gateway below */
    NetIp4_t address;
    NetIp4_t netmask;
    NetIp4_t gateway;
    NetIp4_t dns[NET_STACK_DNS_SERVERS];   /* 0.0.0.0 = unused; DHCP-offered servers win */
    char ntp_server[NET_STACK_NAME_MAX + 1u]; /* name or dotted quad; "" = default; option 42 wins */
} NetStackConfig_t;

/* A configuration with DHCP on, the controller's default MAC and no static servers. */
void NetStack_DefaultConfig(NetStackConfig_t *config);

NetStackStatus_t NetStack_Init(const NetStackConfig_t *config, NetEventHook_t hook);

/* Do all pending network work once, without waiting. */
void NetStack_Poll(void);

bool NetStack_LinkUp(void);
bool NetStack_AddressUp(void);

/* Current address, netmask and gateway (all 0.0.0.0 while down). Any pointer may be NULL. */
void NetStack_GetAddress(NetIp4_t *address, NetIp4_t *netmask, NetIp4_t *gateway);
/* The SNTP server in use (0.0.0.0 until known) and DNS server index 0. */
void NetStack_GetServers(NetIp4_t *ntp, NetIp4_t *dns);

/* Wait until the link is up and an address is bound. */
NetStackStatus_t NetStack_WaitAddress(uint32_t timeout_ms);

/* Wait until SNTP has set the time. */
NetStackStatus_t NetStack_WaitTime(uint32_t timeout_ms);

/* Resolve name (or a dotted quad) to an IPv4 address; a failed name is asked again next call. */
NetStackStatus_t NetStack_Resolve(const char *name, uint32_t timeout_ms, NetIp4_t *address);

const char *NetStack_StatusName(NetStackStatus_t status);

/*
 * Bounded waiting for code that needs a condition from the network:
 *     NetWait_t wait; NetWait_Start(&wait, timeout_ms);
 *     for (i = 0; (i < wait.max_steps) && !condition; i++) { if (!NetWait_Step(&wait)) break; }
 * NetWait_Step polls the stack, returns false once timeout_ms has passed, else sleeps until
 * the next interrupt (at most one clock tick).
 */
typedef struct
{
    uint32_t start_ms;
    uint32_t timeout_ms;
    uint32_t max_steps;
} NetWait_t;

void NetWait_Start(NetWait_t *wait, uint32_t timeout_ms);
bool NetWait_Step(const NetWait_t *wait);
/* Milliseconds left (0 once expired). */
uint32_t NetWait_RemainingMs(const NetWait_t *wait);

#endif /* NET_STACK_H */
