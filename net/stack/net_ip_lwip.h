/* Conversions between NetIp4_t and lwIP's ip4_addr_t (for net/ modules that use lwIP). */
#ifndef NET_IP_LWIP_H
#define NET_IP_LWIP_H

#include <stdbool.h>

#include "lwip/ip4_addr.h"
#include "net/stack/net_ip.h"

void NetIp4_ToLwip(const NetIp4_t *from, ip4_addr_t *to);
void NetIp4_FromLwip(const ip4_addr_t *from, NetIp4_t *to);
bool NetIp4_IsZero(const NetIp4_t *address);

#endif /* NET_IP_LWIP_H */
