/* Unit tests of the anchor rotation (firmware/config/config_rotate.c): a set streamed into the
 * slot not in use in pieces of any size, checked (CRC-32, every anchor) before the magic;
 * refusals (bad CRC, an anchor that does not parse, out of order, too large, interrupted,
 * power cut) leave the old anchors in use now and after a "reset" (Config_Init); a second
 * rotation never writes the slot in use; the capacity (8 anchors, 8 KiB of DER) fits a slot.
 * Store: hal/host double. The anchor check is a fake (the real one, TlsClient_CheckAnchor, is
 * tested in test_tls_client). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_keys.h"
#include "firmware/config/config_rotate.h"
#include "firmware/config/config_slots.h"
#include "hal/config_store.h"
#include "hal/host/config_store_host.h"
#include "tests/unit/test_config_support.h"

static ConfigData_t g_data;
static ConfigData_t g_expected;
static uint8_t g_der[CONFIG_ANCHORS_TOTAL_MAX + CONFIG_ANCHOR_MAX_LEN]; /* the new anchors' bytes */
static size_t g_lengths[CONFIG_MAX_ANCHORS + 1u];
static size_t g_count;
static size_t g_check_calls;
static size_t g_refuse_index = SIZE_MAX;  /* the fake check refuses this anchor */
static bool g_busy;                       /* the fake check has no memory */

static ConfigStatus_t fake_check(const TlsTrustAnchor_t *anchor)
{
    ConfigStatus_t status = ((anchor->der != NULL) && (anchor->length >= 4u) && (anchor->der[0] == 0x30u))
                                ? CONFIG_OK
                                : CONFIG_ERR_DER;
    if (g_check_calls == g_refuse_index)
    {
        status = CONFIG_ERR_DER;
    }
    if (g_busy)
    {
        status = CONFIG_ERR_BUSY;
    }
    g_check_calls++;
    return status;
}

/* count anchors of the given lengths into g_der, each a SEQUENCE with distinct bytes. */
static void make_set(const size_t *lengths, size_t count, uint8_t seed)
{
    size_t at = 0u;
    for (size_t i = 0u; i < count; i++)
    {
        for (size_t k = 0u; k < lengths[i]; k++)
        {
            g_der[at + k] = (uint8_t)((k * 31u) + i + seed);
        }
        g_der[at] = 0x30u;
        g_der[at + 1u] = 0x82u;
        g_der[at + 2u] = (uint8_t)((lengths[i] - 4u) >> 8u);
        g_der[at + 3u] = (uint8_t)((lengths[i] - 4u) & 0xFFu);
        g_lengths[i] = lengths[i];
        at += lengths[i];
    }
    g_count = count;
}

static size_t set_bytes(void)
{
    size_t total = 0u;
    for (size_t i = 0u; i < g_count; i++)
    {
        total += g_lengths[i];
    }
    return total;
}

static uint32_t set_crc(void)
{
    return ConfigCrc_Update(0u, g_der, set_bytes());
}

/* Every anchor's bytes in pieces of `piece` bytes. */
static ConfigStatus_t send_all(size_t piece)
{
    ConfigStatus_t status = CONFIG_OK;
    size_t at = 0u;
    for (size_t i = 0u; (status == CONFIG_OK) && (i < g_count); i++)
    {
        for (size_t off = 0u; (status == CONFIG_OK) && (off < g_lengths[i]); off += piece)
        {
            const size_t part = ((g_lengths[i] - off) < piece) ? (g_lengths[i] - off) : piece;
            status = ConfigRotate_Data(i, off, &g_der[at + off], part);
        }
        at += g_lengths[i];
    }
    return status;
}

