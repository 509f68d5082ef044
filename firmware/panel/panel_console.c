/* Console panel line: bounded formatting and change detection. */
#include "firmware/panel/panel_console.h"

#include "firmware/panel/panel_text.h"

#define CRLF_LEN 2u
#define ANSI_RESET "\x1b" "[0m"

static const char *AnsiColour(PanelState_t state)
{
    const char *colour = "\x1b" "[31m"; /* red: the panel cannot see */
    switch (state)
    {
    case PANEL_STATE_HEALTHY:
        colour = "\x1b" "[32m";
        break;
    case PANEL_STATE_CHANGING:
        colour = "\x1b" "[34m";
        break;
    case PANEL_STATE_ATTENTION:
        colour = "\x1b" "[33m";
        break;
    case PANEL_STATE_NO_DATA:
        colour = "\x1b" "[37m";
        break;
    case PANEL_STATE_STALE:
        colour = "\x1b" "[36m";
        break;
    case PANEL_STATE_RATE_LIMITED:
        colour = "\x1b" "[35m";
        break;
    case PANEL_STATE_AUTH_ERROR:
    case PANEL_STATE_NOT_FOUND:
    case PANEL_STATE_API_DOWN:
    case PANEL_STATE_NETWORK_DOWN:
    case PANEL_STATE_TLS_ERROR:
    case PANEL_STATE_BAD_RESPONSE:
    case PANEL_STATE_NOT_CONFIGURED:
    case PANEL_STATE_COUNT:
    default:
        break;
    }
    return colour;
}

static void AppendLabel(PanelText_t *text, const char *label, size_t label_len)
{
    if (label != NULL)
    {
        for (size_t i = 0u; (i < label_len) && (i < PANEL_LABEL_MAX_CHARS); i++)
        {
            const char c = ((label[i] >= ' ') && (label[i] <= '~')) ? label[i] : '?';
            PanelText_Append(text, &c, 1u);
        }
    }
}

static void AppendCounts(PanelText_t *text, const PanelCounts_t *counts)
{
    PanelText_Append(text, " ", 1u);
    PanelText_AppendUint(text, counts->up);
    PanelText_AppendStr(text, " run ");
    PanelText_AppendUint(text, counts->changing);
    PanelText_AppendStr(text, " chg ");
    PanelText_AppendUint(text, counts->unknown);
    PanelText_AppendStr(text, " unk age ");
}

PanelConsoleStatus_t PanelConsole_Format(const PanelView_t *view, bool ansi, char buf[], size_t cap, size_t *len)
{
    PanelConsoleStatus_t status = PANEL_CONSOLE_ERR_ARG;
    if ((view != NULL) && (buf != NULL) && (len != NULL) && (cap >= CRLF_LEN))
    {
        PanelText_t text;
        PanelText_Init(buf, cap - CRLF_LEN, &text);
        PanelText_AppendStr(&text, "[panel] ");
        AppendLabel(&text, view->label, view->label_len);
        PanelText_Append(&text, " ", 1u);
        if (ansi)
        {
            PanelText_AppendStr(&text, AnsiColour(view->verdict.state));
        }
        PanelText_AppendStr(&text, PanelText_StateName(view->verdict.state));
        if (ansi)
        {
            PanelText_AppendStr(&text, ANSI_RESET);
        }
        AppendCounts(&text, &view->counts);
        if (view->verdict.stale)
        {
            PanelText_Append(&text, "!", 1u);
        }
        PanelText_AppendAge(&text, view->age_ms);
        if (view->verdict.stale && (view->verdict.state != PANEL_STATE_STALE))
        {
            PanelText_AppendStr(&text, " STALE");
        }
        buf[text.len] = '\r';
        buf[text.len + 1u] = '\n';
        *len = text.len + CRLF_LEN;
        status = (PanelText_Status(&text) == PANEL_TEXT_OK) ? PANEL_CONSOLE_OK : PANEL_CONSOLE_TRUNCATED;
    }
    return status;
}

void PanelConsole_Reset(PanelConsoleTracker_t *tracker)
{
    if (tracker != NULL)
    {
        for (size_t i = 0u; i < PANEL_CONSOLE_SLOTS; i++)
        {
            tracker->last[i].state = PANEL_STATE_NO_DATA;
            tracker->last[i].stale = false;
            tracker->valid[i] = false;
        }
    }
}

bool PanelConsole_Changed(size_t slot, PanelVerdict_t verdict, PanelConsoleTracker_t *tracker)
{
    bool changed = false;
    if ((tracker != NULL) && (slot < PANEL_CONSOLE_SLOTS))
    {
        changed = !tracker->valid[slot] || (tracker->last[slot].state != verdict.state) ||
                  (tracker->last[slot].stale != verdict.stale);
        tracker->last[slot] = verdict;
        tracker->valid[slot] = true;
    }
    return changed;
}
