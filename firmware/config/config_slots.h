/*
 * Where the configuration comes from: the provisioned block in the image and two run-time
 * slots that `config save` writes, alternately from one boot to the next (hal/config_store.h).
 * Owns: the slot-selection rule (no buffer: blocks are checked, decoded and written straight
 * from and to the store through the codec's CONFIG_IO_CHUNK_SIZE stack pieces).
 * Promises:
 *  - Load: the newest valid run-time slot whose `base` matches the provisioned block's CRC
 *    wins (a re-provisioned image thus overrides older console edits); then the other slot;
 *    then the provisioned block; else CONFIG_NOT_CONFIGURED. Sequence numbers compare with
 *    serial-number arithmetic, so they may wrap.
 *    Load maps the trust anchors in place (config_types.h): the loaded data points into the
 *    winning slot, which must therefore not be written while the data is in use.
 *  - Save: never writes `in_use`, the slot the active configuration came from (and so the
 *    slot its anchors, those of any copy of it, and the TLS client's point into): the other
 *    run-time slot when in_use is one (a second save in the same run overwrites the first, not
 *    the active slot), else the newest loadable run-time slot, else an empty or damaged one.
 *    A reset during the write thus leaves the active slot (or the provisioned block) in
 *    place: never "not configured" (a save torn later in the same run loses the earlier save
 *    of that run, which was in the same slot, never the active configuration). The saved block gets a sequence newer than every valid
 *    slot, so it wins at the next boot. The written slot is read back (header, CRC and size
 *    must match what was encoded).
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

/* The run-time slot a save writes (never in_use; CONFIG_SLOTS_NONE or the provisioned slot
 * when no run-time slot is in use) and the sequence and base it gets. Pure. */
uint32_t ConfigSlots_Target(const ConfigScan_t *scan, uint32_t in_use, uint32_t *sequence, uint32_t *base);

/* Read and check the header and CRC of every store. */
void ConfigSlots_Scan(ConfigScan_t *scan);

/* Load the winning configuration into *data (CONFIG_OK or CONFIG_NOT_CONFIGURED); its anchors
 * point into slot origin->slot. */
ConfigStatus_t ConfigSlots_Load(ConfigData_t *data, ConfigOrigin_t *origin);

/* Encode *data straight into a run-time slot other than in_use (Config_Origin().slot: data's
 * anchors point there or into memory, never into another run-time slot); read back and
 * checked. */
ConfigStatus_t ConfigSlots_Save(const ConfigData_t *data, uint32_t in_use, ConfigOrigin_t *saved);

#endif /* CONFIG_SLOTS_H */
