/* Slot scan, selection and save over the HAL config store. */
#include "firmware/config/config_slots.h"

#include <string.h>

#include "firmware/config/config_check.h"

#define SIGN_BIT 0x80000000u
#define SLOT_A   ((uint32_t)0u)
#define SLOT_B   ((uint32_t)1u)

bool ConfigSlots_IsNewer(uint32_t a, uint32_t b)
{
    const uint32_t distance = a - b;
    return (distance != 0u) && ((distance & SIGN_BIT) == 0u);
}

/* The run-time slot with the later sequence number. */
static uint32_t newer_slot(const ConfigScan_t *scan)
{
    return ConfigSlots_IsNewer(scan->info[SLOT_B].sequence, scan->info[SLOT_A].sequence) ? SLOT_B : SLOT_A;
}

static bool slot_eligible(const ConfigScan_t *scan, uint32_t slot)
{
    const uint32_t prov = CONFIG_STORE_SLOT_PROVISIONED;
    bool eligible = scan->status[slot] == CONFIG_OK;
    if (eligible && (scan->status[prov] == CONFIG_OK))
    {
        eligible = scan->info[slot].base == scan->info[prov].crc;
    }
    return eligible;
}

size_t ConfigSlots_Order(const ConfigScan_t *scan, uint32_t order[CONFIG_SLOTS_STORES])
{
    size_t count = 0u;
    const bool first = slot_eligible(scan, 0u);
    const bool second = slot_eligible(scan, 1u);
    if (first && second)
    {
        const uint32_t newer = newer_slot(scan);
        order[0] = newer;
        order[1] = SLOT_B - newer;
        count = 2u;
    }
    else if (first || second)
    {
        order[0] = first ? SLOT_A : SLOT_B;
        count = 1u;
    }
    else
    {
        count = 0u;
    }
    if (scan->status[CONFIG_STORE_SLOT_PROVISIONED] == CONFIG_OK)
    {
        order[count] = CONFIG_STORE_SLOT_PROVISIONED;
        count++;
    }
    for (size_t i = count; i < CONFIG_SLOTS_STORES; i++)
    {
        order[i] = CONFIG_SLOTS_NONE;
    }
    return count;
}

/* The run-time slot a save writes: never in_use (mapped anchors point into it); else the
 * newest saved slot (not in use, so overwriting it loses only an edit never booted); else an
 * empty or damaged slot; else the older one. */
static uint32_t target_slot(const ConfigScan_t *scan, uint32_t in_use)
{
    uint32_t order[CONFIG_SLOTS_STORES];
    const bool valid0 = scan->status[SLOT_A] == CONFIG_OK;
    const bool valid1 = scan->status[SLOT_B] == CONFIG_OK;
    uint32_t target = SLOT_A;
    (void)ConfigSlots_Order(scan, order);
    if (in_use < CONFIG_STORE_RUNTIME_SLOTS)
    {
        target = SLOT_B - in_use; /* the only other one */
    }
    else if (order[0] < CONFIG_STORE_RUNTIME_SLOTS)
    {
        target = order[0];
    }
    else if (valid0 && valid1)
    {
        target = SLOT_B - newer_slot(scan);
    }
    else
    {
        target = valid0 ? SLOT_B : SLOT_A;
    }
    return target;
}

uint32_t ConfigSlots_Target(const ConfigScan_t *scan, uint32_t in_use, uint32_t *sequence, uint32_t *base)
{
    const bool valid0 = scan->status[SLOT_A] == CONFIG_OK;
    const bool valid1 = scan->status[SLOT_B] == CONFIG_OK;
    uint32_t newest = 0u;
    if (valid0 && valid1)
    {
        newest = scan->info[newer_slot(scan)].sequence;
    }
    else if (valid0 || valid1)
    {
        newest = valid0 ? scan->info[SLOT_A].sequence : scan->info[SLOT_B].sequence;
    }
    else
    {
        newest = 0u;
    }
    *sequence = newest + 1u; /* newer than every valid slot, the one in use and the one overwritten */
    *base = (scan->status[CONFIG_STORE_SLOT_PROVISIONED] == CONFIG_OK)
                ? scan->info[CONFIG_STORE_SLOT_PROVISIONED].crc
                : 0u;
    return target_slot(scan, in_use);
}

static ConfigStatus_t check_slot(uint32_t slot, ConfigBlockInfo_t *info)
{
    ConfigSource_t source;
    ConfigSource_Slot(slot, &source);
    return ConfigBlock_CheckFrom(&source, info);
}

void ConfigSlots_Scan(ConfigScan_t *scan)
{
    (void)memset(scan, 0, sizeof *scan);
    for (uint32_t slot = 0u; slot < CONFIG_SLOTS_STORES; slot++)
    {
        scan->status[slot] = check_slot(slot, &scan->info[slot]);
    }
}

ConfigStatus_t ConfigSlots_Load(ConfigData_t *data, ConfigOrigin_t *origin)
{
    ConfigScan_t scan;
    uint32_t order[CONFIG_SLOTS_STORES];
    ConfigStatus_t status = CONFIG_NOT_CONFIGURED;
    ConfigSlots_Scan(&scan);
    const size_t count = ConfigSlots_Order(&scan, order);
    origin->slot = CONFIG_SLOTS_NONE;
    origin->sequence = 0u;
    ConfigCheck_Defaults(data);
    for (size_t i = 0u; (status != CONFIG_OK) && (i < count); i++)
    {
        ConfigBlockInfo_t info = {0u, 0u, 0u, 0u};
        ConfigSource_t source;
        ConfigSource_Slot(order[i], &source);
        status = ConfigBlock_DecodeFrom(&source, data, &info);
        if (status == CONFIG_OK)
        {
            origin->slot = order[i];
            origin->sequence = info.sequence;
        }
        else
        {
            status = CONFIG_NOT_CONFIGURED;
        }
    }
    return status;
}

ConfigStatus_t ConfigSlots_Save(const ConfigData_t *data, uint32_t in_use, ConfigOrigin_t *saved)
{
    ConfigScan_t scan;
    ConfigBlockInfo_t info = {0u, 0u, 0u, 0u};
    uint32_t sequence = 0u;
    uint32_t base = 0u;
    ConfigSlots_Scan(&scan);
    const uint32_t target = ConfigSlots_Target(&scan, in_use, &sequence, &base);
    ConfigStatus_t status = ConfigBlock_EncodeToSlot(data, sequence, base, target, &info);
    if (status == CONFIG_OK)
    {
        /* Read back: the slot must hold exactly the block just encoded. */
        ConfigBlockInfo_t check = {0u, 0u, 0u, 0u};
        status = ((check_slot(target, &check) == CONFIG_OK) && (check.crc == info.crc) && (check.size == info.size))
                     ? CONFIG_OK
                     : CONFIG_ERR_STORE;
    }
    if (status == CONFIG_OK)
    {
        saved->slot = target;
        saved->sequence = sequence;
    }
    return status;
}
