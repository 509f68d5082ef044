/* The panel: model -> LEDs, console lines and display rotation, once per main-loop update. */
#include "firmware/panel/panel.h"

#include "firmware/panel/panel_console.h"
#include "firmware/panel/panel_leds.h"
#include "hal/display.h"

#define GLOBAL_SLOT PANEL_MAX_WATCHES
#define GLOBAL_LABEL "panel"
#define GLOBAL_LABEL_LEN 5u

typedef struct
{
    PanelLineSink_t sink;
    bool ansi;
    bool display;
    bool rotating;     /* screen_since_ms is set */
    bool unconfigured; /* the NOT_CONFIGURED screen and LEDs are up */
    PanelConsoleTracker_t tracker;
    PanelVerdict_t verdicts[PANEL_MAX_WATCHES];
    PanelVerdict_t global;
    size_t screen;
    uint32_t screen_since_ms;
    DisplayFrame_t frame;
} Panel_t;

static Panel_t g_panel;

PanelStatus_t Panel_Init(PanelLineSink_t sink, bool ansi)
{
    DisplayInfo_t info = {0u, 0u};
    g_panel.sink = sink;
    g_panel.ansi = ansi;
    g_panel.screen = 0u;
    g_panel.screen_since_ms = 0u;
    g_panel.rotating = false;
    g_panel.unconfigured = false;
    g_panel.global.state = PANEL_STATE_NO_DATA;
    g_panel.global.stale = false;
    PanelConsole_Reset(&g_panel.tracker);
    g_panel.display = (Display_Init(&info) == DISPLAY_OK) && (info.width == PANEL_DISPLAY_WIDTH) &&
                      (info.pages == PANEL_DISPLAY_PAGES);
    return (PanelLeds_Init() == PANEL_LEDS_OK) ? PANEL_OK : PANEL_ERR_LEDS;
}

static void EmitLine(size_t slot, const PanelView_t *view)
{
    char line[PANEL_CONSOLE_LINE_MAX];
    size_t len = 0u;
    if (PanelConsole_Changed(slot, view->verdict, &g_panel.tracker) && (g_panel.sink != NULL) &&
        (PanelConsole_Format(view, g_panel.ansi, line, sizeof line, &len) != PANEL_CONSOLE_ERR_ARG))
    {
        g_panel.sink(line, len);
    }
}

static PanelView_t WatchView(const PanelWatchInput_t *watch, PanelVerdict_t verdict)
{
    PanelView_t view = {watch->label, watch->label_len, verdict, {0u, 0u, 0u, 0u}, watch->observation.success_age_ms};
    (void)PanelModel_Group(&watch->observation, &view.counts);
    return view;
}

static void ReportGlobal(const PanelWatchInput_t watches[], size_t count)
{
    PanelView_t view = {GLOBAL_LABEL, GLOBAL_LABEL_LEN, g_panel.global, {0u, 0u, 0u, 0u}, 0u};
    for (size_t i = 0u; i < count; i++)
    {
        const PanelView_t watch = WatchView(&watches[i], g_panel.verdicts[i]);
        view.counts.up += watch.counts.up;
        view.counts.changing += watch.counts.changing;
        view.counts.unknown += watch.counts.unknown;
        view.counts.total += watch.counts.total;
        view.age_ms = (watch.age_ms > view.age_ms) ? watch.age_ms : view.age_ms;
    }
    EmitLine(GLOBAL_SLOT, &view);
}

static size_t ProcessScreens(const PanelWatchInput_t *watch)
{
    const size_t count = (watch->processes != NULL) ? watch->process_count : 0u;
    size_t screens = (count + (DISPLAY_RENDER_PROCS_PER_SCREEN - 1u)) / DISPLAY_RENDER_PROCS_PER_SCREEN;
    return (screens < PANEL_PROCESS_SCREENS_MAX) ? screens : PANEL_PROCESS_SCREENS_MAX;
}

