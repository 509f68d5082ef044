/* Unit tests of command shortening for display lines: exact outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/panel/command_short.h"
#include "firmware/panel/panel_config.h"

#define OUT_MAX 64u

static char g_out[OUT_MAX + 1u];

static CommandShortStatus_t Shorten(const char *command, size_t max_chars)
{
    size_t len = 0u;
    const CommandShortStatus_t status =
        CommandShort_Format(command, strlen(command), max_chars, '~', g_out, OUT_MAX, &len);
    assert_true(len <= max_chars);
    g_out[len] = '\0';
    return status;
}

static void test_artisan_noise_is_dropped(void **state)
{
    (void)state;
    assert_int_equal(Shorten("php8.2 /home/forge/example.com/artisan queue:work redis --sleep=3 --tries=3", 40u),
                     COMMAND_SHORT_OK);
    assert_string_equal(g_out, "queue:work redis");
    assert_int_equal(Shorten("php /home/forge/app/artisan horizon", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "horizon");
    assert_int_equal(Shorten("php artisan schedule:work", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "schedule:work");
    assert_int_equal(Shorten("/usr/bin/php8.3 -d memory_limit=512M artisan reverb:start --port=8080", 40u),
                     COMMAND_SHORT_OK);
    assert_string_equal(g_out, "reverb:start");
}

static void test_wrappers_and_paths(void **state)
{
    (void)state;
    assert_int_equal(Shorten("/usr/bin/node /home/forge/api/server.js", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "server.js");
    assert_int_equal(Shorten("APP_ENV=production nohup python3 -u /srv/app/worker.py --queue high", 40u),
                     COMMAND_SHORT_OK);
    assert_string_equal(g_out, "worker.py high");
    assert_int_equal(Shorten("  /home/forge/bin/sync.sh   nightly  ", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "sync.sh nightly");
    /* only noise: fall back to the first word's basename */
    assert_int_equal(Shorten("/usr/bin/php", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "php");
    assert_int_equal(Shorten("", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "");
    /* a trailing slash leaves an empty basename, then the next word is used */
    assert_int_equal(Shorten("php /weird/dir/ run", 40u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "run");
}

static void test_ellipsis(void **state)
{
    (void)state;
    assert_int_equal(Shorten("php artisan queue:work redis", 12u), COMMAND_SHORT_CUT);
    assert_string_equal(g_out, "queue:work~");
    assert_int_equal(Shorten("php artisan queue:work redis", 13u), COMMAND_SHORT_CUT);
    assert_string_equal(g_out, "queue:work r~");
    assert_int_equal(Shorten("php artisan queue:work redis", 16u), COMMAND_SHORT_OK);
    assert_string_equal(g_out, "queue:work redis");
    assert_int_equal(Shorten("abcdefghijklmnopqrstuvwxyz", 5u), COMMAND_SHORT_CUT);
    assert_string_equal(g_out, "abcd~");
    assert_int_equal(Shorten("abc", 1u), COMMAND_SHORT_CUT);
    assert_string_equal(g_out, "~");
}

static void test_bounds_and_arguments(void **state)
{
    (void)state;
    char out[4];
    size_t len = 0u;
    /* cap smaller than max_chars: cap wins */
    assert_int_equal(CommandShort_Format("abcdef", 6u, 10u, '~', out, sizeof out, &len), COMMAND_SHORT_CUT);
    assert_int_equal(len, 4u);
    assert_memory_equal(out, "abc~", 4u);
    /* the length given is honoured: no reading past it */
    assert_int_equal(CommandShort_Format("abcdef", 2u, 10u, '~', out, sizeof out, &len), COMMAND_SHORT_OK);
    assert_int_equal(len, 2u);
    assert_memory_equal(out, "ab", 2u);
    assert_int_equal(CommandShort_Format(NULL, 0u, 10u, '~', out, sizeof out, &len), COMMAND_SHORT_ERR_ARG);
    assert_int_equal(CommandShort_Format("a", 1u, 0u, '~', out, sizeof out, &len), COMMAND_SHORT_ERR_ARG);
    assert_int_equal(CommandShort_Format("a", 1u, 10u, '~', NULL, 4u, &len), COMMAND_SHORT_ERR_ARG);
    /* more words than PANEL_COMMAND_MAX_WORDS: the rest is ignored, not overrun */
    static char many[PANEL_COMMAND_MAX_CHARS];
    size_t n = 0u;
    while ((n + 2u) < sizeof many)
    {
        many[n] = 'w';
        many[n + 1u] = ' ';
        n += 2u;
    }
    static char big[PANEL_COMMAND_MAX_CHARS];
    assert_int_equal(CommandShort_Format(many, n, sizeof big, '~', big, sizeof big, &len), COMMAND_SHORT_OK);
    assert_int_equal(len, (2u * PANEL_COMMAND_MAX_WORDS) - 1u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_artisan_noise_is_dropped),
        cmocka_unit_test(test_wrappers_and_paths),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_bounds_and_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
