/* Unit tests of the panel mapping table (every row, every precedence edge) and the global state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/panel/panel_model.h"

#define STALE_MS 60000u
#define FRESH_MS 1000u
#define OLD_MS (STALE_MS + 1u)

typedef struct
{
    const char *row;
    PanelObservation_t obs;
    PanelState_t state;
    bool stale;
} Case_t;

static PanelObservation_t Obs(PanelOutcome_t outcome, uint32_t age_ms)
{
    PanelObservation_t obs;
    (void)memset(&obs, 0, sizeof obs);
    obs.outcome = outcome;
    obs.success_age_ms = age_ms;
    return obs;
}

static PanelObservation_t WithCount(PanelObservation_t obs, PanelProcStatus_t status, uint16_t n)
{
    PanelObservation_t out = obs;
    out.counts[status] = (uint16_t)(out.counts[status] + n);
    out.total = (uint16_t)(out.total + n);
    return out;
}

static PanelObservation_t Expect(PanelObservation_t obs, uint16_t expected)
{
    PanelObservation_t out = obs;
    out.has_expected = true;
    out.expected = expected;
    return out;
}

static void RunCases(const Case_t *cases, size_t count)
{
    for (size_t i = 0u; i < count; i++)
    {
        PanelVerdict_t verdict = {PANEL_STATE_COUNT, false};
        const PanelModelStatus_t status = PanelModel_Classify(&cases[i].obs, STALE_MS, &verdict);
        if ((status != PANEL_MODEL_OK) || (verdict.state != cases[i].state) || (verdict.stale != cases[i].stale))
        {
            print_error("row '%s': status %d state %d stale %d, expected state %d stale %d\n", cases[i].row,
                        (int)status, (int)verdict.state, (int)verdict.stale, (int)cases[i].state, (int)cases[i].stale);
            fail();
        }
    }
}

/* Rows 1-7: the outcome of the latest poll decides; stale marks older good data. */
static void test_error_rows(void **state)
{
    (void)state;
    static const struct
    {
        PanelOutcome_t outcome;
        PanelState_t state;
    } k_rows[] = {
        {PANEL_OUTCOME_AUTH_ERROR, PANEL_STATE_AUTH_ERROR},     {PANEL_OUTCOME_NOT_FOUND, PANEL_STATE_NOT_FOUND},
        {PANEL_OUTCOME_TLS_ERROR, PANEL_STATE_TLS_ERROR},       {PANEL_OUTCOME_NETWORK_DOWN, PANEL_STATE_NETWORK_DOWN},
        {PANEL_OUTCOME_API_DOWN, PANEL_STATE_API_DOWN},         {PANEL_OUTCOME_RATE_LIMITED, PANEL_STATE_RATE_LIMITED},
        {PANEL_OUTCOME_PARSE_ERROR, PANEL_STATE_BAD_RESPONSE},
    };
    for (size_t i = 0u; i < (sizeof k_rows / sizeof k_rows[0]); i++)
    {
        const PanelObservation_t healthy = WithCount(Obs(k_rows[i].outcome, FRESH_MS), PANEL_PROC_RUNNING, 3u);
        const PanelObservation_t unknown = WithCount(Obs(k_rows[i].outcome, FRESH_MS), PANEL_PROC_UNKNOWN, 1u);
        const Case_t cases[] = {
            {"error, fresh good data", healthy, k_rows[i].state, false},
            {"error beats unknown processes", unknown, k_rows[i].state, false},
            {"error, data older than stale age -> stale mark", Obs(k_rows[i].outcome, OLD_MS), k_rows[i].state, true},
            {"error, data exactly at stale age", Obs(k_rows[i].outcome, STALE_MS), k_rows[i].state, false},
            {"error, never any data", Obs(k_rows[i].outcome, PANEL_AGE_NEVER), k_rows[i].state, false},
        };
        RunCases(cases, sizeof cases / sizeof cases[0]);
    }
}

/* Row 8: nothing to show yet. */
static void test_no_data_row(void **state)
{
    (void)state;
    const Case_t cases[] = {
        {"no data yet, never polled", Obs(PANEL_OUTCOME_NO_DATA_YET, PANEL_AGE_NEVER), PANEL_STATE_NO_DATA, false},
        {"ok without a success time", Obs(PANEL_OUTCOME_OK, PANEL_AGE_NEVER), PANEL_STATE_NO_DATA, false},
        {"no data yet, old data kept -> stale mark", Obs(PANEL_OUTCOME_NO_DATA_YET, OLD_MS), PANEL_STATE_NO_DATA,
         true},
    };
    RunCases(cases, sizeof cases / sizeof cases[0]);
}

