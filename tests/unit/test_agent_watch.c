/* Unit tests of firmware/agent/agent_watch: results to panel outcomes, last good data kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/agent/agent_watch.h"
#include "firmware/panel/font5x7.h"

static ForgeClientResult_t g_results[4];

/* Results are large (headers, error body): kept static, one slot per use in a test. */
static ForgeClientResult_t *result_of(size_t slot, ForgeClientStatus_t status, ForgeApiResult_t api)
{
    ForgeClientResult_t *r = &g_results[slot];
    memset(r, 0, sizeof *r);
    r->status = status;
    r->api_result = api;
    return r;
}
static AgentWatch_t g_watch;
static PanelWatchInput_t g_in;

static void test_failure_mapping(void **state)
{
    (void)state;
    const struct {
        ForgeClientStatus_t status;
        ForgeApiResult_t api;
        HttpsFailure_t transport;
        PanelOutcome_t want;
    } rows[] = {
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_UNAUTHORIZED, HTTPS_FAILURE_NONE, PANEL_OUTCOME_AUTH_ERROR},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_FORBIDDEN, HTTPS_FAILURE_NONE, PANEL_OUTCOME_AUTH_ERROR},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_NOT_FOUND, HTTPS_FAILURE_NONE, PANEL_OUTCOME_NOT_FOUND},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_RATE_LIMITED, HTTPS_FAILURE_NONE, PANEL_OUTCOME_RATE_LIMITED},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_MAINTENANCE, HTTPS_FAILURE_NONE, PANEL_OUTCOME_API_DOWN},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_SERVER_ERROR, HTTPS_FAILURE_NONE, PANEL_OUTCOME_API_DOWN},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_VALIDATION, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_ERR_API, FORGE_RESULT_UNEXPECTED, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_NETWORK, PANEL_OUTCOME_NETWORK_DOWN},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_CLOCK, PANEL_OUTCOME_NETWORK_DOWN},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_CERTIFICATE, PANEL_OUTCOME_TLS_ERROR},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_TLS, PANEL_OUTCOME_TLS_ERROR},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_SERVER, PANEL_OUTCOME_API_DOWN},
        /* silence after TCP connected (handshake timeout, read timeout mid-body): the path */
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_TIMEOUT, PANEL_OUTCOME_NETWORK_DOWN},
        {FORGE_CLIENT_ERR_TRANSPORT, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_NETWORK_DOWN},
        {FORGE_CLIENT_ERR_QUERY, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_DEFERRED, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_RATE_LIMITED},
        {FORGE_CLIENT_OK, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_OK},
        {FORGE_CLIENT_ERR_PROTOCOL, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_ERR_PARSE, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_ERR_TOO_LARGE, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
        {FORGE_CLIENT_ERR_LIMITS, FORGE_RESULT_OK, HTTPS_FAILURE_NONE, PANEL_OUTCOME_PARSE_ERROR},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const ForgeClientResult_t *r = result_of(0, rows[i].status, rows[i].api);
        assert_int_equal(AgentWatch_OutcomeOf(r, rows[i].transport), rows[i].want);
    }
}

static ForgeSnapshotView_t g_view;

static void add_entry(uint32_t id, ForgeProcessStatus_t status, const char *label)
{
    (void)id;
    ForgeSnapshotEntry_t *e = &g_view.entries[g_view.kept++];
    memset(e, 0, sizeof *e);
    e->status = status;
    strncpy(e->label, label, sizeof e->label - 1);
    g_view.by_status[status]++;
    g_view.total++;
}

