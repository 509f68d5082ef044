/* Unit tests of LED patterns: exact on/off sequences over time, brightness duty, the
 * state -> look table, the engine and the board role mapping (host LEDs: 2, single colour). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/panel/led_pattern.h"
#include "firmware/panel/panel_leds.h"
#include "hal/leds.h"

#define SAMPLES_MAX 128u

/* 'X' where lit, '.' where dark, at start, start+step, ... */
static const char *Sample(LedPatternKind_t kind, uint8_t brightness, uint32_t start, uint32_t step, size_t n)
{
    static char out[SAMPLES_MAX + 1u];
    assert_true(n <= SAMPLES_MAX);
    for (size_t i = 0u; i < n; i++)
    {
        out[i] = LedPattern_IsLit(kind, brightness, start + ((uint32_t)i * step)) ? 'X' : '.';
    }
    out[n] = '\0';
    return out;
}

static void test_solid_and_off(void **state)
{
    (void)state;
    assert_string_equal(Sample(LED_PATTERN_SOLID, PANEL_BRIGHTNESS_MAX, 0u, 1u, 20u), "XXXXXXXXXXXXXXXXXXXX");
    assert_string_equal(Sample(LED_PATTERN_OFF, PANEL_BRIGHTNESS_MAX, 0u, 1u, 20u), "....................");
}

static void test_blinks(void **state)
{
    (void)state;
    assert_string_equal(Sample(LED_PATTERN_SLOW_BLINK, PANEL_BRIGHTNESS_MAX, 0u, 50u, 40u),
                        "XXXXXXXXXX..........XXXXXXXXXX..........");
    assert_string_equal(Sample(LED_PATTERN_FAST_BLINK, PANEL_BRIGHTNESS_MAX, 0u, 25u, 20u), "XXXXX.....XXXXX.....");
    /* edges exactly */
    assert_string_equal(Sample(LED_PATTERN_SLOW_BLINK, PANEL_BRIGHTNESS_MAX, 498u, 1u, 4u), "XX..");
    assert_string_equal(Sample(LED_PATTERN_FAST_BLINK, PANEL_BRIGHTNESS_MAX, 124u, 1u, 2u), "X.");
    assert_string_equal(Sample(LED_PATTERN_WINK, PANEL_BRIGHTNESS_MAX, 0u, 50u, 20u), "XXXXXXXXXXXXXXXXX...");
    assert_string_equal(Sample(LED_PATTERN_WINK, PANEL_BRIGHTNESS_MAX, 849u, 1u, 2u), "X.");
}

static void test_blink_codes(void **state)
{
    (void)state;
    /* 4000 ms cycle in 50 ms steps: each flash 150 ms on in a 400 ms slot. */
    assert_string_equal(Sample(LED_PATTERN_CODE_1, PANEL_BRIGHTNESS_MAX, 0u, 50u, 80u),
                        "XXX....." "........" "........" "........" "........"
                        "........" "........" "........" "........" "........");
    assert_string_equal(Sample(LED_PATTERN_CODE_3, PANEL_BRIGHTNESS_MAX, 0u, 50u, 80u),
                        "XXX....." "XXX....." "XXX....." "........" "........"
                        "........" "........" "........" "........" "........");
    assert_string_equal(Sample(LED_PATTERN_CODE_7, PANEL_BRIGHTNESS_MAX, 0u, 50u, 80u),
                        "XXX....." "XXX....." "XXX....." "XXX....." "XXX....."
                        "XXX....." "XXX....." "........" "........" "........");
    /* the cycle repeats */
    assert_string_equal(Sample(LED_PATTERN_CODE_2, PANEL_BRIGHTNESS_MAX, 4000u, 50u, 16u), "XXX.....XXX.....");
    assert_string_equal(Sample(LED_PATTERN_CODE_2, PANEL_BRIGHTNESS_MAX, 149u, 1u, 2u), "X.");
}

