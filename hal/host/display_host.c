/* Host display: a 96x16 frame store for unit tests, present unless a test says otherwise. */
#include "hal/display.h"

#include <string.h>

#include "board_config.h"

#ifndef DISPLAY_HOST_WIDTH
#define DISPLAY_HOST_WIDTH 96u
#endif
#ifndef DISPLAY_HOST_PAGES
#define DISPLAY_HOST_PAGES 2u
#endif
#define DISPLAY_HOST_BYTES (DISPLAY_HOST_WIDTH * DISPLAY_HOST_PAGES)

static uint8_t g_frame[DISPLAY_HOST_BYTES];
static bool g_connected = true;
static bool g_present;
static uint32_t g_flushes;

DisplayStatus_t Display_Init(DisplayInfo_t *info)
{
    DisplayStatus_t status = DISPLAY_ERR_ARG;
    if (info != NULL)
    {
        g_present = g_connected;
        (void)memset(g_frame, 0, sizeof g_frame);
        g_flushes = 0u;
        info->width = DISPLAY_HOST_WIDTH;
        info->pages = DISPLAY_HOST_PAGES;
        status = g_present ? DISPLAY_OK : DISPLAY_ERR_ABSENT;
    }
    return status;
}

bool Display_IsPresent(void)
{
    return g_present;
}

DisplayStatus_t Display_Flush(const uint8_t frame[], size_t len)
{
    DisplayStatus_t status = DISPLAY_ERR_ABSENT;
    if ((frame == NULL) || (len != DISPLAY_HOST_BYTES))
    {
        status = DISPLAY_ERR_ARG;
    }
    else if (g_present && g_connected)
    {
        (void)memcpy(g_frame, frame, len);
        g_flushes++;
        status = DISPLAY_OK;
    }
    else
    {
        g_present = false;
    }
    return status;
}

void DisplayHost_SetPresent(bool present)
{
    g_connected = present;
}

DisplayStatus_t DisplayHost_Last(uint8_t frame[], size_t cap, size_t *len)
{
    DisplayStatus_t status = DISPLAY_ERR_ARG;
    if ((frame != NULL) && (len != NULL) && (cap >= DISPLAY_HOST_BYTES))
    {
        (void)memcpy(frame, g_frame, DISPLAY_HOST_BYTES);
        *len = DISPLAY_HOST_BYTES;
        status = DISPLAY_OK;
    }
    return status;
}

uint32_t DisplayHost_FlushCount(void)
{
    return g_flushes;
}