static void test_success_then_failure_keeps_data(void **state)
{
    (void)state;
    memset(&g_view, 0, sizeof g_view);
    add_entry(1, FORGE_STATUS_RUNNING, "queue:work redis");
    add_entry(2, FORGE_STATUS_RUNNING, "horizon");
    add_entry(3, FORGE_STATUS_UNKNOWN, "octane:start");
    add_entry(4, FORGE_STATUS_RESTARTING, "reverb");
    AgentWatch_t *const wp = &g_watch;
    AgentWatch_Init(wp, true, 5, 0);
    const ForgeClientResult_t *ok = result_of(1, FORGE_CLIENT_OK, FORGE_RESULT_OK);
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, &g_view, 1000u), AGENT_WATCH_OK);
    assert_int_equal(wp->outcome, PANEL_OUTCOME_OK);
    assert_int_equal(wp->total, 4);
    assert_int_equal(wp->counts[PANEL_PROC_RUNNING], 2);
    assert_int_equal(wp->counts[PANEL_PROC_UNKNOWN], 1);
    assert_int_equal(wp->counts[PANEL_PROC_RESTARTING], 1);
    /* problems first, then healthy, in snapshot order */
    assert_int_equal(wp->process_count, 4);
    assert_string_equal(wp->processes[0].command, "octane:start");
    assert_string_equal(wp->processes[1].command, "reverb");
    assert_string_equal(wp->processes[2].command, "queue:work redis");
    assert_int_equal(wp->processes[0].status, PANEL_PROC_UNKNOWN);

    const ForgeClientResult_t *down = result_of(2, FORGE_CLIENT_ERR_API, FORGE_RESULT_MAINTENANCE);
    memset(&g_view, 0xAA, sizeof g_view); /* the shared snapshot is reused by other watches */
    assert_int_equal(AgentWatch_Apply(wp, down, HTTPS_FAILURE_NONE, NULL, 5000u), AGENT_WATCH_OK);
    assert_int_equal(wp->outcome, PANEL_OUTCOME_API_DOWN);
    PanelWatchInput_t *const inp = &g_in;
    AgentWatch_PanelInput(wp, "web-1", 9000u, inp);
    assert_int_equal(inp->observation.outcome, PANEL_OUTCOME_API_DOWN);
    assert_int_equal(inp->observation.total, 4);
    assert_int_equal(inp->observation.success_age_ms, 8000u);
    assert_true(inp->observation.has_expected);
    assert_int_equal(inp->observation.expected, 5);
    assert_int_equal(inp->process_count, 4);
    assert_string_equal(inp->processes[1].command, "reverb");
    assert_int_equal(inp->label_len, 5);

    const ForgeClientResult_t *deferred = result_of(3, FORGE_CLIENT_DEFERRED, FORGE_RESULT_OK);
    assert_int_equal(AgentWatch_Apply(wp, deferred, HTTPS_FAILURE_NONE, NULL, 6000u), AGENT_WATCH_OK);
    assert_int_equal(wp->outcome, PANEL_OUTCOME_API_DOWN);
}

static void test_no_data_yet_and_network_down(void **state)
{
    (void)state;
    AgentWatch_t *const wp = &g_watch;
    AgentWatch_Init(wp, false, 0, 0);
    PanelWatchInput_t *const inp = &g_in;
    AgentWatch_PanelInput(wp, "api", 123u, inp);
    assert_int_equal(inp->observation.outcome, PANEL_OUTCOME_NO_DATA_YET);
    assert_int_equal(inp->observation.success_age_ms, PANEL_AGE_NEVER);
    assert_null(inp->processes);
    AgentWatch_SetNetworkDown(wp, true);
    AgentWatch_PanelInput(wp, "api", 123u, inp);
    assert_int_equal(inp->observation.outcome, PANEL_OUTCOME_NETWORK_DOWN);
    AgentWatch_SetNetworkDown(wp, false);
    AgentWatch_PanelInput(wp, "api", 123u, inp);
    assert_int_equal(inp->observation.outcome, PANEL_OUTCOME_NO_DATA_YET);
    const ForgeClientResult_t *ok = result_of(1, FORGE_CLIENT_OK, FORGE_RESULT_OK);
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, NULL, 1u), AGENT_WATCH_ERR_ARG);
}

static void test_display_lines_bounded(void **state)
{
    (void)state;
    memset(&g_view, 0, sizeof g_view);
    for (uint32_t i = 0; i < AGENT_DISPLAY_PROCS + 5u; i++) {
        add_entry(i + 1u, (i % 3u) == 0u ? FORGE_STATUS_STARTING : FORGE_STATUS_INSTALLED, "worker");
    }
    AgentWatch_t *const wp = &g_watch;
    AgentWatch_Init(wp, false, 0, 0);
    const ForgeClientResult_t *ok = result_of(1, FORGE_CLIENT_OK, FORGE_RESULT_OK);
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, &g_view, 1u), AGENT_WATCH_OK);
    assert_int_equal(wp->process_count, AGENT_DISPLAY_PROCS);
    assert_int_equal(wp->processes[0].status, PANEL_PROC_STARTING);
    assert_int_equal(wp->total, AGENT_DISPLAY_PROCS + 5u);
}

