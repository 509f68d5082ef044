/* Test controls of the host config store (host builds only). */
#ifndef HAL_HOST_CONFIG_STORE_HOST_H
#define HAL_HOST_CONFIG_STORE_HOST_H

#include <stdbool.h>

#define CONFIG_STORE_HOST_SLOT_SIZE 4096u

/* Both slots back to erased flash (0xFF). */
void ConfigStoreHost_Erase(void);

/* The next write is torn half-way and reports CONFIG_STORE_WRITE_FAILED. */
void ConfigStoreHost_FailNextWrite(void);

#endif /* HAL_HOST_CONFIG_STORE_HOST_H */
