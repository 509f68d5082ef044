/* Panel LEDs: role mapping on top of the pattern engine and hal/leds. */
#include "firmware/panel/panel_leds.h"

#include "firmware/panel/led_pattern.h"
#include "hal/leds.h"

#include <stdbool.h>

#define GLOBAL_LED 0u
#define FIRST_WATCH_LED 1u

static LedPatternEngine_t g_engine;
/* The tick rewrites the LEDs only when the frame changed; false forces the next write. */
static bool g_last_valid;

PanelLedsStatus_t PanelLeds_Init(void)
{
    PanelLedsStatus_t status = PANEL_LEDS_ERR_HAL;
    LedsInfo_t info = {0u, false};
    if (Leds_Init(&info) == LEDS_OK)
    {
        const size_t count = (info.count < PANEL_MAX_LEDS) ? info.count : PANEL_MAX_LEDS;
        g_last_valid = false;
        if (LedPattern_Init(count, &g_engine) == LED_PATTERN_OK)
        {
            status = PANEL_LEDS_OK;
        }
    }
    return status;
}

static void ShowWatches(const PanelVerdict_t watches[], size_t count, size_t selected)
{
    if (g_engine.count >= (FIRST_WATCH_LED + count))
    {
        for (size_t i = 0u; i < count; i++)
        {
            (void)LedPattern_Set(FIRST_WATCH_LED + i, LedPattern_ForState(watches[i].state), &g_engine);
        }
    }
    else if ((g_engine.count > FIRST_WATCH_LED) && (selected < count))
    {
        (void)LedPattern_Set(FIRST_WATCH_LED, LedPattern_ForState(watches[selected].state), &g_engine);
    }
    else
    {
        /* no LED left for watches */
    }
}

PanelLedsStatus_t PanelLeds_Show(const PanelVerdict_t *global, const PanelVerdict_t watches[], size_t count,
                                 size_t selected)
{
    PanelLedsStatus_t status = PANEL_LEDS_ERR_ARG;
    if ((global != NULL) && ((watches != NULL) || (count == 0u)) && (count <= PANEL_MAX_WATCHES))
    {
        if (g_engine.count > GLOBAL_LED)
        {
            (void)LedPattern_Set(GLOBAL_LED, LedPattern_ForState(global->state), &g_engine);
        }
        ShowWatches(watches, count, selected);
        status = PANEL_LEDS_OK;
    }
    return status;
}

void PanelLeds_ShowUnconfigured(void)
{
    const LedPatternLook_t look = LedPattern_ForState(PANEL_STATE_NOT_CONFIGURED);
    const LedPatternLook_t partner = {LED_PATTERN_WIGWAG_B, look.colour};
    for (size_t i = 0u; i < g_engine.count; i++)
    {
        (void)LedPattern_Set(i, (i == GLOBAL_LED) ? look : partner, &g_engine);
    }
}

PanelLedsStatus_t PanelLeds_SetBrightness(uint8_t level)
{
    return (LedPattern_SetBrightness(level, &g_engine) == LED_PATTERN_OK) ? PANEL_LEDS_OK : PANEL_LEDS_ERR_ARG;
}

void PanelLeds_OnTick(uint32_t now_ms)
{
    uint8_t colours[PANEL_MAX_LEDS];
    size_t count = 0u;
    if (LedPattern_Frame(&g_engine, now_ms, colours, PANEL_MAX_LEDS, &count) == LED_PATTERN_OK)
    {
        static uint8_t g_last[PANEL_MAX_LEDS]; /* last frame applied, tick context only */
        bool same = g_last_valid;
        for (size_t i = 0u; i < count; i++)
        {
            same = same && (g_last[i] == colours[i]);
            g_last[i] = colours[i];
        }
        if (!same)
        {
            g_last_valid = (Leds_Apply(colours, count) == LEDS_OK);
        }
    }
}
