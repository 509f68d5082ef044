/* Unit tests of the console panel line: exact strings, colour codes, bounds, change detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/panel/panel_console.h"
#include "firmware/panel/panel_text.h"

static char g_line[PANEL_CONSOLE_LINE_MAX + 1u];

static PanelConsoleStatus_t Format(const PanelView_t *view, bool ansi)
{
    size_t len = 0u;
    const PanelConsoleStatus_t status = PanelConsole_Format(view, ansi, g_line, PANEL_CONSOLE_LINE_MAX, &len);
    assert_true(len <= PANEL_CONSOLE_LINE_MAX);
    g_line[len] = '\0';
    return status;
}

static PanelView_t View(const char *label, PanelState_t state, bool stale, uint32_t age_ms)
{
    PanelView_t view;
    (void)memset(&view, 0, sizeof view);
    view.label = label;
    view.label_len = strlen(label);
    view.verdict.state = state;
    view.verdict.stale = stale;
    view.age_ms = age_ms;
    return view;
}

static void test_plain_lines(void **state)
{
    (void)state;
    PanelView_t view = View("web-1", PANEL_STATE_HEALTHY, false, 3400u);
    view.counts.up = 12u;
    view.counts.total = 12u;
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 HEALTHY 12 run 0 chg 0 unk age 3s\r\n");

    view = View("queue", PANEL_STATE_CHANGING, false, 125000u);
    view.counts.up = 3u;
    view.counts.changing = 2u;
    view.counts.unknown = 1u;
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] queue CHANGING 3 run 2 chg 1 unk age 2m\r\n");

    view = View("db", PANEL_STATE_NO_DATA, false, PANEL_AGE_NEVER);
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] db NO_DATA 0 run 0 chg 0 unk age --\r\n");
}

static void test_stale_marking(void **state)
{
    (void)state;
    PanelView_t view = View("web-1", PANEL_STATE_API_DOWN, true, 7u * 3600u * 1000u);
    view.counts.up = 4u;
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 API_DOWN 4 run 0 chg 0 unk age !7h STALE\r\n");
    view = View("web-1", PANEL_STATE_STALE, true, 3u * 86400u * 1000u);
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 STALE 0 run 0 chg 0 unk age !3d\r\n");
}

static void test_ansi_colours(void **state)
{
    (void)state;
    PanelView_t view = View("web-1", PANEL_STATE_HEALTHY, false, 0u);
    assert_int_equal(Format(&view, true), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 \x1b[32mHEALTHY\x1b[0m 0 run 0 chg 0 unk age 0s\r\n");
    view.verdict.state = PANEL_STATE_TLS_ERROR;
    assert_int_equal(Format(&view, true), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 \x1b[31mTLS_ERROR\x1b[0m 0 run 0 chg 0 unk age 0s\r\n");
    view.verdict.state = PANEL_STATE_RATE_LIMITED;
    assert_int_equal(Format(&view, true), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] web-1 \x1b[35mRATE_LIMITED\x1b[0m 0 run 0 chg 0 unk age 0s\r\n");
}

static void test_every_state_name(void **state)
{
    (void)state;
    static const char *const k_names[PANEL_STATE_COUNT] = {
        "HEALTHY",    "CHANGING",     "ATTENTION", "NO_DATA",      "STALE",     "AUTH_ERROR",
        "NOT_FOUND",  "RATE_LIMITED", "API_DOWN",  "NETWORK_DOWN", "TLS_ERROR", "BAD_RESPONSE",
        "NOT_CONFIGURED",
    };
    char expected[PANEL_CONSOLE_LINE_MAX];
    for (size_t i = 0u; i < (size_t)PANEL_STATE_COUNT; i++)
    {
        const PanelView_t view = View("w", (PanelState_t)i, false, 1000u);
        assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
        (void)snprintf(expected, sizeof expected, "[panel] w %s 0 run 0 chg 0 unk age 1s\r\n", k_names[i]);
        assert_string_equal(g_line, expected);
    }
}

static void test_label_is_sanitised_and_cut(void **state)
{
    (void)state;
    const PanelView_t view = View("a\x1b[2Jbcdefghij", PANEL_STATE_HEALTHY, false, 0u);
    assert_int_equal(Format(&view, false), PANEL_CONSOLE_OK);
    assert_string_equal(g_line, "[panel] a?[2Jbcd HEALTHY 0 run 0 chg 0 unk age 0s\r\n");
}

static void test_bounded_buffer(void **state)
{
    (void)state;
    char small[20];
    size_t len = 0u;
    const PanelView_t view = View("web-1", PANEL_STATE_HEALTHY, false, 0u);
    assert_int_equal(PanelConsole_Format(&view, false, small, sizeof small, &len), PANEL_CONSOLE_TRUNCATED);
    assert_int_equal(len, sizeof small);
    assert_memory_equal(small, "[panel] web-1 HEAL\r\n", sizeof small);
    assert_int_equal(PanelConsole_Format(&view, false, small, 1u, &len), PANEL_CONSOLE_ERR_ARG);
    assert_int_equal(PanelConsole_Format(NULL, false, small, sizeof small, &len), PANEL_CONSOLE_ERR_ARG);
}

static void test_change_detection(void **state)
{
    (void)state;
    PanelConsoleTracker_t tracker;
    PanelConsole_Reset(&tracker);
    const PanelVerdict_t healthy = {PANEL_STATE_HEALTHY, false};
    const PanelVerdict_t down = {PANEL_STATE_API_DOWN, false};
    const PanelVerdict_t down_stale = {PANEL_STATE_API_DOWN, true};
    assert_true(PanelConsole_Changed(0u, healthy, &tracker)); /* first sight */
    assert_false(PanelConsole_Changed(0u, healthy, &tracker));
    assert_true(PanelConsole_Changed(1u, healthy, &tracker)); /* slots are separate */
    assert_true(PanelConsole_Changed(0u, down, &tracker));
    assert_true(PanelConsole_Changed(0u, down_stale, &tracker)); /* stale mark alone is a change */
    assert_false(PanelConsole_Changed(0u, down_stale, &tracker));
    assert_false(PanelConsole_Changed(PANEL_CONSOLE_SLOTS, healthy, &tracker));
}

