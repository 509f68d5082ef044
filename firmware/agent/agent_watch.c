/* Per-watch state from Forge rounds, and the mapping of failures to panel outcomes. */
#include "firmware/agent/agent_watch.h"

#include <string.h>

#include "firmware/panel/command_short.h"
#include "firmware/panel/font5x7.h"
#include "hal/clock.h"

void AgentWatch_Init(AgentWatch_t *watch, bool has_expected, uint16_t expected, uint16_t page_size)
{
    (void)memset(watch, 0, sizeof *watch);
    watch->outcome = PANEL_OUTCOME_NO_DATA_YET;
    watch->has_expected = has_expected;
    watch->expected = expected;
    ForgePaging_InitSize(&watch->paging, page_size);
}

static PanelOutcome_t OutcomeOfApi(ForgeApiResult_t api)
{
    PanelOutcome_t outcome = PANEL_OUTCOME_PARSE_ERROR;
    switch (api) {
    case FORGE_RESULT_UNAUTHORIZED:
    case FORGE_RESULT_FORBIDDEN:    outcome = PANEL_OUTCOME_AUTH_ERROR; break;
    case FORGE_RESULT_NOT_FOUND:    outcome = PANEL_OUTCOME_NOT_FOUND; break;
    case FORGE_RESULT_RATE_LIMITED: outcome = PANEL_OUTCOME_RATE_LIMITED; break;
    case FORGE_RESULT_MAINTENANCE:
    case FORGE_RESULT_SERVER_ERROR: outcome = PANEL_OUTCOME_API_DOWN; break;
    case FORGE_RESULT_OK:
    case FORGE_RESULT_VALIDATION:
    case FORGE_RESULT_UNEXPECTED:
    case FORGE_RESULT_COUNT:
    default:                        outcome = PANEL_OUTCOME_PARSE_ERROR; break;
    }
    return outcome;
}

/* README "Panel states": a path that went quiet (no handshake answer, a read timeout before
 * or in the middle of a response) or lost its link is NETWORK_DOWN; a server that accepted and
 * then closed or reset is API_DOWN; a refused certificate or another TLS failure is TLS_ERROR. */
static PanelOutcome_t OutcomeOfTransport(HttpsFailure_t transport)
{
    PanelOutcome_t outcome = PANEL_OUTCOME_NETWORK_DOWN;
    switch (transport) {
    case HTTPS_FAILURE_CERTIFICATE:
    case HTTPS_FAILURE_TLS:     outcome = PANEL_OUTCOME_TLS_ERROR; break;
    case HTTPS_FAILURE_SERVER:  outcome = PANEL_OUTCOME_API_DOWN; break; /* reachable, then hung up */
    case HTTPS_FAILURE_NONE:    /* a transport failure without a cause: the path */
    case HTTPS_FAILURE_NETWORK:
    case HTTPS_FAILURE_CLOCK:
    case HTTPS_FAILURE_TIMEOUT:
    case HTTPS_FAILURE_COUNT:
    default:                    outcome = PANEL_OUTCOME_NETWORK_DOWN; break;
    }
    return outcome;
}

PanelOutcome_t AgentWatch_OutcomeOf(const ForgeClientResult_t *result, HttpsFailure_t transport)
{
    PanelOutcome_t outcome = PANEL_OUTCOME_PARSE_ERROR;
    switch (result->status) {
    case FORGE_CLIENT_OK:            outcome = PANEL_OUTCOME_OK; break;
    case FORGE_CLIENT_ERR_API:       outcome = OutcomeOfApi(result->api_result); break;
    case FORGE_CLIENT_ERR_TRANSPORT: outcome = OutcomeOfTransport(transport); break;
    case FORGE_CLIENT_DEFERRED:      outcome = PANEL_OUTCOME_RATE_LIMITED; break;
    case FORGE_CLIENT_ERR_ARG:
    case FORGE_CLIENT_ERR_QUERY:
    case FORGE_CLIENT_ERR_PROTOCOL:
    case FORGE_CLIENT_ERR_PARSE:
    case FORGE_CLIENT_ERR_TOO_LARGE:
    case FORGE_CLIENT_ERR_LIMITS:
    case FORGE_CLIENT_STATUS_COUNT:
    default:                         outcome = PANEL_OUTCOME_PARSE_ERROR; break;
    }
    return outcome;
}

static PanelProcStatus_t ProcStatusOf(ForgeProcessStatus_t status)
{
    PanelProcStatus_t proc = PANEL_PROC_UNKNOWN;
    switch (status) {
    case FORGE_STATUS_INSTALLING: proc = PANEL_PROC_INSTALLING; break;
    case FORGE_STATUS_INSTALLED:  proc = PANEL_PROC_INSTALLED; break;
    case FORGE_STATUS_REMOVING:   proc = PANEL_PROC_REMOVING; break;
    case FORGE_STATUS_RESTARTING: proc = PANEL_PROC_RESTARTING; break;
    case FORGE_STATUS_STARTING:   proc = PANEL_PROC_STARTING; break;
    case FORGE_STATUS_STOPPING:   proc = PANEL_PROC_STOPPING; break;
    case FORGE_STATUS_RUNNING:    proc = PANEL_PROC_RUNNING; break;
    case FORGE_STATUS_UNKNOWN:
    case FORGE_STATUS_COUNT:
    default:                      proc = PANEL_PROC_UNKNOWN; break;
    }
    return proc;
}

