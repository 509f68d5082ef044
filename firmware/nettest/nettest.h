/*
 * Nettest: the QEMU network bring-up test hook (test builds only). Command "net <port>":
 * link, DHCP lease, DNS of forge.laravel.com, SNTP, a TCP round trip to 192.0.2.1:<port>,
 * then lwIP pool high-waters; ends the emulator run with 0 on success, 1 on the first failure.
 * Owns: nothing after it returns. Promises: every step is bounded by its own timeout.
 */
#ifndef NETTEST_H
#define NETTEST_H

#include <stdbool.h>

/* Runs the test if command is one of ours (never returns then); false if it is not ours. */
bool Nettest_Run(const char *command);

#endif /* NETTEST_H */