/* Counts come from the round's streamed tallies, not from the entries kept: 200 processes with
 * 64 kept show 200; a snapshot whose tallies disagree with its total reaches the panel as it is
 * (README row 9). */
static void test_counts_are_the_streamed_ones(void **state)
{
    (void)state;
    memset(&g_view, 0, sizeof g_view);
    for (uint32_t i = 0; i < FORGE_MAX_RECORDS; i++) {
        add_entry(i + 1u, FORGE_STATUS_RESTARTING, "worker");
    }
    g_view.by_status[FORGE_STATUS_RUNNING] = 150u;
    g_view.by_status[FORGE_STATUS_RESTARTING] = 50u;
    g_view.total = 200u;
    AgentWatch_t *const wp = &g_watch;
    AgentWatch_Init(wp, false, 0, 0);
    const ForgeClientResult_t *ok = result_of(1, FORGE_CLIENT_OK, FORGE_RESULT_OK);
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, &g_view, 1u), AGENT_WATCH_OK);
    assert_int_equal(wp->total, 200u);
    assert_int_equal(wp->counts[PANEL_PROC_RUNNING], 150u);
    assert_int_equal(wp->counts[PANEL_PROC_RESTARTING], 50u);
    assert_int_equal(wp->process_count, AGENT_DISPLAY_PROCS);
    g_view.total = 201u;
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, &g_view, 2u), AGENT_WATCH_OK);
    assert_int_equal(wp->total, 201u);
    /* beyond what the panel's counters hold: saturated, not wrapped */
    g_view.by_status[FORGE_STATUS_RUNNING] = 70000u;
    g_view.total = 70050u;
    assert_int_equal(AgentWatch_Apply(wp, ok, HTTPS_FAILURE_NONE, &g_view, 3u), AGENT_WATCH_OK);
    assert_int_equal(wp->total, UINT16_MAX);
    assert_int_equal(wp->counts[PANEL_PROC_RUNNING], UINT16_MAX);
}

/* Snapshot labels keep what the display would show of a command, not its leading bytes. */
static void test_command_label(void **state)
{
    (void)state;
    char label[FORGE_SNAPSHOT_LABEL_SIZE];
    assert_false(AgentWatch_CommandLabel("php8.2 /home/forge/site/artisan queue:work redis --sleep=3", label,
                                         sizeof label));
    assert_string_equal(label, "queue:work redis");
    assert_false(AgentWatch_CommandLabel("node /home/forge/app.example.com/current/ssr.js", label, sizeof label));
    assert_string_equal(label, "ssr.js");
    /* longer than the label: cut, ending in the display's ellipsis, NUL-terminated */
    assert_true(AgentWatch_CommandLabel("php artisan horizon:supervisor supervisor-1 redis", label, sizeof label));
    assert_int_equal(strlen(label), sizeof label - 1u);
    assert_int_equal(label[sizeof label - 2u], FONT5X7_ELLIPSIS);
    assert_false(AgentWatch_CommandLabel("", label, sizeof label));
    assert_string_equal(label, "");
    assert_false(AgentWatch_CommandLabel(NULL, label, sizeof label));
    assert_string_equal(label, "");
    assert_false(AgentWatch_CommandLabel("x", NULL, 4u));
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(AgentWatch_StatusName(AGENT_WATCH_ERR_ARG), "bad argument");
    assert_string_equal(AgentWatch_StatusName(AGENT_WATCH_OK), "ok");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failure_mapping),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_success_then_failure_keeps_data),
        cmocka_unit_test(test_no_data_yet_and_network_down),
        cmocka_unit_test(test_display_lines_bounded),
        cmocka_unit_test(test_counts_are_the_streamed_ones),
        cmocka_unit_test(test_command_label),
    };
    return cmocka_run_group_tests_name("agent_watch", tests, NULL, NULL);
}
