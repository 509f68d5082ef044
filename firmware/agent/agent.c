/* The agent loop: network up, scheduled Forge rounds, panel refresh. */
#include "firmware/agent/agent.h"

#include <stdbool.h>
#include <string.h>

#include "firmware/agent/agent_config.h"
#include "firmware/agent/agent_log.h"
#include "firmware/agent/agent_stats.h"
#include "firmware/agent/agent_watch.h"
#include "firmware/forge/forge_client.h"
#include "firmware/log/log.h"
#include "firmware/panel/panel.h"
#include "firmware/sched/sched.h"
#include "hal/clock.h"
#include "hal/watchdog.h"
#include "net/http/http_client.h"
#include "net/https/https_transport.h"
#include "net/stack/net_stack.h"
#include "net/stack/net_time.h"
#include "net/tls/tls_client.h"
#include "net/tls/tls_time.h"

#define SERVER_TEXT_SIZE 11u /* 4294967295 and NUL */

typedef struct
{
    const ConfigData_t *config;
    TlsClient_t tls;
    HttpsTransport_t https;
    HttpTransport_t transport;
    HttpClient_t http;
    ForgeClient_t forge;
    Sched_t sched;
    ForgeClientResult_t result;
    AgentWatch_t watches[AGENT_MAX_WATCHES];
    char server_text[AGENT_MAX_WATCHES][SERVER_TEXT_SIZE];
    char site_text[AGENT_MAX_WATCHES][SERVER_TEXT_SIZE];
    char label[AGENT_MAX_WATCHES][CONFIG_LABEL_SIZE];
    PanelWatchInput_t panel_inputs[AGENT_MAX_WATCHES];
    size_t watch_count;
    size_t sched_index[AGENT_MAX_WATCHES];
    uint32_t last_panel_ms;
    uint32_t polls;
    uint32_t polls_ok;
    uint32_t round_allowed;  /* requests the budget allowed in the round in progress */
    bool running;
} Agent_t;

static Agent_t g_agent;

static uint32_t Random32(void)
{
    uint8_t bytes[4] = {0u, 0u, 0u, 0u};
    (void)TlsRng_Random(&g_agent.tls.rng, bytes, sizeof bytes);
    return ((uint32_t)bytes[0] << 24u) | ((uint32_t)bytes[1] << 16u) | ((uint32_t)bytes[2] << 8u) |
           (uint32_t)bytes[3];
}

static void NetworkConfig(const ConfigNetwork_t *net, NetStackConfig_t *out)
{
    NetStack_DefaultConfig(out);
    out->use_dhcp = (net->mode == CONFIG_NET_DHCP);
    for (size_t i = 0u; i < NET_IP4_OCTETS; i++) {
        out->address.octet[i] = net->address[i];
        out->netmask.octet[i] = net->netmask[i];
        out->gateway.octet[i] = net->gateway[i];
        out->dns[0].octet[i] = net->dns[i];
    }
    (void)memcpy(out->ntp_server, net->sntp, sizeof out->ntp_server - 1u);
    out->ntp_server[sizeof out->ntp_server - 1u] = '\0';
    _Static_assert(sizeof out->mac == sizeof net->mac, "configured MAC and driver MAC differ in size");
    if (net->has_mac) {
        (void)memcpy(out->mac, net->mac, sizeof out->mac);
    }
}

static AgentStatus_t StartTls(const ConfigData_t *config)
{
    /* the anchors stay in place in the store slot in use */
    const TlsClientConfig_t tls_config = {config->anchors, config->anchor_count, config->api_host,
                                          config->has_seed ? config->seed : NULL,
                                          config->has_seed ? sizeof config->seed : 0u};
    TlsTime_SetWallClock(NetTime_WallClock);
    const TlsClientStatus_t status = TlsClient_Init(&g_agent.tls, &tls_config);
    AgentLog_Tls("tls init", status);
    return (status == TLS_CLIENT_OK) ? AGENT_OK : AGENT_ERR_TLS;
}

_Static_assert(CONFIG_MAX_ANCHORS <= TLS_MAX_TRUST_ANCHORS, "the TLS client takes every configured anchor");