static bool IsHealthy(PanelProcStatus_t status)
{
    return (status == PANEL_PROC_RUNNING) || (status == PANEL_PROC_INSTALLED);
}

/* Keep up to AGENT_DISPLAY_PROCS lines: problems (unknown, changing) first, then healthy. */
static void TakeDisplayLines(AgentWatch_t *watch, const ForgeSnapshotView_t *view)
{
    watch->process_count = 0u;
    for (uint32_t pass = 0u; pass < 2u; pass++) {
        const bool want_healthy = (pass == 1u);
        for (size_t i = 0u; (i < view->kept) && (watch->process_count < AGENT_DISPLAY_PROCS); i++) {
            const PanelProcStatus_t status = ProcStatusOf(view->entries[i].status);
            if (IsHealthy(status) == want_healthy) {
                const size_t n = watch->process_count;
                (void)memcpy(watch->labels[n], view->entries[i].label, sizeof watch->labels[n]);
                watch->labels[n][sizeof watch->labels[n] - 1u] = '\0';
                watch->processes[n].command = watch->labels[n];
                watch->processes[n].command_len = strlen(watch->labels[n]);
                watch->processes[n].status = status;
                watch->process_count++;
            }
        }
    }
}

static uint16_t Saturate16(uint32_t value)
{
    return (value > (uint32_t)UINT16_MAX) ? (uint16_t)UINT16_MAX : (uint16_t)value;
}

/* The streamed counts of the round (every record, not only the kept ones): the total and the
 * per-status tallies are kept apart, so the panel's "counts do not add up" check still sees a
 * snapshot that disagrees with itself. */
static void TakeCounts(AgentWatch_t *watch, const ForgeSnapshotView_t *view)
{
    uint32_t counts[PANEL_PROC_STATUS_COUNT];
    for (uint32_t s = 0u; s < (uint32_t)PANEL_PROC_STATUS_COUNT; s++) {
        counts[s] = 0u;
    }
    for (uint32_t s = 0u; s < (uint32_t)FORGE_STATUS_COUNT; s++) {
        const PanelProcStatus_t proc = ProcStatusOf((ForgeProcessStatus_t)s);
        counts[proc] += view->by_status[s];
    }
    for (uint32_t s = 0u; s < (uint32_t)PANEL_PROC_STATUS_COUNT; s++) {
        watch->counts[s] = Saturate16(counts[s]);
    }
    watch->total = Saturate16(view->total);
}

AgentWatchStatus_t AgentWatch_Apply(AgentWatch_t *watch, const ForgeClientResult_t *result,
                                    HttpsFailure_t transport, const ForgeSnapshotView_t *view,
                                    uint32_t now_ms)
{
    AgentWatchStatus_t status = AGENT_WATCH_ERR_ARG;
    if ((watch != NULL) && (result != NULL)) {
        status = AGENT_WATCH_OK;
        if (result->status == FORGE_CLIENT_OK) {
            if (view == NULL) {
                status = AGENT_WATCH_ERR_ARG;
            } else {
                TakeCounts(watch, view);
                TakeDisplayLines(watch, view);
                watch->has_success = true;
                watch->last_success_ms = now_ms;
                watch->outcome = PANEL_OUTCOME_OK;
            }
        } else if (result->status != FORGE_CLIENT_DEFERRED) {
            watch->outcome = AgentWatch_OutcomeOf(result, transport);
        } else {
            /* deferred by the request budget: nothing happened */
        }
    }
    return status;
}

void AgentWatch_SetNetworkDown(AgentWatch_t *watch, bool down)
{
    watch->network_down = down;
}

void AgentWatch_PanelInput(const AgentWatch_t *watch, const char *label, uint32_t now_ms,
                           PanelWatchInput_t *input)
{
    (void)memset(input, 0, sizeof *input);
    input->label = label;
    input->label_len = strlen(label);
    input->observation.outcome = watch->network_down ? PANEL_OUTCOME_NETWORK_DOWN : watch->outcome;
    (void)memcpy(input->observation.counts, watch->counts, sizeof input->observation.counts);
    input->observation.total = watch->total;
    input->observation.has_expected = watch->has_expected;
    input->observation.expected = watch->expected;
    input->observation.success_age_ms =
        watch->has_success ? Clock_ElapsedMs(now_ms, watch->last_success_ms) : PANEL_AGE_NEVER;
    if (watch->has_success) {
        input->processes = watch->processes;
        input->process_count = watch->process_count;
    }
}

bool AgentWatch_CommandLabel(const char *command, char label[], size_t cap)
{
    bool cut = false;
    if ((label != NULL) && (cap > 0u)) {
        size_t len = 0u;
        label[0] = '\0';
        if ((command != NULL) &&
            (CommandShort_Format(command, strlen(command), cap - 1u, FONT5X7_ELLIPSIS, label, cap - 1u, &len) ==
             COMMAND_SHORT_CUT)) {
            cut = true;
        }
        label[len] = '\0';
    }
    return cut;
}

const char *AgentWatch_StatusName(AgentWatchStatus_t status)
{
    const char *name = "unknown watch status";
    switch (status) {
    case AGENT_WATCH_OK:      name = "ok"; break;
    case AGENT_WATCH_ERR_ARG: name = "bad argument"; break;
    default:                  name = "unknown watch status"; break;
    }
    return name;
}
