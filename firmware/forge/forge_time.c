/* forge_time: a fixed-layout ISO 8601 reader; no locale, no libc time functions. */
#include "firmware/forge/forge_time.h"

#define YEAR_MIN            1970u
#define YEAR_MAX            2106u
#define SECONDS_PER_MINUTE  60
#define SECONDS_PER_HOUR    3600
#define SECONDS_PER_DAY     86400
#define DAYS_1970_TO_EPOCH0 719468 /* days from 0000-03-01 to 1970-01-01 */
#define MAX_FRACTION_DIGITS 9u
#define CLOCK_END           19u    /* "YYYY-MM-DDTHH:MM:SS" */

typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    bool ok;
} TimeReader_t;

/* The byte at the read position, NUL past the end. */
static char Peek(const TimeReader_t *rd)
{
    char c = '\0';
    if (rd->pos < rd->len) {
        const char *text = rd->text;
        c = text[rd->pos];
    }
    return c;
}

/* Reads exactly `count` digits; the result is 0 and ok false on anything else. */
static uint32_t ReadNumber(TimeReader_t *rd, size_t count)
{
    uint32_t value = 0u;
    for (size_t k = 0u; rd->ok && (k < count); k++) {
        char c = Peek(rd);
        rd->ok = (c >= '0') && (c <= '9');
        value = (value * 10u) + ((uint32_t)(uint8_t)c & 0x0Fu);
        rd->pos++;
    }
    return rd->ok ? value : 0u;
}

static inline bool TimeIsLeapYear(uint32_t year)
{
    return (((year % 4u) == 0u) && ((year % 100u) != 0u)) || ((year % 400u) == 0u);
}

static uint32_t TimeDaysInMonth(uint32_t year, uint32_t month)
{
    static const uint8_t days[12] = {31u, 28u, 31u, 30u, 31u, 30u, 31u, 31u, 30u, 31u, 30u, 31u};
    uint32_t result = 0u;
    if ((month >= 1u) && (month <= 12u)) {
        result = days[month - 1u];
        if ((month == 2u) && TimeIsLeapYear(year)) {
            result = 29u;
        }
    }
    return result;
}

/* Days since 1970-01-01 of a valid civil date (years counted from March). */
static int64_t DaysFromCivil(uint32_t year, uint32_t month, uint32_t day)
{
    uint32_t y = year;
    uint32_t mp = month + 9u;
    if (month <= 2u) {
        y = year - 1u;
    } else {
        mp = month - 3u;
    }
    uint32_t era = y / 400u;
    uint32_t yoe = y - (era * 400u);
    uint32_t doy = ((((153u * mp) + 2u) / 5u) + day) - 1u;
    uint32_t doe = (((yoe * 365u) + (yoe / 4u)) - (yoe / 100u)) + doy;
    return (((int64_t)era * 146097) + (int64_t)doe) - DAYS_1970_TO_EPOCH0;
}

static void SkipFraction(TimeReader_t *rd)
{
    char c = Peek(rd);
    if (rd->ok && ((c == '.') || (c == ','))) {
        size_t digits = 0u;
        rd->pos++;
        c = Peek(rd);
        while ((digits <= MAX_FRACTION_DIGITS) && (c >= '0') && (c <= '9')) {
            rd->pos++;
            digits++;
            c = Peek(rd);
        }
        rd->ok = (digits >= 1u) && (digits <= MAX_FRACTION_DIGITS);
    }
}

/* Returns the offset east of UTC in seconds. */
static int32_t ReadOffset(TimeReader_t *rd)
{
    int32_t offset = 0;
    char c = Peek(rd);
    if ((c == 'Z') || (c == 'z')) {
        rd->pos++;
    } else if ((c == '+') || (c == '-')) {
        rd->pos++;
        uint32_t hours = ReadNumber(rd, 2u);
        char colon = Peek(rd);
        if (colon == ':') {
            rd->pos++;
        }
        uint32_t minutes = ReadNumber(rd, 2u);
        rd->ok = rd->ok && (hours <= 23u) && (minutes <= 59u);
        offset = ((int32_t)hours * SECONDS_PER_HOUR) + ((int32_t)minutes * SECONDS_PER_MINUTE);
        offset = (c == '-') ? -offset : offset;
    } else {
        /* no designator: UTC */
    }
    return offset;
}

typedef struct {
    uint32_t year;
    uint32_t month;
    uint32_t day;
    uint32_t hour;
    uint32_t minute;
    uint32_t second;
} TimeFields_t;

/* Two digits at text[at..]: the caller checked that they lie within the text. A non-digit
 * clears *ok. */
static inline uint32_t TwoDigits(const char *text, size_t at, bool *ok)
{
    const uint32_t hi = (uint32_t)(uint8_t)text[at] - (uint32_t)'0';
    const uint32_t lo = (uint32_t)(uint8_t)text[at + 1u] - (uint32_t)'0';
    *ok = *ok && (hi <= 9u) && (lo <= 9u);
    return (hi * 10u) + lo;
}

/* "YYYY-MM-DDTHH:MM:SS" at fixed positions (the caller checked len >= CLOCK_END). */
static bool ReadFixed(const char *text, TimeFields_t *f)
{
    bool ok = true;
    const char sep = text[10];
    f->year = (TwoDigits(text, 0u, &ok) * 100u) + TwoDigits(text, 2u, &ok);
    f->month = TwoDigits(text, 5u, &ok);
    f->day = TwoDigits(text, 8u, &ok);
    f->hour = TwoDigits(text, 11u, &ok);
    f->minute = TwoDigits(text, 14u, &ok);
    f->second = TwoDigits(text, 17u, &ok);
    return ok && (text[4] == '-') && (text[7] == '-') && ((sep == 'T') || (sep == 't') || (sep == ' ')) &&
           (text[13] == ':') && (text[16] == ':');
}

static bool FieldsInRange(const TimeFields_t *f)
{
    return (f->year >= YEAR_MIN) && (f->year <= YEAR_MAX) && (f->day >= 1u) &&
           (f->day <= TimeDaysInMonth(f->year, f->month)) && (f->hour <= 23u) &&
           (f->minute <= 59u) && (f->second <= 60u);
}

bool ForgeTime_ParseIso8601(const char *text, size_t len, uint32_t *unix_seconds)
{
    bool args_ok = (text != NULL) && (unix_seconds != NULL) && (len <= FORGE_TIME_MAX_LEN);
    /* a NULL text reads as empty, so Peek never dereferences it */
    TimeFields_t f = {0u, 0u, 0u, 0u, 0u, 0u};
    args_ok = args_ok && (len >= CLOCK_END) && ReadFixed(text, &f);
    TimeReader_t rd = {text, args_ok ? len : 0u, CLOCK_END, args_ok};
    int32_t offset = 0;
    if (args_ok && (len == (CLOCK_END + 1u)) && (text[CLOCK_END] == 'Z')) {
        rd.pos = len; /* the common "...SSZ": nothing more to read */
    } else {
        SkipFraction(&rd);
        offset = ReadOffset(&rd);
    }
    bool ok = rd.ok && (rd.pos == len) && FieldsInRange(&f);
    if (ok) {
        int64_t total = (DaysFromCivil(f.year, f.month, f.day) * SECONDS_PER_DAY) +
                        ((int64_t)f.hour * SECONDS_PER_HOUR) +
                        ((int64_t)f.minute * SECONDS_PER_MINUTE) + (int64_t)f.second -
                        (int64_t)offset;
        ok = (total >= 0) && (total <= (int64_t)UINT32_MAX);
        if (ok) {
            *unix_seconds = (uint32_t)total;
        }
    }
    return ok;
}
