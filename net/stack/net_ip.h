/*
 * An IPv4 address as four octets in network order (192.0.2.1 is {192, 0, 2, 1}).
 * Shared by net/stack (DHCP, DNS, static configuration) and net/tcp; keeps lwIP types out of
 * the headers the TLS and HTTP layers include.
 */
#ifndef NET_IP_H
#define NET_IP_H

#include <stdint.h>

#define NET_IP4_OCTETS 4u

typedef struct
{
    uint8_t octet[NET_IP4_OCTETS];
} NetIp4_t;

#endif /* NET_IP_H */
