/*
 * Boot self-tests for test builds (FL_TEST_BUILD=1 only; never linked into a release image).
 * The emulator's semihosting command line picks one: "selftest" checks the clock, timer,
 * stack paint and log; "fault" triggers a usage fault to prove the fault path; "panel" and
 * "net <port>" hand over to the panel and network test hooks. Each ends the emulator run with
 * its exit code (the panel hook holds its final state for the host to inspect). An empty command line returns and the firmware runs normally.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

void Selftest_RunFromCommandLine(void);

#endif /* SELFTEST_H */
