/*
 * Display: an optional monochrome display written a whole frame at a time.
 * Frame layout (what the panel renders): `pages` rows of `width` bytes, page-major; byte =
 * 8 vertical pixels of one column, bit 0 on top (the SSD0303/SSD1306 page layout).
 * Owns: the display controller and its bus. Promises: every bus wait is bounded; a display
 * that does not answer is reported DISPLAY_ERR_ABSENT and marked absent (later flushes return
 * DISPLAY_ERR_ABSENT at once, until Display_Init finds it again); a board without a display
 * reports absent. Not for interrupt context.
 */
#ifndef HAL_DISPLAY_H
#define HAL_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum
{
    DISPLAY_OK = 0,
    DISPLAY_ERR_ABSENT, /* no display, or it stopped acknowledging */
    DISPLAY_ERR_ARG
} DisplayStatus_t;

typedef struct
{
    size_t width; /* pixels */
    size_t pages; /* 8-pixel rows */
} DisplayInfo_t;

/* Probe and initialise the display, clear it and describe it. */
DisplayStatus_t Display_Init(DisplayInfo_t *info);

bool Display_IsPresent(void);

/* Send a whole frame of width * pages bytes. */
DisplayStatus_t Display_Flush(const uint8_t frame[], size_t len);

#if defined(FL_HOST)
/* Host only: make the display absent or present, and read back the last frame flushed. */
void DisplayHost_SetPresent(bool present);
DisplayStatus_t DisplayHost_Last(uint8_t frame[], size_t cap, size_t *len);
uint32_t DisplayHost_FlushCount(void);
#endif

#endif /* HAL_DISPLAY_H */
