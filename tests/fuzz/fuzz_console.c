/*
 * libFuzzer harness for the UART console (firmware/console: line editor, every command,
 * the `anchors` rotation protocol, `config set` values) over the host config store, on a
 * board configured with the sample configuration from run-time slot 0. Whatever arrives:
 * no memory error, the board stays configured and its active configuration (anchors
 * included, in place in the store) stays valid, so no byte sequence can erase or tear the
 * slot in use; a rotation that ends without a commit leaves the old anchors in use after a
 * reset.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/config/config.h"
#include "firmware/config/config_check.h"
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
    must(ConfigCheck_Data(Config_EditView(), NULL) == CONFIG_OK);
    /* After a reset: configured, and unless a rotation was committed, with the old anchors. */
    const bool rotated = Config_Origin().slot != 0u;
    const bool open = ConfigRotate_IsOpen();
    ConfigRotate_Abort();
    must(Config_Init() == CONFIG_OK);
    if (!rotated || open)
    {
        /* a `config save` may have written slot 1 with the same anchors */
        must(Config_Active()->anchor_count == 2u);
        must(memcmp(Config_Active()->anchors[0].der, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER) == 0);
    }
    return 0;
}