static const char *Age(uint32_t age_ms)
{
    static char buf[16];
    PanelText_t text;
    PanelText_Init(buf, sizeof buf - 1u, &text);
    PanelText_AppendAge(&text, age_ms);
    buf[text.len] = '\0';
    return buf;
}

static void test_age_boundaries(void **state)
{
    (void)state;
    assert_string_equal(Age(0u), "0s");
    assert_string_equal(Age(59999u), "59s");
    assert_string_equal(Age(60000u), "1m");
    assert_string_equal(Age(3599999u), "59m");
    assert_string_equal(Age(3600000u), "1h");
    assert_string_equal(Age((48u * 3600000u) - 1u), "47h");
    assert_string_equal(Age(48u * 3600000u), "2d");
    assert_string_equal(Age(PANEL_AGE_NEVER - 1u), "49d");
    assert_string_equal(Age(PANEL_AGE_NEVER), "--");
}

static void test_short_names_fit_the_display(void **state)
{
    (void)state;
    for (size_t i = 0u; i < (size_t)PANEL_STATE_COUNT; i++)
    {
        const char *name = PanelText_StateShort((PanelState_t)i);
        assert_true(strlen(name) <= PANEL_TEXT_SHORT_MAX);
        for (size_t j = 0u; j < i; j++)
        {
            assert_string_not_equal(name, PanelText_StateShort((PanelState_t)j));
        }
    }
    for (size_t i = 0u; i < (size_t)PANEL_PROC_STATUS_COUNT; i++)
    {
        assert_true(strlen(PanelText_ProcShort((PanelProcStatus_t)i)) <= PANEL_TEXT_PROC_MAX);
    }
    assert_string_equal(PanelText_StateName(PANEL_STATE_COUNT), "INVALID");
}

static void test_text_builder_overflow(void **state)
{
    (void)state;
    char buf[4];
    PanelText_t text;
    PanelText_Init(buf, sizeof buf, &text);
    PanelText_AppendUint(&text, 4294967295u);
    assert_int_equal(text.len, 4u);
    assert_memory_equal(buf, "4294", 4u);
    assert_int_equal(PanelText_Status(&text), PANEL_TEXT_TRUNCATED);
    PanelText_Init(buf, sizeof buf, &text);
    PanelText_AppendUint(&text, 0u);
    assert_int_equal(PanelText_Status(&text), PANEL_TEXT_OK);
    assert_memory_equal(buf, "0", 1u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),          cmocka_unit_test(test_stale_marking),
        cmocka_unit_test(test_ansi_colours),         cmocka_unit_test(test_every_state_name),
        cmocka_unit_test(test_label_is_sanitised_and_cut), cmocka_unit_test(test_bounded_buffer),
        cmocka_unit_test(test_change_detection),     cmocka_unit_test(test_age_boundaries),
        cmocka_unit_test(test_short_names_fit_the_display), cmocka_unit_test(test_text_builder_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
