/* Main-stack size and painted high-water mark. */
#include "hal/stack.h"

extern uint32_t __stack_start__;
extern uint32_t __stack_end__;

size_t Stack_SizeBytes(void)
{
    return (size_t)(&__stack_end__ - &__stack_start__) * sizeof(uint32_t);
}

size_t Stack_HighWaterBytes(void)
{
    const uint32_t *bottom = &__stack_start__;
    const size_t words = (size_t)(&__stack_end__ - &__stack_start__);
    size_t untouched = 0u;
    for (size_t i = 0u; i < words; i++)
    {
        if (bottom[i] != STACK_PAINT_WORD)
        {
            break;
        }
        untouched++;
    }
    return (words - untouched) * sizeof(uint32_t);
}
