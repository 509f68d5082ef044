/*
 * Console: the board's debug UART, byte-oriented and polled.
 * Owns: the UART hardware. Promises: Console_Write never blocks longer than
 * HAL_CONSOLE_TX_SPIN_LIMIT polls per byte (a stuck UART drops bytes, it does not hang),
 * and is safe to call from a fault handler.
 */
#ifndef HAL_CONSOLE_H
#define HAL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum
{
    CONSOLE_OK = 0,
    CONSOLE_NO_DATA,
    CONSOLE_DROPPED
} ConsoleStatus_t;

/* Configure the UART (baud divisor, enable TX and RX). Idempotent. */
void Console_Init(void);

/* Write len bytes; CONSOLE_DROPPED if the transmitter stayed busy past the bound. */
ConsoleStatus_t Console_Write(const uint8_t *data, size_t len);

/* Non-blocking read of one received byte. */
ConsoleStatus_t Console_ReadByte(uint8_t *byte);

/* True when the console is a terminal that understands ANSI colour (board/host decides). */
bool Console_IsTerminal(void);

#endif /* HAL_CONSOLE_H */
