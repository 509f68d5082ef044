/* Nettest limits (test builds only). */
#ifndef NETTEST_CONFIG_H
#define NETTEST_CONFIG_H

#include "board_config.h"

#ifndef NETTEST_DHCP_TIMEOUT_MS
#define NETTEST_DHCP_TIMEOUT_MS   20000u
#endif
#ifndef NETTEST_DNS_TIMEOUT_MS
#define NETTEST_DNS_TIMEOUT_MS    8000u
#endif
#ifndef NETTEST_SNTP_TIMEOUT_MS
#define NETTEST_SNTP_TIMEOUT_MS   20000u
#endif
#ifndef NETTEST_TCP_TIMEOUT_MS
#define NETTEST_TCP_TIMEOUT_MS    5000u
#endif
#ifndef NETTEST_REPLY_MAX
#define NETTEST_REPLY_MAX         128u
#endif
#ifndef NETTEST_RECV_ROUNDS
#define NETTEST_RECV_ROUNDS       16u
#endif
#ifndef NETTEST_BULK_CHUNK
#define NETTEST_BULK_CHUNK        1024u
#endif
#ifndef NETTEST_BULK_ROUNDS
#define NETTEST_BULK_ROUNDS       4096u
#endif
#ifndef NETTEST_HOST
#define NETTEST_HOST              "forge.laravel.com"
#endif
#ifndef NETTEST_DEFAULT_PORT
#define NETTEST_DEFAULT_PORT      8080u
#endif

#endif /* NETTEST_CONFIG_H */
