/*
 * LED patterns: which (pattern, colour) each panel state shows, and what an LED shows at a
 * given millisecond, brightness included (software duty cycle, no PWM hardware).
 * Owns: the state -> look table and the pattern timings. Promises: pure time -> output
 * functions; the engine is written by the poll loop and read by the 1 ms tick interrupt
 * through single-byte stores, so no lock is needed.
 */
#ifndef LED_PATTERN_H
#define LED_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/panel_config.h"
#include "firmware/panel/panel_model.h"

typedef enum
{
    LED_PATTERN_OK = 0,
    LED_PATTERN_ERR_ARG
} LedPatternStatus_t;

typedef enum
{
    LED_PATTERN_OFF = 0,
    LED_PATTERN_SOLID,
    LED_PATTERN_SLOW_BLINK, /* 50 % of PANEL_SLOW_BLINK_PERIOD_MS */
    LED_PATTERN_FAST_BLINK, /* 50 % of PANEL_FAST_BLINK_PERIOD_MS */
    LED_PATTERN_PULSE,      /* triangle ramp up and down over PANEL_PULSE_PERIOD_MS */
    LED_PATTERN_WINK,       /* on, dark for PANEL_WINK_OFF_MS once per PANEL_WINK_PERIOD_MS */
    LED_PATTERN_CODE_1,     /* n short flashes, then dark until PANEL_CODE_CYCLE_MS */
    LED_PATTERN_CODE_2,
    LED_PATTERN_CODE_3,
    LED_PATTERN_CODE_4,
    LED_PATTERN_CODE_5,
    LED_PATTERN_CODE_6,
    LED_PATTERN_CODE_7,
    LED_PATTERN_WIGWAG_A, /* lit in the first half of PANEL_WIGWAG_PERIOD_MS */
    LED_PATTERN_WIGWAG_B, /* lit in the second half: next to WIGWAG_A the LEDs take turns */
    LED_PATTERN_KIND_COUNT
} LedPatternKind_t;

typedef struct
{
    LedPatternKind_t kind;
    uint8_t colour; /* LEDS_* channel mask from hal/leds.h */
} LedPatternLook_t;

/* Per-LED look packed into one byte (kind | colour << 4) so the tick reads it atomically. */
typedef struct
{
    volatile uint8_t look[PANEL_MAX_LEDS];
    volatile uint8_t brightness; /* 0 .. PANEL_BRIGHTNESS_MAX */
    size_t count;
} LedPatternEngine_t;

/* The distinct look of every panel state (README table). */
LedPatternLook_t LedPattern_ForState(PanelState_t state);

/* Intensity of a pattern at now_ms, 0 .. PANEL_BRIGHTNESS_MAX, before brightness. */
uint8_t LedPattern_Level(LedPatternKind_t kind, uint32_t now_ms);

/* Whether the LED is lit in the 1 ms slot now_ms (pattern x brightness duty cycle). */
bool LedPattern_IsLit(LedPatternKind_t kind, uint8_t brightness, uint32_t now_ms);

LedPatternStatus_t LedPattern_Init(size_t led_count, LedPatternEngine_t *engine);
LedPatternStatus_t LedPattern_Set(size_t index, LedPatternLook_t look, LedPatternEngine_t *engine);
LedPatternStatus_t LedPattern_SetBrightness(uint8_t level, LedPatternEngine_t *engine);

/* Colours of every LED at now_ms (0 = dark); *count = engine's LED count. ISR-safe. */
LedPatternStatus_t LedPattern_Frame(const LedPatternEngine_t *engine, uint32_t now_ms, uint8_t colours[], size_t cap,
                                    size_t *count);

#endif /* LED_PATTERN_H */
