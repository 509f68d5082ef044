/* Shared helpers of the config unit tests: a complete sample configuration, raw blocks, and
 * the host config store's fault controls. */
#ifndef TEST_CONFIG_SUPPORT_H
#define TEST_CONFIG_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_block.h"
#include "firmware/config/config_types.h"
#include "hal/config_store.h"

#define TEST_TOKEN "tok-3f9a1c2b7d"

/* A valid configuration: two watches, static network, two small DER anchors (pointing at
 * TEST_CONFIG_DER and TEST_CONFIG_DER2), a seed. */
void TestConfig_Sample(ConfigData_t *data);

/* Same configuration: every field equal, anchors compared by their bytes (not where they are). */
bool TestConfig_Same(const ConfigData_t *a, const ConfigData_t *b);

/* Append a field to a raw payload under construction. */
void TestConfig_AddField(uint8_t *payload, size_t *length, uint8_t tag, uint8_t index, const void *value,
                         size_t value_length);
void TestConfig_AddText(uint8_t *payload, size_t *length, uint8_t tag, uint8_t index, const char *text);

/* A block from a raw payload (header and CRC filled in); returns the block size. */
size_t TestConfig_Block(uint8_t *block, const uint8_t *payload, size_t length, uint32_t sequence, uint32_t base);

/* The minimal required payload: host, token, org, one anchor. */
size_t TestConfig_MinimalPayload(uint8_t *payload);

/* A raw block into a run-time slot of the host store, through Begin / Program / Finish. */
ConfigStoreStatus_t TestConfig_StoreBlock(uint32_t slot, const uint8_t *block, size_t size);

extern const uint8_t TEST_CONFIG_DER[5];
extern const uint8_t TEST_CONFIG_DER2[6];

#endif /* TEST_CONFIG_SUPPORT_H */