static void test_pulse_levels_and_duty(void **state)
{
    (void)state;
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 0u), 0u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 100u), 1u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 500u), 5u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 1000u), 10u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 1500u), 5u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 1999u), 0u);
    assert_int_equal(LedPattern_Level(LED_PATTERN_PULSE, 2500u), 5u);
    /* software duty cycle over one 10 ms PWM period */
    assert_string_equal(Sample(LED_PATTERN_PULSE, PANEL_BRIGHTNESS_MAX, 500u, 1u, 10u), "XXXXX.....");
    assert_string_equal(Sample(LED_PATTERN_PULSE, PANEL_BRIGHTNESS_MAX, 200u, 1u, 10u), "XX........");
    /* 1000 ms is the peak (level 10); 1001..1009 are back to level 9 */
    assert_string_equal(Sample(LED_PATTERN_PULSE, PANEL_BRIGHTNESS_MAX, 1000u, 1u, 10u), "XXXXXXXXX.");
    assert_string_equal(Sample(LED_PATTERN_PULSE, PANEL_BRIGHTNESS_MAX, 0u, 1u, 10u), "..........");
    /* half brightness: level 10 -> duty 5 at 1000 ms, level 9 -> duty 4 after */
    assert_string_equal(Sample(LED_PATTERN_PULSE, 5u, 1000u, 1u, 10u), "XXXX......");
    assert_int_equal(LedPattern_IsLit(LED_PATTERN_PULSE, 5u, 1000u), true);
}

static void test_brightness(void **state)
{
    (void)state;
    assert_string_equal(Sample(LED_PATTERN_SOLID, 3u, 0u, 1u, 20u), "XXX.......XXX.......");
    assert_string_equal(Sample(LED_PATTERN_SOLID, 0u, 0u, 1u, 10u), "..........");
    assert_string_equal(Sample(LED_PATTERN_SOLID, 9u, 0u, 1u, 10u), "XXXXXXXXX.");
    assert_string_equal(Sample(LED_PATTERN_SOLID, 200u, 0u, 1u, 10u), "XXXXXXXXXX"); /* clamped */
    assert_string_equal(Sample(LED_PATTERN_SLOW_BLINK, 5u, 0u, 1u, 10u), "XXXXX.....");
    assert_string_equal(Sample(LED_PATTERN_SLOW_BLINK, 5u, 500u, 1u, 10u), "..........");
}

static void test_every_state_has_a_distinct_look(void **state)
{
    (void)state;
    static const LedPatternLook_t k_expected[PANEL_STATE_COUNT] = {
        [PANEL_STATE_HEALTHY] = {LED_PATTERN_SOLID, LEDS_GREEN},
        [PANEL_STATE_CHANGING] = {LED_PATTERN_PULSE, LEDS_BLUE},
        [PANEL_STATE_ATTENTION] = {LED_PATTERN_SLOW_BLINK, LEDS_YELLOW},
        [PANEL_STATE_NO_DATA] = {LED_PATTERN_CODE_1, LEDS_WHITE},
        [PANEL_STATE_STALE] = {LED_PATTERN_WINK, LEDS_CYAN},
        [PANEL_STATE_AUTH_ERROR] = {LED_PATTERN_FAST_BLINK, LEDS_RED},
        [PANEL_STATE_NOT_FOUND] = {LED_PATTERN_CODE_7, LEDS_RED},
        [PANEL_STATE_RATE_LIMITED] = {LED_PATTERN_CODE_2, LEDS_MAGENTA},
        [PANEL_STATE_API_DOWN] = {LED_PATTERN_CODE_3, LEDS_RED},
        [PANEL_STATE_NETWORK_DOWN] = {LED_PATTERN_CODE_4, LEDS_RED},
        [PANEL_STATE_TLS_ERROR] = {LED_PATTERN_CODE_6, LEDS_RED},
        [PANEL_STATE_BAD_RESPONSE] = {LED_PATTERN_CODE_5, LEDS_RED},
        [PANEL_STATE_NOT_CONFIGURED] = {LED_PATTERN_WIGWAG_A, LEDS_WHITE},
    };
    for (size_t i = 0u; i < (size_t)PANEL_STATE_COUNT; i++)
    {
        const LedPatternLook_t look = LedPattern_ForState((PanelState_t)i);
        assert_int_equal(look.kind, k_expected[i].kind);
        assert_int_equal(look.colour, k_expected[i].colour);
        assert_int_not_equal(look.kind, LED_PATTERN_OFF);
        /* single-colour LEDs: the pattern alone must tell states apart */
        for (size_t j = 0u; j < i; j++)
        {
            assert_int_not_equal(look.kind, LedPattern_ForState((PanelState_t)j).kind);
        }
    }
}

