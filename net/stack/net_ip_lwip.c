/* NetIp4_t <-> ip4_addr_t (lwIP keeps the address as a network-order 32-bit word). */
#include "net/stack/net_ip_lwip.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lwip/def.h"

#define OCTET_MASK 0xFFu

void NetIp4_ToLwip(const NetIp4_t *from, ip4_addr_t *to)
{
    const u32_t host_order = ((u32_t)from->octet[0] << 24u) | ((u32_t)from->octet[1] << 16u) |
                             ((u32_t)from->octet[2] << 8u) | (u32_t)from->octet[3];
    ip4_addr_set_u32(to, lwip_htonl(host_order));
}

void NetIp4_FromLwip(const ip4_addr_t *from, NetIp4_t *to)
{
    const u32_t host_order = (from != NULL) ? lwip_ntohl(ip4_addr_get_u32(from)) : 0u;
    to->octet[0] = (uint8_t)((host_order >> 24u) & OCTET_MASK);
    to->octet[1] = (uint8_t)((host_order >> 16u) & OCTET_MASK);
    to->octet[2] = (uint8_t)((host_order >> 8u) & OCTET_MASK);
    to->octet[3] = (uint8_t)(host_order & OCTET_MASK);
}

bool NetIp4_IsZero(const NetIp4_t *address)
{
    return (address->octet[0] == 0u) && (address->octet[1] == 0u) && (address->octet[2] == 0u) &&
           (address->octet[3] == 0u);
}
