/*
 * libFuzzer harness for the UART console (firmware/console: line editor, every command,
 * the `anchors` rotation protocol, `config set` values) over the host config store, on a
 * board configured with the sample configuration from run-time slot 0. Whatever arrives:
 * no memory error, the board stays configured and its active configuration (anchors
 * included, in place in the store) stays valid, so no byte sequence can erase or tear the
 * slot in use; after a reset the anchors in use are exactly those in use before it (a rotation
 * left open never takes effect, a committed one stays).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/config/config.h"
#include "firmware/config/config_check.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_rotate.h"
#include "firmware/config/config_slots.h"
#include "firmware/console/console_anchors.h"
#include "firmware/console/console_cli.h"
#include "hal/console.h"
#include "hal/host/config_store_host.h"
#include "hal/host/console_host.h"
#include "hal/system.h"
#include "tests/unit/test_config_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ConfigData_t g_sample;

/* hal/system.h: `reboot` lands here (the harness "reboots" after each input anyway). */
void System_Reset(SystemResetCause_t cause)
{
    (void)cause;
}

static ConfigStatus_t fuzz_check(const TlsTrustAnchor_t *anchor)
{
    return ((anchor->length >= 2u) && (anchor->der[0] == 0x30u)) ? CONFIG_OK : CONFIG_ERR_DER;
}

static void fuzz_applied(void)
{
}

static uint32_t anchors_crc(const ConfigData_t *data)
{
    uint32_t crc = 0u;
    for (size_t i = 0u; (i < data->anchor_count) && (i < CONFIG_MAX_ANCHORS); i++)
    {
        crc = ConfigCrc_Update(crc, data->anchors[i].der, data->anchors[i].length);
    }
    return crc;
}

static void must(bool condition)
{
    if (!condition)
    {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ConfigOrigin_t saved;
    ConfigStoreHost_Erase();
    ConfigRotate_Abort();
    TestConfig_Sample(&g_sample);
    must(ConfigSlots_Save(&g_sample, CONFIG_SLOTS_NONE, &saved) == CONFIG_OK);
    must(Config_Init() == CONFIG_OK);
    Console_Init();
    ConsoleAnchors_SetHooks(fuzz_check, fuzz_applied);
    ConsoleCli_Init();
    ConsoleCli_Feed(data, size);
    ConsoleCli_Feed((const uint8_t *)"\r", 1u);
    ConsoleHost_Clear();
    /* The running configuration is intact whatever was typed. */
    const ConfigData_t *active = Config_Active();
    must(active != NULL);
    must(ConfigCheck_Data(active, NULL) == CONFIG_OK);
    must(Config_EditView()->anchor_count == active->anchor_count);
    const size_t count = active->anchor_count;
    const uint32_t crc = anchors_crc(active);
    /* After a reset: configured, with exactly the anchors in use before it (a rotation left
     * open never counts; a committed one does). */
    ConfigRotate_Abort();
    must(Config_Init() == CONFIG_OK);
    must(Config_Active()->anchor_count == count);
    must(anchors_crc(Config_Active()) == crc);
    return 0;
}
