/* LED patterns: state -> look table and time -> on/off, all integer arithmetic. */
#include "firmware/panel/led_pattern.h"

#include "hal/leds.h"

#define LOOK_KIND_MASK 0x0Fu
#define LOOK_COLOUR_SHIFT 4u

_Static_assert((uint32_t)LED_PATTERN_KIND_COUNT <= (LOOK_KIND_MASK + 1u), "pattern kinds fit the look byte");

LedPatternLook_t LedPattern_ForState(PanelState_t state)
{
    static const LedPatternLook_t k_looks[PANEL_STATE_COUNT] = {
        [PANEL_STATE_HEALTHY] = {LED_PATTERN_SOLID, LEDS_GREEN},
        [PANEL_STATE_CHANGING] = {LED_PATTERN_PULSE, LEDS_BLUE},
        [PANEL_STATE_ATTENTION] = {LED_PATTERN_SLOW_BLINK, LEDS_YELLOW},
        [PANEL_STATE_STALE] = {LED_PATTERN_WINK, LEDS_CYAN},
        [PANEL_STATE_NO_DATA] = {LED_PATTERN_CODE_1, LEDS_WHITE},
        [PANEL_STATE_RATE_LIMITED] = {LED_PATTERN_CODE_2, LEDS_MAGENTA},
        [PANEL_STATE_API_DOWN] = {LED_PATTERN_CODE_3, LEDS_RED},
        [PANEL_STATE_NETWORK_DOWN] = {LED_PATTERN_CODE_4, LEDS_RED},
        [PANEL_STATE_BAD_RESPONSE] = {LED_PATTERN_CODE_5, LEDS_RED},
        [PANEL_STATE_TLS_ERROR] = {LED_PATTERN_CODE_6, LEDS_RED},
        [PANEL_STATE_NOT_FOUND] = {LED_PATTERN_CODE_7, LEDS_RED},
        [PANEL_STATE_AUTH_ERROR] = {LED_PATTERN_FAST_BLINK, LEDS_RED},
        [PANEL_STATE_NOT_CONFIGURED] = {LED_PATTERN_WIGWAG_A, LEDS_WHITE},
    };
    LedPatternLook_t look = {LED_PATTERN_FAST_BLINK, LEDS_RED};
    if ((uint32_t)state < (uint32_t)PANEL_STATE_COUNT)
    {
        look = k_looks[state];
    }
    return look;
}

static bool FirstHalf(uint32_t now_ms, uint32_t period_ms)
{
    return (now_ms % period_ms) < (period_ms / 2u);
}

static uint8_t OnOff(bool on)
{
    return on ? (uint8_t)PANEL_BRIGHTNESS_MAX : 0u;
}

static uint8_t PulseLevel(uint32_t now_ms)
{
    const uint32_t half = PANEL_PULSE_PERIOD_MS / 2u;
    const uint32_t phase = now_ms % PANEL_PULSE_PERIOD_MS;
    const uint32_t ramp = (phase < half) ? phase : (PANEL_PULSE_PERIOD_MS - phase);
    return (uint8_t)((ramp * PANEL_BRIGHTNESS_MAX) / half);
}

static bool CodeOn(uint32_t flashes, uint32_t now_ms)
{
    const uint32_t phase = now_ms % PANEL_CODE_CYCLE_MS;
    const uint32_t slot = phase / PANEL_CODE_FLASH_SLOT_MS;
    return (slot < flashes) && ((phase % PANEL_CODE_FLASH_SLOT_MS) < PANEL_CODE_FLASH_ON_MS);
}

uint8_t LedPattern_Level(LedPatternKind_t kind, uint32_t now_ms)
{
    uint8_t level = 0u;
    switch (kind)
    {
    case LED_PATTERN_SOLID:
        level = OnOff(true);
        break;
    case LED_PATTERN_SLOW_BLINK:
        level = OnOff(FirstHalf(now_ms, PANEL_SLOW_BLINK_PERIOD_MS));
        break;
    case LED_PATTERN_FAST_BLINK:
        level = OnOff(FirstHalf(now_ms, PANEL_FAST_BLINK_PERIOD_MS));
        break;
    case LED_PATTERN_PULSE:
        level = PulseLevel(now_ms);
        break;
    case LED_PATTERN_WINK:
        level = OnOff((now_ms % PANEL_WINK_PERIOD_MS) < (PANEL_WINK_PERIOD_MS - PANEL_WINK_OFF_MS));
        break;
    case LED_PATTERN_CODE_1:
    case LED_PATTERN_CODE_2:
    case LED_PATTERN_CODE_3:
    case LED_PATTERN_CODE_4:
    case LED_PATTERN_CODE_5:
    case LED_PATTERN_CODE_6:
    case LED_PATTERN_CODE_7:
        level = OnOff(CodeOn(((uint32_t)kind - (uint32_t)LED_PATTERN_CODE_1) + 1u, now_ms));
        break;
    case LED_PATTERN_WIGWAG_A:
        level = OnOff(FirstHalf(now_ms, PANEL_WIGWAG_PERIOD_MS));
        break;
    case LED_PATTERN_WIGWAG_B:
        level = OnOff(!FirstHalf(now_ms, PANEL_WIGWAG_PERIOD_MS));
        break;
    case LED_PATTERN_OFF:
    case LED_PATTERN_KIND_COUNT:
    default:
        level = 0u;
        break;
    }
    return level;
}

