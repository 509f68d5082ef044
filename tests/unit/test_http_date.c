/* Unit tests of net/http/http_date: IMF-fixdate to Unix time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/http/http_date.h"

static bool Parse(const char *text, uint32_t *out)
{
    return HttpDate_Parse(text, strlen(text), out);
}

static void test_valid_dates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint32_t unix_seconds;
    } cases[] = {
        { "Sun, 06 Nov 1994 08:49:37 GMT", 784111777u },
        { "Thu, 01 Jan 1970 00:00:00 GMT", 0u },
        { "Thu, 29 Feb 2024 00:00:00 GMT", 1709164800u },
        { "Wed, 01 Mar 2000 12:00:00 GMT", 951912000u },  /* 2000 is a leap year */
        { "Mon, 01 Mar 2100 00:00:00 GMT", 4107542400u }, /* 2100 is not */
        { "Mon, 31 Dec 2105 23:59:59 GMT", 4291747199u },
    };
    for (size_t i = 0u; i < (sizeof(cases) / sizeof(cases[0])); i++) {
        uint32_t out = 1u;
        assert_true(Parse(cases[i].text, &out));
        assert_int_equal(out, cases[i].unix_seconds);
    }
}

static void test_invalid_dates(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Sunday, 06-Nov-94 08:49:37 GMT", /* RFC 850 */
        "Sun Nov  6 08:49:37 1994",       /* asctime */
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "sun, 06 nov 1994 08:49:37 GMT",
        "Fri, 30 Feb 2024 00:00:00 GMT",
        "Thu, 29 Feb 2023 00:00:00 GMT",
        "Mon, 29 Feb 2100 00:00:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Wed, 31 Dec 1969 23:59:59 GMT",
        "Fri, 01 Jan 2106 00:00:00 GMT",
        "Sun, 06 Nov 19a4 08:49:37 GMT",
        "Sun; 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08-49-37 GMT",
        "",
    };
    for (size_t i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        uint32_t out = 7u;
        assert_false(Parse(bad[i], &out));
        assert_int_equal(out, 7u);
    }
    uint32_t out = 7u;
    assert_false(HttpDate_Parse(NULL, 29u, &out));
    assert_false(HttpDate_Parse("Sun, 06 Nov 1994 08:49:37 GMT", 29u, NULL));
    assert_false(HttpDate_Parse("Sun, 06 Nov 1994 08:49:37 GMT", 28u, &out));
}

static void test_leap_second_accepted(void **state)
{
    (void)state;
    uint32_t out = 0u;
    assert_true(Parse("Sat, 31 Dec 2016 23:59:60 GMT", &out));
    assert_int_equal(out, 1483228800u);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_dates),
        cmocka_unit_test(test_invalid_dates),
        cmocka_unit_test(test_leap_second_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
