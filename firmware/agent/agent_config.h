/* Limits of the agent (a board may override them in board_config.h). */
#ifndef AGENT_CONFIG_H
#define AGENT_CONFIG_H

#include "board_config.h"
#include "firmware/config/config_limits.h"
#include "firmware/forge/forge_config.h"

/* Watches the agent tracks: the configuration's limit. */
#define AGENT_MAX_WATCHES CONFIG_MAX_WATCHES

/* Processes per watch kept for the display's rotating lines (problems first). */
#ifndef AGENT_DISPLAY_PROCS
#define AGENT_DISPLAY_PROCS 8u
#endif

/* How often the panel is redrawn and the console line considered, in ms. */
#ifndef AGENT_PANEL_PERIOD_MS
#define AGENT_PANEL_PERIOD_MS 250u
#endif

/* Requests one round can send: every page once, and once more when the HTTP client retries
 * it on a fresh connection (the budget counts each; bounds the loop that reports them). */
#ifndef AGENT_ROUND_REQUESTS_MAX
#define AGENT_ROUND_REQUESTS_MAX (FORGE_CLIENT_MAX_REQUESTS * 2u)
#endif

/* HTTPS port of the API host. */
#ifndef AGENT_API_PORT
#define AGENT_API_PORT 443u
#endif

/* Watchdog period: the main loop and every bounded network wait step feed it, so only a
 * stall (no loop pass, no wait step) for this long resets the board. */
#ifndef AGENT_WATCHDOG_MS
#define AGENT_WATCHDOG_MS 8000u
#endif

/* A `stats:` log line every this many poll rounds (soak figures). */
#ifndef AGENT_STATS_EVERY_POLLS
#define AGENT_STATS_EVERY_POLLS 10u
#endif

/* Test builds: the semihosting command line read for `hang` (as long as the self-test's). */
#ifndef AGENT_TEST_CMDLINE_MAX
#define AGENT_TEST_CMDLINE_MAX 64u
#endif

#endif /* AGENT_CONFIG_H */
