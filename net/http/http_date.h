/*
 * IMF-fixdate (RFC 9110 section 5.6.7, "Sun, 06 Nov 1994 08:49:37 GMT") to Unix time.
 * Only this preferred form is parsed; the obsolete RFC 850 and asctime forms are refused,
 * and so is any date before 1970 or after 2105 (beyond a uint32_t of seconds).
 */
#ifndef NET_HTTP_HTTP_DATE_H
#define NET_HTTP_HTTP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses text[0..len) (exactly 29 characters). False, with *unix_seconds untouched, for
 * anything else, including impossible dates such as 30 Feb. */
bool HttpDate_Parse(const char *text, size_t len, uint32_t *unix_seconds);

#endif /* NET_HTTP_HTTP_DATE_H */
