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

#define VECTOR_EXTERNAL_IRQS 32u
#define VECTOR_HANDLERS      (15u + VECTOR_EXTERNAL_IRQS)
#define STACK_PAINT_MARGIN   64u

typedef void (*Vector_t)(void);

/* The hardware reads the initial stack pointer, then one handler address per exception. */
typedef struct
{
    const uint32_t *initial_stack_pointer;
    Vector_t handlers[VECTOR_HANDLERS];
} VectorTable_t;

/* Linker-script symbols (see mps2-an385.ld). */
extern uint32_t __data_load__[];
extern uint32_t __data_start__[];
extern uint32_t __data_end__[];
extern uint32_t __bss_start__[];
extern uint32_t __bss_end__[];
extern uint32_t __stack_start__[];
extern uint32_t __stack_end__[];

extern int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void NMI_Handler(void);
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);
void SVC_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);
/* cppcheck-suppress misra-c2012-8.6 ; DEV-003 weak default, overridden by the Ethernet driver */
void Ethernet_IRQHandler(void) __attribute__((weak, alias("Default_Handler")));
/* cppcheck-suppress misra-c2012-8.6 ; DEV-003 weak default, overridden by the UART console */
void Uart0Rx_IRQHandler(void) __attribute__((weak, alias("Default_Handler")));

__attribute__((section(".isr_vector"), used)) static const VectorTable_t g_vectors = {
    __stack_end__,
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
    const size_t words = words_between(__data_start__, __data_end__);
    for (size_t i = 0u; i < words; i++)
    {
        __data_start__[i] = __data_load__[i];
    }
}

static void zero_bss(void)
{
    const size_t words = words_between(__bss_start__, __bss_end__);
    for (size_t i = 0u; i < words; i++)
    {
        __bss_start__[i] = 0u;
    }
}

static void paint_stack(void)
{
    volatile uint32_t here = 0u;
    /* Stop short of the frame we are running in. */
    const size_t below_frame = words_between(__stack_start__, &here);
    const size_t margin = STACK_PAINT_MARGIN / sizeof(uint32_t);
    const size_t words = (below_frame > margin) ? (below_frame - margin) : 0u;
    for (size_t i = 0u; i < words; i++)
    {
        __stack_start__[i] = STACK_PAINT_WORD;
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

void NMI_Handler(void)
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
