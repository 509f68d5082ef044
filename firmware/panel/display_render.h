/*
 * Display screens: what the panel shows on its 96x16 display, two text lines of
 * DISPLAY_FRAME_COLUMNS characters.
 *   Summary (one watch):  "web-1         OK"   label left, state right (inverted when the
 *                         "12r 0c 0u     3s"   state needs a look); up / changing / unknown
 *                                              counts left, data age right ("!" = stale).
 *                                              Ages under a minute show as "<1m", so the
 *                                              screen does not change every second.
 *   Processes (2/screen): "queue:work   run"   shortened command left, status right.
 *   Not configured:       "NOT CONFIGURED"     (inverted), and how to fix it:
 *                         "UART: config set"
 * Owns: the screen layouts. Promises: pure rendering into a caller-owned frame.
 */
#ifndef DISPLAY_RENDER_H
#define DISPLAY_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/display_frame.h"
#include "firmware/panel/panel_model.h"

typedef enum
{
    DISPLAY_RENDER_OK = 0,
    DISPLAY_RENDER_ERR_ARG
} DisplayRenderStatus_t;

typedef struct
{
    const char *command;
    size_t command_len;
    PanelProcStatus_t status;
} DisplayProcess_t;

/* Processes shown per screen (one per text line). */
#define DISPLAY_RENDER_PROCS_PER_SCREEN PANEL_DISPLAY_PAGES

DisplayRenderStatus_t DisplayRender_Summary(const PanelView_t *view, DisplayFrame_t *frame);

DisplayRenderStatus_t DisplayRender_Unconfigured(DisplayFrame_t *frame);

/* Processes first .. first+1 (wrapping); count 0 shows "no processes". */
DisplayRenderStatus_t DisplayRender_Processes(const DisplayProcess_t processes[], size_t count, size_t first,
                                              DisplayFrame_t *frame);

#endif /* DISPLAY_RENDER_H */
