/* Unit tests of the panel entry point with the host LEDs and display: console lines only on
 * change, LEDs follow the global and selected watch, display rotation and an absent display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/panel/panel.h"
#include "firmware/panel/panel_leds.h"
#include "hal/display.h"
#include "hal/leds.h"

#define LINES_MAX 8u
#define LINE_MAX 128u
#define T0 100000u /* first update long after boot */

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

static const char k_queue[] = "php artisan queue:work";
static const char k_horizon[] = "php artisan horizon";
static const char k_mail[] = "php artisan queue:work mail";
static DisplayProcess_t g_procs[3] = {
    {k_queue, sizeof k_queue - 1u, PANEL_PROC_RUNNING},
    {k_horizon, sizeof k_horizon - 1u, PANEL_PROC_RUNNING},
    {k_mail, sizeof k_mail - 1u, PANEL_PROC_STARTING},
};

static void Setup(PanelWatchInput_t watches[2])
{
    (void)memset(watches, 0, 2u * sizeof watches[0]);
    watches[0].label = "web";
    watches[0].label_len = 3u;
    watches[0].observation.outcome = PANEL_OUTCOME_OK;
    watches[0].observation.counts[PANEL_PROC_RUNNING] = 2u;
    watches[0].observation.counts[PANEL_PROC_STARTING] = 1u;
    watches[0].observation.total = 3u;
    watches[0].observation.success_age_ms = 2000u;
    watches[0].processes = g_procs;
    watches[0].process_count = 3u;
    watches[1].label = "api";
    watches[1].label_len = 3u;
    watches[1].observation.outcome = PANEL_OUTCOME_NO_DATA_YET;
    watches[1].observation.success_age_ms = PANEL_AGE_NEVER;
    g_line_count = 0u;
}

static void ExpectFrameIsSummary(const PanelWatchInput_t *watch, PanelState_t state)
{
    DisplayFrame_t expected;
    PanelView_t view = {watch->label, watch->label_len, {state, false}, {0u, 0u, 0u, 0u},
                        watch->observation.success_age_ms};
    (void)PanelModel_Group(&watch->observation, &view.counts);
    assert_int_equal(DisplayRender_Summary(&view, &expected), DISPLAY_RENDER_OK);
    uint8_t shown[DISPLAY_FRAME_BYTES];
    size_t len = 0u;
    assert_int_equal(DisplayHost_Last(shown, sizeof shown, &len), DISPLAY_OK);
    assert_int_equal(len, DISPLAY_FRAME_BYTES);
    assert_memory_equal(shown, expected.bytes, DISPLAY_FRAME_BYTES);
}

static void test_lines_only_on_change(void **state)
{
    (void)state;
    PanelWatchInput_t watches[2];
    const PanelSelf_t self = {true, true};
    Setup(watches);
    DisplayHost_SetPresent(true);
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    assert_int_equal(Panel_Update(watches, 2u, &self, 0u), PANEL_OK);
    assert_int_equal(g_line_count, 3u);
    assert_string_equal(g_lines[0], "[panel] web CHANGING 2 run 1 chg 0 unk age 2s\r\n");
    assert_string_equal(g_lines[1], "[panel] api NO_DATA 0 run 0 chg 0 unk age --\r\n");
    assert_string_equal(g_lines[2], "[panel] panel NO_DATA 2 run 1 chg 0 unk age --\r\n");
    assert_int_equal(Panel_Global().state, PANEL_STATE_NO_DATA); /* worse than changing */

    g_line_count = 0u;
    assert_int_equal(Panel_Update(watches, 2u, &self, 100u), PANEL_OK);
    assert_int_equal(g_line_count, 0u);

    watches[1].observation.outcome = PANEL_OUTCOME_AUTH_ERROR;
    assert_int_equal(Panel_Update(watches, 2u, &self, 200u), PANEL_OK);
    assert_int_equal(g_line_count, 2u);
    assert_string_equal(g_lines[0], "[panel] api AUTH_ERROR 0 run 0 chg 0 unk age --\r\n");
    assert_string_equal(g_lines[1], "[panel] panel AUTH_ERROR 2 run 1 chg 0 unk age --\r\n");
}