void Agent_ReloadAnchors(void)
{
    if (g_agent.running) {
        HttpClient_Close(&g_agent.http);
        const TlsClientStatus_t status = TlsClient_SetAnchors(&g_agent.tls, g_agent.config->anchors,
                                                              g_agent.config->anchor_count);
        AgentLog_Tls("tls anchors reloaded", status);
        Agent_ConfigChanged(); /* a watch refused under the old anchors retries now */
    }
}

ConfigStatus_t Agent_CheckAnchor(const TlsTrustAnchor_t *anchor)
{
    Watchdog_Feed(); /* one signature check per call (a P-384 root: about 3 s at 25 MHz) */
    TlsClientStatus_t status = TlsClient_CheckAnchor(anchor);
    if ((status == TLS_CLIENT_OUT_OF_MEMORY) && g_agent.running) {
        HttpClient_Close(&g_agent.http); /* the record buffers of an idle connection back to the arena */
        status = TlsClient_CheckAnchor(anchor);
    }
    ConfigStatus_t result = CONFIG_ERR_DER;
    if (status == TLS_CLIENT_OK) {
        result = CONFIG_OK;
    } else if (status == TLS_CLIENT_OUT_OF_MEMORY) {
        result = CONFIG_ERR_BUSY;
    } else {
        result = CONFIG_ERR_DER;
    }
    return result;
}

static uint32_t HttpClock(void *context)
{
    (void)context;
    return Clock_NowMs();
}

static AgentStatus_t StartHttp(const ConfigData_t *config)
{
    HttpsTransport_Init(&g_agent.https, &g_agent.tls, &g_agent.transport);
    const HttpClientConfig_t http_config = {&g_agent.transport, HttpClock, NULL, config->api_host,
                                            (uint16_t)AGENT_API_PORT};
    AgentStatus_t status = AGENT_ERR_ARG;
    if ((HttpClient_Init(&g_agent.http, &http_config) == HTTP_CLIENT_OK) &&
        (ForgeClient_Init(&g_agent.forge, &g_agent.http) == FORGE_CLIENT_OK)) {
        ForgeClient_SetLabeler(&g_agent.forge, AgentWatch_CommandLabel);
        status = AGENT_OK;
    }
    return status;
}

static AgentStatus_t StartSchedule(const ConfigData_t *config, uint32_t now_ms)
{
    AgentStatus_t status = AGENT_OK;
    if (Sched_Init(&g_agent.sched, SCHED_BUDGET_PER_MIN, SCHED_BUDGET_HEADROOM) != SCHED_OK) {
        status = AGENT_ERR_SCHEDULE;
    }
    g_agent.watch_count = (config->watch_count < AGENT_MAX_WATCHES) ? config->watch_count : AGENT_MAX_WATCHES;
    for (size_t i = 0u; (i < g_agent.watch_count) && (status == AGENT_OK); i++) {
        const ConfigWatch_t *watch = &config->watches[i];
        AgentWatch_Init(&g_agent.watches[i], watch->has_expected, watch->expected, watch->page_size);
        (void)Log_FormatUint(watch->server_id, g_agent.server_text[i], SERVER_TEXT_SIZE);
        g_agent.site_text[i][0] = '\0';
        if (watch->site_id != 0u) {
            (void)Log_FormatUint(watch->site_id, g_agent.site_text[i], SERVER_TEXT_SIZE);
        }
        const char *shown = g_agent.server_text[i];
        if (strlen(watch->label) > 0u) {
            shown = watch->label;
        }
        (void)memcpy(g_agent.label[i], shown, sizeof g_agent.label[i] - 1u);
        g_agent.label[i][sizeof g_agent.label[i] - 1u] = '\0';
        if (Sched_AddWatch(&g_agent.sched, now_ms, config->poll_interval_s * 1000u, Random32(),
                           &g_agent.sched_index[i]) != SCHED_OK) {
            status = AGENT_ERR_SCHEDULE;
        }
    }
    return status;
}

AgentStatus_t Agent_Init(const ConfigData_t *config)
{
    AgentStatus_t status = AGENT_ERR_ARG;
    (void)memset(&g_agent, 0, sizeof g_agent);
    if (config != NULL) {
        g_agent.config = config;
        NetStackConfig_t net_config;
        NetworkConfig(&config->network, &net_config);
        status = (NetStack_Init(&net_config, AgentLog_NetEvent) == NET_STACK_OK) ? AGENT_OK : AGENT_ERR_NETWORK;
        if (status == AGENT_OK) {
            status = StartTls(config);
        }
        if (status == AGENT_OK) {
            status = StartHttp(config);
        }
        if (status == AGENT_OK) {
            status = StartSchedule(config, Clock_NowMs());
        }
        g_agent.running = (status == AGENT_OK);
        AgentLog_Start(status == AGENT_OK, Agent_StatusName(status), g_agent.watch_count, config->poll_interval_s);
    }
    return status;
}

