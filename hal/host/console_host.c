/* Host console for unit tests: output is captured in a buffer a test can read. */
#include "hal/console.h"
#include "hal/host/console_host.h"

#include <string.h>

static uint8_t g_out[CONSOLE_HOST_CAPTURE];
static size_t g_out_len;

void Console_Init(void)
{
    g_out_len = 0u;
}

ConsoleStatus_t Console_Write(const uint8_t *data, size_t len)
{
    ConsoleStatus_t status = CONSOLE_OK;
    size_t room = sizeof g_out - g_out_len;
    size_t n = len;
    if (n > room)
    {
        n = room;
        status = CONSOLE_DROPPED;
    }
    (void)memcpy(&g_out[g_out_len], data, n);
    g_out_len += n;
    return status;
}

ConsoleStatus_t Console_ReadByte(uint8_t *byte)
{
    (void)byte;
    return CONSOLE_NO_DATA;
}

bool Console_IsTerminal(void)
{
    return false;
}

const uint8_t *ConsoleHost_Output(size_t *length)
{
    *length = g_out_len;
    return g_out;
}

void ConsoleHost_Clear(void)
{
    g_out_len = 0u;
}
