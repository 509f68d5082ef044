/* Little-endian integer access for the block codec (internal to firmware/config/). */
#ifndef CONFIG_BYTES_H
#define CONFIG_BYTES_H

#include <stdint.h>

static inline uint16_t ConfigBytes_Get16(const uint8_t *p)
{
    return (uint16_t)((uint32_t)p[0] | ((uint32_t)p[1] << 8u));
}

static inline uint32_t ConfigBytes_Get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8u) | ((uint32_t)p[2] << 16u) | ((uint32_t)p[3] << 24u);
}

static inline void ConfigBytes_Put16(uint8_t *p, uint16_t value)
{
    p[0] = (uint8_t)(value & 0xFFu);
    p[1] = (uint8_t)(value >> 8u);
}

static inline void ConfigBytes_Put32(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)(value & 0xFFu);
    p[1] = (uint8_t)((value >> 8u) & 0xFFu);
    p[2] = (uint8_t)((value >> 16u) & 0xFFu);
    p[3] = (uint8_t)(value >> 24u);
}

#endif /* CONFIG_BYTES_H */
