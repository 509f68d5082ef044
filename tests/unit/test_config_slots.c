/* Unit tests of slot selection and save: sequence order incl. wrap, provisioned fallback,
 * re-provisioning, torn writes (power lost at any point of a save), a save that fails its
 * read-back, the store's write contract, and the active/edit copies. Store: hal/host double. */
#include <setjmp.h>
#include <stdarg.h>
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
    ConfigScan_t scan = scan_of(CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, &sequence, &base), 0u);
    assert_int_equal(sequence, 1u);
    assert_int_equal(base, 0u);
    scan = scan_of(CONFIG_OK, 0xFFFFFFFFu, 0u, CONFIG_OK, 0xFFFFFFFEu, 0u, CONFIG_ERR_MAGIC, 0u);
    assert_int_equal(ConfigSlots_Target(&scan, &sequence, &base), 1u);
    assert_int_equal(sequence, 0u); /* wraps */
    /* Slot 1 is newer by sequence but belongs to an older provisioning; slot 0 is in use. */
    scan = scan_of(CONFIG_OK, 3u, 0x77u, CONFIG_OK, 9u, 0x55u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, &sequence, &base), 1u);
    assert_int_equal(sequence, 10u);
    assert_int_equal(base, 0x77u);
    /* Only the provisioned block is in use: the invalid slot is written. */
    scan = scan_of(CONFIG_OK, 3u, 0x55u, CONFIG_ERR_CRC, 0u, 0u, CONFIG_OK, 0x77u);
    assert_int_equal(ConfigSlots_Target(&scan, &sequence, &base), 1u);
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

static void test_save_alternates_and_loads_newest(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 1u);
    g_data.poll_interval_s = 120u;
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 1u);
    assert_int_equal(saved.sequence, 2u);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 1u);
    assert_int_equal(g_loaded.poll_interval_s, 120u);
    g_data.poll_interval_s = 300u;
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(saved.sequence, 3u);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 0u);
    assert_int_equal(origin.sequence, 3u);
    assert_memory_equal(&g_loaded, &g_data, sizeof g_data);
}

static void test_torn_write_keeps_other_slot(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
    g_data.poll_interval_s = 600u;
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK); /* slot 1, seq 2 */
    g_data.poll_interval_s = 900u;
    g_data.anchors[g_data.anchors_used - 1u] = 0x07u; /* the torn-off second half differs too */
    ConfigStoreHost_FailNextWrite();
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_ERR_STORE); /* slot 0 torn */
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_OK);
    assert_int_equal(origin.slot, 1u);
    assert_int_equal(origin.sequence, 2u);
    assert_int_equal(g_loaded.poll_interval_s, 600u);
    /* The next save goes to the torn slot again, not over the good one. */
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
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
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_ERR_STORE);
    assert_int_equal(ConfigSlots_Load(&g_loaded, &origin), CONFIG_NOT_CONFIGURED);
    assert_string_equal(g_loaded.token, "");
}

static void test_valid_crc_bad_content_falls_back(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t origin;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK); /* slot 0, seq 1 */
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

/* Two good saves: slot 0 seq 1 (poll 45), slot 1 seq 2 (poll 600, in use). */
static void two_saves(void)
{
    ConfigOrigin_t saved;
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
    g_data.poll_interval_s = 600u;
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
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
        assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_ERR_STORE);
        assert_slot_1_kept();
    }
    /* Every cut inside the body, the header last: at the end of the payload, inside the header. */
    const size_t late[] = {body - (CONFIG_BLOCK_HEADER_SIZE - CONFIG_STORE_WORD_SIZE) - 1u,
                           body - (CONFIG_BLOCK_HEADER_SIZE - CONFIG_STORE_WORD_SIZE), body - 1u, body};
    for (size_t i = 0u; i < (sizeof late / sizeof late[0]); i++)
    {
        ConfigStoreHost_CutPowerAfter(late[i]);
        assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_ERR_STORE);
        assert_slot_1_kept();
    }
    /* With the power back the save goes to the torn slot, not over the good one. */
    assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_OK);
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
        assert_int_equal(ConfigSlots_Save(&g_data, &saved), CONFIG_ERR_STORE);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
