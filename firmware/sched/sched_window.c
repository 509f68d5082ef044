/* Sliding window of request times: see sched_window.h. */
#include "firmware/sched/sched_window.h"

#include <stdbool.h>

static size_t ring_index(const SchedWindow_t *window, size_t offset)
{
    return (window->head + offset) % (size_t)SCHED_BUDGET_PER_MIN;
}

void SchedWindow_Init(SchedWindow_t *window)
{
    window->head = 0u;
    window->count = 0u;
    for (size_t i = 0u; i < (size_t)SCHED_BUDGET_PER_MIN; i++)
    {
        window->times_ms[i] = 0u;
    }
}

void SchedWindow_Expire(SchedWindow_t *window, uint32_t now_ms)
{
    bool expired = true;
    for (size_t i = 0u; (i < (size_t)SCHED_BUDGET_PER_MIN) && expired; i++)
    {
        expired = (window->count > 0u) &&
                  ((now_ms - window->times_ms[window->head]) >= SCHED_WINDOW_MS);
        if (expired)
        {
            window->head = ring_index(window, 1u);
            window->count--;
        }
    }
}

void SchedWindow_Add(SchedWindow_t *window, uint32_t now_ms)
{
    if (window->count == (size_t)SCHED_BUDGET_PER_MIN)
    {
        window->head = ring_index(window, 1u);
        window->count--;
    }
    window->times_ms[ring_index(window, window->count)] = now_ms;
    window->count++;
}

size_t SchedWindow_Count(const SchedWindow_t *window)
{
    return window->count;
}

uint32_t SchedWindow_WaitMs(const SchedWindow_t *window, uint32_t now_ms, size_t need,
                            size_t limit)
{
    size_t wanted = (need < 1u) ? 1u : need;
    if (wanted > limit)
    {
        wanted = limit;
    }
    uint32_t wait = 0u;
    if ((window->count + wanted) > limit)
    {
        /* The (count + wanted - limit) oldest requests must leave; the last of them decides. */
        size_t leaving = (window->count + wanted) - limit;
        if (leaving > window->count)
        {
            leaving = window->count;
        }
        const uint32_t age = now_ms - window->times_ms[ring_index(window, leaving - 1u)];
        if (age < SCHED_WINDOW_MS)
        {
            wait = SCHED_WINDOW_MS - age;
        }
    }
    return wait;
}
