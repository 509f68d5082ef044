/* Main-stack size and painted high-water mark. */
#include "hal/stack.h"

#include "linker_symbols.h"

static size_t stack_words(void)
{
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 region bound as an integer */
    const uintptr_t from = (uintptr_t)fl_stack_start;
    /* cppcheck-suppress misra-c2012-11.4 ; DEV-006 region bound as an integer */
    const uintptr_t to = (uintptr_t)fl_stack_end;
    return (size_t)((to - from) / sizeof(uint32_t));
}

size_t Stack_SizeBytes(void)
{
    return stack_words() * sizeof(uint32_t);
}

size_t Stack_HighWaterBytes(void)
{
    const size_t words = stack_words();
    size_t untouched = 0u;
    for (size_t i = 0u; i < words; i++)
    {
        if (fl_stack_start[i] != STACK_PAINT_WORD)
        {
            break;
        }
        untouched++;
    }
    return (words - untouched) * sizeof(uint32_t);
}
