/*
 * Console output helpers over hal/console.h (firmware/console/ only).
 * Promises: text from users or the network is written with every byte outside printable
 * ASCII replaced by '?', so it cannot drive the terminal.
 */
#ifndef CONSOLE_OUT_H
#define CONSOLE_OUT_H

#include <stddef.h>
#include <stdint.h>

void ConsoleOut_Str(const char *text);
/* length bytes, sanitised. */
void ConsoleOut_Text(const char *text, size_t length);
void ConsoleOut_Uint(uint32_t value);
void ConsoleOut_Ipv4(const uint8_t address[4]);
void ConsoleOut_Newline(void);

#endif /* CONSOLE_OUT_H */
