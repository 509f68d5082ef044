/*
 * LEDs: the board's status LEDs as on/off outputs; brightness and patterns are software
 * (firmware/panel/led_pattern). Owns: the LED hardware. Promises: Leds_Apply is one short,
 * non-blocking register update, safe to call from the tick interrupt; a board without LEDs
 * reports count 0 and every call succeeds as a no-op.
 */
#ifndef HAL_LEDS_H
#define HAL_LEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum
{
    LEDS_OK = 0,
    LEDS_ERR_ARG
} LedsStatus_t;

/* Colour of one LED as a channel mask. A single-colour LED is lit by any non-zero colour. */
#define LEDS_OFF 0x00u
#define LEDS_RED 0x01u
#define LEDS_GREEN 0x02u
#define LEDS_BLUE 0x04u
#define LEDS_YELLOW (LEDS_RED | LEDS_GREEN)
#define LEDS_CYAN (LEDS_GREEN | LEDS_BLUE)
#define LEDS_MAGENTA (LEDS_RED | LEDS_BLUE)
#define LEDS_WHITE (LEDS_RED | LEDS_GREEN | LEDS_BLUE)

typedef struct
{
    size_t count; /* LEDs, index 0 .. count-1 */
    bool rgb;     /* true: every LED has red, green and blue channels */
} LedsInfo_t;

/* Configure the outputs, switch every LED off and describe them. */
LedsStatus_t Leds_Init(LedsInfo_t *info);

/* Set all LEDs at once: colours[i] for LED i; count must not exceed the board's count. */
LedsStatus_t Leds_Apply(const uint8_t colours[], size_t count);

#if defined(FL_HOST)
/* Host only: the last applied frame (LEDs beyond it read as off) and how many applies. */
LedsStatus_t LedsHost_Last(uint8_t colours[], size_t cap, size_t *count);
uint32_t LedsHost_ApplyCount(void);
#endif

#endif /* HAL_LEDS_H */
