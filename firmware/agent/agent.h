/*
 * Agent: the status light's work loop. Brings up the network from the active
 * configuration, polls every watch's background processes through the Forge client on the
 * scheduler's terms, and keeps the panel (LEDs, display, console line) current.
 * Owns: the network stack, the TLS/HTTP/Forge clients, the scheduler and the per-watch state.
 * Promises: never polls without a configuration; every step is bounded by a timeout; a
 * failure shows on the panel and in the log and is retried with backoff; the API token never
 * reaches the log.
 */
#ifndef AGENT_H
#define AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_types.h"

typedef enum
{
    AGENT_OK = 0,
    AGENT_ERR_ARG,
    AGENT_ERR_NETWORK,    /* the Ethernet device or the stack did not start */
    AGENT_ERR_TLS,        /* trust anchors or entropy seed unusable */
    AGENT_ERR_SCHEDULE,   /* poll interval or watches not schedulable */
    AGENT_STATUS_COUNT    /* number of statuses, not a status */
} AgentStatus_t;

/* Start everything from the active configuration (which must outlive the agent). */
AgentStatus_t Agent_Init(const ConfigData_t *config);

/* One pass of the loop: network, at most one round of polls, panel. Returns how long the
 * caller may sleep before the next pass (0: call again at once). */
uint32_t Agent_Step(uint32_t now_ms);

/* The active configuration (a watch or the token) changed: every watch forgets its backoff
 * and polls at once, within the request budget. Today the configuration reaches the agent
 * only through a reboot (`config save`, then `reboot`), which starts every watch afresh. */
void Agent_ConfigChanged(void);

/* A short name for the log; never NULL. */
const char *Agent_StatusName(AgentStatus_t status);

/* Show the panel without a configuration (no network, no polls): "not configured". */
void Agent_ShowUnconfigured(uint32_t now_ms);

/* After an anchor rotation changed the active configuration's trust anchors (console
 * `anchors commit`): closes the connection and loads the new anchors into the TLS client, so
 * the next connection (and every later one) verifies against them; the old anchors are no
 * longer referenced when it returns. Nothing when the agent is not running. */
void Agent_ReloadAnchors(void);

/* The anchor check of a rotation (ConfigAnchorCheck_t): TlsClient_CheckAnchor as CONFIG_OK,
 * CONFIG_ERR_BUSY (no TLS memory) or CONFIG_ERR_DER. */
ConfigStatus_t Agent_CheckAnchor(const TlsTrustAnchor_t *anchor);

/* One line of status for the console's `status` command. */
size_t Agent_StatusLine(char *buffer, size_t capacity);

#endif /* AGENT_H */
