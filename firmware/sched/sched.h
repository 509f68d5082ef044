/*
 * Poll scheduler: when each watch may poll the Forge API, for one API token.
 *
 * Owns: per-watch timing (interval, random start offset, error backoff with full jitter),
 * the token's request budget (an exact sliding window over the last request times) and the
 * server's wait orders (Retry-After, X-RateLimit-Remaining / -Reset).
 * Promises: no allocation, fixed RAM (sizeof(Sched_t)), bounded loops. If the caller asks
 * Sched_MayRequest before every HTTP request (every page) and reports each request with
 * Sched_OnRequest, then:
 *  - no SCHED_WINDOW_MS window ever holds more than budget - headroom requests;
 *  - no request is allowed while a Retry-After or an exhausted X-RateLimit window runs;
 *  - watches due together are served round-robin (a due watch waits at most for the others
 *    once), and a round only starts when the budget can take as many requests as the
 *    watch's last round needed, so a multi-page watch is not starved by small ones.
 *
 * Time: uint32_t milliseconds as from Clock_NowMs, only ever compared by difference, so the
 * 2^32 wrap is harmless. now_ms must not go backwards, and the scheduler must be called at
 * least once every 2^31 ms (the main loop calls it every iteration).
 * Random values are supplied by the caller (uniform 32-bit; the scheduler never calls rand).
 *
 * The main loop (single-threaded, one round at a time):
 *     Sched_Init(&s, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM);
 *     Sched_AddWatch(&s, now, interval_ms, random, &w)      for each watch
 *     for (;;)
 *         if (Sched_NextDue(&s, now, &w) == SCHED_OK)
 *             for each page of watch w:
 *                 if (!Sched_MayRequest(&s, now)) { outcome = SCHED_OUTCOME_DEFERRED; stop }
 *                 Sched_OnRequest(&s, now); send; read the response;
 *                 Sched_OnResponse(&s, now, &response)    (its rate-limit headers)
 *                 stop on 429 (RATE_LIMITED) or any error (ERROR)
 *             Sched_OnRoundEnd(&s, now, w, outcome, random);
 *         else
 *             sleep at most Sched_MsUntilNext(&s, now)
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/sched/sched_config.h"
#include "firmware/sched/sched_hold.h"
#include "firmware/sched/sched_window.h"

typedef enum
{
    SCHED_OK = 0,         /* done; for Sched_NextDue: a watch is due */
    SCHED_NOT_DUE,        /* Sched_NextDue: nothing may start now */
    SCHED_ERR_ARG,        /* NULL pointer, not initialised, unknown watch or outcome */
    SCHED_ERR_BUDGET,     /* budget above SCHED_BUDGET_PER_MIN, or headroom >= budget */
    SCHED_ERR_INTERVAL,   /* interval outside [SCHED_INTERVAL_MIN_MS, SCHED_INTERVAL_MAX_MS] */
    SCHED_ERR_FULL,       /* SCHED_MAX_WATCHES watches already */
    SCHED_STATUS_COUNT    /* number of statuses, not a status */
} SchedStatus_t;

/* How a round ended: only as far as the schedule needs to know. */
typedef enum
{
    SCHED_OUTCOME_OK = 0,       /* every page fetched: next poll one interval later */
    SCHED_OUTCOME_DEFERRED,     /* Sched_MayRequest said no: the watch stays due (no error) */
    SCHED_OUTCOME_RATE_LIMITED, /* the server said wait (429, or 503 with Retry-After): the
                                   watch stays due; the wait comes from Sched_OnResponse */
    SCHED_OUTCOME_ERROR,        /* a transient failure (network, TLS, 5xx, malformed HTTP or
                                   JSON): backoff with jitter, at most SchedBackoff_TransientCapMs */
    SCHED_OUTCOME_PERMANENT     /* a failure that will not heal by itself (401, 403, 404): from
                                   the SCHED_PERMANENT_AFTER-th in a row, one round per
                                   SCHED_PERMANENT_WAIT_MS at most */
} SchedOutcome_t;

/* The rate-limit facts of one HTTP response (plain copies of the parsed headers). */
typedef struct
{
    bool rate_limited;       /* status 429 (a wait of SCHED_RATE_LIMIT_HOLD_MS if no
                                Retry-After came with it) */
    bool has_retry_after;    /* Retry-After in seconds; pass it for 429 and 503 */
    bool has_remaining;      /* X-RateLimit-Remaining: 0 stops every request (until the
                                reset, else SCHED_EXHAUSTED_HOLD_MS); below the headroom,
                                new rounds are spaced SCHED_WINDOW_MS / (remaining + 1) */
    bool has_reset_delay;    /* X-RateLimit-Reset, converted by the caller, see below */
    uint32_t retry_after_s;
    uint32_t remaining;
    /* X-RateLimit-Reset is Unix seconds (Laravel: when the server's window frees). Convert it
     * against the response's own Date header, (reset - date) * 1000, so the device clock does
     * not matter; 0 when the reset is not later than Date. Without a Date header, against the
     * device's wall clock if it is set, else leave has_reset_delay false. Only used when
     * remaining is 0; SCHED_RESET_MARGIN_MS is added. */
    uint32_t reset_delay_ms;
} SchedResponse_t;

