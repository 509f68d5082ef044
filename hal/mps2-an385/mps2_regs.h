/*
 * mps2-an385 memory map and register offsets (private to hal/mps2-an385/).
 * Register access is the one place integer-to-pointer conversion is allowed: DEV-001.
 */
#ifndef MPS2_REGS_H
#define MPS2_REGS_H

#include <stdint.h>

static inline uint32_t Mps2_Read32(uint32_t address)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-001 memory-mapped register */
    return *(const volatile uint32_t *)address;
}

static inline void Mps2_Write32(uint32_t address, uint32_t value)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-001 memory-mapped register */
    *(volatile uint32_t *)address = value;
}

/* CMSDK UART0 */
#define MPS2_UART0_BASE          0x40004000u
#define MPS2_UART_DATA           0x00u
#define MPS2_UART_STATE          0x04u
#define MPS2_UART_CTRL           0x08u
#define MPS2_UART_BAUDDIV        0x10u
#define MPS2_UART_STATE_TX_FULL  0x01u
#define MPS2_UART_STATE_RX_FULL  0x02u
#define MPS2_UART_CTRL_TX_EN     0x01u
#define MPS2_UART_CTRL_RX_EN     0x02u

/* CMSDK timer0: free-running down counter at SYSCLK */
#define MPS2_TIMER0_BASE         0x40000000u
#define MPS2_TIMER_CTRL          0x00u
#define MPS2_TIMER_VALUE         0x04u
#define MPS2_TIMER_RELOAD        0x08u
#define MPS2_TIMER_CTRL_EN       0x01u

/* System control space */
#define MPS2_SYST_CSR            0xE000E010u
#define MPS2_SYST_RVR            0xE000E014u
#define MPS2_SYST_CVR            0xE000E018u
#define MPS2_SYST_CSR_ENABLE     0x01u
#define MPS2_SYST_CSR_TICKINT    0x02u
#define MPS2_SYST_CSR_CLKSOURCE  0x04u
#define MPS2_SCB_AIRCR           0xE000ED0Cu
#define MPS2_SCB_AIRCR_RESET     0x05FA0004u
#define MPS2_SCB_SHCSR           0xE000ED24u
#define MPS2_SCB_CFSR            0xE000ED28u
#define MPS2_SCB_HFSR            0xE000ED2Cu
#define MPS2_SCB_MMFAR           0xE000ED34u
#define MPS2_SCB_BFAR            0xE000ED38u
#define MPS2_SCB_SHCSR_FAULTS_EN 0x00070000u  /* MemManage, BusFault, UsageFault enables */

#endif /* MPS2_REGS_H */
