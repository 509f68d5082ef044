/* The agent's log lines. */
#include "firmware/agent/agent_log.h"

#include "firmware/log/log.h"
#include "firmware/panel/panel_text.h"
#include "net/stack/net_time.h"
#include "net/tls/tls_arena.h"

#define TAG "agent"

void AgentLog_Start(bool ok, const char *reason, size_t watches, uint32_t interval_s)
{
    LogLine_t line;
    Log_Begin(&line, ok ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, TAG);
    if (ok) {
        Log_Str(&line, "started: ");
    } else {
        Log_Str(&line, "FAILED to start (");
        Log_Str(&line, reason);
        Log_Str(&line, "): ");
    }
    Log_Uint(&line, (uint32_t)watches);
    Log_Str(&line, " watches, every ");
    Log_Uint(&line, interval_s);
    Log_Str(&line, " s");
    Log_End(&line);
}

void AgentLog_Tls(const char *what, TlsClientStatus_t status)
{
    LogLine_t line;
    Log_Begin(&line, (status == TLS_CLIENT_OK) ? LOG_LEVEL_INFO : LOG_LEVEL_ERROR, "tls");
    Log_Str(&line, what);
    Log_Str(&line, ": ");
    Log_Str(&line, TlsClient_StatusName(status));
    Log_End(&line);
}

void AgentLog_NetEvent(NetEvent_t event)
{
    const char *text = "event";
    LogLevel_t level = LOG_LEVEL_INFO;
    switch (event) {
    case NET_EVENT_LINK_UP:       text = "link up"; break;
    case NET_EVENT_LINK_DOWN:     text = "link down"; level = LOG_LEVEL_WARN; break;
    case NET_EVENT_ADDRESS_UP:    text = "address up"; break;
    case NET_EVENT_ADDRESS_DOWN:  text = "address down"; level = LOG_LEVEL_WARN; break;
    case NET_EVENT_TIME_SET:      text = "time set"; break;
    case NET_EVENT_TIME_REJECTED: text = "time rejected (below build floor)"; level = LOG_LEVEL_WARN; break;
    default:                      text = "event"; break;
    }
    LogLine_t line;
    Log_Begin(&line, level, "net");
    Log_Str(&line, text);
    if (event == NET_EVENT_TIME_SET) {
        uint32_t unix_s = 0u;
        uint32_t ms = 0u;
        if (NetTime_Now(&unix_s, &ms) == NET_TIME_OK) {
            Log_Str(&line, " ");
            Log_Uint(&line, unix_s);
        }
    }
    Log_End(&line);
}

static void LogFailureDetail(LogLine_t *line, const ForgeClientResult_t *result, HttpsFailure_t failure,
                             const HttpsTransport_t *https)
{
    if (result->status == FORGE_CLIENT_ERR_API) {
        Log_Str(line, " ");
        Log_Uint(line, result->http_status);
        Log_Str(line, " ");
        Log_Str(line, ForgeError_ResultName(result->api_result));
        if (result->error.has_message) {
            Log_Str(line, " \"");
            Log_StrN(line, result->error.message, sizeof result->error.message);
            Log_Str(line, "\"");
        }
        if (result->meta.has_retry_after) {
            Log_Str(line, " retry-after ");
            Log_Uint(line, result->meta.retry_after_s);
        }
    } else if (result->status == FORGE_CLIENT_ERR_TRANSPORT) {
        Log_Str(line, " (");
        Log_Str(line, HttpsTransport_FailureName(failure));
        Log_Str(line, ": tcp ");
        Log_Str(line, TcpConn_StatusName(https->last_tcp));
        Log_Str(line, ", tls ");
        Log_Str(line, TlsClient_StatusName(https->last_tls));
        Log_Str(line, ")"); /* HttpClient_StatusName would repeat it and cost the line's tail */
    } else if (result->status == FORGE_CLIENT_ERR_PARSE) {
        Log_Str(line, ": ");
        Log_Str(line, ForgePage_StatusName(result->page));
    } else if (result->status == FORGE_CLIENT_ERR_PROTOCOL) {
        Log_Str(line, ": http: ");
        Log_Str(line, HttpResponse_StatusName(result->response));
    } else {
        /* the status name says it all */
    }
}

void AgentLog_Round(const char *label, const ForgeClientResult_t *result, HttpsFailure_t failure,
                    const AgentWatch_t *watch, uint32_t elapsed_ms, const HttpsTransport_t *https)
{
    LogLine_t line;
    const bool ok = (result->status == FORGE_CLIENT_OK);
    Log_Begin(&line, ok ? LOG_LEVEL_INFO : LOG_LEVEL_WARN, "poll");
    Log_Str(&line, label);
    Log_Str(&line, ": ");
    Log_Str(&line, ForgeClient_StatusName(result->status));
    if (ok) {
        Log_Str(&line, " 200, ");
        Log_Uint(&line, watch->total);
        Log_Str(&line, " processes");
        if (result->tolerated > 0u) {
            Log_Str(&line, ", ");
            Log_Uint(&line, result->tolerated);
            Log_Str(&line, " fields tolerated");
        }
    } else {
        LogFailureDetail(&line, result, failure, https);
    }
    Log_Str(&line, "; ");
    Log_Uint(&line, result->pages);
    Log_Str(&line, " pages, ");
    Log_Uint(&line, result->requests);
    Log_Str(&line, " requests, ");
    Log_Uint(&line, elapsed_ms);
    Log_Str(&line, " ms; handshakes ");
    Log_Uint(&line, https->handshakes_full);
    Log_Str(&line, " full ");
    Log_Uint(&line, https->handshakes_resumed);
    Log_Str(&line, " resumed");
    Log_End(&line);
}

size_t AgentLog_StatusLine(char *buffer, size_t capacity, bool running, uint32_t polls, size_t watches,
                           const HttpsTransport_t *https)
{
    size_t len = 0u;
    if ((buffer != NULL) && (capacity > 0u)) {
        TlsArenaUsage_t arena;
        TlsArena_GetUsage(&arena);
        PanelText_t text;
        PanelText_Init(buffer, capacity - 1u, &text); /* one byte kept for the NUL */
        PanelText_AppendStr(&text, running ? "agent running, " : "agent stopped, ");
        PanelText_AppendUint(&text, (uint32_t)watches);
        PanelText_AppendStr(&text, " watches, ");
        PanelText_AppendUint(&text, polls);
        PanelText_AppendStr(&text, " polls, link ");
        PanelText_AppendStr(&text, NetStack_LinkUp() ? "up" : "down");
        PanelText_AppendStr(&text, ", address ");
        PanelText_AppendStr(&text, NetStack_AddressUp() ? "up" : "down");
        PanelText_AppendStr(&text, ", time ");
        PanelText_AppendStr(&text, NetTime_IsSet() ? "set" : "unset");
        PanelText_AppendStr(&text, ", handshakes ");
        PanelText_AppendUint(&text, https->handshakes_full);
        PanelText_AppendStr(&text, "+");
        PanelText_AppendUint(&text, https->handshakes_resumed);
        PanelText_AppendStr(&text, ", tls arena peak ");
        PanelText_AppendUint(&text, (uint32_t)arena.peak_bytes);
        len = text.len;
        buffer[len] = '\0';
    }
    return len;
}
