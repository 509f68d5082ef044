/* Unit tests of firmware/log: format, levels, truncation, sanitising. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/log/log.h"
#include "hal/clock.h"
#include "hal/host/clock_host.h"

static char g_captured[4 * LOG_LINE_MAX];
static size_t g_captured_len;
static unsigned g_lines;

static void capture(const char *text, size_t length)
{
    assert_true(length <= LOG_LINE_MAX);
    assert_true(g_captured_len + length < sizeof g_captured);
    memcpy(&g_captured[g_captured_len], text, length);
    g_captured_len += length;
    g_captured[g_captured_len] = '\0';
    g_lines++;
}

static int setup(void **state)
{
    (void)state;
    g_captured_len = 0;
    g_captured[0] = '\0';
    g_lines = 0;
    Clock_Init();
    Log_Init(capture, LOG_LEVEL_INFO);
    return 0;
}

static void test_line_format(void **state)
{
    (void)state;
    ClockHost_Set(12345u);
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "boot");
    Log_Str(&line, "v=");
    Log_Uint(&line, 42u);
    Log_Str(&line, " d=");
    Log_Int(&line, -7);
    Log_Str(&line, " h=");
    Log_Hex(&line, 0xBEEFu);
    Log_End(&line);
    assert_string_equal(g_captured, "[   12.345] I boot: v=42 d=-7 h=0x0000beef\r\n");
}

static void test_extreme_numbers(void **state)
{
    (void)state;
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_WARN, "n");
    Log_Uint(&line, UINT32_MAX);
    Log_Str(&line, " ");
    Log_Int(&line, INT32_MIN);
    Log_Str(&line, " ");
    Log_Uint(&line, 0u);
    Log_End(&line);
    assert_string_equal(g_captured, "[    0.000] W n: 4294967295 -2147483648 0\r\n");
}

static void test_level_filter(void **state)
{
    (void)state;
    Log_Message(LOG_LEVEL_DEBUG, "x", "hidden");
    assert_int_equal(g_lines, 0);
    Log_SetLevel(LOG_LEVEL_DEBUG);
    Log_Message(LOG_LEVEL_DEBUG, "x", "shown");
    assert_int_equal(g_lines, 1);
    assert_string_equal(g_captured, "[    0.000] D x: shown\r\n");
}

static void test_truncation_marked(void **state)
{
    (void)state;
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_ERROR, "t");
    for (int i = 0; i < 40; i++)
    {
        Log_Str(&line, "abcdefgh");
    }
    Log_End(&line);
    assert_int_equal(g_captured_len, LOG_LINE_MAX);
    assert_memory_equal(&g_captured[LOG_LINE_MAX - 3u], "~\r\n", 3);
}

static void test_unprintable_replaced(void **state)
{
    (void)state;
    Log_Message(LOG_LEVEL_INFO, "net", "a\x1b[2Jb\r\nc\x80");
    assert_string_equal(g_captured, "[    0.000] I net: a?[2Jb??c?\r\n");
}

static void test_tag_bounded_and_strn(void **state)
{
    (void)state;
    LogLine_t line;
    Log_Begin(&line, LOG_LEVEL_INFO, "averyverylongtag");
    Log_StrN(&line, "12345", 3u);
    Log_End(&line);
    assert_string_equal(g_captured, "[    0.000] I averyver: 123\r\n");
}

static void test_no_sink_drops(void **state)
{
    (void)state;
    Log_Init(NULL, LOG_LEVEL_DEBUG);
    assert_false(Log_IsEnabled(LOG_LEVEL_ERROR));
    Log_Message(LOG_LEVEL_ERROR, "x", "nowhere");
    assert_int_equal(g_lines, 0);
}

static void test_timestamp_width_grows(void **state)
{
    (void)state;
    ClockHost_Set(123456789u);
    Log_Message(LOG_LEVEL_INFO, "t", "x");
    assert_string_equal(g_captured, "[123456.789] I t: x\r\n");
}

static void test_format_uint(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(Log_FormatUint(4294967295u, out, sizeof out), 10);
    assert_string_equal(out, "4294967295");
    assert_int_equal(Log_FormatUint(0u, out, sizeof out), 1);
    assert_string_equal(out, "0");
    char small[4];
    assert_int_equal(Log_FormatUint(123456u, small, sizeof small), 3);
    assert_string_equal(small, "123"); /* most significant digits kept, always terminated */
    assert_int_equal(Log_FormatUint(7u, NULL, 0u), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_line_format, setup),
        cmocka_unit_test_setup(test_extreme_numbers, setup),
        cmocka_unit_test_setup(test_level_filter, setup),
        cmocka_unit_test_setup(test_truncation_marked, setup),
        cmocka_unit_test_setup(test_unprintable_replaced, setup),
        cmocka_unit_test_setup(test_tag_bounded_and_strn, setup),
        cmocka_unit_test_setup(test_no_sink_drops, setup),
        cmocka_unit_test_setup(test_timestamp_width_grows, setup),
        cmocka_unit_test(test_format_uint),
    };
    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
