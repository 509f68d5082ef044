/* Arm semihosting over BKPT 0xAB (QEMU: -semihosting-config enable=on,target=native). */
#include "semihosting.h"

#if !FL_TEST_BUILD
#error "semihosting is for test builds only"
#endif

#define SEMIHOSTING_SYS_GET_CMDLINE      0x15u
#define SEMIHOSTING_SYS_EXIT_EXTENDED    0x20u
#define SEMIHOSTING_ADP_APPLICATION_EXIT 0x20026u

static uint32_t semihosting_call(uint32_t operation, uint32_t *block)
{
    register uint32_t r0 __asm("r0") = operation;
    register uint32_t *r1 __asm("r1") = block;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void Semihosting_Exit(uint32_t code)
{
    uint32_t block[2] = { SEMIHOSTING_ADP_APPLICATION_EXIT, code };
    (void)semihosting_call(SEMIHOSTING_SYS_EXIT_EXTENDED, block);
}

size_t Semihosting_CommandLine(char *buffer, size_t capacity)
{
    size_t length = 0u;
    if ((buffer != NULL) && (capacity > 1u))
    {
        buffer[0] = '\0';
        /* cppcheck-suppress misra-c2012-11.4 ; DEV-002 semihosting passes addresses as words */
        uint32_t block[2] = { (uint32_t)buffer, (uint32_t)(capacity - 1u) };
        if (semihosting_call(SEMIHOSTING_SYS_GET_CMDLINE, block) == 0u)
        {
            length = (block[1] < capacity) ? (size_t)block[1] : (capacity - 1u);
            buffer[length] = '\0';
        }
    }
    return length;
}
