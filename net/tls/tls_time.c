/* Wall clock for mbedTLS: our time source and a gmtime_r of our own (UTC only). */
#include "net/tls/tls_time.h"

#include <stddef.h>

#include "net/tls/tls_config.h"
#include "net/tls/tls_mbedtls.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"

#define SECONDS_PER_DAY 86400
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_MINUTE 60
#define DAYS_PER_400_YEARS 146097
#define DAYS_1970_TO_0000_03_01 719468 /* days from 0000-03-01 to 1970-01-01 */
#define TM_YEAR_BASE 1900
/* Far enough for any certificate date (X.509 GeneralizedTime ends at 9999). */
#define MAX_SUPPORTED_SECONDS ((int64_t)253402300799) /* 9999-12-31T23:59:59Z */

static TlsWallClock_t g_wall_clock;

void TlsTime_SetWallClock(TlsWallClock_t clock)
{
    g_wall_clock = clock;
}

bool TlsTime_Now(int64_t *unix_seconds)
{
    bool valid = false;
    const TlsWallClock_t clock = g_wall_clock;
    int64_t now = 0;
    if ((unix_seconds != NULL) && (clock != NULL))
    {
        if (clock(&now))
        {
            valid = (now >= (int64_t)FL_BUILD_EPOCH) && (now <= MAX_SUPPORTED_SECONDS);
        }
    }
    if (valid)
    {
        *unix_seconds = now;
    }
    return valid;
}

static mbedtls_time_t TlsTime_MbedtlsNow(mbedtls_time_t *timer)
{
    int64_t now = 0;
    /* Unknown time reads as 1970: every certificate is then "not yet valid". */
    const mbedtls_time_t result = TlsTime_Now(&now) ? (mbedtls_time_t)now : (mbedtls_time_t)0;
    if (timer != NULL)
    {
        *timer = result;
    }
    return result;
}

void TlsTime_InstallHooks(void)
{
    (void)mbedtls_platform_set_time(&TlsTime_MbedtlsNow);
}

/* Civil date from days since 1970-01-01 (proleptic Gregorian, days >= 0). */
static void TlsTime_CivilFromDays(int64_t days, struct tm *out)
{
    const int64_t shifted = days + DAYS_1970_TO_0000_03_01;
    const int64_t era = shifted / DAYS_PER_400_YEARS;
    const int64_t day_of_era = shifted - (era * DAYS_PER_400_YEARS);
    const int64_t year_of_era =
        (day_of_era - (day_of_era / 1460) + (day_of_era / 36524) - (day_of_era / 146096)) / 365;
    const int64_t day_of_year =
        day_of_era - ((365 * year_of_era) + (year_of_era / 4) - (year_of_era / 100));
    const int64_t month_from_march = ((5 * day_of_year) + 2) / 153;
    const int64_t day = (day_of_year - (((153 * month_from_march) + 2) / 5)) + 1;
    /* March-based months: January and February belong to the next civil year. */
    const bool jan_or_feb = (month_from_march >= 10);
    int64_t month = month_from_march + 3;
    int64_t year = year_of_era + (era * 400);
    if (jan_or_feb)
    {
        month = month_from_march - 9;
        year += 1;
    }
    const bool leap = ((year % 4) == 0) && (((year % 100) != 0) || ((year % 400) == 0));
    /* Day of the year from January 1st: March 1st is day 59, or 60 in a leap year. */
    int64_t yday = day_of_year - 306;
    if (!jan_or_feb)
    {
        yday = day_of_year + (leap ? (int64_t)60 : (int64_t)59);
    }

    out->tm_year = (int)(year - TM_YEAR_BASE);
    out->tm_mon = (int)(month - 1);
    out->tm_mday = (int)day;
    out->tm_yday = (int)yday;
    out->tm_wday = (int)((days + 4) % 7); /* 1970-01-01 was a Thursday */
    out->tm_isdst = 0;
}

/* mbedTLS hook (MBEDTLS_PLATFORM_GMTIME_R_ALT): UTC broken-down time, NULL when out of range. */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    struct tm *result = NULL;
    if ((tt != NULL) && (tm_buf != NULL))
    {
        const int64_t seconds = (int64_t)*tt;
        if ((seconds >= 0) && (seconds <= MAX_SUPPORTED_SECONDS))
        {
            const int64_t second_of_day = seconds % SECONDS_PER_DAY;
            TlsTime_CivilFromDays(seconds / SECONDS_PER_DAY, tm_buf);
            tm_buf->tm_hour = (int)(second_of_day / SECONDS_PER_HOUR);
            tm_buf->tm_min = (int)((second_of_day % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
            tm_buf->tm_sec = (int)(second_of_day % SECONDS_PER_MINUTE);
            result = tm_buf;
        }
    }
    return result;
}
