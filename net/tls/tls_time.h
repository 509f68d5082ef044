/*
 * TLS wall clock: the time certificate validity and session age are checked against.
 * Owns: the pointer to the wall clock the net stack provides once SNTP has set it, and
 * mbedTLS's time and gmtime_r hooks (MBEDTLS_PLATFORM_TIME_ALT / GMTIME_R_ALT).
 * Promises: until a clock is set, or while it reads below FL_BUILD_EPOCH, the time is "not
 * set": TlsTime_Now fails and mbedTLS sees 1970, so no certificate can pass its date check.
 */
#ifndef NET_TLS_TLS_TIME_H
#define NET_TLS_TLS_TIME_H

#include <stdbool.h>
#include <stdint.h>

/* Writes Unix seconds (UTC) and returns true, or returns false while the time is unknown. */
typedef bool (*TlsWallClock_t)(int64_t *unix_seconds);

/* Install the wall clock (NULL: the time becomes unknown again). */
void TlsTime_SetWallClock(TlsWallClock_t clock);

/* The current wall-clock time if it is set and not below FL_BUILD_EPOCH. */
bool TlsTime_Now(int64_t *unix_seconds);

/* Point mbedTLS's time hook at TlsTime_Now (idempotent). */
void TlsTime_InstallHooks(void);

#endif /* NET_TLS_TLS_TIME_H */
