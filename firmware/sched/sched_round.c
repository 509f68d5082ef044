/* Poll scheduler, the round: budget checks, server wait orders, outcomes. See sched.h. */
#include "firmware/sched/sched.h"

#include "firmware/sched/sched_backoff.h"
#include "firmware/sched/sched_priv.h"

static uint32_t clamp_hold(uint32_t ms)
{
    return (ms > SCHED_HOLD_MAX_MS) ? SCHED_HOLD_MAX_MS : ms;
}

/* Requests a round may need, kept within [1, limit] so a round can always start. */
static uint32_t clamp_pages(const Sched_t *sched, uint32_t pages)
{
    uint32_t clamped = (pages < 1u) ? 1u : pages;
    if ((size_t)clamped > sched->limit)
    {
        clamped = (uint32_t)sched->limit;
    }
    return clamped;
}

/* Saturating counter. */
static void count_up(uint32_t *counter)
{
    if (*counter < UINT32_MAX)
    {
        (*counter)++;
    }
}

bool Sched_MayRequest(Sched_t *sched, uint32_t now_ms)
{
    bool allowed = false;
    if (SchedPriv_IsReady(sched))
    {
        SchedPriv_Refresh(sched, now_ms);
        allowed = (SchedHold_RemainingMs(&sched->hold, now_ms) == 0u) &&
                  (SchedWindow_WaitMs(&sched->window, now_ms, 1u, sched->limit) == 0u);
    }
    return allowed;
}

void Sched_OnRequest(Sched_t *sched, uint32_t now_ms)
{
    if (SchedPriv_IsReady(sched))
    {
        SchedPriv_Refresh(sched, now_ms);
        SchedWindow_Add(&sched->window, now_ms);
        const uint32_t in_window = (uint32_t)SchedWindow_Count(&sched->window);
        if (in_window > sched->stats.max_in_window)
        {
            sched->stats.max_in_window = in_window;
        }
        count_up(&sched->stats.requests_total);
        count_up(&sched->round_requests);
    }
}

static void apply_remaining(Sched_t *sched, uint32_t now_ms, const SchedResponse_t *response)
{
    if (response->remaining == 0u)
    {
        uint32_t hold = SCHED_EXHAUSTED_HOLD_MS;
        if (response->has_reset_delay)
        {
            hold = clamp_hold(response->reset_delay_ms);
            hold = clamp_hold(hold + SCHED_RESET_MARGIN_MS);
        }
        SchedHold_Extend(&sched->hold, now_ms, hold);
    }
    else if (response->remaining < sched->headroom)
    {
        /* Someone else spends this token: spread what is left over one window. */
        SchedHold_Extend(&sched->pace, now_ms, SCHED_WINDOW_MS / (response->remaining + 1u));
    }
    else
    {
        /* Enough left: nothing to slow down. */
    }
}

static void apply_response(Sched_t *sched, uint32_t now_ms, const SchedResponse_t *response)
{
    SchedPriv_Refresh(sched, now_ms);
    if (response->has_retry_after)
    {
        const uint32_t max_s = SCHED_HOLD_MAX_MS / 1000u;
        const uint32_t seconds = (response->retry_after_s > max_s) ? max_s
                                                                   : response->retry_after_s;
        SchedHold_Extend(&sched->hold, now_ms, seconds * 1000u);
    }
    else if (response->rate_limited)
    {
        SchedHold_Extend(&sched->hold, now_ms, SCHED_RATE_LIMIT_HOLD_MS);
    }
    else
    {
        /* No wait ordered by this response. */
    }
    if (response->has_remaining)
    {
        apply_remaining(sched, now_ms, response);
    }
}

void Sched_OnResponse(Sched_t *sched, uint32_t now_ms, const SchedResponse_t *response)
{
    if (SchedPriv_IsReady(sched) && (response != NULL))
    {
        apply_response(sched, now_ms, response);
    }
}

/* Reschedule the watch after its round; SCHED_ERR_ARG for an unknown outcome. */
static SchedStatus_t end_round(Sched_t *sched, uint32_t now_ms, SchedWatch_t *watch,
                               SchedOutcome_t outcome, uint32_t random)
{
    SchedStatus_t status = SCHED_OK;
    switch (outcome)
    {
    case SCHED_OUTCOME_OK:
        watch->errors = 0u;
        watch->permanent = 0u;
        watch->pages = clamp_pages(sched, sched->round_requests);
        SchedPriv_Wait(watch, now_ms, watch->interval_ms);
        count_up(&sched->stats.rounds_ok);
        break;
    case SCHED_OUTCOME_DEFERRED:
        /* The round needed at least one request more than it got. */
        if (sched->round_requests >= watch->pages)
        {
            watch->pages = clamp_pages(sched, sched->round_requests + 1u);
        }
        SchedPriv_Wait(watch, now_ms, 0u);
        count_up(&sched->stats.rounds_deferred);
        break;
    case SCHED_OUTCOME_RATE_LIMITED:
        SchedPriv_Wait(watch, now_ms, 0u);
        count_up(&sched->stats.rounds_rate_limited);
        break;
    case SCHED_OUTCOME_ERROR:
        if (watch->errors < SCHED_BACKOFF_ERRORS_MAX)
        {
            watch->errors++;
        }
        watch->permanent = 0u;
        SchedPriv_Wait(watch, now_ms,
                       SchedBackoff_TransientMs(watch->errors, random,
                                                SchedBackoff_TransientCapMs(watch->interval_ms)));
        count_up(&sched->stats.rounds_error);
        break;
    case SCHED_OUTCOME_PERMANENT:
        if (watch->errors < SCHED_BACKOFF_ERRORS_MAX)
        {
            watch->errors++;
        }
        if (watch->permanent < SCHED_BACKOFF_ERRORS_MAX)
        {
            watch->permanent++;
        }
        SchedPriv_Wait(watch, now_ms,
                       (watch->permanent >= SCHED_PERMANENT_AFTER)
                           ? SchedBackoff_PermanentMs(watch->interval_ms, random)
                           : SchedBackoff_TransientMs(watch->errors, random,
                                                      SchedBackoff_TransientCapMs(watch->interval_ms)));
        count_up(&sched->stats.rounds_permanent);
        break;
    default:
        status = SCHED_ERR_ARG;
        break;
    }
    return status;
}

SchedStatus_t Sched_OnRoundEnd(Sched_t *sched, uint32_t now_ms, size_t watch_index,
                               SchedOutcome_t outcome, uint32_t random)
{
    SchedStatus_t status = SCHED_ERR_ARG;
    if (SchedPriv_IsReady(sched) && (watch_index < sched->watch_count))
    {
        SchedPriv_Refresh(sched, now_ms);
        status = end_round(sched, now_ms, &sched->watches[watch_index], outcome, random);
        if (status == SCHED_OK)
        {
            sched->next_turn = (watch_index + 1u) % sched->watch_count;
            sched->round_requests = 0u;
        }
    }
    return status;
}

SchedStatus_t Sched_GetStats(Sched_t *sched, uint32_t now_ms, SchedStats_t *stats)
{
    SchedStatus_t status = SCHED_ERR_ARG;
    if (SchedPriv_IsReady(sched) && (stats != NULL))
    {
        SchedPriv_Refresh(sched, now_ms);
        *stats = sched->stats;
        stats->requests_in_window = (uint32_t)SchedWindow_Count(&sched->window);
        stats->hold_ms = SchedHold_RemainingMs(&sched->hold, now_ms);
        status = SCHED_OK;
    }
    return status;
}
