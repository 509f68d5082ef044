/*
 * Where the configuration comes from: the provisioned block in the image and two run-time
 * slots written alternately by `config save` (hal/config_store.h).
 * Owns: the slot-selection rule (no buffer: blocks are checked, decoded and written straight
 * from and to the store through the codec's CONFIG_IO_CHUNK_SIZE stack pieces).
 * Promises:
 *  - Load: the newest valid run-time slot whose `base` matches the provisioned block's CRC
 *    wins (a re-provisioned image thus overrides older console edits); then the other slot;
 *    then the provisioned block; else CONFIG_NOT_CONFIGURED. Sequence numbers compare with
 *    serial-number arithmetic, so they may wrap.
 *  - Save: never writes the slot the current configuration came from, so a reset during the
 *    write leaves that slot (or the provisioned block) in place: never "not configured". The
 *    written slot is read back (header, CRC and size must match what was encoded).
 */
#ifndef CONFIG_SLOTS_H
#define CONFIG_SLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_block.h"
#include "firmware/config/config_types.h"
#include "hal/config_store.h"

#define CONFIG_SLOTS_STORES (CONFIG_STORE_RUNTIME_SLOTS + 1u)
#define CONFIG_SLOTS_NONE   0xFFFFFFFFu

/* What a scan found in each store (index = HAL slot number, the provisioned block last). */
typedef struct
{
    ConfigStatus_t status[CONFIG_SLOTS_STORES];  /* header + CRC check */
    ConfigBlockInfo_t info[CONFIG_SLOTS_STORES];
} ConfigScan_t;

/* Where the active configuration came from. */
typedef struct
{
    uint32_t slot;      /* HAL slot number, CONFIG_SLOTS_NONE when not configured */
    uint32_t sequence;
} ConfigOrigin_t;

/* a is later than b in serial-number order (RFC 1982 style, 32 bits). */
bool ConfigSlots_IsNewer(uint32_t a, uint32_t b);

/* Stores to try, best first, into order[]; returns how many are eligible. Pure. */
size_t ConfigSlots_Order(const ConfigScan_t *scan, uint32_t order[CONFIG_SLOTS_STORES]);

/* The run-time slot a save writes and the sequence it gets. Pure. */
uint32_t ConfigSlots_Target(const ConfigScan_t *scan, uint32_t *sequence, uint32_t *base);

/* Read and check the header and CRC of every store. */
void ConfigSlots_Scan(ConfigScan_t *scan);

/* Load the winning configuration into *data (CONFIG_OK or CONFIG_NOT_CONFIGURED). */
ConfigStatus_t ConfigSlots_Load(ConfigData_t *data, ConfigOrigin_t *origin);

/* Encode *data straight into the next run-time slot; read back and checked. */
ConfigStatus_t ConfigSlots_Save(const ConfigData_t *data, ConfigOrigin_t *saved);

#endif /* CONFIG_SLOTS_H */
