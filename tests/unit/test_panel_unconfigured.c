/* Unit tests of the "not configured" panel state: its console line (once), the wig-wag on the
 * LEDs, the NOT CONFIGURED screen (pixel-exact against tests/unit/golden/unconfigured.pbm, drawn
 * once), Panel_Update with no watches meaning the same, and the way back to normal updates.
 * Only the command-line flag --update-golden (`make update-golden`; never the environment)
 * rewrites the golden file instead of comparing, and then the case FAILs: not a pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/test_golden_frame.h"

#include "firmware/panel/led_pattern.h"
#include "firmware/panel/panel.h"
#include "firmware/panel/panel_leds.h"
#include "firmware/panel/panel_text.h"
#include "hal/display.h"
#include "hal/leds.h"

#define LINES_MAX 8u
#define LINE_MAX 128u
#define GOLDEN "tests/unit/golden/unconfigured.pbm"

#define UNCONFIGURED_LINE "[panel] panel NOT_CONFIGURED 0 run 0 chg 0 unk age --\r\n"

static char g_lines[LINES_MAX][LINE_MAX];
static size_t g_line_count;

static void Sink(const char *text, size_t len)
{
    assert_true(g_line_count < LINES_MAX);
    assert_true(len < LINE_MAX);
    (void)memcpy(g_lines[g_line_count], text, len);
    g_lines[g_line_count][len] = '\0';
    g_line_count++;
}

static void CompareGolden(const DisplayFrame_t *frame)
{
    GoldenFrame_Check(GOLDEN, frame);
}

static void ExpectLeds(uint32_t now_ms, uint8_t led0, uint8_t led1)
{
    uint8_t leds[PANEL_MAX_LEDS];
    size_t count = 0u;
    PanelLeds_OnTick(now_ms);
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(count, 2u);
    assert_int_equal(leds[0], led0);
    assert_int_equal(leds[1], led1);
}

static void test_state_wording_and_rank(void **state)
{
    (void)state;
    assert_string_equal(PanelText_StateName(PANEL_STATE_NOT_CONFIGURED), "NOT_CONFIGURED");
    assert_string_equal(PanelText_StateShort(PANEL_STATE_NOT_CONFIGURED), "NO CONF");
    for (size_t i = 0u; i < (size_t)PANEL_STATE_NOT_CONFIGURED; i++)
    {
        assert_true(PanelModel_Severity(PANEL_STATE_NOT_CONFIGURED) > PanelModel_Severity((PanelState_t)i));
    }
}

static void test_wigwag_patterns_take_turns(void **state)
{
    (void)state;
    const uint32_t half = PANEL_WIGWAG_PERIOD_MS / 2u;
    for (uint32_t t = 0u; t < (2u * PANEL_WIGWAG_PERIOD_MS); t += 50u)
    {
        const bool a = LedPattern_IsLit(LED_PATTERN_WIGWAG_A, PANEL_BRIGHTNESS_MAX, t);
        const bool b = LedPattern_IsLit(LED_PATTERN_WIGWAG_B, PANEL_BRIGHTNESS_MAX, t);
        assert_true(a != b);
        assert_true(a == ((t % PANEL_WIGWAG_PERIOD_MS) < half));
    }
}

static void test_show_unconfigured(void **state)
{
    (void)state;
    DisplayHost_SetPresent(true);
    g_line_count = 0u;
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    const uint32_t flushes = DisplayHost_FlushCount();

    assert_int_equal(Panel_ShowUnconfigured(), PANEL_OK);
    assert_int_equal(g_line_count, 1u);
    assert_string_equal(g_lines[0], UNCONFIGURED_LINE);
    assert_int_equal(Panel_Global().state, PANEL_STATE_NOT_CONFIGURED);
    assert_false(Panel_Global().stale);
    assert_int_equal(DisplayHost_FlushCount(), flushes + 1u);

    DisplayFrame_t expected;
    uint8_t shown[DISPLAY_FRAME_BYTES];
    size_t len = 0u;
    assert_int_equal(DisplayRender_Unconfigured(&expected), DISPLAY_RENDER_OK);
    assert_int_equal(DisplayHost_Last(shown, sizeof shown, &len), DISPLAY_OK);
    assert_int_equal(len, DISPLAY_FRAME_BYTES);
    assert_memory_equal(shown, expected.bytes, DISPLAY_FRAME_BYTES);
    CompareGolden(&expected);

    ExpectLeds(0u, LEDS_WHITE, LEDS_OFF);
    ExpectLeds(PANEL_WIGWAG_PERIOD_MS / 2u, LEDS_OFF, LEDS_WHITE);
    ExpectLeds(PANEL_WIGWAG_PERIOD_MS - 1u, LEDS_OFF, LEDS_WHITE);
    ExpectLeds(PANEL_WIGWAG_PERIOD_MS, LEDS_WHITE, LEDS_OFF);

    /* called from the main loop every millisecond: no new line, no new flush */
    assert_int_equal(Panel_ShowUnconfigured(), PANEL_OK);
    assert_int_equal(g_line_count, 1u);
    assert_int_equal(DisplayHost_FlushCount(), flushes + 1u);
    assert_int_equal(DisplayRender_Unconfigured(NULL), DISPLAY_RENDER_ERR_ARG);
}

