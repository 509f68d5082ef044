/* Unit tests of slot selection and save: sequence order incl. wrap, provisioned fallback,
 * re-provisioning, torn writes (power lost at any point of a save), a save that fails its
 * read-back, the store's write contract, the active/edit copies, and saves in one run that
 * never write the slot whose anchors are in use. Store: hal/host double. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config.h"
#include "firmware/config/config_slots.h"
#include "hal/config_store.h"
#include "hal/host/config_store_host.h"
#include "tests/unit/test_config_support.h"

static ConfigData_t g_data;
static ConfigData_t g_loaded;
static uint8_t g_block[CONFIG_BLOCK_MAX_SIZE];
static uint8_t g_payload[CONFIG_BLOCK_MAX_SIZE];
static uint8_t g_other[CONFIG_BLOCK_MAX_SIZE];

/* True when [der, der + length) lies inside store slot `slot` (mapped in place, not copied). */
static bool in_slot(const uint8_t *der, size_t length, uint32_t slot)
{
    const uint8_t *mapped = NULL;
    const size_t size = ConfigStore_SlotSize();
    bool inside = false;
    assert_int_equal(ConfigStore_Map(slot, 0u, size, &mapped), CONFIG_STORE_OK);
    for (size_t i = 0u; (!inside) && ((i + length) <= size); i++)
    {
        inside = der == &mapped[i];
    }
    return inside;
}

