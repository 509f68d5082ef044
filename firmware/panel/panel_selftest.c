/* Panel QEMU test hook: scripted states on the real drivers, then a fixed state to inspect. */
#include "firmware/panel/panel_selftest.h"

#include <stdint.h>
#include <string.h>

#include "firmware/panel/panel.h"
#include "firmware/panel/panel_leds.h"
#include "firmware/panel/panel_text.h"
#include "hal/clock.h"
#include "hal/console.h"
#include "hal/system.h"

#define WATCHES 2u
#define UPDATE_MS 50u
#define READY_LINE_MAX 64u
#define FROZEN_MS 0u /* the final screen never rotates */

static void Sink(const char *text, size_t len)
{
    (void)Console_Write((const uint8_t *)text, len);
}

static void Watch(const char *label, PanelOutcome_t outcome, uint16_t running, uint32_t age_ms,
                  PanelWatchInput_t *watch)
{
    (void)memset(watch, 0, sizeof *watch);
    watch->label = label;
    watch->label_len = strlen(label);
    watch->observation.outcome = outcome;
    watch->observation.counts[PANEL_PROC_RUNNING] = running;
    watch->observation.total = running;
    watch->observation.success_age_ms = age_ms;
}

void PanelSelftest_Run(void)
{
    PanelWatchInput_t watches[WATCHES];
    const PanelSelf_t self = {true, true};
    (void)Panel_Init(Sink, false);
    Clock_SetTickHook(PanelLeds_OnTick);

    Watch("web-1", PANEL_OUTCOME_NO_DATA_YET, 0u, PANEL_AGE_NEVER, &watches[0]);
    Watch("api", PANEL_OUTCOME_NO_DATA_YET, 0u, PANEL_AGE_NEVER, &watches[1]);
    for (uint32_t step = 0u; step < (PANEL_SELFTEST_PHASE_MS / UPDATE_MS); step++)
    {
        (void)Panel_Update(watches, WATCHES, &self, FROZEN_MS);
        Clock_DelayMs(UPDATE_MS);
    }

    Watch("web-1", PANEL_OUTCOME_OK, 12u, 3000u, &watches[0]);
    Watch("api", PANEL_OUTCOME_OK, 4u, 1000u, &watches[1]);
    (void)Panel_Update(watches, WATCHES, &self, FROZEN_MS);
    char line[READY_LINE_MAX];
    PanelText_t text;
    PanelText_Init(line, sizeof line, &text);
    PanelText_AppendStr(&text, "[panel] selftest display=");
    PanelText_AppendUint(&text, Panel_HasDisplay() ? 1u : 0u);
    PanelText_AppendStr(&text, " t=");
    PanelText_AppendUint(&text, Clock_NowMs());
    PanelText_AppendStr(&text, "ms ready\r\n");
    Sink(line, text.len);
    for (;;) /* hold the final state until the host stops the emulator */
    {
        System_Idle();
    }
}
