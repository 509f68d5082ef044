/*
 * Region bounds defined by hal/mps2-an385/mps2-an385.ld (private to hal/mps2-an385/).
 * Only addresses exist: lengths are the distance between a start and its end symbol, taken
 * as integers (DEV-006). Declared once, here, as arrays so indexing from the start is defined.
 */
#ifndef MPS2_LINKER_SYMBOLS_H
#define MPS2_LINKER_SYMBOLS_H

#include <stdint.h>

/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_data_load[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_data_start[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_data_end[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_bss_start[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_bss_end[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_stack_start[];
/* cppcheck-suppress misra-c2012-8.11 ; DEV-007 size defined by the linker script */
extern uint32_t fl_stack_end[];

#endif /* MPS2_LINKER_SYMBOLS_H */
