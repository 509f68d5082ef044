/*
 * Arm semihosting calls (test builds only: board.mk links semihosting.c into the test
 * variant alone, so a release image has no way to end an emulator run).
 */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

/* SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit and `code`. */
void Semihosting_Exit(uint32_t code);

/* SYS_GET_CMDLINE into buffer (always NUL-terminated); returns the length, 0 when none. */
size_t Semihosting_CommandLine(char *buffer, size_t capacity);

#endif /* SEMIHOSTING_H */
