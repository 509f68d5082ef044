#include "net/http/http_date.h"

#include "net/http/http_text.h"

#define HTTP_DATE_LEN 29u
#define HTTP_DATE_MIN_YEAR 1970u
#define HTTP_DATE_MAX_YEAR 2105u
#define HTTP_DATE_MONTHS 12u
#define HTTP_DATE_WEEKDAYS 7u
#define HTTP_DATE_BAD_NUMBER UINT32_MAX

typedef struct {
    uint32_t year;
    uint32_t month; /* 1..12 */
    uint32_t day;
    uint32_t hour;
    uint32_t minute;
    uint32_t second;
} HttpDateFields_t;

/* count ASCII digits at text[at..) as a number; HTTP_DATE_BAD_NUMBER, which no range
 * below admits, on a non-digit. */
static uint32_t Digits(const char *text, size_t at, size_t count)
{
    uint32_t acc = 0u;
    bool ok = true;
    for (size_t i = 0u; (i < count) && ok; i++) {
        const char c = text[at + i];
        ok = (c >= '0') && (c <= '9');
        acc = (acc * 10u) + ((uint32_t)(uint8_t)c - (uint32_t)(uint8_t)'0');
    }
    return ok ? acc : HTTP_DATE_BAD_NUMBER;
}

/* Index (0-based) of the three-letter name at text[at] in names, or count if absent. */
static uint32_t FindName(const char *text, size_t at, const char *const names[], uint32_t count)
{
    uint32_t found = count;
    for (uint32_t i = 0u; (i < count) && (found == count); i++) {
        if (HttpText_StartsWith(&text[at], 3u, names[i])) {
            found = i;
        }
    }
    return found;
}

static bool DateIsLeapYear(uint32_t year)
{
    return ((year % 4u) == 0u) && (((year % 100u) != 0u) || ((year % 400u) == 0u));
}

static uint32_t DateDaysInMonth(uint32_t year, uint32_t month)
{
    static const uint8_t days[HTTP_DATE_MONTHS] = { 31u, 28u, 31u, 30u, 31u, 30u,
                                                    31u, 31u, 30u, 31u, 30u, 31u };
    uint32_t n = days[month - 1u];
    if ((month == 2u) && DateIsLeapYear(year)) {
        n = 29u;
    }
    return n;
}

static bool HasSeparators(const char *text)
{
    return (text[3] == ',') && (text[4] == ' ') && (text[7] == ' ') && (text[11] == ' ') &&
           (text[16] == ' ') && (text[19] == ':') && (text[22] == ':') && (text[25] == ' ') &&
           HttpText_StartsWith(&text[26], 3u, "GMT");
}

/* The fixed layout: names and separators in place, numbers read (range checked later). */
static bool ParseLayout(const char *text, HttpDateFields_t *f)
{
    static const char *const weekdays[HTTP_DATE_WEEKDAYS] = { "Mon", "Tue", "Wed", "Thu",
                                                              "Fri", "Sat", "Sun" };
    static const char *const months[HTTP_DATE_MONTHS] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const uint32_t month_index = FindName(text, 8u, months, HTTP_DATE_MONTHS);
    f->month = month_index + 1u;
    f->day = Digits(text, 5u, 2u);
    f->year = Digits(text, 12u, 4u);
    f->hour = Digits(text, 17u, 2u);
    f->minute = Digits(text, 20u, 2u);
    f->second = Digits(text, 23u, 2u);
    return HasSeparators(text) && (FindName(text, 0u, weekdays, HTTP_DATE_WEEKDAYS) < HTTP_DATE_WEEKDAYS) &&
           (month_index < HTTP_DATE_MONTHS);
}

/* The values possible on the calendar (a leap second allowed) and in our range. */
static bool InRange(const HttpDateFields_t *f)
{
    return (f->year >= HTTP_DATE_MIN_YEAR) && (f->year <= HTTP_DATE_MAX_YEAR) && (f->day >= 1u) &&
           (f->day <= DateDaysInMonth(f->year, f->month)) && (f->hour < 24u) && (f->minute < 60u) &&
           (f->second <= 60u);
}

/* Leap days in years [1, year]. */
static uint32_t LeapDaysThrough(uint32_t year)
{
    return (year / 4u) - (year / 100u) + (year / 400u);
}

static uint64_t ToUnix(const HttpDateFields_t *f)
{
    static const uint16_t days_before_month[HTTP_DATE_MONTHS] = { 0u,   31u,  59u,  90u,
                                                                  120u, 151u, 181u, 212u,
                                                                  243u, 273u, 304u, 334u };
    uint64_t days = ((uint64_t)(f->year - HTTP_DATE_MIN_YEAR) * 365u) +
                    (uint64_t)(LeapDaysThrough(f->year - 1u) - LeapDaysThrough(HTTP_DATE_MIN_YEAR - 1u)) +
                    (uint64_t)days_before_month[f->month - 1u] + (uint64_t)(f->day - 1u);
    if ((f->month > 2u) && DateIsLeapYear(f->year)) {
        days++;
    }
    return (days * 86400u) + ((uint64_t)f->hour * 3600u) + ((uint64_t)f->minute * 60u) +
           (uint64_t)f->second;
}

bool HttpDate_Parse(const char *text, size_t len, uint32_t *unix_seconds)
{
    HttpDateFields_t fields = { 0u, 0u, 0u, 0u, 0u, 0u };
    bool ok = (text != NULL) && (unix_seconds != NULL) && (len == HTTP_DATE_LEN);
    if (ok) {
        ok = ParseLayout(text, &fields) && InRange(&fields);
    }
    if (ok) {
        const uint64_t seconds = ToUnix(&fields);
        ok = (seconds <= (uint64_t)UINT32_MAX);
        if (ok) {
            *unix_seconds = (uint32_t)seconds;
        }
    }
    return ok;
}
