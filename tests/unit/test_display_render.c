/* Unit tests of the display: font coverage, text drawing, and the summary and process screens
 * compared pixel-exactly with golden PBM images in tests/unit/golden/ (1 = lit pixel; run from
 * the repository root). Nothing in the environment changes that: only the command-line flag
 * --update-golden (`make update-golden`) rewrites the files, and then every case that wrote one
 * FAILs, so an update run never counts as a pass. */
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

#include "firmware/panel/display_render.h"
#include "firmware/panel/font5x7.h"

#define PATH_MAX_LEN 256u
#define GOLDEN_DIR "tests/unit/golden"

static void CompareGolden(const char *name, const DisplayFrame_t *frame)
{
    char path[PATH_MAX_LEN];
    (void)snprintf(path, sizeof path, "%s/%s.pbm", GOLDEN_DIR, name);
    GoldenFrame_Check(path, frame);
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

static void test_font_covers_ascii(void **state)
{
    (void)state;
    for (uint32_t c = FONT5X7_FIRST; c <= FONT5X7_LAST; c++)
    {
        const uint8_t *glyph = Font5x7_Glyph((char)c);
        uint32_t ink = 0u;
        for (size_t col = 0u; col < FONT5X7_WIDTH; col++)
        {
            assert_int_equal(glyph[col] & 0x80u, 0u); /* row 7 stays blank */
            ink |= glyph[col];
        }
        assert_true((c == (uint32_t)' ') == (ink == 0u));
        /* every glyph is distinct */
        for (uint32_t d = FONT5X7_FIRST; d < c; d++)
        {
            assert_memory_not_equal(glyph, Font5x7_Glyph((char)d), FONT5X7_WIDTH);
        }
    }
    assert_ptr_equal(Font5x7_Glyph('\n'), Font5x7_Glyph(FONT5X7_MISSING));
    assert_ptr_equal(Font5x7_Glyph((char)0xC3), Font5x7_Glyph(FONT5X7_MISSING));
}

static void test_text_cells_and_clipping(void **state)
{
    (void)state;
    DisplayFrame_t frame;
    DisplayFrame_Clear(&frame);
    assert_int_equal(DisplayFrame_Text(0u, 0u, "I", 1u, false, &frame), 6u);
    /* 'I': top bar in columns 1..3 of row 0, stem in column 2 */
    assert_false(DisplayFrame_Pixel(&frame, 0u, 0u));
    assert_true(DisplayFrame_Pixel(&frame, 1u, 0u));
    assert_true(DisplayFrame_Pixel(&frame, 2u, 3u));
    assert_false(DisplayFrame_Pixel(&frame, 1u, 3u));
    assert_false(DisplayFrame_Pixel(&frame, 2u, 7u));
    /* inverted cell on line 1: blank column lit */
    assert_int_equal(DisplayFrame_Text(1u, 90u, " ", 1u, true, &frame), 96u);
    for (size_t x = 90u; x < 96u; x++)
    {
        for (size_t y = 8u; y < 16u; y++)
        {
            assert_true(DisplayFrame_Pixel(&frame, x, y));
        }
    }
    /* clipping: 17 chars end at the frame edge; bad page draws nothing */
    assert_int_equal(DisplayFrame_Text(0u, 0u, "ABCDEFGHIJKLMNOPQ", 17u, false, &frame), 96u);
    assert_int_equal(DisplayFrame_Text(2u, 0u, "A", 1u, false, &frame), 0u);
    assert_false(DisplayFrame_Pixel(&frame, 96u, 0u));
    assert_false(DisplayFrame_Pixel(&frame, 0u, 16u));
}

static void test_summary_healthy(void **state)
{
    (void)state;
    DisplayFrame_t frame;
    PanelView_t view = View("web-1", PANEL_STATE_HEALTHY, false, 3000u);
    view.counts.up = 12u;
    view.counts.total = 12u;
    assert_int_equal(DisplayRender_Summary(&view, &frame), DISPLAY_RENDER_OK);
    CompareGolden("summary_healthy", &frame);
}

static void test_summary_error_over_stale_data(void **state)
{
    (void)state;
    DisplayFrame_t frame;
    PanelView_t view = View("queue", PANEL_STATE_API_DOWN, true, 7u * 60000u);
    view.counts.up = 3u;
    view.counts.changing = 1u;
    view.counts.total = 4u;
    assert_int_equal(DisplayRender_Summary(&view, &frame), DISPLAY_RENDER_OK);
    CompareGolden("summary_api_down_stale", &frame);
}

static void test_summary_no_data_long_label(void **state)
{
    (void)state;
    DisplayFrame_t frame;
    const PanelView_t view = View("database-server", PANEL_STATE_NO_DATA, false, PANEL_AGE_NEVER);
    assert_int_equal(DisplayRender_Summary(&view, &frame), DISPLAY_RENDER_OK);
    CompareGolden("summary_no_data", &frame);
}

static void test_summary_changing(void **state)
{
    (void)state;
    DisplayFrame_t frame;
    PanelView_t view = View("web-2", PANEL_STATE_CHANGING, false, 45000u);
    view.counts.up = 10u;
    view.counts.changing = 2u;
    view.counts.total = 12u;
    assert_int_equal(DisplayRender_Summary(&view, &frame), DISPLAY_RENDER_OK);
    CompareGolden("summary_changing", &frame);
}

static void test_process_lines(void **state)
{
    (void)state;
    static const char k_queue[] = "php8.2 /home/forge/example.com/artisan queue:work redis --sleep=3 --tries=3";
    static const char k_horizon[] = "php /home/forge/app.example.com/artisan horizon";
    static const char k_node[] = "/usr/bin/node /home/forge/api/server.js";
    const DisplayProcess_t processes[3] = {
        {k_queue, sizeof k_queue - 1u, PANEL_PROC_RUNNING},
        {k_horizon, sizeof k_horizon - 1u, PANEL_PROC_UNKNOWN},
        {k_node, sizeof k_node - 1u, PANEL_PROC_RESTARTING},
    };
    DisplayFrame_t frame;
    assert_int_equal(DisplayRender_Processes(processes, 3u, 0u, &frame), DISPLAY_RENDER_OK);
    CompareGolden("processes_0", &frame);
    /* rotation wraps: processes 2 and 0 */
    assert_int_equal(DisplayRender_Processes(processes, 3u, 2u, &frame), DISPLAY_RENDER_OK);
    CompareGolden("processes_2", &frame);
    assert_int_equal(DisplayRender_Processes(NULL, 0u, 0u, &frame), DISPLAY_RENDER_OK);
    CompareGolden("processes_none", &frame);
    assert_int_equal(DisplayRender_Processes(NULL, 1u, 0u, &frame), DISPLAY_RENDER_ERR_ARG);
    assert_int_equal(DisplayRender_Summary(NULL, &frame), DISPLAY_RENDER_ERR_ARG);
}

int main(int argc, char **argv)
{
    const int usage = GoldenFrame_Args(argc, argv);
    if (usage != 0)
    {
        return usage;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_font_covers_ascii, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_text_cells_and_clipping, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_summary_healthy, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_summary_error_over_stale_data, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_summary_no_data_long_label, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_summary_changing, GoldenFrame_Teardown),
        cmocka_unit_test_teardown(test_process_lines, GoldenFrame_Teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
