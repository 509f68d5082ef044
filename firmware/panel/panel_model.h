/*
 * Panel status model: turns one observation per watch into one panel state.
 * Owns: the mapping table (README "Panel states"), its precedence and the severity order
 * used for the global indicator. Promises: pure functions, no state, no I/O; every
 * observation maps to exactly one state; the stale marking is reported separately so an
 * error state can carry it.
 */
#ifndef PANEL_MODEL_H
#define PANEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/panel_config.h"

typedef enum
{
    PANEL_MODEL_OK = 0,
    PANEL_MODEL_ERR_ARG
} PanelModelStatus_t;

/* Result of the latest poll of one watch (the Forge client's view, reduced). */
typedef enum
{
    PANEL_OUTCOME_OK = 0,
    PANEL_OUTCOME_NO_DATA_YET,
    PANEL_OUTCOME_AUTH_ERROR,   /* HTTP 401 / 403 */
    PANEL_OUTCOME_NOT_FOUND,    /* HTTP 404 */
    PANEL_OUTCOME_RATE_LIMITED, /* HTTP 429 */
    PANEL_OUTCOME_API_DOWN,     /* HTTP 5xx, 503 maintenance */
    PANEL_OUTCOME_NETWORK_DOWN, /* no link, no lease, DNS failure, connect failure */
    PANEL_OUTCOME_TLS_ERROR,    /* handshake or certificate verification failed */
    PANEL_OUTCOME_PARSE_ERROR,  /* malformed HTTP or JSON, unexpected shape */
    PANEL_OUTCOME_COUNT
} PanelOutcome_t;

/* Forge background-process status; anything unrecognised is UNKNOWN. */
typedef enum
{
    PANEL_PROC_INSTALLING = 0,
    PANEL_PROC_INSTALLED,
    PANEL_PROC_REMOVING,
    PANEL_PROC_RESTARTING,
    PANEL_PROC_STARTING,
    PANEL_PROC_STOPPING,
    PANEL_PROC_RUNNING,
    PANEL_PROC_UNKNOWN,
    PANEL_PROC_STATUS_COUNT
} PanelProcStatus_t;

typedef enum
{
    PANEL_STATE_HEALTHY = 0,
    PANEL_STATE_CHANGING,
    PANEL_STATE_ATTENTION,
    PANEL_STATE_NO_DATA,
    PANEL_STATE_STALE,
    PANEL_STATE_AUTH_ERROR,
    PANEL_STATE_NOT_FOUND,
    PANEL_STATE_RATE_LIMITED,
    PANEL_STATE_API_DOWN,
    PANEL_STATE_NETWORK_DOWN,
    PANEL_STATE_TLS_ERROR,
    PANEL_STATE_BAD_RESPONSE,
    PANEL_STATE_NOT_CONFIGURED, /* no valid configuration block: set by Panel_ShowUnconfigured */
    PANEL_STATE_COUNT
} PanelState_t;

/* success_age_ms when the watch never had a successful poll. */
#define PANEL_AGE_NEVER UINT32_MAX

typedef struct
{
    PanelOutcome_t outcome;
    uint16_t counts[PANEL_PROC_STATUS_COUNT]; /* of the last successful poll */
    uint16_t total;                           /* processes in the last successful poll */
    bool has_expected;                        /* an expected process count is configured */
    uint16_t expected;
    uint32_t success_age_ms; /* age of the last successful poll, or PANEL_AGE_NEVER */
} PanelObservation_t;

typedef struct
{
    PanelState_t state;
    bool stale; /* the data behind it is older than the stale age (also on error states) */
} PanelVerdict_t;

/* Process counts grouped the way the panel shows them. */
typedef struct
{
    uint32_t up;       /* running + installed */
    uint32_t changing; /* installing, removing, restarting, starting, stopping */
    uint32_t unknown;
    uint32_t total;
} PanelCounts_t;

/* One watch as the display and the console show it. */
typedef struct
{
    const char *label; /* not NUL-terminated; at most PANEL_LABEL_MAX_CHARS are shown */
    size_t label_len;
    PanelVerdict_t verdict;
    PanelCounts_t counts;
    uint32_t age_ms; /* age of the last success, PANEL_AGE_NEVER when none */
} PanelView_t;

/* The panel's own conditions, folded into the global indicator. */
typedef struct
{
    bool link_up;
    bool have_address;
} PanelSelf_t;

/* Apply the mapping table to one observation. */
PanelModelStatus_t PanelModel_Classify(const PanelObservation_t *observation, uint32_t stale_after_ms,
                                       PanelVerdict_t *verdict);

/* Higher is worse; a total order over all states (see README). */
uint8_t PanelModel_Severity(PanelState_t state);

/* Global indicator: the worst watch, made at least NETWORK_DOWN when the panel itself has no
 * link or no address, NO_DATA when no watch is configured; stale if any watch is stale. */
PanelModelStatus_t PanelModel_Global(const PanelVerdict_t verdicts[], size_t count, const PanelSelf_t *self,
                                     PanelVerdict_t *global);

/* Group the per-status counts of an observation. */
PanelModelStatus_t PanelModel_Group(const PanelObservation_t *observation, PanelCounts_t *counts);

#endif /* PANEL_MODEL_H */
