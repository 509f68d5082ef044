/* Anchor rotation: stream the new anchors into the slot not in use, check, then validate. */
#include "firmware/config/config_rotate.h"

#include <string.h>

#include "firmware/config/config.h"
#include "firmware/config/config_block.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_source.h"
#include "firmware/config/config_value.h"

typedef struct
{
    bool open;
    bool lost_save;                         /* the slot held a save not yet booted */
    ConfigStream_t stream;
    uint8_t header[CONFIG_BLOCK_HEADER_SIZE];
    uint32_t sequence;
    size_t lengths[CONFIG_MAX_ANCHORS];
    size_t count;
    size_t total;
    size_t index;
    size_t offset;
    size_t received;
    size_t anchors_at;                      /* payload offset of the first anchor field */
    uint32_t der_crc;
} Rotation_t;

static Rotation_t g_rotation;

bool ConfigRotate_IsOpen(void)
{
    return g_rotation.open;
}

static void end_failed(void)
{
    if (g_rotation.open && g_rotation.lost_save)
    {
        Config_MarkEdited(); /* the save it overwrote can be written again from the edit copy */
    }
    g_rotation.open = false;
}

void ConfigRotate_Abort(void)
{
    end_failed();
}

ConfigRotateProgress_t ConfigRotate_GetProgress(void)
{
    const ConfigRotateProgress_t progress = {g_rotation.open,  g_rotation.stream.slot, g_rotation.count,
                                             g_rotation.total, g_rotation.index,       g_rotation.offset,
                                             g_rotation.received};
    return progress;
}

static ConfigStatus_t check_lengths(const size_t lengths[], size_t count, size_t *total)
{
    ConfigStatus_t status = ((lengths != NULL) && (count > 0u) && (count <= CONFIG_MAX_ANCHORS)) ? CONFIG_OK
                                                                                                 : CONFIG_ERR_VALUE;
    *total = 0u;
    for (size_t i = 0u; (status == CONFIG_OK) && (i < count); i++)
    {
        if (lengths[i] == 0u)
        {
            status = CONFIG_ERR_VALUE;
        }
        else if ((lengths[i] > CONFIG_ANCHOR_MAX_LEN) || (lengths[i] > (CONFIG_ANCHORS_TOTAL_MAX - *total)))
        {
            status = CONFIG_ERR_TOO_LONG;
        }
        else
        {
            *total += lengths[i];
        }
    }
    return status;
}

/* Offset in the slot of anchor `index`'s DER value. */
static size_t value_offset(size_t index)
{
    size_t at = CONFIG_BLOCK_HEADER_SIZE + g_rotation.anchors_at;
    for (size_t i = 0u; (i < index) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        at += CONFIG_FIELD_HEADER_SIZE + g_rotation.lengths[i];
    }
    return at + CONFIG_FIELD_HEADER_SIZE;
}

/* The slot and sequence a save would write now; whether it holds the save that wins at boot. */
static uint32_t pick_target(uint32_t *sequence, uint32_t *base, bool *lost_save)
{
    ConfigScan_t scan;
    uint32_t order[CONFIG_SLOTS_STORES];
    ConfigSlots_Scan(&scan);
    const uint32_t slot = ConfigSlots_Target(&scan, Config_Origin().slot, sequence, base);
    const size_t eligible = ConfigSlots_Order(&scan, order);
    *lost_save = (eligible > 0u) && (order[0] == slot);
    return slot;
}

ConfigStatus_t ConfigRotate_Begin(const size_t lengths[], size_t count, ConfigOrigin_t *target)
{
    size_t total = 0u;
    size_t fields = 0u;
    ConfigRotate_Abort(); /* a begin starts over */
    ConfigStatus_t status = check_lengths(lengths, count, &total);
    if (status == CONFIG_OK)
    {
        status = ConfigBlock_FieldsLength(Config_EditView(), &fields);
    }
    const size_t payload = fields + (count * CONFIG_FIELD_HEADER_SIZE) + total;
    if ((status == CONFIG_OK) && ((CONFIG_BLOCK_HEADER_SIZE + payload) > ConfigSource_SlotCapacity()))
    {
        status = CONFIG_ERR_TOO_LARGE;
    }
    if (status == CONFIG_OK)
    {
        uint32_t base = 0u;
        (void)memset(&g_rotation, 0, sizeof g_rotation);
        const uint32_t slot = pick_target(&g_rotation.sequence, &base, &g_rotation.lost_save);
        ConfigBlock_PutHeader(g_rotation.header, payload, g_rotation.sequence, base);
        status = (slot < CONFIG_STORE_RUNTIME_SLOTS) ? ConfigStream_Open(slot, g_rotation.header, &g_rotation.stream)
                                                     : CONFIG_ERR_STORE;
        g_rotation.open = true; /* the slot no longer holds what it held */
    }
    if (status == CONFIG_OK)
    {
        status = ConfigBlock_StreamFields(Config_EditView(), &g_rotation.stream);
    }
    if (status == CONFIG_OK)
    {
        (void)memcpy(g_rotation.lengths, lengths, count * sizeof lengths[0]);
        g_rotation.count = count;
        g_rotation.total = total;
        g_rotation.anchors_at = fields;
        target->slot = g_rotation.stream.slot;
        target->sequence = g_rotation.sequence;
    }
    else
    {
        end_failed();
    }
    return status;
}