static bool MayRequest(void *context)
{
    /* cppcheck-suppress misra-c2012-11.5 ; DEV-004 context registered as the Sched_t in PollWatch */
    Sched_t *sched = (Sched_t *)context;
    const uint32_t now = Clock_NowMs();
    bool allowed = Sched_MayRequest(sched, now);
    if (allowed) {
        Sched_OnRequest(sched, now);
        g_agent.round_allowed++;
    }
    return allowed;
}

static SchedOutcome_t SchedOutcomeOf(const ForgeClientResult_t *result)
{
    SchedOutcome_t outcome = SCHED_OUTCOME_ERROR;
    if (result->status == FORGE_CLIENT_OK) {
        outcome = SCHED_OUTCOME_OK;
    } else if (result->status == FORGE_CLIENT_DEFERRED) {
        outcome = SCHED_OUTCOME_DEFERRED;
    } else if ((result->status == FORGE_CLIENT_ERR_API) && (result->api_result == FORGE_RESULT_RATE_LIMITED)) {
        outcome = SCHED_OUTCOME_RATE_LIMITED;
    } else if ((result->status == FORGE_CLIENT_ERR_API) &&
               ((result->api_result == FORGE_RESULT_UNAUTHORIZED) || (result->api_result == FORGE_RESULT_FORBIDDEN) ||
                (result->api_result == FORGE_RESULT_NOT_FOUND))) {
        outcome = SCHED_OUTCOME_PERMANENT; /* only a new token or watch configuration helps */
    } else {
        /* network, TLS, 5xx, malformed HTTP or JSON, another API answer: transient */
    }
    return outcome;
}

static void ReportResponse(const ForgeClientResult_t *result, uint32_t now_ms)
{
    const HttpResponseMeta_t *meta = &result->meta;
    if (result->http_status != 0u) {
        SchedResponse_t response;
        (void)memset(&response, 0, sizeof response);
        response.rate_limited = (result->http_status == 429u);
        response.has_retry_after = meta->has_retry_after;
        response.retry_after_s = meta->retry_after_s;
        response.has_remaining = meta->has_ratelimit_remaining;
        response.remaining = meta->ratelimit_remaining;
        if (meta->has_ratelimit_reset && meta->has_date) {
            response.has_reset_delay = true;
            response.reset_delay_ms = (meta->ratelimit_reset > meta->date_unix)
                                          ? ((meta->ratelimit_reset - meta->date_unix) * 1000u)
                                          : 0u;
        }
        Sched_OnResponse(&g_agent.sched, now_ms, &response);
    }
}

static void PollWatch(size_t i)
{
    const ConfigData_t *config = g_agent.config;
    const ConfigWatch_t *watch = &config->watches[i];
    const ForgeClientWatch_t forge_watch = {config->organization, config->token, g_agent.server_text[i],
                                            watch->sort, watch->filter_user, g_agent.site_text[i],
                                            watch->filter_directory};
    const uint32_t start = Clock_NowMs();
    g_agent.round_allowed = 0u;
    (void)ForgeClient_FetchRound(&g_agent.forge, &forge_watch, &g_agent.watches[i].paging, MayRequest,
                                 &g_agent.sched, &g_agent.result);
    const uint32_t end = Clock_NowMs();
    /* A page the HTTP client retried on a fresh connection went out twice: the budget counts
     * every request sent (one that never went out stays counted: the safe side). */
    for (uint32_t extra = g_agent.round_allowed;
         (extra < g_agent.result.requests) && (extra < AGENT_ROUND_REQUESTS_MAX); extra++) {
        Sched_OnRequest(&g_agent.sched, end);
    }
    const HttpsFailure_t failure = HttpsTransport_LastFailure(&g_agent.https);
    (void)AgentWatch_Apply(&g_agent.watches[i], &g_agent.result, failure, ForgeClient_Published(&g_agent.forge),
                           end);
    ReportResponse(&g_agent.result, end);
    (void)Sched_OnRoundEnd(&g_agent.sched, end, g_agent.sched_index[i], SchedOutcomeOf(&g_agent.result),
                           Random32());
    g_agent.polls++;
    if (g_agent.result.status == FORGE_CLIENT_OK) {
        g_agent.polls_ok++;
    }
    AgentLog_Round(g_agent.label[i], &g_agent.result, failure, &g_agent.watches[i], Clock_ElapsedMs(end, start),
                   &g_agent.https);
    if ((g_agent.polls % AGENT_STATS_EVERY_POLLS) == 0u) {
        const AgentStatsCounts_t counts = {g_agent.polls, g_agent.polls_ok, g_agent.https.handshakes_full,
                                           g_agent.https.handshakes_resumed};
        AgentStats_Log(&counts);
    }
}

