/* Exception handlers shared between files of hal/mps2-an385/ (declared once, here). */
#ifndef MPS2_EXCEPTIONS_H
#define MPS2_EXCEPTIONS_H

/* Fault handlers (fault.c): log a register dump, then reset or end a test run. */
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);

#endif /* MPS2_EXCEPTIONS_H */