/* The configuration's anchors are exactly the new set, read in place from `slot`. */
static void assert_new_set(const ConfigData_t *data, uint32_t slot)
{
    const uint8_t *mapped = NULL;
    assert_int_equal(ConfigStore_Map(slot, 0u, ConfigStore_SlotSize(), &mapped), CONFIG_STORE_OK);
    assert_int_equal(data->anchor_count, g_count);
    size_t at = 0u;
    for (size_t i = 0u; i < g_count; i++)
    {
        assert_int_equal(data->anchors[i].length, g_lengths[i]);
        assert_memory_equal(data->anchors[i].der, &g_der[at], g_lengths[i]);
        assert_true((data->anchors[i].der >= mapped) && (data->anchors[i].der < &mapped[ConfigStore_SlotSize()]));
        at += g_lengths[i];
    }
}

/* The sample's two small anchors are the ones in use. */
static void assert_old_set(const ConfigData_t *data)
{
    assert_int_equal(data->anchor_count, 2u);
    assert_int_equal(data->anchors[0].length, sizeof TEST_CONFIG_DER);
    assert_memory_equal(data->anchors[0].der, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_memory_equal(data->anchors[1].der, TEST_CONFIG_DER2, sizeof TEST_CONFIG_DER2);
}

/* A board running the sample from run-time slot 0. */
static int setup(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigStoreHost_Erase();
    ConfigRotate_Abort();
    TestConfig_Sample(&g_data);
    assert_int_equal(ConfigSlots_Save(&g_data, CONFIG_SLOTS_NONE, &saved), CONFIG_OK);
    assert_int_equal(saved.slot, 0u);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 0u);
    g_check_calls = 0u;
    g_refuse_index = SIZE_MAX;
    g_busy = false;
    return 0;
}

static void test_rotation_in_any_pieces(void **state)
{
    (void)state;
    static const size_t pieces[] = {1u, 3u, 77u, 256u, 2048u};
    static const size_t lengths[] = {1391u, 541u, 1371u, 526u};
    for (size_t p = 0u; p < (sizeof pieces / sizeof pieces[0]); p++)
    {
        ConfigOrigin_t target;
        ConfigOrigin_t committed;
        size_t failed = 99u;
        const uint32_t in_use = Config_Origin().slot;
        make_set(lengths, 4u, (uint8_t)p);
        assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
        assert_int_equal(target.slot, 1u - in_use); /* never the slot in use */
        assert_true(ConfigRotate_IsOpen());
        assert_int_equal(send_all(pieces[p]), CONFIG_OK);
        assert_int_equal(ConfigRotate_GetProgress().received, set_bytes());
        g_check_calls = 0u;
        assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_OK);
        assert_int_equal(g_check_calls, 4u);
        assert_false(ConfigRotate_IsOpen());
        assert_int_equal(committed.slot, target.slot);
        assert_int_equal(committed.sequence, target.sequence);
        /* Both copies use the new anchors now; the new slot is the one in use. */
        assert_new_set(Config_Active(), committed.slot);
        assert_new_set(Config_EditView(), committed.slot);
        assert_int_equal(Config_Origin().slot, committed.slot);
        assert_false(Config_IsEdited());
        /* After a reset: the new block wins, every other field as before. */
        assert_int_equal(Config_Init(), CONFIG_OK);
        assert_int_equal(Config_Origin().slot, committed.slot);
        assert_new_set(Config_Active(), committed.slot);
        memcpy(&g_expected, &g_data, sizeof g_expected);
        memcpy(g_expected.anchors, Config_Active()->anchors, sizeof g_expected.anchors);
        g_expected.anchor_count = g_count;
        assert_true(TestConfig_Same(&g_expected, Config_Active()));
    }
}

/* Refused commits: the old anchors stay in use, now and after a reset. */
static void assert_refused_keeps_old(ConfigStatus_t expected, uint32_t crc_flip)
{
    ConfigOrigin_t target;
    ConfigOrigin_t committed = {CONFIG_SLOTS_NONE, 0u};
    size_t failed = 99u;
    static const size_t lengths[] = {700u, 900u};
    make_set(lengths, 2u, 9u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(100u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc() ^ crc_flip, fake_check, &committed, &failed), expected);
    assert_false(ConfigRotate_IsOpen());
    assert_int_equal(committed.slot, CONFIG_SLOTS_NONE);
    assert_old_set(Config_Active());
    assert_old_set(Config_EditView());
    assert_int_equal(Config_Origin().slot, 0u);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 0u);
    assert_old_set(Config_Active());
}

