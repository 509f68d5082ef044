/*
 * Fault handlers: log a register dump on the console, then reset (release) or end the
 * emulator run with SYSTEM_EXIT_FAULT (test builds). Registers only, never memory, so no
 * secret can end up in a crash dump.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hal/console.h"
#include "hal/system.h"
#include "mps2_regs.h"
#include "exceptions.h"

#define FAULT_FRAME_WORDS 8u

void Fault_Report(const uint32_t *frame, uint32_t exc_return);

static void fault_puts(const char *text)
{
    /* only string literals of this file come here */
    (void)Console_Write((const uint8_t *)text, strlen(text));
}

static void fault_put_hex(const char *name, uint32_t value)
{
    static const char digits[] = "0123456789abcdef";
    uint8_t out[9];
    for (uint32_t i = 0u; i < 8u; i++)
    {
        out[i] = (uint8_t)digits[(value >> (28u - (4u * i))) & 0xFu];
    }
    out[8] = (uint8_t)' ';
    fault_puts(name);
    fault_puts("=");
    (void)Console_Write(out, sizeof out);
}

void Fault_Report(const uint32_t *frame, uint32_t exc_return)
{
    static const char *const names[FAULT_FRAME_WORDS] = { "r0", "r1", "r2", "r3", "r12", "lr", "pc", "xpsr" };
    Console_Init();
    fault_puts("\r\n[FAULT] hard fault: ");
    for (uint32_t i = 0u; i < FAULT_FRAME_WORDS; i++)
    {
        fault_put_hex(names[i], frame[i]);
    }
    fault_put_hex("exc_return", exc_return);
    fault_put_hex("cfsr", Mps2_Read32(MPS2_SCB_CFSR));
    fault_put_hex("hfsr", Mps2_Read32(MPS2_SCB_HFSR));
    fault_put_hex("mmfar", Mps2_Read32(MPS2_SCB_MMFAR));
    fault_put_hex("bfar", Mps2_Read32(MPS2_SCB_BFAR));
    fault_puts("\r\n");
#if FL_TEST_BUILD
    System_TestExit(SYSTEM_EXIT_FAULT);
#endif
    System_Reset(SYSTEM_RESET_FAULT);
}

/* Pick the stacked frame (MSP or PSP) and hand it to Fault_Report. */
__attribute__((naked)) void HardFault_Handler(void)
{
    __asm volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "mov r1, lr\n"
        "b Fault_Report\n");
}

__attribute__((naked)) void MemManage_Handler(void)
{
    __asm volatile("b HardFault_Handler\n");
}

__attribute__((naked)) void BusFault_Handler(void)
{
    __asm volatile("b HardFault_Handler\n");
}

__attribute__((naked)) void UsageFault_Handler(void)
{
    __asm volatile("b HardFault_Handler\n");
}