static void test_update_without_watches_is_unconfigured(void **state)
{
    (void)state;
    const PanelSelf_t self = {false, false};
    DisplayHost_SetPresent(true);
    g_line_count = 0u;
    assert_int_equal(Panel_Init(Sink, true), PANEL_OK);
    assert_int_equal(Panel_Update(NULL, 0u, &self, 5u), PANEL_OK);
    assert_int_equal(Panel_Update(NULL, 0u, NULL, 6u), PANEL_OK);
    assert_int_equal(g_line_count, 1u);
    assert_string_equal(g_lines[0], "[panel] panel \x1b[31mNOT_CONFIGURED\x1b[0m 0 run 0 chg 0 unk age --\r\n");
    assert_int_equal(Panel_Global().state, PANEL_STATE_NOT_CONFIGURED);
}

static void test_back_to_normal_and_again(void **state)
{
    (void)state;
    PanelWatchInput_t watch;
    const PanelSelf_t self = {true, true};
    (void)memset(&watch, 0, sizeof watch);
    watch.label = "web";
    watch.label_len = 3u;
    watch.observation.outcome = PANEL_OUTCOME_OK;
    watch.observation.counts[PANEL_PROC_RUNNING] = 2u;
    watch.observation.total = 2u;
    watch.observation.success_age_ms = 1000u;
    DisplayHost_SetPresent(true);
    g_line_count = 0u;
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    assert_int_equal(Panel_ShowUnconfigured(), PANEL_OK);
    const uint32_t flushes = DisplayHost_FlushCount();

    assert_int_equal(Panel_Update(&watch, 1u, &self, 100u), PANEL_OK);
    assert_int_equal(Panel_Global().state, PANEL_STATE_HEALTHY);
    assert_int_equal(g_line_count, 3u);
    assert_string_equal(g_lines[2], "[panel] panel HEALTHY 2 run 0 chg 0 unk age 1s\r\n");
    assert_int_equal(DisplayHost_FlushCount(), flushes + 1u);
    ExpectLeds(700u, LEDS_GREEN, LEDS_GREEN); /* solid on both: the wig-wag is gone */

    assert_int_equal(Panel_ShowUnconfigured(), PANEL_OK);
    assert_int_equal(g_line_count, 4u);
    assert_string_equal(g_lines[3], UNCONFIGURED_LINE);
    assert_int_equal(DisplayHost_FlushCount(), flushes + 2u);
    ExpectLeds(700u, LEDS_OFF, LEDS_WHITE);
}

int main(int argc, char **argv)
{
    const int usage = GoldenFrame_Args(argc, argv);
    if (usage != 0)
    {
        return usage;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_state_wording_and_rank, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_wigwag_patterns_take_turns, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_show_unconfigured, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_update_without_watches_is_unconfigured, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_back_to_normal_and_again, GoldenFrame_Teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
