/*
 * Stack: the main stack's size and its high-water mark (the reset handler paints it).
 * Promises: Stack_HighWaterBytes reads only the stack region and is bounded by its size.
 */
#ifndef HAL_STACK_H
#define HAL_STACK_H

#include <stddef.h>
#include <stdint.h>

#define STACK_PAINT_WORD 0xC0FFEE11u

/* Bytes reserved for the main stack. */
size_t Stack_SizeBytes(void);

/* Deepest use so far: bytes from the top of the stack to the lowest overwritten word. */
size_t Stack_HighWaterBytes(void);

#endif /* HAL_STACK_H */
