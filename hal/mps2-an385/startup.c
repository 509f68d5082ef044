/*
 * Vector table and reset handler for mps2-an385 (Cortex-M3).
 * The reset handler copies .data, zeroes .bss, paints the stack (for the high-water mark),
 * runs System_Init and calls main. Drivers provide the interrupt handlers named below;
 * any they do not provide falls through to Default_Handler, which is reported as a fault.
 */
#include <stddef.h>
#include <stdint.h>

#include "hal/system.h"
#include "hal/stack.h"
#include "linker_symbols.h"
#include "exceptions.h"

#define VECTOR_EXTERNAL_IRQS 32u
#define VECTOR_HANDLERS      (15u + VECTOR_EXTERNAL_IRQS)
#define STACK_PAINT_MARGIN   64u

typedef void (*Vector_t)(void);

/* The hardware reads the initial stack pointer, then one handler address per exception. */
typedef struct
{
    /* cppcheck-suppress unusedStructMember ; DEV-005 read by the processor at reset */
    const uint32_t *initial_stack_pointer;
    /* cppcheck-suppress unusedStructMember ; DEV-005 read by the processor on exceptions */
    Vector_t handlers[VECTOR_HANDLERS];
} VectorTable_t;


extern int main(void);
void Reset_Handler(void);
void Default_Handler(void);
/* cppcheck-suppress misra-c2012-8.6 ; DEV-003 weak default, overridden by the watchdog driver */
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);
/* cppcheck-suppress misra-c2012-8.6 ; DEV-003 weak default, overridden by the Ethernet driver */
void Ethernet_IRQHandler(void) __attribute__((weak, alias("Default_Handler")));
/* cppcheck-suppress misra-c2012-8.6 ; DEV-003 weak default, overridden by the UART console */
void Uart0Rx_IRQHandler(void) __attribute__((weak, alias("Default_Handler")));

__attribute__((section(".isr_vector"), used)) static const VectorTable_t g_vectors = {
    fl_stack_end,
    {
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    NULL, NULL, NULL, NULL,
    SVC_Handler,
    Default_Handler,   /* DebugMon */
    NULL,
    PendSV_Handler,
    SysTick_Handler,
    /* External interrupts 0..31 */
    Uart0Rx_IRQHandler, Default_Handler, Default_Handler, Default_Handler,   /* 0-3 UART0/1 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,      /* 4-7 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,      /* 8-11 */
    Default_Handler, Ethernet_IRQHandler, Default_Handler, Default_Handler,  /* 12-15: 13 LAN9118 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    }
};

/* Words between two addresses of one region (linker symbols or a frame inside the stack). */
static size_t words_between(const volatile uint32_t *start, const volatile uint32_t *end)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 region bound as an integer */
    const uintptr_t from = (uintptr_t)start;
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 region bound as an integer */
    const uintptr_t to = (uintptr_t)end;
    return (to > from) ? (size_t)((to - from) / sizeof(uint32_t)) : 0u;
}

static void copy_data(void)
{
    const size_t words = words_between(fl_data_start, fl_data_end);
    for (size_t i = 0u; i < words; i++)
    {
        fl_data_start[i] = fl_data_load[i];
    }
}

static void zero_bss(void)
{
    const size_t words = words_between(fl_bss_start, fl_bss_end);
    for (size_t i = 0u; i < words; i++)
    {
        fl_bss_start[i] = 0u;
    }
}

static void paint_stack(void)
{
    volatile uint32_t here = 0u;
    /* Stop short of the frame we are running in. */
    const size_t below_frame = words_between(fl_stack_start, &here);
    const size_t margin = STACK_PAINT_MARGIN / sizeof(uint32_t);
    size_t words = 0u;
    if (below_frame > margin)
    {
        words = below_frame - margin;
    }
    for (size_t i = 0u; i < words; i++)
    {
        fl_stack_start[i] = STACK_PAINT_WORD;
    }
}

void Reset_Handler(void)
{
    copy_data();
    zero_bss();
    paint_stack();
    System_Init();
    (void)main();
    System_Reset(SYSTEM_RESET_SOFTWARE);
}

void Default_Handler(void)
{
    HardFault_Handler();
}

void SVC_Handler(void)
{
    HardFault_Handler();
}

void PendSV_Handler(void)
{
    HardFault_Handler();
}
