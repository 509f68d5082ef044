/* Display frame: clipped pixel and text drawing into the page-major framebuffer. */
#include "firmware/panel/display_frame.h"

#include <string.h>


#define PAGE_ROWS 8u

void DisplayFrame_Clear(DisplayFrame_t *frame)
{
    if (frame != NULL)
    {
        (void)memset(frame->bytes, 0, sizeof frame->bytes);
    }
}

bool DisplayFrame_Pixel(const DisplayFrame_t *frame, size_t x, size_t y)
{
    bool lit = false;
    if ((frame != NULL) && (x < PANEL_DISPLAY_WIDTH) && (y < DISPLAY_FRAME_HEIGHT))
    {
        const uint8_t byte = frame->bytes[((y / PAGE_ROWS) * PANEL_DISPLAY_WIDTH) + x];
        lit = (((uint32_t)byte >> (y % PAGE_ROWS)) & 1u) != 0u;
    }
    return lit;
}

/* One character cell: glyph columns then a blank column, inverted on request. */
static void DrawCell(uint8_t *row, size_t x, char c, bool invert)
{
    const uint8_t *glyph = Font5x7_Glyph(c);
    for (size_t col = 0u; col < FONT5X7_ADVANCE; col++)
    {
        const size_t px = x + col;
        if (px < PANEL_DISPLAY_WIDTH)
        {
            const uint8_t bits = (col < FONT5X7_WIDTH) ? glyph[col] : 0u;
            row[px] = invert ? (uint8_t)~bits : bits;
        }
    }
}

size_t DisplayFrame_Text(size_t page, size_t x, const char *text, size_t len, bool invert, DisplayFrame_t *frame)
{
    size_t end = x;
    if ((frame != NULL) && (text != NULL) && (page < PANEL_DISPLAY_PAGES))
    {
        uint8_t *row = &frame->bytes[page * PANEL_DISPLAY_WIDTH];
        for (size_t i = 0u; (i < len) && (end < PANEL_DISPLAY_WIDTH); i++)
        {
            DrawCell(row, end, text[i], invert);
            end += FONT5X7_ADVANCE;
        }
    }
    return end;
}