typedef struct
{
    uint32_t requests_in_window;  /* requests in the last SCHED_WINDOW_MS */
    uint32_t max_in_window;       /* most requests ever seen in one SCHED_WINDOW_MS window */
    uint32_t requests_total;
    uint32_t rounds_ok;
    uint32_t rounds_error;
    uint32_t rounds_deferred;
    uint32_t rounds_rate_limited;
    uint32_t rounds_permanent;
    uint32_t hold_ms;             /* no request for this long (server order); 0: none */
} SchedStats_t;

/* One watch: treat as private. A wait runs from wait_from_ms for wait_ms. */
typedef struct
{
    uint32_t interval_ms;
    uint32_t wait_from_ms;
    uint32_t wait_ms;
    uint32_t errors;      /* consecutive errors, the backoff exponent */
    uint32_t permanent;   /* consecutive failures that will not heal by themselves */
    uint32_t pages;       /* requests the next round is expected to need (>= 1) */
    bool due;             /* latched once the wait has elapsed */
} SchedWatch_t;

/* The scheduler: treat the fields as private. */
typedef struct
{
    SchedWatch_t watches[SCHED_MAX_WATCHES];
    SchedWindow_t window;
    SchedHold_t hold;         /* no request at all: Retry-After, Remaining 0 */
    SchedHold_t pace;         /* no new round: Remaining below the headroom */
    SchedStats_t stats;
    size_t watch_count;
    size_t next_turn;         /* round-robin: the search for a due watch starts here */
    size_t limit;             /* budget - headroom */
    uint32_t headroom;
    uint32_t round_requests;  /* requests of the round in progress */
    uint32_t magic;
} Sched_t;

/* Empty scheduler: at most budget - headroom requests per SCHED_WINDOW_MS. budget may not
 * exceed SCHED_BUDGET_PER_MIN; headroom must be below budget. */
SchedStatus_t Sched_Init(Sched_t *sched, uint32_t budget, uint32_t headroom);

/* Add a watch polled every interval_ms, first due at now_ms + an offset in [0, interval_ms)
 * drawn from random. *watch_index is the number later calls use. */
SchedStatus_t Sched_AddWatch(Sched_t *sched, uint32_t now_ms, uint32_t interval_ms,
                             uint32_t random, size_t *watch_index);

/* SCHED_OK and *watch_index when a round may start now; SCHED_NOT_DUE otherwise. */
SchedStatus_t Sched_NextDue(Sched_t *sched, uint32_t now_ms, size_t *watch_index);

/* How long the main loop may sleep: 0 when Sched_NextDue would return SCHED_OK, never more
 * than the real wait, at most SCHED_SLEEP_MAX_MS. */
uint32_t Sched_MsUntilNext(Sched_t *sched, uint32_t now_ms);

/* May one more HTTP request (a page) be sent now? Budget and server holds. */
bool Sched_MayRequest(Sched_t *sched, uint32_t now_ms);

/* One HTTP request was sent at now_ms (call for every page, also when not asked first). */
void Sched_OnRequest(Sched_t *sched, uint32_t now_ms);

/* Apply the rate-limit headers of a response received at now_ms. */
void Sched_OnResponse(Sched_t *sched, uint32_t now_ms, const SchedResponse_t *response);

/* The round of watch_index ended at now_ms; random is used for the backoff jitter. */
SchedStatus_t Sched_OnRoundEnd(Sched_t *sched, uint32_t now_ms, size_t watch_index,
                               SchedOutcome_t outcome, uint32_t random);

/* The watch's configuration (or the token) changed: forget its backoff and let it start a
 * round at once, as far as the request budget and the server's holds allow. */
SchedStatus_t Sched_RetryNow(Sched_t *sched, uint32_t now_ms, size_t watch_index);

/* A short name for the log; never NULL. */
const char *Sched_StatusName(SchedStatus_t status);

/* Counters for the soak log. */
SchedStatus_t Sched_GetStats(Sched_t *sched, uint32_t now_ms, SchedStats_t *stats);

#endif /* SCHED_H */
