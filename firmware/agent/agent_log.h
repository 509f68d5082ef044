/*
 * AgentLog: the agent's log lines — start-up, network events, one line per poll round, and
 * the console's status line. Promises: nothing secret is ever passed in (the token stays in
 * the configuration), and text from the server goes through the log's sanitiser.
 */
#ifndef AGENT_LOG_H
#define AGENT_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/agent/agent_watch.h"
#include "firmware/forge/forge_client.h"
#include "net/https/https_transport.h"
#include "net/stack/net_stack.h"
#include "net/tls/tls_client.h"

/* reason: the failure's name (Agent_StatusName) when !ok. */
void AgentLog_Start(bool ok, const char *reason, size_t watches, uint32_t interval_s);
void AgentLog_Tls(const char *what, TlsClientStatus_t status);
void AgentLog_NetEvent(NetEvent_t event);
void AgentLog_Round(const char *label, const ForgeClientResult_t *result, HttpsFailure_t failure,
                    const AgentWatch_t *watch, uint32_t elapsed_ms, const HttpsTransport_t *https);
size_t AgentLog_StatusLine(char *buffer, size_t capacity, bool running, uint32_t polls, size_t watches,
                           const HttpsTransport_t *https);

#endif /* AGENT_LOG_H */