/* The anchors of `data` are the sample's two certificates, read in place from `slot`. */
static void assert_sample_anchors_in(const ConfigData_t *data, uint32_t slot)
{
    assert_int_equal(data->anchor_count, 2u);
    assert_int_equal(data->anchors[0].length, sizeof TEST_CONFIG_DER);
    assert_int_equal(data->anchors[1].length, sizeof TEST_CONFIG_DER2);
    assert_memory_equal(data->anchors[0].der, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_memory_equal(data->anchors[1].der, TEST_CONFIG_DER2, sizeof TEST_CONFIG_DER2);
    assert_true(in_slot(data->anchors[0].der, data->anchors[0].length, slot));
    assert_true(in_slot(data->anchors[1].der, data->anchors[1].length, slot));
}

/* A token of the greatest length: the block spans many chunks. */
static void fill_token(ConfigData_t *data)
{
    memset(data->token, 'T', CONFIG_TOKEN_MAX_LEN);
    data->token[CONFIG_TOKEN_MAX_LEN] = '\0';
}

static int setup(void **state)
{
    (void)state;
    ConfigStoreHost_Erase();
    return 0;
}

static ConfigScan_t scan_of(ConfigStatus_t s0, uint32_t seq0, uint32_t base0, ConfigStatus_t s1, uint32_t seq1,
                            uint32_t base1, ConfigStatus_t prov, uint32_t prov_crc)
{
    ConfigScan_t scan;
    memset(&scan, 0, sizeof scan);
    scan.status[0] = s0;
    scan.info[0].sequence = seq0;
    scan.info[0].base = base0;
    scan.status[1] = s1;
    scan.info[1].sequence = seq1;
    scan.info[1].base = base1;
    scan.status[CONFIG_STORE_SLOT_PROVISIONED] = prov;
    scan.info[CONFIG_STORE_SLOT_PROVISIONED].crc = prov_crc;
    return scan;
}

static void test_serial_order(void **state)
{
    (void)state;
    assert_true(ConfigSlots_IsNewer(2u, 1u));
    assert_false(ConfigSlots_IsNewer(1u, 2u));
    assert_false(ConfigSlots_IsNewer(5u, 5u));
    assert_true(ConfigSlots_IsNewer(0u, 0xFFFFFFFFu)); /* wrap */
    assert_true(ConfigSlots_IsNewer(3u, 0xFFFFFFF0u));
    assert_false(ConfigSlots_IsNewer(0xFFFFFFFFu, 0u));
}

static void test_order_by_sequence_with_wrap(void **state)
{
    (void)state;
    uint32_t order[CONFIG_SLOTS_STORES];
    ConfigScan_t scan = scan_of(CONFIG_OK, 0xFFFFFFFFu, 0u, CONFIG_OK, 0u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Order(&scan, order), 2u);
    assert_int_equal(order[0], 1u);
    assert_int_equal(order[1], 0u);
    assert_int_equal(order[2], CONFIG_SLOTS_NONE);
    scan = scan_of(CONFIG_OK, 9u, 0u, CONFIG_OK, 8u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Order(&scan, order), 2u);
    assert_int_equal(order[0], 0u);
    scan = scan_of(CONFIG_ERR_CRC, 9u, 0u, CONFIG_OK, 8u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Order(&scan, order), 1u);
    assert_int_equal(order[0], 1u);
    scan = scan_of(CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Order(&scan, order), 0u);
}

static void test_order_provisioned(void **state)
{
    (void)state;
    uint32_t order[CONFIG_SLOTS_STORES];
    /* Slots saved over this provisioned block win; then the block itself. */
    ConfigScan_t scan = scan_of(CONFIG_OK, 4u, 0xC0FFEEu, CONFIG_ERR_CRC, 5u, 0xC0FFEEu, CONFIG_OK, 0xC0FFEEu);
    assert_int_equal(ConfigSlots_Order(&scan, order), 2u);
    assert_int_equal(order[0], 0u);
    assert_int_equal(order[1], CONFIG_STORE_SLOT_PROVISIONED);
    /* Re-provisioned image: slots saved over another block are ignored. */
    scan = scan_of(CONFIG_OK, 4u, 0xBADu, CONFIG_OK, 5u, 0xBADu, CONFIG_OK, 0xC0FFEEu);
    assert_int_equal(ConfigSlots_Order(&scan, order), 1u);
    assert_int_equal(order[0], CONFIG_STORE_SLOT_PROVISIONED);
    /* No provisioned block: slots are taken whatever their base. */
    scan = scan_of(CONFIG_OK, 4u, 0xBADu, CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Order(&scan, order), 1u);
    assert_int_equal(order[0], 0u);
}

static void test_target_never_the_slot_in_use(void **state)
{
    (void)state;
    uint32_t sequence = 0u;
    uint32_t base = 0u;
    const uint32_t none = CONFIG_SLOTS_NONE;
    const uint32_t prov = CONFIG_STORE_SLOT_PROVISIONED;
    ConfigScan_t scan = scan_of(CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, none, &sequence, &base), 0u);
    assert_int_equal(sequence, 1u);
    assert_int_equal(base, 0u);
    scan = scan_of(CONFIG_OK, 0xFFFFFFFFu, 0u, CONFIG_OK, 0xFFFFFFFEu, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, 0u, &sequence, &base), 1u);
    assert_int_equal(sequence, 0u); /* wraps */
    /* Slot 1 is newer by sequence but belongs to an older provisioning; slot 0 is in use. */
    scan = scan_of(CONFIG_OK, 3u, 0x77u, CONFIG_OK, 9u, 0x55u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, 0u, &sequence, &base), 1u);
    assert_int_equal(sequence, 10u);
    assert_int_equal(base, 0x77u);
    /* Only the provisioned block is in use: the invalid slot is written. */
    scan = scan_of(CONFIG_OK, 3u, 0x55u, CONFIG_ERR_CRC, 0u, 0u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, prov, &sequence, &base), 1u);
    assert_int_equal(sequence, 4u);
    /* Slot 0 in use, slot 1 saved after it in the same run (newer): slot 1 again, never 0. */
    scan = scan_of(CONFIG_OK, 3u, 0u, CONFIG_OK, 4u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, 0u, &sequence, &base), 1u);
    assert_int_equal(sequence, 5u);
    scan = scan_of(CONFIG_OK, 8u, 0u, CONFIG_OK, 7u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, 1u, &sequence, &base), 0u);
    assert_int_equal(sequence, 9u);
    /* The provisioned block in use, slot 0 saved in this run: slot 0 is overwritten. */
    scan = scan_of(CONFIG_OK, 1u, 0x77u, CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, prov, &sequence, &base), 0u);
    assert_int_equal(sequence, 2u);
    /* ... both saved over another provisioning (not loadable): the older one. */
    scan = scan_of(CONFIG_OK, 6u, 0x55u, CONFIG_OK, 5u, 0x55u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, prov, &sequence, &base), 1u);
    assert_int_equal(sequence, 7u);
    assert_int_equal(base, 0x77u);
}

