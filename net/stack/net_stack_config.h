/* net/stack limits and defaults. */
#ifndef NET_STACK_CONFIG_H
#define NET_STACK_CONFIG_H

#include "board_config.h"

/* Longest host name NetStack_Resolve and the NTP server setting accept (without the NUL). */
#ifndef NET_STACK_NAME_MAX
#define NET_STACK_NAME_MAX          63u
#endif
/* DNS servers in the static configuration. */
#ifndef NET_STACK_DNS_SERVERS
#define NET_STACK_DNS_SERVERS       2u
#endif
/* How often the poll loop reads the PHY link state. */
#ifndef NET_STACK_LINK_POLL_MS
#define NET_STACK_LINK_POLL_MS      250u
#endif
/* Wake-ups a wait may see per millisecond (tick + Ethernet + UART); bounds every wait loop. */
#ifndef NET_STACK_WAKEUPS_PER_MS
#define NET_STACK_WAKEUPS_PER_MS    64u
#endif
/* Longest single wait accepted (ms): keeps the wake-up bound within 32 bits. */
#ifndef NET_STACK_WAIT_MAX_MS
#define NET_STACK_WAIT_MAX_MS       600000u
#endif
/* After an SNTP answer was rejected (below the build floor), ask again after this long. */
#ifndef NET_STACK_SNTP_RETRY_MS
#define NET_STACK_SNTP_RETRY_MS     10000u
#endif
/* Default SNTP server when neither configuration nor DHCP option 42 gives one. */
#ifndef NET_STACK_DEFAULT_NTP
#define NET_STACK_DEFAULT_NTP       "pool.ntp.org"
#endif

/*
 * Build-time floor for wall-clock time (Unix seconds): a time below it is rejected as
 * obviously wrong. The Makefile passes FL_BUILD_EPOCH (the build's date); the default is
 * 2025-11-24.
 */
#ifndef FL_BUILD_EPOCH
#define FL_BUILD_EPOCH              1764000000u
#endif
#ifndef NET_TIME_FLOOR_S
#define NET_TIME_FLOOR_S            ((uint32_t)(FL_BUILD_EPOCH))
#endif
/* Re-anchor the time base this often so the millisecond counter never wraps under it. */
#ifndef NET_TIME_REBASE_MS
#define NET_TIME_REBASE_MS          86400000u
#endif

#endif /* NET_STACK_CONFIG_H */
