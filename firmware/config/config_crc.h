/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of the configuration block.
 * Same value as zlib's crc32(), which toolchain/provision.py uses. Promises: chaining works
 * like zlib: ConfigCrc_Update(ConfigCrc_Update(0, a), b) is the CRC of a followed by b.
 */
#ifndef CONFIG_CRC_H
#define CONFIG_CRC_H

#include <stddef.h>
#include <stdint.h>

/* CRC of `data` appended to bytes whose CRC is `crc` (0 for none). */
uint32_t ConfigCrc_Update(uint32_t crc, const uint8_t *data, size_t length);

#endif /* CONFIG_CRC_H */
