/*
 * AgentStats: the periodic `stats:` log line for long runs (soak): poll counts, TLS handshakes,
 * the mbedTLS arena, lwIP heap and pool high-waters, the painted-stack high-water and the CPU
 * load since the previous line (cpu_busy_ppm: time not in System_Idle).
 * Owns: nothing but its counters' text. Promises: three bounded lines (counts, memory, lwIP pools), no secrets, read-only.
 */
#ifndef AGENT_STATS_H
#define AGENT_STATS_H

#include <stdint.h>

typedef struct
{
    uint32_t polls;
    uint32_t polls_ok;
    uint32_t handshakes_full;
    uint32_t handshakes_resumed;
} AgentStatsCounts_t;

void AgentStats_Log(const AgentStatsCounts_t *counts);

#endif /* AGENT_STATS_H */
