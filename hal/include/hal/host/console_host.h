/* Test access to the host console's captured output (host builds only). */
#ifndef HAL_HOST_CONSOLE_HOST_H
#define HAL_HOST_CONSOLE_HOST_H

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_HOST_CAPTURE 8192u

const uint8_t *ConsoleHost_Output(size_t *length);
void ConsoleHost_Clear(void);

#endif /* HAL_HOST_CONSOLE_HOST_H */
