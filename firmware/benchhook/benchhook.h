/*
 * Benchmark hooks (FL_TEST_BUILD=1 only; never in a release image). The semihosting command
 * line picks one; each prints `bench: <key> <value>` log lines, read by tests/bench/measure_*.py,
 * and ends the emulator run with its exit code. Times are CMSDK timer0 ticks (Clock_CycleCount):
 * under QEMU -icount shift=0 one tick is 40 guest instructions (or 40 ns of idle virtual time).
 *   "bench parse"    ForgePage_Parse and bare jsmn over the page the host loaded into PSRAM.
 *   "bench tls"      full then resumed TLS handshakes to the provisioned API host (net/tls).
 *   "bench poll"     Forge rounds back to back over one kept-alive connection, timed.
 *   "bench agent N"  the agent's main loop until N rounds, timing each round; then the stack,
 *                    TLS arena and lwIP pool high-water marks.
 */
#ifndef BENCHHOOK_H
#define BENCHHOOK_H

#include <stdbool.h>

typedef enum {
    BENCHHOOK_OK = 0,
    BENCHHOOK_NOT_BENCH,   /* the command is not a bench command: run the firmware normally */
    BENCHHOOK_ERR_INPUT,   /* missing or malformed input (page, configuration, argument) */
    BENCHHOOK_ERR_RUN      /* the measured operation failed */
} BenchhookStatus_t;

/* Runs the bench the command names and ends the run (never returns then); returns false for
 * a command that is not a bench command. */
bool Benchhook_Run(const char *command);

#endif /* BENCHHOOK_H */
