/*
 * Console panel line: one compact line per watch state change, e.g.
 *   "[panel] web-1 HEALTHY 12 run 0 chg 0 unk age 3s\r\n"
 *   "[panel] web-1 API_DOWN 12 run 0 chg 0 unk age !7m STALE\r\n"   (error over old data)
 * The state name is coloured with ANSI SGR codes when the caller says a terminal is attached.
 * Owns: the line format and change detection. Promises: no printf; never writes past cap;
 * the line always ends in CR LF; label characters outside printable ASCII become '?', so a
 * label cannot inject terminal escapes.
 */
#ifndef PANEL_CONSOLE_H
#define PANEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "firmware/panel/panel_model.h"

typedef enum
{
    PANEL_CONSOLE_OK = 0,
    PANEL_CONSOLE_TRUNCATED,
    PANEL_CONSOLE_ERR_ARG
} PanelConsoleStatus_t;

/* Last verdict printed per slot (watches, plus one for the global line). */
#define PANEL_CONSOLE_SLOTS (PANEL_MAX_WATCHES + 1u)
typedef struct
{
    PanelVerdict_t last[PANEL_CONSOLE_SLOTS];
    bool valid[PANEL_CONSOLE_SLOTS];
} PanelConsoleTracker_t;

/* Format one line into buf (not NUL-terminated); cap >= 2. */
PanelConsoleStatus_t PanelConsole_Format(const PanelView_t *view, bool ansi, char buf[], size_t cap, size_t *len);

void PanelConsole_Reset(PanelConsoleTracker_t *tracker);

/* True (and remembered) when slot's state or stale marking differs from the last one seen. */
bool PanelConsole_Changed(size_t slot, PanelVerdict_t verdict, PanelConsoleTracker_t *tracker);

#endif /* PANEL_CONSOLE_H */