static void test_empty_store_not_configured(void **state)
{
    (void)state;
    assert_int_equal(Config_Init(), CONFIG_NOT_CONFIGURED);
    assert_int_equal(Config_State(), CONFIG_NOT_CONFIGURED);
    assert_null(Config_Active());
    assert_int_equal(Config_Origin().slot, CONFIG_SLOTS_NONE);
    /* The edit copy starts from defaults, never from hidden credentials. */
    assert_string_equal(Config_EditView()->token, "");
    assert_string_equal(Config_EditView()->organization, "");
    assert_int_equal(Config_EditView()->anchor_count, 0u);
}

/* Across boots (each save made with the slot it booted from in use), saves alternate. */
static void test_save_alternates_and_loads_newest(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 1u);
    g_data.poll_interval_s = 120u;
    assert_int_equal(ConfigSlots_Save(&g_data, 0u, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 1u);
    assert_int_equal(saved.sequence, 2u);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 1u);
    assert_int_equal(g_loaded.poll_interval_s, 120u);
    g_data.poll_interval_s = 300u;
    assert_int_equal(ConfigSlots_Save(&g_data, origin.slot, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 3u);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 0u);
    assert_int_equal(origin.sequence, 3u);
    assert_true(TestConfig_Same(&g_loaded, &g_data));
}

static void test_torn_write_keeps_other_slot(void **state)
{
    (void)state;
    static uint8_t last[sizeof TEST_CONFIG_DER2];
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
    g_data.poll_interval_s = 600u;
    assert_int_equal(ConfigSlots_Save(&g_data, 0u, &saved), CONFIG_OK); /* slot 1, seq 2 */
    g_data.poll_interval_s = 900u;
    memcpy(last, TEST_CONFIG_DER2, sizeof last);
    last[sizeof last - 1u] = 0x07u; /* the torn-off second half differs too */
    g_data.anchors[1].der = last;
    ConfigStoreHost_FailNextWrite();
    assert_int_equal(ConfigSlots_Save(&g_data, 1u, &saved), CONFIG_ERR_STORE); /* slot 0 torn */
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 1u);
    assert_int_equal(origin.sequence, 2u);
    assert_int_equal(g_loaded.poll_interval_s, 600u);
    /* The next save goes to the torn slot again, not over the good one. */
    assert_int_equal(ConfigSlots_Save(&g_data, origin.slot, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 3u);
}

static void test_torn_first_save_stays_unconfigured(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    ConfigStoreHost_FailNextWrite();
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_ERR_STORE);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_NOT_CONFIGURED);
    assert_string_equal(g_loaded.token, "");
}

static void test_valid_crc_bad_content_falls_back(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK); /* slot 0, seq 1 */
    /* A newer block with a correct CRC but no token in slot 1. */
    size_t length = 0u;
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_API_HOST, 0u, "forge.laravel.com");
    TestConfig_AddText(g_payload, &length, CONFIG_TAG_ORG, 0u, "acme");
    TestConfig_AddField(g_payload, &length, CONFIG_TAG_ANCHOR, 0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    const size_t size = TestConfig_Block(g_block, g_payload, length, 2u, 0u);
    assert_int_equal(TestConfig_StoreBlock(1u, g_block, size), CONFIG_STORE_OK);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 0u);
    assert_string_equal(g_loaded.token, TEST_TOKEN);
}

/* Two good saves, a boot between them: slot 0 seq 1 (poll 45), slot 1 seq 2 (poll 600, booted
 * from, so in use for the saves that follow). */
static void two_saves(void)
{
    ConfigOrigin_t saved;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
    g_data.poll_interval_s = 600u;
    assert_int_equal(ConfigSlots_Save(&g_data, 0u, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 1u);
}

static void assert_slot_1_kept(void)
{
    ConfigOrigin_t origin;
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 1u);
    assert_int_equal(origin.sequence, 2u);
    assert_int_equal(g_loaded.poll_interval_s, 600u);
}