/* Map the rotation position to (watch, screen within it); 0 = summary. */
static size_t LocateScreen(const PanelWatchInput_t watches[], size_t count, size_t *sub)
{
    size_t total = 0u;
    for (size_t i = 0u; i < count; i++)
    {
        total += 1u + ProcessScreens(&watches[i]);
    }
    size_t position = (total > 0u) ? (g_panel.screen % total) : 0u;
    size_t watch = 0u;
    for (size_t i = 0u; i < count; i++)
    {
        const size_t screens = 1u + ProcessScreens(&watches[i]);
        if (position < screens)
        {
            watch = i;
            break;
        }
        position -= screens;
    }
    *sub = position;
    return watch;
}

/* A display that fails a flush is dropped for the rest of the run. */
static void FlushFrame(void)
{
    if (g_panel.display)
    {
        g_panel.display = Display_Flush(g_panel.frame.bytes, sizeof g_panel.frame.bytes) == DISPLAY_OK;
    }
}

static void ShowScreen(const PanelWatchInput_t *watch, PanelVerdict_t verdict, size_t sub)
{
    if (sub == 0u)
    {
        const PanelView_t view = WatchView(watch, verdict);
        (void)DisplayRender_Summary(&view, &g_panel.frame);
    }
    else
    {
        const size_t first = (sub - 1u) * DISPLAY_RENDER_PROCS_PER_SCREEN;
        (void)DisplayRender_Processes(watch->processes, watch->process_count, first, &g_panel.frame);
    }
    FlushFrame();
}

static void AdvanceRotation(uint32_t now_ms)
{
    if (!g_panel.rotating)
    {
        g_panel.rotating = true;
        g_panel.screen_since_ms = now_ms;
    }
    else if ((now_ms - g_panel.screen_since_ms) >= PANEL_SCREEN_MS)
    {
        g_panel.screen++;
        g_panel.screen_since_ms = now_ms;
    }
    else
    {
        /* keep the current screen */
    }
}

PanelStatus_t Panel_ShowUnconfigured(void)
{
    const PanelVerdict_t verdict = {PANEL_STATE_NOT_CONFIGURED, false};
    const PanelView_t view = {GLOBAL_LABEL, GLOBAL_LABEL_LEN, verdict, {0u, 0u, 0u, 0u}, PANEL_AGE_NEVER};
    g_panel.global = verdict;
    EmitLine(GLOBAL_SLOT, &view);
    if (!g_panel.unconfigured)
    {
        g_panel.unconfigured = true;
        g_panel.rotating = false;
        PanelLeds_ShowUnconfigured();
        (void)DisplayRender_Unconfigured(&g_panel.frame);
        FlushFrame();
    }
    return PANEL_OK;
}

PanelStatus_t Panel_Update(const PanelWatchInput_t watches[], size_t count, const PanelSelf_t *self,
                           uint32_t now_ms)
{
    PanelStatus_t status = PANEL_ERR_ARG;
    if (count == 0u)
    {
        status = Panel_ShowUnconfigured();
    }
    else if ((watches != NULL) && (count <= PANEL_MAX_WATCHES) && (self != NULL))
    {
        g_panel.unconfigured = false;
        for (size_t i = 0u; i < count; i++)
        {
            (void)PanelModel_Classify(&watches[i].observation, PANEL_STALE_AFTER_MS, &g_panel.verdicts[i]);
            const PanelView_t view = WatchView(&watches[i], g_panel.verdicts[i]);
            EmitLine(i, &view);
        }
        (void)PanelModel_Global(g_panel.verdicts, count, self, &g_panel.global);
        ReportGlobal(watches, count);

        AdvanceRotation(now_ms);
        size_t sub = 0u;
        const size_t selected = LocateScreen(watches, count, &sub);
        ShowScreen(&watches[selected], g_panel.verdicts[selected], sub);
        (void)PanelLeds_Show(&g_panel.global, g_panel.verdicts, count, selected);
        status = PANEL_OK;
    }
    else
    {
        /* watches missing or too many: refused */
    }
    return status;
}

PanelVerdict_t Panel_Global(void)
{
    return g_panel.global;
}

bool Panel_HasDisplay(void)
{
    return g_panel.display;
}