ConfigStatus_t ConfigRotate_Data(size_t index, size_t offset, const uint8_t *bytes, size_t length)
{
    ConfigStatus_t status = CONFIG_OK;
    if (!g_rotation.open || (g_rotation.index >= g_rotation.count))
    {
        status = CONFIG_ERR_STATE;
    }
    else if ((index != g_rotation.index) || (offset != g_rotation.offset))
    {
        status = CONFIG_ERR_ORDER;
    }
    else if ((bytes == NULL) || (length == 0u) || (length > (g_rotation.lengths[index] - offset)))
    {
        status = CONFIG_ERR_TOO_LONG;
    }
    else
    {
        if (offset == 0u)
        {
            ConfigBlock_StreamAnchorHeader(index, g_rotation.lengths[index], &g_rotation.stream);
        }
        ConfigStream_Put(&g_rotation.stream, bytes, length);
        g_rotation.der_crc = ConfigCrc_Update(g_rotation.der_crc, bytes, length);
        status = g_rotation.stream.status;
        if (status == CONFIG_OK)
        {
            g_rotation.offset += length;
            g_rotation.received += length;
            if (g_rotation.offset == g_rotation.lengths[index])
            {
                g_rotation.index++;
                g_rotation.offset = 0u;
            }
        }
        else
        {
            end_failed();
        }
    }
    return status;
}

/* Each anchor parsed in place in the open slot; *failed: the first that does not. */
static ConfigStatus_t check_new_anchors(ConfigAnchorCheck_t check, size_t *failed)
{
    ConfigStatus_t status = (check != NULL) ? CONFIG_OK : CONFIG_ERR_ARG;
    for (size_t i = 0u; (status == CONFIG_OK) && (i < g_rotation.count); i++)
    {
        TlsTrustAnchor_t anchor = {NULL, g_rotation.lengths[i]};
        *failed = i;
        if (ConfigStore_MapOpen(g_rotation.stream.slot, value_offset(i), anchor.length, &anchor.der) !=
            CONFIG_STORE_OK)
        {
            status = CONFIG_ERR_STORE;
        }
        else if (!ConfigValue_IsDerCertificate(anchor.der, anchor.length))
        {
            status = CONFIG_ERR_DER; /* what the decoder demands at boot, so the block loads */
        }
        else
        {
            status = check(&anchor);
        }
    }
    return status;
}

/* The new block read back; its anchors mapped in place into anchors[]. */
static ConfigStatus_t read_back(TlsTrustAnchor_t anchors[CONFIG_MAX_ANCHORS])
{
    ConfigSource_t source;
    ConfigBlockInfo_t info = {0u, 0u, 0u, 0u};
    ConfigSource_Slot(g_rotation.stream.slot, &source);
    ConfigStatus_t status = ConfigBlock_CheckFrom(&source, &info);
    if ((status == CONFIG_OK) && ((info.crc != g_rotation.stream.crc) || (info.sequence != g_rotation.sequence) ||
                                  (info.size != (CONFIG_BLOCK_HEADER_SIZE + g_rotation.stream.length))))
    {
        status = CONFIG_ERR_STORE;
    }
    for (size_t i = 0u; (status == CONFIG_OK) && (i < g_rotation.count); i++)
    {
        anchors[i].length = g_rotation.lengths[i];
        status = ConfigSource_Map(&source, value_offset(i), anchors[i].length, &anchors[i].der);
    }
    return (status == CONFIG_OK) ? CONFIG_OK : CONFIG_ERR_STORE;
}

/* CRC, flush and the check of every anchor; the rotation ends unless it may be retried. */
static ConfigStatus_t commit_checks(uint32_t crc, ConfigAnchorCheck_t check, size_t *failed)
{
    ConfigStatus_t status = (crc == g_rotation.der_crc) ? ConfigStream_Flush(&g_rotation.stream) : CONFIG_ERR_CRC;
    if (status == CONFIG_OK)
    {
        status = check_new_anchors(check, failed);
    }
    if ((status != CONFIG_OK) && (status != CONFIG_ERR_BUSY))
    {
        end_failed(); /* BUSY: the check may be tried again; the rotation stays open */
    }
    return status;
}

/* Header, magic, read-back: the block is valid and its anchors are mapped into anchors[]. */
static ConfigStatus_t finish_block(TlsTrustAnchor_t anchors[CONFIG_MAX_ANCHORS])
{
    (void)memset(anchors, 0, CONFIG_MAX_ANCHORS * sizeof anchors[0]);
    ConfigStatus_t status = ConfigStream_Finish(&g_rotation.stream, g_rotation.header);
    if (status == CONFIG_OK)
    {
        status = read_back(anchors);
    }
    if (status == CONFIG_OK)
    {
        g_rotation.open = false;
    }
    else
    {
        end_failed(); /* a block that does not read back fails its CRC at boot */
    }
    return status;
}

ConfigStatus_t ConfigRotate_Commit(uint32_t crc, ConfigAnchorCheck_t check, ConfigOrigin_t *committed,
                                   size_t *failed)
{
    TlsTrustAnchor_t anchors[CONFIG_MAX_ANCHORS];
    ConfigStatus_t status = CONFIG_OK;
    *failed = 0u;
    if (!g_rotation.open)
    {
        status = CONFIG_ERR_STATE;
    }
    else if (g_rotation.index < g_rotation.count)
    {
        status = CONFIG_ERR_INCOMPLETE;
    }
    else
    {
        status = commit_checks(crc, check, failed);
    }
    if (status == CONFIG_OK)
    {
        status = finish_block(anchors);
    }
    if (status == CONFIG_OK)
    {
        committed->slot = g_rotation.stream.slot;
        committed->sequence = g_rotation.sequence;
        Config_AdoptAnchors(committed, anchors, g_rotation.count);
    }
    return status;
}