/* Power lost right after Begin, in the first, a middle or the last chunk of the payload, in the
 * header, and just before the magic: the slot being written is never chosen. */
static void test_power_loss_anywhere_keeps_other_slot(void **state)
{
    (void)state;
    const size_t cuts[] = {0u, 1u, 3u, CONFIG_IO_CHUNK_SIZE, CONFIG_IO_CHUNK_SIZE + 1u, 10u * CONFIG_IO_CHUNK_SIZE,
                           CONFIG_STORE_HOST_SLOT_SIZE};
    ConfigOrigin_t saved;
    two_saves();
    g_data.poll_interval_s = 900u;
    fill_token(&g_data);
    ConfigBlockInfo_t info;
    assert_int_equal(ConfigBlock_Encode(&g_data, 3u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    const size_t body = info.size - CONFIG_STORE_WORD_SIZE; /* bytes Program writes in a save */
    assert_true(body > (10u * CONFIG_IO_CHUNK_SIZE));
    for (size_t i = 0u; i < (sizeof cuts / sizeof cuts[0]); i++)
    {
        ConfigStoreHost_CutPowerAfter(cuts[i]);
        assert_int_equal(ConfigSlots_Save(&g_data, 1u, &saved), CONFIG_ERR_STORE);
        assert_slot_1_kept();
    }
    /* Every cut inside the body, the header last: at the end of the payload, inside the header. */
    const size_t late[] = {body - (CONFIG_BLOCK_HEADER_SIZE - CONFIG_STORE_WORD_SIZE) - 1u,
                           body - (CONFIG_BLOCK_HEADER_SIZE - CONFIG_STORE_WORD_SIZE), body - 1u, body};
    for (size_t i = 0u; i < (sizeof late / sizeof late[0]); i++)
    {
        ConfigStoreHost_CutPowerAfter(late[i]);
        assert_int_equal(ConfigSlots_Save(&g_data, 1u, &saved), CONFIG_ERR_STORE);
        assert_slot_1_kept();
    }
    /* With the power back the save goes to the torn slot, not over the good one. */
    assert_int_equal(ConfigSlots_Save(&g_data, 1u, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 3u);
}

/* The reset itself: a save that never returns leaves the slot as the store had it. */
static void test_reset_mid_write_keeps_other_slot(void **state)
{
    (void)state;
    ConfigBlockInfo_t info;
    two_saves();
    assert_int_equal(ConfigStore_Begin(0u), CONFIG_STORE_OK); /* reset after the erase */
    assert_slot_1_kept();
    g_data.poll_interval_s = 900u;
    assert_int_equal(ConfigBlock_Encode(&g_data, 3u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    assert_int_equal(ConfigStore_Begin(0u), CONFIG_STORE_OK); /* reset with the whole body, no magic */
    assert_int_equal(ConfigStore_Program(0u, CONFIG_STORE_WORD_SIZE, &g_block[CONFIG_STORE_WORD_SIZE],
                                         info.size - CONFIG_STORE_WORD_SIZE),
                     CONFIG_STORE_OK);
    assert_slot_1_kept();
}

/* The store reports success but the slot does not read back as encoded: the save fails and the
 * damaged slot is not chosen (a bit anywhere, the magic included). */
static void test_save_fails_read_back(void **state)
{
    (void)state;
    const size_t offsets[] = {0u, 13u, CONFIG_BLOCK_HEADER_SIZE, 200u};
    ConfigOrigin_t saved;
    two_saves();
    g_data.poll_interval_s = 900u;
    for (size_t i = 0u; i < (sizeof offsets / sizeof offsets[0]); i++)
    {
        ConfigStoreHost_CorruptNextWrite(offsets[i]);
        assert_int_equal(ConfigSlots_Save(&g_data, 1u, &saved), CONFIG_ERR_STORE);
        assert_slot_1_kept();
    }
}

/* The rules every store driver keeps (hal/config_store.h), on the host double. */
static void test_store_write_contract(void **state)
{
    (void)state;
    const uint8_t bytes[8] = {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u};
    uint8_t back[8];
    assert_int_equal(ConfigStore_Program(0u, 4u, bytes, 4u), CONFIG_STORE_OUT_OF_RANGE); /* not begun */
    assert_int_equal(ConfigStore_Finish(0u, 0u), CONFIG_STORE_OUT_OF_RANGE);
    assert_int_equal(ConfigStore_Begin(CONFIG_STORE_SLOT_PROVISIONED), CONFIG_STORE_OUT_OF_RANGE);
    assert_int_equal(ConfigStore_Begin(1u), CONFIG_STORE_OK);
    assert_int_equal(ConfigStore_Program(0u, 4u, bytes, 4u), CONFIG_STORE_OUT_OF_RANGE); /* not the open slot */
    assert_int_equal(ConfigStore_Program(1u, 0u, bytes, 4u), CONFIG_STORE_OUT_OF_RANGE); /* the magic */
    assert_int_equal(ConfigStore_Program(1u, 6u, bytes, 4u), CONFIG_STORE_OUT_OF_RANGE); /* not a word */
    assert_int_equal(ConfigStore_Program(1u, ConfigStore_SlotSize() - 4u, bytes, 8u), CONFIG_STORE_OUT_OF_RANGE);
    assert_int_equal(ConfigStore_Program(1u, 8u, bytes, 5u), CONFIG_STORE_OK);             /* words 8 and 12 */
    assert_int_equal(ConfigStore_Program(1u, 12u, bytes, 4u), CONFIG_STORE_WRITE_FAILED);  /* programmed */
    assert_int_equal(ConfigStore_Program(1u, 16u, bytes, 3u), CONFIG_STORE_OK);
    assert_int_equal(ConfigStore_Read(1u, 0u, back, sizeof back), CONFIG_STORE_OK);
    const uint8_t erased[4] = {0xFFu, 0xFFu, 0xFFu, 0xFFu};
    assert_memory_equal(back, erased, sizeof erased); /* the first word only with Finish */
    assert_int_equal(ConfigStore_Read(1u, 8u, back, sizeof back), CONFIG_STORE_OK);
    const uint8_t expected[8] = {1u, 2u, 3u, 4u, 5u, 0xFFu, 0xFFu, 0xFFu}; /* a partial word padded */
    assert_memory_equal(back, expected, sizeof expected);
    assert_int_equal(ConfigStore_Finish(1u, 0x44332211u), CONFIG_STORE_OK);
    assert_int_equal(ConfigStore_Read(1u, 0u, back, 4u), CONFIG_STORE_OK);
    const uint8_t first[4] = {0x11u, 0x22u, 0x33u, 0x44u};
    assert_memory_equal(back, first, sizeof first);
    assert_int_equal(ConfigStore_Program(1u, 20u, bytes, 4u), CONFIG_STORE_OUT_OF_RANGE); /* closed */
}

static void test_edit_save_and_reload(void **state)
{
    (void)state;
    const char *what = NULL;
    ConfigOrigin_t saved;
    assert_int_equal(Config_Init(), CONFIG_NOT_CONFIGURED);
    /* An incomplete edit is refused and names the first missing key. */
    ConfigData_t *edit = Config_Edit();
    memcpy(edit->organization, "acme", 5u);
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_ERR_MISSING);
    assert_string_equal(what, "host");
    TestConfig_Sample(edit);
    Config_MarkEdited();
    assert_true(Config_IsEdited());
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_false(Config_IsEdited());
    /* Saving does not change the running configuration: a reboot does. */
    assert_null(Config_Active());
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_non_null(Config_Active());
    assert_string_equal(Config_Active()->organization, "acme-ops");
    assert_int_equal(Config_Origin().slot, saved.slot);
}

/* Boot from slot 0, then save two and three times in the same run: every save goes to slot 1
 * (the later over the earlier), never over slot 0, which stays CRC-valid and unchanged, so the
 * anchors that the active configuration, the edit copy and the TLS client point at stay valid;
 * the latest save wins at the next boot, whose saves then go to slot 0. */
static void test_saves_in_one_run_keep_the_active_slot(void **state)
{
    (void)state;
    const uint32_t polls[3] = {120u, 300u, 900u};
    const char *what = NULL;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    ConfigScan_t scan;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 0u);
    const ConfigData_t *active = Config_Active();
    assert_sample_anchors_in(active, 0u);
    assert_sample_anchors_in(Config_EditView(), 0u);
    ConfigSlots_Scan(&scan);
    const uint32_t active_crc = scan.info[0].crc;
    for (size_t i = 0u; i < (sizeof polls / sizeof polls[0]); i++)
    {
        Config_Edit()->poll_interval_s = polls[i];
        Config_MarkEdited();
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
        assert_int_equal(saved.slot, 1u);
        assert_int_equal(saved.sequence, 2u + i);
        ConfigSlots_Scan(&scan);
        assert_int_equal(scan.status[0], CONFIG_OK);
        assert_int_equal(scan.info[0].crc, active_crc);
        assert_int_equal(scan.info[0].sequence, 1u);
        assert_int_equal(scan.status[1], CONFIG_OK);
        /* The active configuration did not change; both copies' anchors are still there. */
        assert_int_equal(active->poll_interval_s, 45u);
        assert_sample_anchors_in(active, 0u);
        assert_sample_anchors_in(Config_EditView(), 0u);
        assert_ptr_equal(Config_EditView()->anchors[0].der, active->anchors[0].der);
        /* What the next boot would load: this save. */
        assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
        assert_int_equal(origin.slot, 1u);
        assert_int_equal(origin.sequence, 2u + i);
        assert_int_equal(g_loaded.poll_interval_s, polls[i]);
        assert_sample_anchors_in(&g_loaded, 1u);
    }
    /* The next boot: slot 1, and now slot 1 is the one kept. */
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 1u);
    assert_int_equal(Config_Origin().sequence, 4u);
    assert_int_equal(Config_Active()->poll_interval_s, 900u);
    Config_Edit()->poll_interval_s = 60u;
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 5u);
    Config_Edit()->poll_interval_s = 70u;
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 6u);
    assert_sample_anchors_in(Config_Active(), 1u);
    assert_sample_anchors_in(Config_EditView(), 1u);
}