static void test_bad_crc_refused(void **state)
{
    (void)state;
    assert_refused_keeps_old(CONFIG_ERR_CRC, 0x00000100u);
}

static void test_bad_der_refused(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 99u;
    static const size_t lengths[] = {700u, 900u, 300u};
    /* The second anchor does not parse (the fake refuses its first byte). */
    make_set(lengths, 3u, 1u);
    g_der[700u] = 0x31u;
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(64u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_ERR_DER);
    assert_int_equal(failed, 1u);
    assert_false(ConfigRotate_IsOpen());
    assert_old_set(Config_Active());
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 0u);
    assert_old_set(Config_Active());
    /* The same through the other path (the check says so): and no check at all is refused. */
    g_refuse_index = 1u;
    g_check_calls = 0u;
    assert_refused_keeps_old(CONFIG_ERR_DER, 0u);
    g_refuse_index = SIZE_MAX;
    make_set(lengths, 2u, 9u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(100u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc(), NULL, &committed, &failed), CONFIG_ERR_ARG);
    assert_old_set(Config_Active());
}

static void test_busy_check_keeps_rotation_open(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 99u;
    static const size_t lengths[] = {500u};
    make_set(lengths, 1u, 3u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(500u), CONFIG_OK);
    g_busy = true;
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_ERR_BUSY);
    assert_true(ConfigRotate_IsOpen());
    g_busy = false;
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_OK);
    assert_new_set(Config_Active(), committed.slot);
}

static void test_steps_out_of_order(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 0u;
    static const size_t lengths[] = {100u, 200u};
    make_set(lengths, 2u, 5u);
    /* Nothing open. */
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 10u), CONFIG_ERR_STATE);
    assert_int_equal(ConfigRotate_Commit(0u, fake_check, &committed, &failed), CONFIG_ERR_STATE);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    /* The open slot maps only through ConfigStore_MapOpen; no other slot does. */
    const uint8_t *mapped = NULL;
    assert_int_equal(ConfigStore_Map(target.slot, 0u, 4u, &mapped), CONFIG_STORE_OUT_OF_RANGE);
    assert_int_equal(ConfigStore_MapOpen(target.slot, 0u, 4u, &mapped), CONFIG_STORE_OK);
    assert_int_equal(mapped[0], 0xFFu); /* the magic is written last */
    assert_int_equal(ConfigStore_MapOpen(1u - target.slot, 0u, 4u, &mapped), CONFIG_STORE_OUT_OF_RANGE);
    assert_null(mapped);
    assert_int_equal(ConfigStore_MapOpen(CONFIG_STORE_SLOT_PROVISIONED, 0u, 4u, &mapped), CONFIG_STORE_OUT_OF_RANGE);
    assert_int_equal(ConfigStore_MapOpen(target.slot, ConfigStore_SlotSize(), 1u, &mapped), CONFIG_STORE_OUT_OF_RANGE);
    /* Wrong anchor, wrong offset, past the declared length, empty: refused, still open. */
    assert_int_equal(ConfigRotate_Data(1u, 0u, g_der, 10u), CONFIG_ERR_ORDER);
    assert_int_equal(ConfigRotate_Data(0u, 5u, g_der, 10u), CONFIG_ERR_ORDER);
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 101u), CONFIG_ERR_TOO_LONG);
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 0u), CONFIG_ERR_TOO_LONG);
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 60u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 60u), CONFIG_ERR_ORDER); /* a line sent twice */
    assert_int_equal(ConfigRotate_Data(0u, 60u, &g_der[60], 40u), CONFIG_OK);
    assert_int_equal(ConfigRotate_GetProgress().index, 1u);
    /* Commit before the end. */
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_ERR_INCOMPLETE);
    assert_true(ConfigRotate_IsOpen());
    assert_int_equal(ConfigRotate_Data(1u, 0u, &g_der[100], 200u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Data(1u, 0u, &g_der[100], 1u), CONFIG_ERR_STATE); /* all arrived */
    /* A save while open is refused (it would write the same slot); abort; then it works. */
    ConfigOrigin_t saved;
    const char *what = NULL;
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_ERR_STATE);
    ConfigRotate_Abort();
    assert_false(ConfigRotate_IsOpen());
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_old_set(Config_Active());
}

