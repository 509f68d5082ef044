/* Bitwise CRC-32: it runs once per boot and per save, so no 1 KiB table in flash. */
#include "firmware/config/config_crc.h"

#define CRC32_POLY_REFLECTED 0xEDB88320u
#define BITS_PER_BYTE        8u

uint32_t ConfigCrc_Update(uint32_t crc, const uint8_t *data, size_t length)
{
    uint32_t c = ~crc;
    for (size_t i = 0u; i < length; i++)
    {
        c ^= (uint32_t)data[i];
        for (uint32_t bit = 0u; bit < BITS_PER_BYTE; bit++)
        {
            const uint32_t mask = 0u - (c & 1u);
            c = (c >> 1u) ^ (CRC32_POLY_REFLECTED & mask);
        }
    }
    return ~c;
}
