/*
 * forge_time: ISO 8601 / RFC 3339 date-time text -> Unix seconds, as Forge sends created_at.
 *
 * Accepts YYYY-MM-DD, 'T', 't' or ' ', HH:MM:SS, an optional fraction (ignored), then 'Z',
 * 'z', +HH:MM, -HH:MM, +HHMM, -HHMM or nothing (read as UTC). Fields are range-checked
 * (real month lengths, leap years, second 60 allowed); the result must fit 0..UINT32_MAX.
 */
#ifndef FORGE_TIME_H
#define FORGE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest text accepted (a nanosecond fraction plus an offset fits). */
#define FORGE_TIME_MAX_LEN 40u

bool ForgeTime_ParseIso8601(const char *text, size_t len, uint32_t *unix_seconds);

#endif /* FORGE_TIME_H */
