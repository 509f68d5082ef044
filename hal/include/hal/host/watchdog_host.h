/* Test access to the host watchdog (host builds only). */
#ifndef HAL_HOST_WATCHDOG_HOST_H
#define HAL_HOST_WATCHDOG_HOST_H

#include <stdint.h>

uint32_t WatchdogHost_Feeds(void);
uint32_t WatchdogHost_TimeoutMs(void);

#endif /* HAL_HOST_WATCHDOG_HOST_H */
