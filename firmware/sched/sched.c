/* Poll scheduler, set-up and the "what next" queries: see sched.h. */
#include "firmware/sched/sched.h"

#include "firmware/sched/sched_backoff.h"
#include "firmware/sched/sched_priv.h"

#define SCHED_MAGIC 0x53434844u

/* Returned by find_candidate when no watch is due. */
#define SCHED_NO_WATCH ((size_t)SCHED_MAX_WATCHES)

static uint32_t watch_remaining_ms(const SchedWatch_t *watch, uint32_t now_ms)
{
    uint32_t remaining = 0u;
    if (!watch->due)
    {
        const uint32_t elapsed = now_ms - watch->wait_from_ms;
        if (elapsed < watch->wait_ms)
        {
            remaining = watch->wait_ms - elapsed;
        }
    }
    return remaining;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return (a > b) ? a : b;
}

bool SchedPriv_IsReady(const Sched_t *sched)
{
    return (sched != NULL) && (sched->magic == SCHED_MAGIC);
}

void SchedPriv_Refresh(Sched_t *sched, uint32_t now_ms)
{
    SchedWindow_Expire(&sched->window, now_ms);
    SchedHold_Refresh(&sched->hold, now_ms);
    SchedHold_Refresh(&sched->pace, now_ms);
    for (size_t i = 0u; i < sched->watch_count; i++)
    {
        if (watch_remaining_ms(&sched->watches[i], now_ms) == 0u)
        {
            sched->watches[i].due = true;
        }
    }
}

void SchedPriv_Wait(SchedWatch_t *watch, uint32_t now_ms, uint32_t wait_ms)
{
    watch->wait_from_ms = now_ms;
    watch->wait_ms = wait_ms;
    watch->due = (wait_ms == 0u);
}

static void init_fields(Sched_t *sched, uint32_t budget, uint32_t headroom)
{
    for (size_t i = 0u; i < (size_t)SCHED_MAX_WATCHES; i++)
    {
        sched->watches[i] = (SchedWatch_t){ 0u, 0u, 0u, 0u, 0u, 1u, false };
    }
    SchedWindow_Init(&sched->window);
    SchedHold_Init(&sched->hold);
    SchedHold_Init(&sched->pace);
    sched->stats = (SchedStats_t){ 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u };
    sched->watch_count = 0u;
    sched->next_turn = 0u;
    sched->limit = (size_t)budget - (size_t)headroom;
    sched->headroom = headroom;
    sched->round_requests = 0u;
    sched->magic = SCHED_MAGIC;
}

SchedStatus_t Sched_Init(Sched_t *sched, uint32_t budget, uint32_t headroom)
{
    SchedStatus_t status = SCHED_OK;
    if (sched == NULL)
    {
        status = SCHED_ERR_ARG;
    }
    else if ((budget == 0u) || (budget > SCHED_BUDGET_PER_MIN) || (headroom >= budget))
    {
        sched->magic = 0u;
        status = SCHED_ERR_BUDGET;
    }
    else
    {
        init_fields(sched, budget, headroom);
    }
    return status;
}

SchedStatus_t Sched_AddWatch(Sched_t *sched, uint32_t now_ms, uint32_t interval_ms,
                             uint32_t random, size_t *watch_index)
{
    SchedStatus_t status = SCHED_OK;
    if ((!SchedPriv_IsReady(sched)) || (watch_index == NULL))
    {
        status = SCHED_ERR_ARG;
    }
    else if ((interval_ms < SCHED_INTERVAL_MIN_MS) || (interval_ms > SCHED_INTERVAL_MAX_MS))
    {
        status = SCHED_ERR_INTERVAL;
    }
    else if (sched->watch_count >= (size_t)SCHED_MAX_WATCHES)
    {
        status = SCHED_ERR_FULL;
    }
    else
    {
        SchedWatch_t *watch = &sched->watches[sched->watch_count];
        watch->interval_ms = interval_ms;
        watch->errors = 0u;
        watch->permanent = 0u;
        watch->pages = 1u;
        SchedPriv_Wait(watch, now_ms, SchedBackoff_Uniform(random, interval_ms));
        *watch_index = sched->watch_count;
        sched->watch_count++;
    }
    return status;
}

/* The first due watch from the round-robin cursor on, or SCHED_NO_WATCH. */
static size_t find_candidate(const Sched_t *sched)
{
    size_t found = SCHED_NO_WATCH;
    for (size_t k = 0u; (k < sched->watch_count) && (found == SCHED_NO_WATCH); k++)
    {
        const size_t i = (sched->next_turn + k) % sched->watch_count;
        if (sched->watches[i].due)
        {
            found = i;
        }
    }
    return found;
}

/* Milliseconds until the budget and the holds let watch i start its round (due or not). */
static uint32_t gate_ms(const Sched_t *sched, size_t i, uint32_t now_ms)
{
    const size_t need = (size_t)sched->watches[i].pages;
    uint32_t wait = SchedWindow_WaitMs(&sched->window, now_ms, need, sched->limit);
    wait = max_u32(wait, SchedHold_RemainingMs(&sched->hold, now_ms));
    return max_u32(wait, SchedHold_RemainingMs(&sched->pace, now_ms));
}

SchedStatus_t Sched_NextDue(Sched_t *sched, uint32_t now_ms, size_t *watch_index)
{
    SchedStatus_t status = SCHED_ERR_ARG;
    if (SchedPriv_IsReady(sched) && (watch_index != NULL))
    {
        SchedPriv_Refresh(sched, now_ms);
        status = SCHED_NOT_DUE;
        const size_t candidate = find_candidate(sched);
        if ((candidate != SCHED_NO_WATCH) && (gate_ms(sched, candidate, now_ms) == 0u))
        {
            *watch_index = candidate;
            status = SCHED_OK;
        }
    }
    return status;
}

uint32_t Sched_MsUntilNext(Sched_t *sched, uint32_t now_ms)
{
    uint32_t wait = SCHED_SLEEP_MAX_MS;
    if (SchedPriv_IsReady(sched))
    {
        SchedPriv_Refresh(sched, now_ms);
        /* The next start is the round-robin candidate once its gates open, or a watch not yet
         * due (it may come first in the turn order); due watches behind the candidate wait. */
        const size_t candidate = find_candidate(sched);
        for (size_t i = 0u; i < sched->watch_count; i++)
        {
            const SchedWatch_t *watch = &sched->watches[i];
            if ((i == candidate) || (!watch->due))
            {
                const uint32_t start = max_u32(watch_remaining_ms(watch, now_ms),
                                               gate_ms(sched, i, now_ms));
                wait = (start < wait) ? start : wait;
            }
        }
    }
    return wait;
}

SchedStatus_t Sched_RetryNow(Sched_t *sched, uint32_t now_ms, size_t watch_index)
{
    SchedStatus_t status = SCHED_ERR_ARG;
    if (SchedPriv_IsReady(sched) && (watch_index < sched->watch_count))
    {
        SchedPriv_Refresh(sched, now_ms);
        SchedWatch_t *watch = &sched->watches[watch_index];
        watch->errors = 0u;
        watch->permanent = 0u;
        SchedPriv_Wait(watch, now_ms, 0u);
        status = SCHED_OK;
    }
    return status;
}

const char *Sched_StatusName(SchedStatus_t status)
{
    static const char *const names[SCHED_STATUS_COUNT] = {
        "ok", "not due", "bad argument", "bad budget", "bad interval", "too many watches",
    };
    const char *name = "unknown sched status";
    if (((uint32_t)status) < (uint32_t)SCHED_STATUS_COUNT)
    {
        name = names[status];
    }
    return name;
}
