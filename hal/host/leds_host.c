/* Host LEDs: records what the firmware drives, for unit tests. */
#include "hal/leds.h"

#include <string.h>

#include "board_config.h"

#ifndef LEDS_HOST_COUNT
#define LEDS_HOST_COUNT 2u
#endif
#ifndef LEDS_HOST_RGB
#define LEDS_HOST_RGB false
#endif

static uint8_t g_colours[LEDS_HOST_COUNT];
static uint32_t g_applies;

LedsStatus_t Leds_Init(LedsInfo_t *info)
{
    LedsStatus_t status = LEDS_ERR_ARG;
    (void)memset(g_colours, 0, sizeof g_colours);
    g_applies = 0u;
    if (info != NULL)
    {
        info->count = LEDS_HOST_COUNT;
        info->rgb = LEDS_HOST_RGB;
        status = LEDS_OK;
    }
    return status;
}

LedsStatus_t Leds_Apply(const uint8_t colours[], size_t count)
{
    LedsStatus_t status = LEDS_ERR_ARG;
    if ((colours != NULL) && (count <= LEDS_HOST_COUNT))
    {
        (void)memset(g_colours, 0, sizeof g_colours);
        (void)memcpy(g_colours, colours, count);
        g_applies++;
        status = LEDS_OK;
    }
    return status;
}

LedsStatus_t LedsHost_Last(uint8_t colours[], size_t cap, size_t *count)
{
    LedsStatus_t status = LEDS_ERR_ARG;
    if ((colours != NULL) && (count != NULL) && (cap >= LEDS_HOST_COUNT))
    {
        (void)memcpy(colours, g_colours, LEDS_HOST_COUNT);
        *count = LEDS_HOST_COUNT;
        status = LEDS_OK;
    }
    return status;
}

uint32_t LedsHost_ApplyCount(void)
{
    return g_applies;
}
