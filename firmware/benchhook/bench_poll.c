/* bench_poll: Forge rounds back to back over a kept-alive connection, timed (elapsed and idle). */
#include "firmware/benchhook/bench_poll.h"

#include <stdbool.h>
#include <stdint.h>

#include "firmware/benchhook/bench_net.h"
#include "firmware/benchhook/bench_out.h"
#include "firmware/benchhook/benchhook_config.h"
#include "firmware/config/config.h"
#include "firmware/forge/forge_client.h"
#include "firmware/forge/forge_paging.h"
#include "hal/clock.h"
#include "hal/system.h"
#include "net/http/http_client.h"
#include "net/https/https_transport.h"

#if !FL_TEST_BUILD
#error "bench hooks are for test builds only"
#endif

#define SERVER_TEXT_SIZE 11u

static HttpsTransport_t g_https;
static ForgeClient_t g_forge;
static ForgePaging_t g_paging;
static char g_server[SERVER_TEXT_SIZE];

static bool may_request(void *context)
{
    (void)context;
    return true;
}

static uint32_t http_clock(void *context)
{
    (void)context;
    return Clock_NowMs();
}

static void decimal(uint32_t value, char out[SERVER_TEXT_SIZE])
{
    char digits[SERVER_TEXT_SIZE];
    size_t count = 0u;
    uint32_t rest = value;
    do
    {
        digits[count] = "0123456789"[rest % 10u];
        rest /= 10u;
        count++;
    } while ((rest != 0u) && (count < (SERVER_TEXT_SIZE - 1u)));
    for (size_t i = 0u; i < count; i++)
    {
        out[i] = digits[count - 1u - i];
    }
    out[count] = '\0';
}

static bool one_round(const ConfigData_t *config, uint32_t round)
{
    const ConfigWatch_t *watch = &config->watches[0];
    static ForgeClientResult_t result;
    const ForgeClientWatch_t forge_watch = {config->organization, config->token, g_server, watch->sort,
                                            watch->filter_user, "", watch->filter_directory};
    const uint32_t i0 = System_IdleTicks();
    const uint32_t t0 = Clock_CycleCount();
    const ForgeClientStatus_t status =
        ForgeClient_FetchRound(&g_forge, &forge_watch, &g_paging, may_request, NULL, &result);
    const uint32_t ticks = Clock_CycleCount() - t0;
    const uint32_t idle = System_IdleTicks() - i0;
    BenchOut_Figure("poll_round", round);
    BenchOut_Figure("poll_status", (uint32_t)status);
    BenchOut_Figure("poll_ticks", ticks);
    BenchOut_Figure("poll_idle_ticks", idle);
    BenchOut_Figure("poll_pages", result.pages);
    BenchOut_Figure("poll_requests", result.requests);
    BenchOut_Figure("poll_page_size", result.page_size);
    BenchOut_Figure("poll_handshakes_full", g_https.handshakes_full);
    BenchOut_Figure("poll_handshakes_resumed", g_https.handshakes_resumed);
    return status == FORGE_CLIENT_OK;
}

BenchhookStatus_t BenchPoll_Run(void)
{
    static HttpTransport_t transport;
    static HttpClient_t http;
    BenchhookStatus_t status = BENCHHOOK_ERR_INPUT;
    const ConfigData_t *config = (Config_Init() == CONFIG_OK) ? Config_Active() : NULL;
    if ((config == NULL) || (config->watch_count == 0u))
    {
        BenchOut_Note("not provisioned, or no watch");
    }
    else if (!BenchNet_Start(config))
    {
        BenchOut_Note("network, time or TLS set-up failed");
        status = BENCHHOOK_ERR_RUN;
    }
    else
    {
        HttpsTransport_Init(&g_https, BenchNet_Tls(), &transport);
        const HttpClientConfig_t http_config = {&transport, http_clock, NULL, config->api_host,
                                                (uint16_t)BENCH_API_PORT};
        decimal(config->watches[0].server_id, g_server);
        ForgePaging_InitSize(&g_paging, config->watches[0].page_size);
        status = ((HttpClient_Init(&http, &http_config) == HTTP_CLIENT_OK) &&
                  (ForgeClient_Init(&g_forge, &http) == FORGE_CLIENT_OK)) ? BENCHHOOK_OK : BENCHHOOK_ERR_RUN;
        for (uint32_t round = 0u; (round < BENCH_POLL_ROUNDS) && (status == BENCHHOOK_OK); round++)
        {
            status = one_round(config, round) ? BENCHHOOK_OK : BENCHHOOK_ERR_RUN;
        }
    }
    return status;
}
