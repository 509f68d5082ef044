/*
 * SBCon two-wire controller (bit-banged I2C master) on mps2-an385, private to this board.
 * Register: write +0x0 sets lines, write +0x4 clears lines, read +0x0 returns them;
 * bit 0 = SCL, bit 1 = SDA. Owns: the SBCon lines. Promises: every wait is bounded
 * (I2C_SBCON_ACK_POLLS reads per acknowledge); a transfer always ends with a STOP, even
 * after a NACK; write-only (the displays we drive are never read).
 */
#ifndef I2C_SBCON_H
#define I2C_SBCON_H

#include "board_config.h"

#include <stddef.h>
#include <stdint.h>

/* The SBCon instance the display is wired to (QEMU attaches -device ssd0303 here). */
#ifndef I2C_SBCON_BASE
#define I2C_SBCON_BASE 0x4002A000u
#endif
/* Register reads spent per half clock period (sets the bus speed; QEMU needs none). */
#ifndef I2C_SBCON_HALF_PERIOD_READS
#define I2C_SBCON_HALF_PERIOD_READS 1u
#endif
/* Reads of SDA while waiting for an acknowledge before giving up. */
#ifndef I2C_SBCON_ACK_POLLS
#define I2C_SBCON_ACK_POLLS 4u
#endif
/* Clock pulses sent at start-up to free a slave stuck mid-byte. */
#define I2C_SBCON_BUS_CLEAR_CLOCKS 9u

typedef enum
{
    I2C_SBCON_OK = 0,
    I2C_SBCON_NACK, /* address or data byte not acknowledged: device absent or busy */
    I2C_SBCON_ERR_ARG
} I2cSbconStatus_t;

/* Release both lines and clear the bus (9 clocks, STOP). */
void I2cSbcon_Init(void);

/* START, address (write), head bytes, data bytes, STOP. Either buffer may be empty. */
I2cSbconStatus_t I2cSbcon_Write(uint8_t address7, const uint8_t head[], size_t head_len, const uint8_t data[],
                                size_t data_len);

#endif /* I2C_SBCON_H */