/* Rows 9-14 and their precedence. */
static void test_data_rows(void **state)
{
    (void)state;
    const PanelObservation_t ok = Obs(PANEL_OUTCOME_OK, FRESH_MS);
    const PanelObservation_t old = Obs(PANEL_OUTCOME_OK, OLD_MS);
    PanelObservation_t inconsistent = WithCount(ok, PANEL_PROC_RUNNING, 2u);
    inconsistent.total = 3u;
    PanelObservation_t inconsistent_old = WithCount(old, PANEL_PROC_RUNNING, 2u);
    inconsistent_old.total = 1u;
    const Case_t cases[] = {
        {"9 counts do not add up", inconsistent, PANEL_STATE_BAD_RESPONSE, false},
        {"9 beats 10", inconsistent_old, PANEL_STATE_BAD_RESPONSE, true},
        {"10 stale", WithCount(old, PANEL_PROC_RUNNING, 1u), PANEL_STATE_STALE, true},
        {"10 beats 11", WithCount(old, PANEL_PROC_UNKNOWN, 1u), PANEL_STATE_STALE, true},
        {"10 boundary: age == stale age is fresh", WithCount(Obs(PANEL_OUTCOME_OK, STALE_MS), PANEL_PROC_RUNNING, 1u),
         PANEL_STATE_HEALTHY, false},
    };
    RunCases(cases, sizeof cases / sizeof cases[0]);
}

static void test_attention_rows(void **state)
{
    (void)state;
    const PanelObservation_t ok = Obs(PANEL_OUTCOME_OK, FRESH_MS);
    const PanelObservation_t mixed = WithCount(WithCount(ok, PANEL_PROC_RUNNING, 5u), PANEL_PROC_INSTALLED, 2u);
    const Case_t cases[] = {
        {"11 unknown present", WithCount(mixed, PANEL_PROC_UNKNOWN, 1u), PANEL_STATE_ATTENTION, false},
        {"11 beats 13", WithCount(WithCount(ok, PANEL_PROC_UNKNOWN, 1u), PANEL_PROC_STARTING, 1u),
         PANEL_STATE_ATTENTION, false},
        {"12 fewer than expected", Expect(mixed, 8u), PANEL_STATE_ATTENTION, false},
        {"12 beats 13", Expect(WithCount(ok, PANEL_PROC_RESTARTING, 1u), 2u), PANEL_STATE_ATTENTION, false},
        {"12 expected met", Expect(mixed, 7u), PANEL_STATE_HEALTHY, false},
        {"12 more than expected is fine", Expect(mixed, 6u), PANEL_STATE_HEALTHY, false},
        {"12 zero processes, one expected", Expect(ok, 1u), PANEL_STATE_ATTENTION, false},
    };
    RunCases(cases, sizeof cases / sizeof cases[0]);
}

static void test_changing_and_healthy_rows(void **state)
{
    (void)state;
    const PanelObservation_t ok = Obs(PANEL_OUTCOME_OK, FRESH_MS);
    const PanelObservation_t mixed = WithCount(WithCount(ok, PANEL_PROC_RUNNING, 5u), PANEL_PROC_INSTALLED, 2u);
    const Case_t cases[] = {
        {"13 installing", WithCount(mixed, PANEL_PROC_INSTALLING, 1u), PANEL_STATE_CHANGING, false},
        {"13 removing", WithCount(mixed, PANEL_PROC_REMOVING, 1u), PANEL_STATE_CHANGING, false},
        {"13 restarting", WithCount(mixed, PANEL_PROC_RESTARTING, 1u), PANEL_STATE_CHANGING, false},
        {"13 starting", WithCount(mixed, PANEL_PROC_STARTING, 1u), PANEL_STATE_CHANGING, false},
        {"13 stopping", WithCount(mixed, PANEL_PROC_STOPPING, 1u), PANEL_STATE_CHANGING, false},
        {"14 running + installed", mixed, PANEL_STATE_HEALTHY, false},
        {"14 only installed", WithCount(ok, PANEL_PROC_INSTALLED, 1u), PANEL_STATE_HEALTHY, false},
        {"14 no processes, none expected", ok, PANEL_STATE_HEALTHY, false},
    };
    RunCases(cases, sizeof cases / sizeof cases[0]);
}

static void test_classify_rejects_bad_input(void **state)
{
    (void)state;
    PanelVerdict_t verdict;
    PanelObservation_t obs = Obs(PANEL_OUTCOME_OK, FRESH_MS);
    assert_int_equal(PanelModel_Classify(NULL, STALE_MS, &verdict), PANEL_MODEL_ERR_ARG);
    assert_int_equal(PanelModel_Classify(&obs, STALE_MS, NULL), PANEL_MODEL_ERR_ARG);
    obs.outcome = PANEL_OUTCOME_COUNT;
    assert_int_equal(PanelModel_Classify(&obs, STALE_MS, &verdict), PANEL_MODEL_ERR_ARG);
}

