/*
 * Panel QEMU test hook (test builds only): `panel` on the semihosting command line.
 * Drives the real LED and display drivers through a short scripted sequence, then holds a
 * fixed final state for the host to inspect over QMP (LED0 register, screendump):
 *   0 .. PANEL_SELFTEST_PHASE_MS      both watches NO_DATA (LED0 and LED1 blink code 1)
 *   then, until reset                 "web-1" HEALTHY 12 running age 3s, "api" HEALTHY:
 *                                     LED register 0x3, display = golden summary_healthy.pbm
 * Prints "[panel] selftest display=<0|1> t=<ms>ms ready" when the final state is shown. Never returns.
 */
#ifndef PANEL_SELFTEST_H
#define PANEL_SELFTEST_H

#if !FL_TEST_BUILD
#error "the panel self-test is for test builds only"
#endif

#ifndef PANEL_SELFTEST_PHASE_MS
#define PANEL_SELFTEST_PHASE_MS 2000u
#endif

void PanelSelftest_Run(void);

#endif /* PANEL_SELFTEST_H */