/* Booted from the provisioned block, the run-time slots empty or holding blocks saved over
 * another provisioning (so not loadable): the block is read in place and never written; saves
 * go to a run-time slot, a second one over the first, and the latest wins at the next boot. */
static void test_saves_while_the_provisioned_block_is_active(void **state)
{
    (void)state;
    const uint32_t prov = CONFIG_STORE_SLOT_PROVISIONED;
    const char *what = NULL;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    ConfigScan_t scan;
    ConfigBlockInfo_t info;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigBlock_Encode(&g_data, 0u, 0u, g_block, sizeof g_block, &info), CONFIG_OK);
    const size_t prov_size = info.size;
    for (size_t round = 0u; round < 2u; round++)
    {
        const uint32_t first = (round == 0u) ? 0u : 1u; /* empty: slot 0; else the older one */
        const uint32_t sequence = (round == 0u) ? 1u : 7u;
        ConfigStoreHost_Erase();
        ConfigStoreHost_Provision(g_block, prov_size);
        if (round == 1u)
        {
            assert_int_equal(ConfigBlock_Encode(&g_data, 6u, 0x55u, g_other, sizeof g_other, &info), CONFIG_OK);
            assert_int_equal(TestConfig_StoreBlock(0u, g_other, info.size), CONFIG_STORE_OK);
            assert_int_equal(ConfigBlock_Encode(&g_data, 5u, 0x55u, g_other, sizeof g_other, &info), CONFIG_OK);
            assert_int_equal(TestConfig_StoreBlock(1u, g_other, info.size), CONFIG_STORE_OK);
        }
        assert_int_equal(Config_Init(), CONFIG_OK);
        assert_int_equal(Config_Origin().slot, prov);
        assert_sample_anchors_in(Config_Active(), prov);
        ConfigSlots_Scan(&scan);
        const uint32_t prov_crc = scan.info[prov].crc;
        Config_Edit()->poll_interval_s = 120u;
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
        assert_int_equal(saved.slot, first);
        assert_int_equal(saved.sequence, sequence);
        Config_Edit()->poll_interval_s = 300u;
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
        assert_int_equal(saved.slot, first);
        assert_int_equal(saved.sequence, sequence + 1u);
        ConfigSlots_Scan(&scan);
        assert_int_equal(scan.status[prov], CONFIG_OK);
        assert_int_equal(scan.info[prov].crc, prov_crc);
        assert_int_equal(scan.info[first].base, prov_crc);
        assert_sample_anchors_in(Config_Active(), prov);
        assert_sample_anchors_in(Config_EditView(), prov);
        assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
        assert_int_equal(origin.slot, first);
        assert_int_equal(g_loaded.poll_interval_s, 300u);
    }
}