static void test_severity_order(void **state)
{
    (void)state;
    static const PanelState_t k_best_to_worst[PANEL_STATE_COUNT] = {
        PANEL_STATE_HEALTHY,      PANEL_STATE_CHANGING,     PANEL_STATE_NO_DATA,   PANEL_STATE_STALE,
        PANEL_STATE_RATE_LIMITED, PANEL_STATE_API_DOWN,     PANEL_STATE_NETWORK_DOWN, PANEL_STATE_ATTENTION,
        PANEL_STATE_BAD_RESPONSE, PANEL_STATE_TLS_ERROR,    PANEL_STATE_NOT_FOUND, PANEL_STATE_AUTH_ERROR,
        PANEL_STATE_NOT_CONFIGURED,
    };
    for (size_t i = 0u; i < (size_t)PANEL_STATE_COUNT; i++)
    {
        assert_int_equal(PanelModel_Severity(k_best_to_worst[i]), i);
    }
}

static void test_global_is_worst_watch(void **state)
{
    (void)state;
    const PanelSelf_t self = {true, true};
    const PanelVerdict_t watches[4] = {
        {PANEL_STATE_HEALTHY, false},
        {PANEL_STATE_RATE_LIMITED, true},
        {PANEL_STATE_ATTENTION, false},
        {PANEL_STATE_CHANGING, false},
    };
    PanelVerdict_t global = {PANEL_STATE_COUNT, false};
    assert_int_equal(PanelModel_Global(watches, 4u, &self, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_ATTENTION);
    assert_true(global.stale);
    assert_int_equal(PanelModel_Global(watches, 1u, &self, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_HEALTHY);
    assert_false(global.stale);
}

static void test_global_own_conditions(void **state)
{
    (void)state;
    const PanelVerdict_t healthy[1] = {{PANEL_STATE_HEALTHY, false}};
    const PanelVerdict_t auth[1] = {{PANEL_STATE_AUTH_ERROR, false}};
    const PanelSelf_t no_link = {false, true};
    const PanelSelf_t no_address = {true, false};
    const PanelSelf_t fine = {true, true};
    PanelVerdict_t global;
    assert_int_equal(PanelModel_Global(healthy, 1u, &no_link, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_NETWORK_DOWN);
    assert_int_equal(PanelModel_Global(healthy, 1u, &no_address, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_NETWORK_DOWN);
    assert_int_equal(PanelModel_Global(auth, 1u, &no_link, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_AUTH_ERROR);
    assert_int_equal(PanelModel_Global(NULL, 0u, &fine, &global), PANEL_MODEL_OK);
    assert_int_equal(global.state, PANEL_STATE_NO_DATA);
    assert_int_equal(PanelModel_Global(healthy, PANEL_MAX_WATCHES + 1u, &fine, &global), PANEL_MODEL_ERR_ARG);
    assert_int_equal(PanelModel_Global(NULL, 1u, &fine, &global), PANEL_MODEL_ERR_ARG);
}

static void test_group_counts(void **state)
{
    (void)state;
    PanelObservation_t obs = Obs(PANEL_OUTCOME_OK, FRESH_MS);
    const uint16_t n[PANEL_PROC_STATUS_COUNT] = {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u};
    for (size_t i = 0u; i < (size_t)PANEL_PROC_STATUS_COUNT; i++)
    {
        obs = WithCount(obs, (PanelProcStatus_t)i, n[i]);
    }
    PanelCounts_t counts;
    assert_int_equal(PanelModel_Group(&obs, &counts), PANEL_MODEL_OK);
    assert_int_equal(counts.up, 2u + 7u);
    assert_int_equal(counts.changing, 1u + 3u + 4u + 5u + 6u);
    assert_int_equal(counts.unknown, 8u);
    assert_int_equal(counts.total, 36u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_rows),
        cmocka_unit_test(test_no_data_row),
        cmocka_unit_test(test_data_rows),
        cmocka_unit_test(test_attention_rows),
        cmocka_unit_test(test_changing_and_healthy_rows),
        cmocka_unit_test(test_classify_rejects_bad_input),
        cmocka_unit_test(test_severity_order),
        cmocka_unit_test(test_global_is_worst_watch),
        cmocka_unit_test(test_global_own_conditions),
        cmocka_unit_test(test_group_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