static void test_leds_and_rotation(void **state)
{
    (void)state;
    PanelWatchInput_t watches[2];
    const PanelSelf_t self = {true, true};
    uint8_t leds[PANEL_MAX_LEDS];
    size_t count = 0u;
    Setup(watches);
    watches[1].observation.outcome = PANEL_OUTCOME_RATE_LIMITED;
    DisplayHost_SetPresent(true);
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    assert_true(Panel_HasDisplay());

    /* the first update starts the rotation, whatever the clock says: screen 0, summary of web;  LED0 global (rate limited, code 2), LED1 web (changing, pulse) */
    assert_int_equal(Panel_Update(watches, 2u, &self, T0), PANEL_OK);
    ExpectFrameIsSummary(&watches[0], PANEL_STATE_CHANGING);
    PanelLeds_OnTick(1000u); /* code 2 dark at 1000 ms, pulse at its peak */
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[0], LEDS_OFF);
    assert_int_equal(leds[1], LEDS_BLUE);
    PanelLeds_OnTick(4000u); /* code 2 first flash; pulse dark */
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[0], LEDS_MAGENTA);
    assert_int_equal(leds[1], LEDS_OFF);

    /* screens 1, 2: web's processes (3 -> two screens); screen 3: api summary, LED1 follows */
    assert_int_equal(Panel_Update(watches, 2u, &self, T0 + PANEL_SCREEN_MS), PANEL_OK);
    DisplayFrame_t expected;
    uint8_t shown[DISPLAY_FRAME_BYTES];
    assert_int_equal(DisplayRender_Processes(g_procs, 3u, 0u, &expected), DISPLAY_RENDER_OK);
    assert_int_equal(DisplayHost_Last(shown, sizeof shown, &count), DISPLAY_OK);
    assert_memory_equal(shown, expected.bytes, DISPLAY_FRAME_BYTES);
    assert_int_equal(Panel_Update(watches, 2u, &self, T0 + (2u * PANEL_SCREEN_MS)), PANEL_OK);
    assert_int_equal(DisplayRender_Processes(g_procs, 3u, 2u, &expected), DISPLAY_RENDER_OK);
    assert_int_equal(DisplayHost_Last(shown, sizeof shown, &count), DISPLAY_OK);
    assert_memory_equal(shown, expected.bytes, DISPLAY_FRAME_BYTES);
    assert_int_equal(Panel_Update(watches, 2u, &self, T0 + (3u * PANEL_SCREEN_MS)), PANEL_OK);
    ExpectFrameIsSummary(&watches[1], PANEL_STATE_RATE_LIMITED);
    PanelLeds_OnTick(4000u);
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[1], LEDS_MAGENTA);
    /* and back to the start */
    assert_int_equal(Panel_Update(watches, 2u, &self, T0 + (4u * PANEL_SCREEN_MS)), PANEL_OK);
    ExpectFrameIsSummary(&watches[0], PANEL_STATE_CHANGING);
}

static void test_absent_display(void **state)
{
    (void)state;
    PanelWatchInput_t watches[2];
    const PanelSelf_t self = {false, false};
    Setup(watches);
    DisplayHost_SetPresent(false);
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    assert_false(Panel_HasDisplay());
    assert_int_equal(Panel_Update(watches, 2u, &self, 0u), PANEL_OK);
    assert_int_equal(DisplayHost_FlushCount(), 0u);
    assert_int_equal(Panel_Global().state, PANEL_STATE_NETWORK_DOWN);
    /* a display that disappears is dropped, the panel goes on */
    DisplayHost_SetPresent(true);
    assert_int_equal(Panel_Init(Sink, false), PANEL_OK);
    assert_true(Panel_HasDisplay());
    DisplayHost_SetPresent(false);
    assert_int_equal(Panel_Update(watches, 2u, &self, 0u), PANEL_OK);
    assert_false(Panel_HasDisplay());
    assert_int_equal(Panel_Update(NULL, 2u, &self, 0u), PANEL_ERR_ARG);
    assert_int_equal(Panel_Update(watches, PANEL_MAX_WATCHES + 1u, &self, 0u), PANEL_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_only_on_change),
        cmocka_unit_test(test_leds_and_rotation),
        cmocka_unit_test(test_absent_display),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