bool LedPattern_IsLit(LedPatternKind_t kind, uint8_t brightness, uint32_t now_ms)
{
    uint32_t scale = (uint32_t)brightness;
    if (scale > PANEL_BRIGHTNESS_MAX)
    {
        scale = PANEL_BRIGHTNESS_MAX;
    }
    const uint32_t duty = ((uint32_t)LedPattern_Level(kind, now_ms) * scale) / PANEL_BRIGHTNESS_MAX;
    return (now_ms % PANEL_PWM_PERIOD_MS) < duty;
}

/* Index -> kind without an integer-to-enum cast; out of range is OFF. */
static LedPatternKind_t KindFromIndex(uint32_t index)
{
    static const LedPatternKind_t k_kinds[LED_PATTERN_KIND_COUNT] = {
        LED_PATTERN_OFF,    LED_PATTERN_SOLID,  LED_PATTERN_SLOW_BLINK, LED_PATTERN_FAST_BLINK, LED_PATTERN_PULSE,
        LED_PATTERN_WINK,   LED_PATTERN_CODE_1, LED_PATTERN_CODE_2,     LED_PATTERN_CODE_3,     LED_PATTERN_CODE_4,
        LED_PATTERN_CODE_5, LED_PATTERN_CODE_6, LED_PATTERN_CODE_7,     LED_PATTERN_WIGWAG_A,   LED_PATTERN_WIGWAG_B,
    };
    LedPatternKind_t kind = LED_PATTERN_OFF;
    if (index < (uint32_t)LED_PATTERN_KIND_COUNT)
    {
        kind = k_kinds[index];
    }
    return kind;
}

LedPatternStatus_t LedPattern_Init(size_t led_count, LedPatternEngine_t *engine)
{
    LedPatternStatus_t status = LED_PATTERN_ERR_ARG;
    if ((engine != NULL) && (led_count <= PANEL_MAX_LEDS))
    {
        for (size_t i = 0u; i < PANEL_MAX_LEDS; i++)
        {
            engine->look[i] = (uint8_t)LED_PATTERN_OFF;
        }
        engine->brightness = (uint8_t)PANEL_BRIGHTNESS_DEFAULT;
        engine->count = led_count;
        status = LED_PATTERN_OK;
    }
    return status;
}

LedPatternStatus_t LedPattern_Set(size_t index, LedPatternLook_t look, LedPatternEngine_t *engine)
{
    LedPatternStatus_t status = LED_PATTERN_ERR_ARG;
    if ((engine != NULL) && (index < engine->count) && ((uint32_t)look.kind < (uint32_t)LED_PATTERN_KIND_COUNT) &&
        (look.colour <= LEDS_WHITE))
    {
        engine->look[index] = (uint8_t)((uint32_t)look.kind | ((uint32_t)look.colour << LOOK_COLOUR_SHIFT));
        status = LED_PATTERN_OK;
    }
    return status;
}

LedPatternStatus_t LedPattern_SetBrightness(uint8_t level, LedPatternEngine_t *engine)
{
    LedPatternStatus_t status = LED_PATTERN_ERR_ARG;
    if ((engine != NULL) && (level <= PANEL_BRIGHTNESS_MAX))
    {
        engine->brightness = level;
        status = LED_PATTERN_OK;
    }
    return status;
}

LedPatternStatus_t LedPattern_Frame(const LedPatternEngine_t *engine, uint32_t now_ms, uint8_t colours[], size_t cap,
                                    size_t *count)
{
    LedPatternStatus_t status = LED_PATTERN_ERR_ARG;
    if ((engine != NULL) && (colours != NULL) && (count != NULL) && (engine->count <= cap) &&
        (engine->count <= PANEL_MAX_LEDS))
    {
        const uint8_t brightness = engine->brightness;
        for (size_t i = 0u; i < engine->count; i++)
        {
            const uint8_t packed = engine->look[i];
            const LedPatternKind_t kind = KindFromIndex((uint32_t)packed & LOOK_KIND_MASK);
            const uint8_t colour = (uint8_t)((uint32_t)packed >> LOOK_COLOUR_SHIFT);
            colours[i] = LedPattern_IsLit(kind, brightness, now_ms) ? colour : (uint8_t)LEDS_OFF;
        }
        *count = engine->count;
        status = LED_PATTERN_OK;
    }
    return status;
}