static void test_begin_limits(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    size_t lengths[CONFIG_MAX_ANCHORS + 1u];
    for (size_t i = 0u; i <= CONFIG_MAX_ANCHORS; i++)
    {
        lengths[i] = 100u;
    }
    assert_int_equal(ConfigRotate_Begin(lengths, 0u, &target), CONFIG_ERR_VALUE);
    assert_int_equal(ConfigRotate_Begin(lengths, CONFIG_MAX_ANCHORS + 1u, &target), CONFIG_ERR_VALUE);
    assert_int_equal(ConfigRotate_Begin(NULL, 1u, &target), CONFIG_ERR_VALUE);
    lengths[0] = 0u;
    assert_int_equal(ConfigRotate_Begin(lengths, 1u, &target), CONFIG_ERR_VALUE);
    lengths[0] = CONFIG_ANCHOR_MAX_LEN + 1u;
    assert_int_equal(ConfigRotate_Begin(lengths, 1u, &target), CONFIG_ERR_TOO_LONG);
    /* The total: 8 KiB in 4 largest anchors fits, one byte more in a fifth does not. */
    for (size_t i = 0u; i < 4u; i++)
    {
        lengths[i] = CONFIG_ANCHOR_MAX_LEN;
    }
    lengths[4] = 1u;
    assert_int_equal(ConfigRotate_Begin(lengths, 5u, &target), CONFIG_ERR_TOO_LONG);
    assert_false(ConfigRotate_IsOpen());
    assert_int_equal(ConfigRotate_Begin(lengths, 4u, &target), CONFIG_OK);
    ConfigRotate_Abort();
    /* Nothing of it reached the configuration. */
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_old_set(Config_Active());
}

/* The capacity: CONFIG_MAX_ANCHORS anchors, CONFIG_ANCHORS_TOTAL_MAX bytes, with the largest
 * token and every other field of the sample, fit one slot. */
static void test_full_capacity_fits(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 0u;
    size_t lengths[CONFIG_MAX_ANCHORS];
    for (size_t i = 0u; i < CONFIG_MAX_ANCHORS; i++)
    {
        lengths[i] = CONFIG_ANCHORS_TOTAL_MAX / CONFIG_MAX_ANCHORS;
    }
    memset(Config_Edit()->token, 'T', CONFIG_TOKEN_MAX_LEN);
    Config_Edit()->token[CONFIG_TOKEN_MAX_LEN] = '\0';
    make_set(lengths, CONFIG_MAX_ANCHORS, 4u);
    assert_int_equal(set_bytes(), CONFIG_ANCHORS_TOTAL_MAX);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(256u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed), CONFIG_OK);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_new_set(Config_Active(), committed.slot);
    assert_int_equal(strlen(Config_Active()->token), CONFIG_TOKEN_MAX_LEN); /* the edit went with it */
}

