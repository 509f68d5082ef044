/* Panel status model: the mapping table, in precedence order (first matching row wins). */
#include "firmware/panel/panel_model.h"

/* Rows 1-7: a failed poll shows its error, whatever data came before. */
static bool ErrorState(PanelOutcome_t outcome, PanelState_t *state)
{
    bool matched = true;
    switch (outcome)
    {
    case PANEL_OUTCOME_AUTH_ERROR:
        *state = PANEL_STATE_AUTH_ERROR;
        break;
    case PANEL_OUTCOME_NOT_FOUND:
        *state = PANEL_STATE_NOT_FOUND;
        break;
    case PANEL_OUTCOME_TLS_ERROR:
        *state = PANEL_STATE_TLS_ERROR;
        break;
    case PANEL_OUTCOME_NETWORK_DOWN:
        *state = PANEL_STATE_NETWORK_DOWN;
        break;
    case PANEL_OUTCOME_API_DOWN:
        *state = PANEL_STATE_API_DOWN;
        break;
    case PANEL_OUTCOME_RATE_LIMITED:
        *state = PANEL_STATE_RATE_LIMITED;
        break;
    case PANEL_OUTCOME_PARSE_ERROR:
        *state = PANEL_STATE_BAD_RESPONSE;
        break;
    case PANEL_OUTCOME_OK:
    case PANEL_OUTCOME_NO_DATA_YET:
    case PANEL_OUTCOME_COUNT:
    default:
        matched = false;
        break;
    }
    return matched;
}

static uint32_t CountSum(const PanelObservation_t *observation)
{
    uint32_t sum = 0u;
    for (size_t i = 0u; i < (size_t)PANEL_PROC_STATUS_COUNT; i++)
    {
        sum += (uint32_t)observation->counts[i];
    }
    return sum;
}

/* Rows 9-14: a successful poll with known age. */
static PanelState_t DataState(const PanelObservation_t *observation, bool stale)
{
    PanelCounts_t counts = {0u, 0u, 0u, 0u};
    (void)PanelModel_Group(observation, &counts);
    PanelState_t state = PANEL_STATE_HEALTHY;

    if (CountSum(observation) != (uint32_t)observation->total)
    {
        state = PANEL_STATE_BAD_RESPONSE; /* row 9 */
    }
    else if (stale)
    {
        state = PANEL_STATE_STALE; /* row 10 */
    }
    else if ((counts.unknown > 0u) || (observation->has_expected && (observation->total < observation->expected)))
    {
        state = PANEL_STATE_ATTENTION; /* rows 11 and 12 */
    }
    else if (counts.changing > 0u)
    {
        state = PANEL_STATE_CHANGING; /* row 13 */
    }
    else
    {
        state = PANEL_STATE_HEALTHY; /* row 14 */
    }
    return state;
}

PanelModelStatus_t PanelModel_Classify(const PanelObservation_t *observation, uint32_t stale_after_ms,
                                       PanelVerdict_t *verdict)
{
    PanelModelStatus_t status = PANEL_MODEL_ERR_ARG;
    if ((observation != NULL) && (verdict != NULL) &&
        ((uint32_t)observation->outcome < (uint32_t)PANEL_OUTCOME_COUNT))
    {
        const bool ever = observation->success_age_ms != PANEL_AGE_NEVER;
        const bool stale = ever && (observation->success_age_ms > stale_after_ms);
        PanelState_t state = PANEL_STATE_NO_DATA;

        if (ErrorState(observation->outcome, &state))
        {
            /* rows 1-7: state set by ErrorState */
        }
        else if ((observation->outcome == PANEL_OUTCOME_NO_DATA_YET) || !ever)
        {
            state = PANEL_STATE_NO_DATA; /* row 8 */
        }
        else
        {
            state = DataState(observation, stale);
        }
        verdict->state = state;
        verdict->stale = stale;
        status = PANEL_MODEL_OK;
    }
    return status;
}

uint8_t PanelModel_Severity(PanelState_t state)
{
    /* Severity rank per state, indexed by PanelState_t (higher is worse). */
    static const uint8_t k_severity[PANEL_STATE_COUNT] = {
        [PANEL_STATE_HEALTHY] = 0u,      [PANEL_STATE_CHANGING] = 1u,     [PANEL_STATE_NO_DATA] = 2u,
        [PANEL_STATE_STALE] = 3u,        [PANEL_STATE_RATE_LIMITED] = 4u, [PANEL_STATE_API_DOWN] = 5u,
        [PANEL_STATE_NETWORK_DOWN] = 6u, [PANEL_STATE_ATTENTION] = 7u,    [PANEL_STATE_BAD_RESPONSE] = 8u,
        [PANEL_STATE_TLS_ERROR] = 9u,    [PANEL_STATE_NOT_FOUND] = 10u,   [PANEL_STATE_AUTH_ERROR] = 11u,
        [PANEL_STATE_NOT_CONFIGURED] = 12u,
    };
    uint8_t rank = k_severity[PANEL_STATE_BAD_RESPONSE];
    if ((uint32_t)state < (uint32_t)PANEL_STATE_COUNT)
    {
        rank = k_severity[state];
    }
    return rank;
}

static PanelState_t Worse(PanelState_t a, PanelState_t b)
{
    return (PanelModel_Severity(b) > PanelModel_Severity(a)) ? b : a;
}

PanelModelStatus_t PanelModel_Global(const PanelVerdict_t verdicts[], size_t count, const PanelSelf_t *self,
                                     PanelVerdict_t *global)
{
    PanelModelStatus_t status = PANEL_MODEL_ERR_ARG;
    if ((self != NULL) && (global != NULL) && ((verdicts != NULL) || (count == 0u)) &&
        (count <= PANEL_MAX_WATCHES))
    {
        PanelState_t state = (count == 0u) ? PANEL_STATE_NO_DATA : PANEL_STATE_HEALTHY;
        bool stale = false;
        for (size_t i = 0u; i < count; i++)
        {
            state = Worse(state, verdicts[i].state);
            stale = stale || verdicts[i].stale;
        }
        if (!self->link_up || !self->have_address)
        {
            state = Worse(state, PANEL_STATE_NETWORK_DOWN);
        }
        global->state = state;
        global->stale = stale;
        status = PANEL_MODEL_OK;
    }
    return status;
}

PanelModelStatus_t PanelModel_Group(const PanelObservation_t *observation, PanelCounts_t *counts)
{
    PanelModelStatus_t status = PANEL_MODEL_ERR_ARG;
    if ((observation != NULL) && (counts != NULL))
    {
        const uint16_t *c = observation->counts;
        counts->up = (uint32_t)c[PANEL_PROC_RUNNING] + (uint32_t)c[PANEL_PROC_INSTALLED];
        counts->changing = (uint32_t)c[PANEL_PROC_INSTALLING] + (uint32_t)c[PANEL_PROC_REMOVING] +
                           (uint32_t)c[PANEL_PROC_RESTARTING] + (uint32_t)c[PANEL_PROC_STARTING] +
                           (uint32_t)c[PANEL_PROC_STOPPING];
        counts->unknown = (uint32_t)c[PANEL_PROC_UNKNOWN];
        counts->total = (uint32_t)observation->total;
        status = PANEL_MODEL_OK;
    }
    return status;
}
