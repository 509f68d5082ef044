/*
 * mps2-an385 display: SSD0303 OLED (96x16, I2C address 0x3C) on the SBCon bit-banged bus.
 * Every command goes as control byte 0x80 + command byte, and a command with an argument ends
 * its own transfer (QEMU's model reads the byte after an argument as a new command).
 * The panel shows RAM columns 36..131; pages whose bytes did not change are not resent.
 */
#include "hal/display.h"

#include <string.h>

#include "board_config.h"
#include "i2c_sbcon.h"

#ifndef DISPLAY_SSD0303_ADDRESS
#define DISPLAY_SSD0303_ADDRESS 0x3Cu
#endif
#ifndef DISPLAY_SSD0303_COLUMN_OFFSET
#define DISPLAY_SSD0303_COLUMN_OFFSET 36u
#endif
#define SSD_WIDTH 96u
#define SSD_PAGES 2u
#define SSD_BYTES (SSD_WIDTH * SSD_PAGES)

#define CTRL_COMMAND 0x80u /* Co = 1, D/C = 0: one command byte follows */
#define CTRL_DATA 0x40u    /* Co = 0, D/C = 1: data bytes until STOP */
#define CMD_PAGE 0xB0u
#define CMD_COLUMN_LOW 0x00u
#define CMD_COLUMN_HIGH 0x10u
#define CMD_DISPLAY_ON 0xAFu
#define NIBBLE 0x0Fu
#define INIT_COMMANDS 10u

typedef struct
{
    uint8_t len;
    uint8_t bytes[2];
} Command_t;

static bool g_present;

static bool Ssd0303Send(const uint8_t bytes[], size_t len)
{
    const bool ok = I2cSbcon_Write(DISPLAY_SSD0303_ADDRESS, NULL, 0u, bytes, len) == I2C_SBCON_OK;
    g_present = g_present && ok;
    return ok;
}

static bool SendCommand(const Command_t *command)
{
    uint8_t frame[4];
    size_t n = 0u;
    for (size_t i = 0u; (i < (size_t)command->len) && (i < 2u); i++)
    {
        frame[n] = CTRL_COMMAND;
        frame[n + 1u] = command->bytes[i];
        n += 2u;
    }
    return Ssd0303Send(frame, n);
}

static bool WritePage(size_t page, const uint8_t columns[])
{
    const uint8_t address[6] = {
        CTRL_COMMAND, (uint8_t)(CMD_PAGE | (uint32_t)page),
        CTRL_COMMAND, (uint8_t)(CMD_COLUMN_LOW | (DISPLAY_SSD0303_COLUMN_OFFSET & NIBBLE)),
        CTRL_COMMAND, (uint8_t)(CMD_COLUMN_HIGH | (DISPLAY_SSD0303_COLUMN_OFFSET >> 4u)),
    };
    static const uint8_t k_data_head[1] = {CTRL_DATA};
    bool ok = Ssd0303Send(address, sizeof address);
    if (ok)
    {
        ok = I2cSbcon_Write(DISPLAY_SSD0303_ADDRESS, k_data_head, 1u, columns, SSD_WIDTH) == I2C_SBCON_OK;
        g_present = g_present && ok;
    }
    return ok;
}

static bool WriteChangedPages(const uint8_t frame[], bool force)
{
    static uint8_t g_shadow[SSD_BYTES]; /* what the panel RAM holds */
    bool ok = true;
    for (size_t page = 0u; ok && (page < SSD_PAGES); page++)
    {
        const uint8_t *columns = &frame[page * SSD_WIDTH];
        if (force || (memcmp(columns, &g_shadow[page * SSD_WIDTH], SSD_WIDTH) != 0))
        {
            ok = WritePage(page, columns);
            if (ok)
            {
                (void)memcpy(&g_shadow[page * SSD_WIDTH], columns, SSD_WIDTH);
            }
        }
    }
    return ok;
}

static bool Configure(void)
{
    static const Command_t k_init[INIT_COMMANDS] = {
        {1u, {0xAEu, 0u}},   /* display off */
        {2u, {0xA8u, 0x0Fu}}, /* multiplex ratio: 16 rows */
        {2u, {0xD3u, 0x00u}}, /* display offset 0 */
        {1u, {0x40u, 0u}},   /* start line 0 */
        {2u, {0xADu, 0x8Bu}}, /* DC-DC on */
        {1u, {0xA0u, 0u}},   /* segment remap off */
        {1u, {0xC0u, 0u}},   /* COM scan normal */
        {2u, {0x81u, 0x80u}}, /* contrast */
        {1u, {0xA4u, 0u}},   /* show RAM (not all-on) */
        {1u, {0xA6u, 0u}},   /* not inverted */
    };
    bool ok = true;
    for (size_t i = 0u; ok && (i < INIT_COMMANDS); i++)
    {
        ok = SendCommand(&k_init[i]);
    }
    return ok;
}

DisplayStatus_t Display_Init(DisplayInfo_t *info)
{
    static const Command_t k_on = {1u, {CMD_DISPLAY_ON, 0u}};
    static const uint8_t k_blank[SSD_BYTES] = {0};
    DisplayStatus_t status = DISPLAY_ERR_ARG;
    if (info != NULL)
    {
        info->width = SSD_WIDTH;
        info->pages = SSD_PAGES;
        I2cSbcon_Init();
        g_present = true;
        const bool ok = Configure() && WriteChangedPages(k_blank, true) && SendCommand(&k_on);
        g_present = ok;
        status = ok ? DISPLAY_OK : DISPLAY_ERR_ABSENT;
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
    if ((frame == NULL) || (len != SSD_BYTES))
    {
        status = DISPLAY_ERR_ARG;
    }
    else if (g_present && WriteChangedPages(frame, false))
    {
        status = DISPLAY_OK;
    }
    else
    {
        g_present = false;
    }
    return status;
}