static void test_engine_frame(void **state)
{
    (void)state;
    LedPatternEngine_t engine;
    uint8_t colours[PANEL_MAX_LEDS];
    size_t count = 99u;
    assert_int_equal(LedPattern_Init(PANEL_MAX_LEDS + 1u, &engine), LED_PATTERN_ERR_ARG);
    assert_int_equal(LedPattern_Init(3u, &engine), LED_PATTERN_OK);
    const LedPatternLook_t solid_red = {LED_PATTERN_SOLID, LEDS_RED};
    const LedPatternLook_t blink_white = {LED_PATTERN_FAST_BLINK, LEDS_WHITE};
    const LedPatternLook_t bad_colour = {LED_PATTERN_SOLID, 0x08u};
    assert_int_equal(LedPattern_Set(0u, solid_red, &engine), LED_PATTERN_OK);
    assert_int_equal(LedPattern_Set(2u, blink_white, &engine), LED_PATTERN_OK);
    assert_int_equal(LedPattern_Set(3u, solid_red, &engine), LED_PATTERN_ERR_ARG);
    assert_int_equal(LedPattern_Set(1u, bad_colour, &engine), LED_PATTERN_ERR_ARG);

    assert_int_equal(LedPattern_Frame(&engine, 0u, colours, PANEL_MAX_LEDS, &count), LED_PATTERN_OK);
    assert_int_equal(count, 3u);
    assert_int_equal(colours[0], LEDS_RED);
    assert_int_equal(colours[1], LEDS_OFF);
    assert_int_equal(colours[2], LEDS_WHITE);
    assert_int_equal(LedPattern_Frame(&engine, 130u, colours, PANEL_MAX_LEDS, &count), LED_PATTERN_OK);
    assert_int_equal(colours[0], LEDS_RED);
    assert_int_equal(colours[2], LEDS_OFF);

    assert_int_equal(LedPattern_SetBrightness(PANEL_BRIGHTNESS_MAX + 1u, &engine), LED_PATTERN_ERR_ARG);
    assert_int_equal(LedPattern_SetBrightness(2u, &engine), LED_PATTERN_OK);
    assert_int_equal(LedPattern_Frame(&engine, 1u, colours, PANEL_MAX_LEDS, &count), LED_PATTERN_OK);
    assert_int_equal(colours[0], LEDS_RED);
    assert_int_equal(LedPattern_Frame(&engine, 2u, colours, PANEL_MAX_LEDS, &count), LED_PATTERN_OK);
    assert_int_equal(colours[0], LEDS_OFF);
    assert_int_equal(LedPattern_Frame(&engine, 2u, colours, 2u, &count), LED_PATTERN_ERR_ARG);
}

static void test_panel_leds_two_led_board(void **state)
{
    (void)state;
    uint8_t leds[PANEL_MAX_LEDS];
    size_t count = 0u;
    assert_int_equal(PanelLeds_Init(), PANEL_LEDS_OK);
    const PanelVerdict_t global = {PANEL_STATE_AUTH_ERROR, false};
    const PanelVerdict_t watches[3] = {
        {PANEL_STATE_AUTH_ERROR, false},
        {PANEL_STATE_HEALTHY, false},
        {PANEL_STATE_CHANGING, false},
    };
    /* LED 0 = global (fast blink), LED 1 = selected watch 1 (solid) */
    assert_int_equal(PanelLeds_Show(&global, watches, 3u, 1u), PANEL_LEDS_OK);
    const uint32_t applies = LedsHost_ApplyCount();
    PanelLeds_OnTick(0u);
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(count, 2u);
    assert_int_equal(leds[0], LEDS_RED);
    assert_int_equal(leds[1], LEDS_GREEN);
    PanelLeds_OnTick(1u); /* unchanged frame: not rewritten */
    assert_int_equal(LedsHost_ApplyCount(), applies + 1u);
    PanelLeds_OnTick(130u);
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[0], LEDS_OFF);
    assert_int_equal(leds[1], LEDS_GREEN);
    assert_int_equal(LedsHost_ApplyCount(), applies + 2u);

    assert_int_equal(PanelLeds_Show(&global, watches, 3u, 2u), PANEL_LEDS_OK);
    PanelLeds_OnTick(0u); /* pulse at phase 0 is dark */
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[1], LEDS_OFF);
    PanelLeds_OnTick(1000u); /* pulse peak */
    assert_int_equal(LedsHost_Last(leds, sizeof leds, &count), LEDS_OK);
    assert_int_equal(leds[1], LEDS_BLUE);

    assert_int_equal(PanelLeds_Show(NULL, watches, 3u, 0u), PANEL_LEDS_ERR_ARG);
    assert_int_equal(PanelLeds_SetBrightness(PANEL_BRIGHTNESS_MAX + 1u), PANEL_LEDS_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solid_and_off),
        cmocka_unit_test(test_blinks),
        cmocka_unit_test(test_blink_codes),
        cmocka_unit_test(test_pulse_levels_and_duty),
        cmocka_unit_test(test_brightness),
        cmocka_unit_test(test_every_state_has_a_distinct_look),
        cmocka_unit_test(test_engine_frame),
        cmocka_unit_test(test_panel_leds_two_led_board),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
