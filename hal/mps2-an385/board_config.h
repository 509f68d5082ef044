/*
 * mps2-an385 overrides of module limits. Every module's *_config.h includes this first;
 * anything not defined here keeps the module's default.
 */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H

#define BOARD_NAME               "mps2-an385"
#define BOARD_CPU_HZ             25000000u   /* SYSCLK: SysTick and CMSDK timers run at this */

/* The reference board has RAM to spare: pages of the API's full 30 records fit whole
 * (30 x 22 tokens + envelope; a 30-record page is about 7.3 KB). A 64 KiB part keeps the
 * defaults (16 records a page, 8 KB body). */
#define FORGE_TOKEN_POOL_SIZE    720u
#define FORGE_BODY_BUFFER_SIZE   12288u
/* Up to 128 background processes per watch (a snapshot entry is 36 bytes, two views). */
#define FORGE_MAX_RECORDS        128u

#endif /* BOARD_CONFIG_H */
