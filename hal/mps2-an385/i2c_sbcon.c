/* SBCon bit-banged I2C master: START/STOP, bytes MSB first, bounded ACK wait. */
#include "i2c_sbcon.h"

#include <stdbool.h>

#include "mps2_regs.h"

#define REG_CONTROL (I2C_SBCON_BASE + 0x0u) /* read: lines; write: set */
#define REG_CLEAR (I2C_SBCON_BASE + 0x4u)
#define LINE_SCL 0x1u
#define LINE_SDA 0x2u
#define ADDRESS_MAX 0x7Fu
#define BYTE_BITS 8u
#define BYTE_MSB 0x80u

static void HalfPeriod(void)
{
    for (uint32_t i = 0u; i < I2C_SBCON_HALF_PERIOD_READS; i++)
    {
        (void)Mps2_Read32(REG_CONTROL);
    }
}

static void Line(uint32_t line, bool high)
{
    if (high)
    {
        Mps2_Write32(REG_CONTROL, line);
    }
    else
    {
        Mps2_Write32(REG_CLEAR, line);
    }
    HalfPeriod();
}

static void Start(void)
{
    Line(LINE_SDA, true);
    Line(LINE_SCL, true);
    Line(LINE_SDA, false);
    Line(LINE_SCL, false);
}

static void Stop(void)
{
    Line(LINE_SDA, false);
    Line(LINE_SCL, true);
    Line(LINE_SDA, true);
}

/* Clock one byte out, then release SDA and wait (bounded) for the slave to pull it low. */
static bool WriteByte(uint8_t byte)
{
    uint32_t bits = (uint32_t)byte;
    for (uint32_t i = 0u; i < BYTE_BITS; i++)
    {
        Line(LINE_SDA, (bits & BYTE_MSB) != 0u);
        Line(LINE_SCL, true);
        Line(LINE_SCL, false);
        bits <<= 1u;
    }
    Line(LINE_SDA, true);
    Line(LINE_SCL, true);
    bool ack = false;
    for (uint32_t poll = 0u; (!ack) && (poll < I2C_SBCON_ACK_POLLS); poll++)
    {
        ack = (Mps2_Read32(REG_CONTROL) & LINE_SDA) == 0u;
    }
    Line(LINE_SCL, false);
    return ack;
}

static bool WriteBytes(const uint8_t bytes[], size_t len)
{
    bool ack = true;
    for (size_t i = 0u; ack && (i < len); i++)
    {
        ack = WriteByte(bytes[i]);
    }
    return ack;
}

void I2cSbcon_Init(void)
{
    Line(LINE_SDA, true);
    for (uint32_t i = 0u; i < I2C_SBCON_BUS_CLEAR_CLOCKS; i++)
    {
        Line(LINE_SCL, false);
        Line(LINE_SCL, true);
    }
    Line(LINE_SCL, false);
    Stop();
}

I2cSbconStatus_t I2cSbcon_Write(uint8_t address7, const uint8_t head[], size_t head_len, const uint8_t data[],
                                size_t data_len)
{
    I2cSbconStatus_t status = I2C_SBCON_ERR_ARG;
    if ((address7 <= ADDRESS_MAX) && ((head != NULL) || (head_len == 0u)) && ((data != NULL) || (data_len == 0u)))
    {
        Start();
        bool ack = WriteByte((uint8_t)((uint32_t)address7 << 1u));
        ack = ack && WriteBytes(head, head_len);
        ack = ack && WriteBytes(data, data_len);
        Stop();
        status = ack ? I2C_SBCON_OK : I2C_SBCON_NACK;
    }
    return status;
}