/* Booted from slot 0, a first save to slot 1, then a second save lost half-way (torn, or the
 * power cut): the slot in use is untouched, the next boot falls back to it (the configuration
 * that was running; the first save is lost with the slot it was in), and a retry goes to
 * slot 1 again. */
static void test_torn_second_save_falls_back_to_the_active_slot(void **state)
{
    (void)state;
    const char *what = NULL;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    ConfigScan_t scan;
    for (size_t fault = 0u; fault < 2u; fault++)
    {
        ConfigStoreHost_Erase();
        TestConfig_Sample(&g_data);
        assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
        assert_int_equal(Config_Init(), CONFIG_OK);
        ConfigSlots_Scan(&scan);
        const uint32_t active_crc = scan.info[0].crc;
        Config_Edit()->poll_interval_s = 120u;
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
        assert_int_equal(saved.slot, 1u);
        Config_Edit()->poll_interval_s = 300u;
        Config_MarkEdited();
        if (fault == 0u)
        {
            ConfigStoreHost_FailNextWrite();
        }
        else
        {
            ConfigStoreHost_CutPowerAfter(2u * CONFIG_IO_CHUNK_SIZE);
        }
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_ERR_STORE);
        assert_true(Config_IsEdited());
        ConfigSlots_Scan(&scan);
        assert_int_equal(scan.status[0], CONFIG_OK);
        assert_int_equal(scan.info[0].crc, active_crc);
        assert_true(scan.status[1] != CONFIG_OK);
        assert_sample_anchors_in(Config_Active(), 0u);
        assert_sample_anchors_in(Config_EditView(), 0u);
        assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
        assert_int_equal(origin.slot, 0u);
        assert_int_equal(origin.sequence, 1u);
        assert_int_equal(g_loaded.poll_interval_s, 45u);
        /* The retry: slot 1 again, newer than slot 0, and it wins. */
        assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
        assert_int_equal(saved.slot, 1u);
        assert_int_equal(saved.sequence, 2u);
        assert_int_equal(Config_Init(), CONFIG_OK);
        assert_int_equal(Config_Origin().slot, 1u);
        assert_int_equal(Config_Active()->poll_interval_s, 300u);
    }
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_serial_order, setup),
        cmocka_unit_test_setup(test_order_by_sequence_with_wrap, setup),
        cmocka_unit_test_setup(test_order_provisioned, setup),
        cmocka_unit_test_setup(test_target_never_the_slot_in_use, setup),
        cmocka_unit_test_setup(test_empty_store_not_configured, setup),
        cmocka_unit_test_setup(test_save_alternates_and_loads_newest, setup),
        cmocka_unit_test_setup(test_torn_write_keeps_other_slot, setup),
        cmocka_unit_test_setup(test_torn_first_save_stays_unconfigured, setup),
        cmocka_unit_test_setup(test_valid_crc_bad_content_falls_back, setup),
        cmocka_unit_test_setup(test_power_loss_anywhere_keeps_other_slot, setup),
        cmocka_unit_test_setup(test_reset_mid_write_keeps_other_slot, setup),
        cmocka_unit_test_setup(test_save_fails_read_back, setup),
        cmocka_unit_test_setup(test_store_write_contract, setup),
        cmocka_unit_test_setup(test_edit_save_and_reload, setup),
        cmocka_unit_test_setup(test_saves_in_one_run_keep_the_active_slot, setup),
        cmocka_unit_test_setup(test_saves_while_the_provisioned_block_is_active, setup),
        cmocka_unit_test_setup(test_torn_second_save_falls_back_to_the_active_slot, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
