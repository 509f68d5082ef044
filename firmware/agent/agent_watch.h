/*
 * AgentWatch: what the panel knows about one watch, updated from each Forge round.
 * Owns: the watch's last good counts and its display lines (copied out of the shared
 * snapshot, so they survive other watches' rounds). Promises: a failed round changes only the
 * outcome — the last good data stays and ages into "stale"; a deferred round changes nothing.
 */
#ifndef AGENT_WATCH_H
#define AGENT_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/agent/agent_config.h"
#include "firmware/forge/forge_client.h"
#include "firmware/forge/forge_paging.h"
#include "firmware/panel/panel.h"
#include "net/https/https_transport.h"

typedef enum
{
    AGENT_WATCH_OK = 0,
    AGENT_WATCH_ERR_ARG
} AgentWatchStatus_t;

typedef struct
{
    PanelOutcome_t outcome;
    bool network_down;          /* shown instead of the outcome while it lasts */
    bool has_success;
    uint32_t last_success_ms;
    uint16_t counts[PANEL_PROC_STATUS_COUNT];
    uint16_t total;
    bool has_expected;
    uint16_t expected;
    ForgePaging_t paging;
    size_t process_count;
    DisplayProcess_t processes[AGENT_DISPLAY_PROCS];
    char labels[AGENT_DISPLAY_PROCS][FORGE_SNAPSHOT_LABEL_SIZE];
} AgentWatch_t;

/* page_size: the configured page[size], 0 for the client's default. */
void AgentWatch_Init(AgentWatch_t *watch, bool has_expected, uint16_t expected, uint16_t page_size);

/* The panel outcome a failed round stands for (transport failures need the HTTPS detail). */
PanelOutcome_t AgentWatch_OutcomeOf(const ForgeClientResult_t *result, HttpsFailure_t transport);

/* Take a round's result; view is the published snapshot when result->status is OK. */
AgentWatchStatus_t AgentWatch_Apply(AgentWatch_t *watch, const ForgeClientResult_t *result,
                                    HttpsFailure_t transport, const ForgeSnapshotView_t *view,
                                    uint32_t now_ms);

/* The network is down (no link, no address) or back: shown over the last round's outcome
 * without touching it or the last good data. */
void AgentWatch_SetNetworkDown(AgentWatch_t *watch, bool down);

/* The panel's input for this watch at now_ms. */
/* The snapshot labeler (ForgeSnapshotLabelFn_t): the command as the display shortens it
 * ("php /home/forge/site/artisan queue:work redis --sleep=3" -> "queue:work redis"), so the
 * few bytes a snapshot entry keeps are the ones worth showing. */
bool AgentWatch_CommandLabel(const char *command, char label[], size_t cap);

void AgentWatch_PanelInput(const AgentWatch_t *watch, const char *label, uint32_t now_ms,
                           PanelWatchInput_t *input);

/* A short name for the log; never NULL. */
const char *AgentWatch_StatusName(AgentWatchStatus_t status);

#endif /* AGENT_WATCH_H */
