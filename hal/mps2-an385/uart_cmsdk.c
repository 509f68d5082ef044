/* Console on CMSDK UART0 (polled). */
#include "hal/console.h"

#include "board_config.h"
#include "mps2_regs.h"

#ifndef HAL_CONSOLE_TX_SPIN_LIMIT
#define HAL_CONSOLE_TX_SPIN_LIMIT 100000u
#endif
#ifndef BOARD_CONSOLE_BAUD
#define BOARD_CONSOLE_BAUD 115200u
#endif
/* 217 at 25 MHz; the CMSDK UART needs at least 16 (QEMU refuses to transmit below that). */
#define UART_BAUDDIV_VALUE (BOARD_CPU_HZ / BOARD_CONSOLE_BAUD)

void Console_Init(void)
{
    Mps2_Write32(MPS2_UART0_BASE + MPS2_UART_BAUDDIV, UART_BAUDDIV_VALUE);
    Mps2_Write32(MPS2_UART0_BASE + MPS2_UART_CTRL, MPS2_UART_CTRL_TX_EN | MPS2_UART_CTRL_RX_EN);
}

static bool uart_wait_tx_ready(void)
{
    bool ready = false;
    for (uint32_t spins = 0u; spins < HAL_CONSOLE_TX_SPIN_LIMIT; spins++)
    {
        if ((Mps2_Read32(MPS2_UART0_BASE + MPS2_UART_STATE) & MPS2_UART_STATE_TX_FULL) == 0u)
        {
            ready = true;
            break;
        }
    }
    return ready;
}

ConsoleStatus_t Console_Write(const uint8_t *data, size_t len)
{
    ConsoleStatus_t status = CONSOLE_OK;
    for (size_t i = 0u; i < len; i++)
    {
        if (!uart_wait_tx_ready())
        {
            status = CONSOLE_DROPPED;
            break;
        }
        Mps2_Write32(MPS2_UART0_BASE + MPS2_UART_DATA, (uint32_t)data[i]);
    }
    return status;
}

ConsoleStatus_t Console_ReadByte(uint8_t *byte)
{
    ConsoleStatus_t status = CONSOLE_NO_DATA;
    if ((Mps2_Read32(MPS2_UART0_BASE + MPS2_UART_STATE) & MPS2_UART_STATE_RX_FULL) != 0u)
    {
        *byte = (uint8_t)(Mps2_Read32(MPS2_UART0_BASE + MPS2_UART_DATA) & 0xFFu);
        status = CONSOLE_OK;
    }
    return status;
}

bool Console_IsTerminal(void)
{
    /* The UART cannot tell; the host side decides whether to keep colour. */
    return true;
}
