/*
 * Panel LEDs: puts panel states on the board's LEDs and runs the patterns from the tick.
 * Owns: the LED pattern engine and the LED role mapping. Mapping: LED 0 = global health;
 * with at least 1 + watches LEDs, LED 1+i = watch i; otherwise (mps2-an385: 2 LEDs)
 * LED 1 = the selected watch (the one on the display). LEDs show the state only; the stale
 * marking of an error state is on the display and console.
 * Promises: PanelLeds_OnTick is the Clock tick hook (interrupt context, bounded, no locks).
 */
#ifndef PANEL_LEDS_H
#define PANEL_LEDS_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/panel_model.h"

typedef enum
{
    PANEL_LEDS_OK = 0,
    PANEL_LEDS_ERR_ARG,
    PANEL_LEDS_ERR_HAL
} PanelLedsStatus_t;

/* Initialise the LEDs (all off, NO_DATA looks are set on first Show). */
PanelLedsStatus_t PanelLeds_Init(void);

/* Show the global state and the watches; selected picks the watch for a shared LED. */
PanelLedsStatus_t PanelLeds_Show(const PanelVerdict_t *global, const PanelVerdict_t watches[], size_t count,
                                 size_t selected);

/* Not configured: LED 0 shows the NOT_CONFIGURED look (wig-wag A), every other LED its
 * partner (wig-wag B), so on two or more LEDs they take turns. */
void PanelLeds_ShowUnconfigured(void);

PanelLedsStatus_t PanelLeds_SetBrightness(uint8_t level);

/* Clock tick hook: compute this millisecond's LED outputs and apply them. */
void PanelLeds_OnTick(uint32_t now_ms);

#endif /* PANEL_LEDS_H */
