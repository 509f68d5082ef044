/*
 * mps2-an385 overrides of module limits. Every module's *_config.h includes this first;
 * anything not defined here keeps the module's default.
 */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H

#define BOARD_NAME               "mps2-an385"
#define BOARD_CPU_HZ             25000000u   /* SYSCLK: SysTick and CMSDK timers run at this */

#endif /* BOARD_CONFIG_H */