/* A reset (or power cut) at any point before the magic: the old configuration is loaded. */
static void test_interrupted_rotation_keeps_old(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 0u;
    static const size_t lengths[] = {1391u, 541u};
    make_set(lengths, 2u, 7u);
    /* Reset after part of the data. */
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(ConfigRotate_Data(0u, 0u, g_der, 1000u), CONFIG_OK);
    ConfigRotate_Abort(); /* what a reset does to the RAM state */
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 0u);
    assert_old_set(Config_Active());
    /* Power lost while the data is programmed, at many points: refused, old block loads. */
    for (size_t cut = 0u; cut < 2200u; cut += 150u)
    {
        ConfigStoreHost_CutPowerAfter(cut);
        const ConfigStatus_t begun = ConfigRotate_Begin(g_lengths, g_count, &target);
        ConfigStatus_t status = begun;
        if (status == CONFIG_OK)
        {
            status = send_all(128u);
        }
        if (status == CONFIG_OK)
        {
            status = ConfigRotate_Commit(set_crc(), fake_check, &committed, &failed);
        }
        assert_int_not_equal(status, CONFIG_OK);
        assert_false(ConfigRotate_IsOpen());
        assert_int_equal(Config_Init(), CONFIG_OK);
        assert_int_equal(Config_Origin().slot, 0u);
        assert_old_set(Config_Active());
    }
}

/* Rotations in one run alternate: the second writes the old slot, never the one now in use. */
static void test_second_rotation_spares_the_slot_in_use(void **state)
{
    (void)state;
    ConfigOrigin_t target;
    ConfigOrigin_t first;
    ConfigOrigin_t second;
    size_t failed = 0u;
    static const size_t lengths[] = {400u};
    make_set(lengths, 1u, 1u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(send_all(400u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &first, &failed), CONFIG_OK);
    assert_int_equal(first.slot, 1u);
    static const size_t lengths2[] = {333u, 444u};
    make_set(lengths2, 2u, 2u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(target.slot, 0u);
    /* While it is open the anchors in use (slot 1) are untouched. */
    assert_int_equal(Config_Active()->anchors[0].length, 400u);
    assert_int_equal(send_all(50u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc(), fake_check, &second, &failed), CONFIG_OK);
    assert_int_equal(second.slot, 0u);
    assert_true(ConfigSlots_IsNewer(second.sequence, first.sequence));
    assert_new_set(Config_Active(), 0u);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_new_set(Config_Active(), 0u);
}

/* A failed rotation over a save of this run not yet booted marks the edits unsaved again. */
static void test_failed_rotation_over_a_pending_save(void **state)
{
    (void)state;
    ConfigOrigin_t saved;
    ConfigOrigin_t target;
    ConfigOrigin_t committed;
    size_t failed = 0u;
    const char *what = NULL;
    assert_int_equal(ConfigKeys_Set(Config_Edit(), "poll", 4u, "120", 3u), CONFIG_OK);
    Config_MarkEdited();
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_int_equal(saved.slot, 1u);
    assert_false(Config_IsEdited());
    static const size_t lengths[] = {300u};
    make_set(lengths, 1u, 1u);
    assert_int_equal(ConfigRotate_Begin(g_lengths, g_count, &target), CONFIG_OK);
    assert_int_equal(target.slot, 1u);
    assert_int_equal(send_all(300u), CONFIG_OK);
    assert_int_equal(ConfigRotate_Commit(set_crc() + 1u, fake_check, &committed, &failed), CONFIG_ERR_CRC);
    assert_true(Config_IsEdited());
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Active()->poll_interval_s, 120u);
    assert_old_set(Config_Active());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_rotation_in_any_pieces, setup),
        cmocka_unit_test_setup(test_bad_crc_refused, setup),
        cmocka_unit_test_setup(test_bad_der_refused, setup),
        cmocka_unit_test_setup(test_busy_check_keeps_rotation_open, setup),
        cmocka_unit_test_setup(test_steps_out_of_order, setup),
        cmocka_unit_test_setup(test_begin_limits, setup),
        cmocka_unit_test_setup(test_full_capacity_fits, setup),
        cmocka_unit_test_setup(test_interrupted_rotation_keeps_old, setup),
        cmocka_unit_test_setup(test_second_rotation_spares_the_slot_in_use, setup),
        cmocka_unit_test_setup(test_failed_rotation_over_a_pending_save, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
