/*
 * bench_agent: `bench agent N`. Runs the agent's main loop (as firmware/app/main.c does, with
 * the panel) on the provisioned configuration until N rounds were logged, timing every
 * Agent_Step that ran a round and the first panel line with a real state (and how much of
 * the time before it the loop spent idle, waiting for the schedule); then reports the RAM
 * high-water marks (bench_mem) and ends the run. Timer0 wraps after 171 s: the first state
 * must come before that.
 */
#ifndef BENCH_AGENT_H
#define BENCH_AGENT_H

#include <stdint.h>

#include "firmware/benchhook/benchhook.h"

BenchhookStatus_t BenchAgent_Run(uint32_t rounds);

#endif /* BENCH_AGENT_H */
