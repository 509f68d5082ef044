/*
 * The panel: the one entry point the main loop calls. Each update classifies every watch
 * (panel_model), puts the global state and the selected watch on the LEDs (panel_leds),
 * prints one console line per changed watch and for the global state (panel_console), and
 * shows the rotating screens on the display if the board has one (display_render): per
 * watch its summary, then its processes two per screen, PANEL_SCREEN_MS each.
 * Without a valid configuration the panel shows NOT_CONFIGURED instead (Panel_ShowUnconfigured).
 * Owns: the rotation, the console change tracker, the frame. Promises: bounded work per
 * update; no display or an absent display is not an error; runs in the main loop (the LED
 * tick is PanelLeds_OnTick, registered with Clock_SetTickHook).
 */
#ifndef PANEL_H
#define PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/display_render.h"
#include "firmware/panel/panel_model.h"

typedef enum
{
    PANEL_OK = 0,
    PANEL_ERR_ARG,
    PANEL_ERR_LEDS
} PanelStatus_t;

typedef struct
{
    const char *label; /* not NUL-terminated */
    size_t label_len;
    PanelObservation_t observation;
    const DisplayProcess_t *processes; /* of the last successful poll; may be NULL */
    size_t process_count;
} PanelWatchInput_t;

/* Receives each console line (ends in CR LF). */
typedef void (*PanelLineSink_t)(const char *text, size_t len);

/* ansi: colour the state names (the caller knows whether a terminal is attached). */
PanelStatus_t Panel_Init(PanelLineSink_t sink, bool ansi);

/* count 0 means no watch is configured: the same as Panel_ShowUnconfigured. */
PanelStatus_t Panel_Update(const PanelWatchInput_t watches[], size_t count, const PanelSelf_t *self,
                           uint32_t now_ms);

/* No valid configuration: global NOT_CONFIGURED, one console line on entry, the wig-wag on
 * the LEDs and the "NOT CONFIGURED" screen (drawn once, not on every call). */
PanelStatus_t Panel_ShowUnconfigured(void);

/* The last global verdict and whether a display is in use. */
PanelVerdict_t Panel_Global(void);
bool Panel_HasDisplay(void);

#endif /* PANEL_H */
