/* Small writers for the console's messages. */
#include "firmware/console/console_out.h"

#include <string.h>

#include "hal/console.h"

#define UINT32_DIGITS 10u
#define DECIMAL_BASE  10u
#define IPV4_OCTETS   4u
#define SANITISE_CHUNK 32u

void ConsoleOut_Str(const char *text)
{
    (void)Console_Write((const uint8_t *)text, strlen(text));
}

void ConsoleOut_Text(const char *text, size_t length)
{
    uint8_t chunk[SANITISE_CHUNK];
    size_t used = 0u;
    for (size_t i = 0u; i < length; i++)
    {
        const char c = text[i];
        chunk[used] = ((c >= ' ') && (c <= '~')) ? (uint8_t)c : (uint8_t)'?';
        used++;
        if ((used == sizeof chunk) || ((i + 1u) == length))
        {
            (void)Console_Write(chunk, used);
            used = 0u;
        }
    }
}

void ConsoleOut_Uint(uint32_t value)
{
    uint8_t digits[UINT32_DIGITS];
    size_t count = 0u;
    uint32_t rest = value;
    do
    {
        digits[UINT32_DIGITS - 1u - count] = (uint8_t)((uint32_t)'0' + (rest % DECIMAL_BASE));
        rest /= DECIMAL_BASE;
        count++;
    } while ((rest != 0u) && (count < UINT32_DIGITS));
    (void)Console_Write(&digits[UINT32_DIGITS - count], count);
}

void ConsoleOut_Ipv4(const uint8_t address[4])
{
    for (size_t i = 0u; i < IPV4_OCTETS; i++)
    {
        if (i > 0u)
        {
            ConsoleOut_Str(".");
        }
        ConsoleOut_Uint((uint32_t)address[i]);
    }
}

void ConsoleOut_Newline(void)
{
    ConsoleOut_Str("\r\n");
}
