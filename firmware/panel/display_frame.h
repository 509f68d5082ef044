/*
 * Display frame: the 1-bpp framebuffer the panel draws into, in the controller's layout
 * (page-major, one byte = 8 vertical pixels of one column, bit 0 on top) so a driver can
 * send pages unchanged. Owns: pixel and text drawing. Promises: every draw clips to the frame.
 */
#ifndef DISPLAY_FRAME_H
#define DISPLAY_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/font5x7.h"
#include "firmware/panel/panel_config.h"

#define DISPLAY_FRAME_BYTES (PANEL_DISPLAY_WIDTH * PANEL_DISPLAY_PAGES)
#define DISPLAY_FRAME_HEIGHT (PANEL_DISPLAY_PAGES * 8u)
/* Characters that fit on one text line (one page). */
#define DISPLAY_FRAME_COLUMNS (PANEL_DISPLAY_WIDTH / FONT5X7_ADVANCE)

typedef struct
{
    uint8_t bytes[DISPLAY_FRAME_BYTES];
} DisplayFrame_t;

void DisplayFrame_Clear(DisplayFrame_t *frame);

/* Pixel at (x, y); false outside the frame. */
bool DisplayFrame_Pixel(const DisplayFrame_t *frame, size_t x, size_t y);

/* Draw len characters on text line `page` starting at pixel column x, each in a
 * FONT5X7_ADVANCE-wide cell (inverted cells when invert). Returns the column after the text. */
size_t DisplayFrame_Text(size_t page, size_t x, const char *text, size_t len, bool invert, DisplayFrame_t *frame);

#endif /* DISPLAY_FRAME_H */