static void UpdatePanel(uint32_t now_ms)
{
    for (size_t i = 0u; i < g_agent.watch_count; i++) {
        AgentWatch_PanelInput(&g_agent.watches[i], g_agent.label[i], now_ms, &g_agent.panel_inputs[i]);
    }
    const PanelSelf_t self = {NetStack_LinkUp(), NetStack_AddressUp()};
    (void)Panel_Update(g_agent.panel_inputs, g_agent.watch_count, &self, now_ms);
    g_agent.last_panel_ms = now_ms;
}

static bool NetworkReady(void)
{
    return NetStack_LinkUp() && NetStack_AddressUp();
}

static void MarkNetwork(bool ready)
{
    for (size_t i = 0u; i < g_agent.watch_count; i++) {
        AgentWatch_SetNetworkDown(&g_agent.watches[i], !ready);
    }
}

static void PollDue(size_t due)
{
    for (size_t i = 0u; i < g_agent.watch_count; i++) {
        if (g_agent.sched_index[i] == due) {
            PollWatch(i);
        }
    }
}

/* Network and at most one round; returns how long the loop may sleep. */
static uint32_t StepPolls(uint32_t now_ms)
{
    uint32_t sleep_ms = AGENT_PANEL_PERIOD_MS;
    size_t due = 0u;
    NetStack_Poll();
    const bool ready = NetworkReady();
    MarkNetwork(ready);
    if (ready && NetTime_IsSet()) {
        if (Sched_NextDue(&g_agent.sched, now_ms, &due) == SCHED_OK) {
            PollDue(due);
            sleep_ms = 0u;
        } else {
            const uint32_t until = Sched_MsUntilNext(&g_agent.sched, now_ms);
            if (until < sleep_ms) {
                sleep_ms = until;
            }
        }
    }
    return sleep_ms;
}

uint32_t Agent_Step(uint32_t now_ms)
{
    uint32_t sleep_ms = AGENT_PANEL_PERIOD_MS;
    if (g_agent.running) {
        sleep_ms = StepPolls(now_ms);
    }
    const uint32_t now = Clock_NowMs();
    if ((Clock_ElapsedMs(now, g_agent.last_panel_ms) >= AGENT_PANEL_PERIOD_MS) || (sleep_ms == 0u)) {
        UpdatePanel(now);
    }
    return sleep_ms;
}

void Agent_ConfigChanged(void)
{
    if (g_agent.running) {
        const uint32_t now = Clock_NowMs();
        for (size_t i = 0u; i < g_agent.watch_count; i++) {
            (void)Sched_RetryNow(&g_agent.sched, now, g_agent.sched_index[i]);
        }
    }
}

const char *Agent_StatusName(AgentStatus_t status)
{
    static const char *const names[AGENT_STATUS_COUNT] = {
        "ok", "bad argument", "network did not start", "trust anchors or seed unusable",
        "watches not schedulable",
    };
    const char *name = "unknown agent status";
    if (((uint32_t)status) < (uint32_t)AGENT_STATUS_COUNT) {
        name = names[status];
    }
    return name;
}

void Agent_ShowUnconfigured(uint32_t now_ms)
{
    const PanelSelf_t self = {false, false};
    (void)Panel_Update(NULL, 0u, &self, now_ms);
}

size_t Agent_StatusLine(char *buffer, size_t capacity)
{
    return AgentLog_StatusLine(buffer, capacity, g_agent.running, g_agent.polls, g_agent.watch_count,
                               &g_agent.https);
}
