/* Display screens: summary and process lines laid out in text cells. */
#include "firmware/panel/display_render.h"

#include "firmware/panel/command_short.h"
#include "firmware/panel/panel_text.h"

#define LINE_TOP 0u
#define LINE_BOTTOM 1u
/* The display shows ages below one minute as "<1m" (the console line keeps seconds). */
#define AGE_COARSE_BELOW_MS 60000u
#define AGE_COARSE_TEXT "<1m"
#define AGE_COARSE_LEN 3u
#define UNCONFIGURED_TOP "NOT CONFIGURED"
#define UNCONFIGURED_TOP_LEN 14u
#define UNCONFIGURED_BOTTOM "UART: config set"
#define UNCONFIGURED_BOTTOM_LEN 16u

static size_t CharsOf(const char *text)
{
    size_t len = 0u;
    while ((len < DISPLAY_FRAME_COLUMNS) && (text[len] != '\0'))
    {
        len++;
    }
    return len;
}

/* Text whose last character sits in the last column. */
static void DrawRight(size_t line, const char *text, size_t len, bool invert, DisplayFrame_t *frame)
{
    const size_t n = (len < DISPLAY_FRAME_COLUMNS) ? len : DISPLAY_FRAME_COLUMNS;
    (void)DisplayFrame_Text(line, (DISPLAY_FRAME_COLUMNS - n) * FONT5X7_ADVANCE, text, n, invert, frame);
}

static bool NeedsLook(PanelState_t state)
{
    return (state != PANEL_STATE_HEALTHY) && (state != PANEL_STATE_CHANGING) && (state != PANEL_STATE_NO_DATA);
}

static void DrawTopLine(const PanelView_t *view, DisplayFrame_t *frame)
{
    const char *state = PanelText_StateShort(view->verdict.state);
    const size_t state_len = CharsOf(state);
    const size_t room = DISPLAY_FRAME_COLUMNS - state_len - 1u;
    size_t label_len = (view->label_len < room) ? view->label_len : room;
    label_len = (label_len < PANEL_LABEL_MAX_CHARS) ? label_len : PANEL_LABEL_MAX_CHARS;
    if (view->label != NULL)
    {
        (void)DisplayFrame_Text(LINE_TOP, 0u, view->label, label_len, false, frame);
    }
    DrawRight(LINE_TOP, state, state_len, NeedsLook(view->verdict.state), frame);
}

static void DrawBottomLine(const PanelView_t *view, DisplayFrame_t *frame)
{
    char age[DISPLAY_FRAME_COLUMNS];
    PanelText_t age_text;
    PanelText_Init(age, sizeof age, &age_text);
    if (view->verdict.stale)
    {
        PanelText_Append(&age_text, "!", 1u);
    }
    if (view->age_ms < AGE_COARSE_BELOW_MS)
    {
        PanelText_Append(&age_text, AGE_COARSE_TEXT, AGE_COARSE_LEN);
    }
    else
    {
        PanelText_AppendAge(&age_text, view->age_ms);
    }

    char counts[DISPLAY_FRAME_COLUMNS];
    PanelText_t counts_text;
    PanelText_Init(counts, DISPLAY_FRAME_COLUMNS - age_text.len - 1u, &counts_text);
    PanelText_AppendUint(&counts_text, view->counts.up);
    PanelText_Append(&counts_text, "r ", 2u);
    PanelText_AppendUint(&counts_text, view->counts.changing);
    PanelText_Append(&counts_text, "c ", 2u);
    PanelText_AppendUint(&counts_text, view->counts.unknown);
    PanelText_Append(&counts_text, "u", 1u);

    (void)DisplayFrame_Text(LINE_BOTTOM, 0u, counts, counts_text.len, false, frame);
    DrawRight(LINE_BOTTOM, age, age_text.len, false, frame);
}

DisplayRenderStatus_t DisplayRender_Summary(const PanelView_t *view, DisplayFrame_t *frame)
{
    DisplayRenderStatus_t status = DISPLAY_RENDER_ERR_ARG;
    if ((view != NULL) && (frame != NULL))
    {
        DisplayFrame_Clear(frame);
        DrawTopLine(view, frame);
        DrawBottomLine(view, frame);
        status = DISPLAY_RENDER_OK;
    }
    return status;
}

DisplayRenderStatus_t DisplayRender_Unconfigured(DisplayFrame_t *frame)
{
    DisplayRenderStatus_t status = DISPLAY_RENDER_ERR_ARG;
    if (frame != NULL)
    {
        DisplayFrame_Clear(frame);
        (void)DisplayFrame_Text(LINE_TOP, 0u, UNCONFIGURED_TOP, UNCONFIGURED_TOP_LEN, true, frame);
        (void)DisplayFrame_Text(LINE_BOTTOM, 0u, UNCONFIGURED_BOTTOM, UNCONFIGURED_BOTTOM_LEN, false, frame);
        status = DISPLAY_RENDER_OK;
    }
    return status;
}

static void DrawProcess(size_t line, const DisplayProcess_t *process, DisplayFrame_t *frame)
{
    const char *status = PanelText_ProcShort(process->status);
    const size_t status_len = CharsOf(status);
    char command[DISPLAY_FRAME_COLUMNS];
    size_t command_len = 0u;
    if (process->command != NULL)
    {
        (void)CommandShort_Format(process->command, process->command_len, DISPLAY_FRAME_COLUMNS - status_len - 1u,
                                  FONT5X7_ELLIPSIS, command, sizeof command, &command_len);
    }
    (void)DisplayFrame_Text(line, 0u, command, command_len, false, frame);
    DrawRight(line, status, status_len, process->status == PANEL_PROC_UNKNOWN, frame);
}

DisplayRenderStatus_t DisplayRender_Processes(const DisplayProcess_t processes[], size_t count, size_t first,
                                              DisplayFrame_t *frame)
{
    DisplayRenderStatus_t status = DISPLAY_RENDER_ERR_ARG;
    if ((frame != NULL) && ((processes != NULL) || (count == 0u)))
    {
        DisplayFrame_Clear(frame);
        if (count == 0u)
        {
            (void)DisplayFrame_Text(LINE_TOP, 0u, "no processes", 12u, false, frame);
        }
        for (size_t line = 0u; (line < DISPLAY_RENDER_PROCS_PER_SCREEN) && (line < count); line++)
        {
            DrawProcess(line, &processes[(first + line) % count], frame);
        }
        status = DISPLAY_RENDER_OK;
    }
    return status;
}
