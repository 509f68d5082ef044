/* Unit tests of the UART console: line editing, every command's exact output, token masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config.h"
#include "firmware/console/console_cli.h"
#include "hal/console.h"
#include "hal/host/config_store_host.h"
#include "hal/host/console_host.h"
#include "hal/system.h"
#include "tests/unit/test_config_support.h"

static unsigned g_resets;
static SystemResetCause_t g_reset_cause;
static char g_out[CONSOLE_HOST_CAPTURE + 1u];

/* hal/system.h: the console's reboot lands here in the host build. */
void System_Reset(SystemResetCause_t cause)
{
    g_resets++;
    g_reset_cause = cause;
}

static const char *output(void)
{
    size_t length = 0u;
    const uint8_t *bytes = ConsoleHost_Output(&length);
    memcpy(g_out, bytes, length);
    g_out[length] = '\0';
    ConsoleHost_Clear();
    return g_out;
}

static void type(const char *text)
{
    ConsoleCli_Feed((const uint8_t *)text, strlen(text));
}

static int setup(void **state)
{
    (void)state;
    ConfigStoreHost_Erase();
    (void)Config_Init();
    Console_Init();
    ConsoleCli_SetStatusProvider(NULL);
    ConsoleCli_Init();
    g_resets = 0u;
    assert_string_equal(output(), "> ");
    return 0;
}

/* Save a complete sample configuration and boot with it. */
static void boot_configured(void)
{
    ConfigOrigin_t saved;
    const char *what = NULL;
    TestConfig_Sample(Config_Edit());
    assert_int_equal(Config_SaveEdit(&saved, &what), CONFIG_OK);
    assert_int_equal(Config_Init(), CONFIG_OK);
    ConsoleHost_Clear();
}

static void test_echo_and_unknown(void **state)
{
    (void)state;
    type("hello\r");
    assert_string_equal(output(), "hello\r\nerror: unknown command 'hello' (type help)\r\n> ");
    type("\r\n"); /* CR LF is one line end; an empty line only re-prompts */
    assert_string_equal(output(), "\r\n> ");
    type("\n");
    assert_string_equal(output(), "\r\n> ");
}

static void test_backspace_and_escape(void **state)
{
    (void)state;
    type("hepx\b\x7flp\x1b[A\r");
    assert_string_equal(output(), "hepx\b \b\b \blp\r\ncommands:\r\n"
                                  "  help                  this list\r\n"
                                  "  status                configuration and panel state\r\n"
                                  "  config show           the configuration being edited (secrets masked)\r\n"
                                  "  config set KEY VALUE  change a value; '-' clears an optional one\r\n"
                                  "  config save           write the edits to the next slot (applied at reboot)\r\n"
                                  "  reboot                restart the device\r\n"
                                  "keys: host token org poll brightness display(on|off) net(dhcp|static) address netmask\r\n"
                                  "  gateway dns sntp mac watches(N) watchN.{server,label,sort,page_size,user,site_id,directory,expected}\r\n"
                                  "  (trust anchors and the entropy seed: toolchain/provision.py)\r\n> ");
    type("\b\bx\x03");
    assert_string_equal(output(), "x^C\r\n> ");
}

static void test_overlong_line_rejected(void **state)
{
    (void)state;
    static char line[CONSOLE_LINE_MAX + 2u];
    memset(line, 'a', CONSOLE_LINE_MAX + 1u);
    line[CONSOLE_LINE_MAX + 1u] = '\0';
    type(line);
    (void)output();
    type("\r");
    char expected[64];
    (void)snprintf(expected, sizeof expected, "\r\nerror: line too long (max %u characters)\r\n> ",
                   (unsigned)CONSOLE_LINE_MAX);
    assert_string_equal(output(), expected);
    /* The editor works again afterwards. */
    type("reboot\r");
    assert_int_equal(g_resets, 1u);
    /* Exactly CONSOLE_LINE_MAX characters is still a line. */
    memset(line, ' ', CONSOLE_LINE_MAX);
    line[CONSOLE_LINE_MAX] = '\0';
    memcpy(&line[CONSOLE_LINE_MAX - 4u], "help", 4u);
    type(line);
    (void)output();
    type("\r");
    assert_non_null(strstr(output(), "commands:"));
}

static void test_status_not_configured_and_provider(void **state)
{
    (void)state;
    type("status\r");
    assert_string_equal(output(), "status\r\nconfig: NOT CONFIGURED\r\npanel: no status yet\r\n> ");
}

static size_t provider(char *buffer, size_t capacity)
{
    const char text[] = "panel: healthy, 2 watches\r\n";
    assert_true(capacity >= sizeof text);
    memcpy(buffer, text, sizeof text - 1u);
    return sizeof text - 1u;
}

static void test_status_configured(void **state)
{
    (void)state;
    boot_configured();
    ConsoleCli_SetStatusProvider(provider);
    type("status\r");
    assert_string_equal(output(), "status\r\nconfig: ok (slot 0, sequence 1)\r\npanel: healthy, 2 watches\r\n> ");
}

static void test_config_show_masks_secrets(void **state)
{
    (void)state;
    boot_configured();
    type("config show\r");
    const char *out = output();
    assert_string_equal(out, "config show\r\n"
                             "host = forge.laravel.com\r\n"
                             "token = set (14 chars)\r\n"
                             "org = acme-ops\r\n"
                             "poll = 45\r\n"
                             "brightness = 80\r\n"
                             "display = off\r\n"
                             "net = static\r\n"
                             "address = 192.0.2.10\r\n"
                             "netmask = 255.255.255.0\r\n"
                             "gateway = 192.0.2.1\r\n"
                             "dns = 192.0.2.1\r\n"
                             "sntp = pool.ntp.org\r\n"
                             "mac = -\r\n"
                             "seed = set\r\n"
                             "anchors = 2 (11 bytes)\r\n"
                             "watches = 2\r\n"
                             "watch0.server = 123456\r\n"
                             "watch0.label = web-1\r\n"
                             "watch0.sort = -user\r\n"
                             "watch0.page_size = 20\r\n"
                             "watch0.user = forge\r\n"
                             "watch0.site_id = 77\r\n"
                             "watch0.directory = /home/forge/app\r\n"
                             "watch0.expected = 3\r\n"
                             "watch1.server = 4294967295\r\n"
                             "watch1.label = -\r\n"
                             "watch1.sort = -\r\n"
                             "watch1.page_size = 0\r\n"
                             "watch1.user = -\r\n"
                             "watch1.site_id = 0\r\n"
                             "watch1.directory = -\r\n"
                             "watch1.expected = -\r\n"
                             "> ");
    assert_null(strstr(out, TEST_TOKEN));
}

static void test_token_written_never_read_back(void **state)
{
    (void)state;
    boot_configured();
    type("config  set token s3cr3t-T0KEN\r");
    const char *out = output();
    assert_string_equal(out, "config  set token ************\r\nok: token set (12 chars); config save, then reboot, to apply\r\n> ");
    assert_string_equal(Config_EditView()->token, "s3cr3t-T0KEN");
    /* Backspace inside the masked part stays masked; erasing into the words unmasks. */
    type("config set token ab\b");
    assert_string_equal(output(), "config set token **\b \b");
    type("\x03");
    (void)output();
    type("config show\r");
    out = output();
    assert_non_null(strstr(out, "token = set (12 chars)\r\n"));
    assert_null(strstr(out, "s3cr3t"));
    assert_non_null(strstr(out, "(unsaved changes: config save, then reboot)\r\n"));
    type("config set token bad token\r");
    out = output();
    assert_non_null(strstr(out, "error: token: invalid value\r\n"));
    assert_null(strstr(out, "bad"));
}

static void test_set_values(void **state)
{
    (void)state;
    boot_configured();
    type("config set org new-org\r");
    assert_string_equal(output(), "config set org new-org\r\nok: org = new-org; config save, then reboot, to apply\r\n> ");
    type("config set org Bad_Org\r");
    assert_string_equal(output(), "config set org Bad_Org\r\nerror: org: invalid value\r\n> ");
    type("config set watch0.label 12345678901234567\r");
    assert_string_equal(output(), "config set watch0.label 12345678901234567\r\nerror: watch0.label: value too long\r\n> ");
    type("config set watch0.label API workers\r");
    assert_string_equal(output(), "config set watch0.label API workers\r\nok: watch0.label = API workers; config save, then reboot, to apply\r\n> ");
    assert_string_equal(Config_EditView()->watches[0].label, "API workers");
    type("config set nope 1\r");
    assert_string_equal(output(), "config set nope 1\r\nerror: nope: unknown key (see help)\r\n> ");
    type("config set anchors x\r");
    assert_string_equal(output(), "config set anchors x\r\nerror: anchors: set with toolchain/provision.py\r\n> ");
    type("config set poll\r");
    assert_string_equal(output(), "config set poll\r\nusage: config set KEY VALUE\r\n> ");
    type("config set poll 5\r");
    assert_string_equal(output(), "config set poll 5\r\nerror: poll: invalid value\r\n> ");
    type("config set watch2.server 99\r"); /* appends a third watch */
    (void)output();
    assert_int_equal(Config_EditView()->watch_count, 3u);
    type("config set watch4.server 99\r");
    assert_string_equal(output(), "config set watch4.server 99\r\nerror: watch4.server: unknown key (see help)\r\n> ");
    type("config set watches 1\r");
    (void)output();
    assert_int_equal(Config_EditView()->watch_count, 1u);
    type("config set netmask 255.0.255.0\r");
    assert_string_equal(output(), "config set netmask 255.0.255.0\r\nerror: netmask: invalid value\r\n> ");
    /* The active configuration is untouched by edits. */
    assert_string_equal(Config_Active()->organization, "acme-ops");
}

static void test_save_then_reboot_applies(void **state)
{
    (void)state;
    boot_configured(); /* slot 0, sequence 1 */
    type("config set org after-save\r");
    (void)output();
    type("config save\r");
    assert_string_equal(output(), "config save\r\nsaved to slot 1 (sequence 2); reboot to apply\r\n> ");
    type("reboot\r");
    assert_string_equal(output(), "reboot\r\nrebooting\r\n> ");
    assert_int_equal(g_resets, 1u);
    assert_int_equal(g_reset_cause, SYSTEM_RESET_SOFTWARE);
    assert_int_equal(Config_Init(), CONFIG_OK); /* what the next boot does */
    assert_string_equal(Config_Active()->organization, "after-save");
    assert_string_equal(Config_Active()->token, TEST_TOKEN);
}

static void test_set_mac_saved_and_applied(void **state)
{
    (void)state;
    const uint8_t expected[6] = {0x52u, 0x54u, 0x00u, 0xAAu, 0xBBu, 0xCCu};
    boot_configured();
    assert_false(Config_Active()->network.has_mac);
    type("config set mac 01:00:5e:00:00:01\r");
    assert_string_equal(output(), "config set mac 01:00:5e:00:00:01\r\nerror: mac: invalid value\r\n> ");
    type("config set mac 00:00:00:00:00:00\r");
    assert_string_equal(output(), "config set mac 00:00:00:00:00:00\r\nerror: mac: invalid value\r\n> ");
    type("config set mac 52:54:00:aa:bb:cc\r");
    assert_string_equal(output(),
                        "config set mac 52:54:00:aa:bb:cc\r\nok: mac = 52:54:00:aa:bb:cc; config save, then reboot, to apply\r\n> ");
    type("config save\r");
    assert_string_equal(output(), "config save\r\nsaved to slot 1 (sequence 2); reboot to apply\r\n> ");
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_true(Config_Active()->network.has_mac);
    assert_memory_equal(Config_Active()->network.mac, expected, sizeof expected);
    type("config show\r");
    assert_non_null(strstr(output(), "\r\nsntp = pool.ntp.org\r\nmac = 52:54:00:aa:bb:cc\r\nseed = set\r\n"));
    type("config set mac -\r");
    assert_string_equal(output(), "config set mac -\r\nok: mac = -; config save, then reboot, to apply\r\n> ");
    type("config save\r");
    (void)output();
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_false(Config_Active()->network.has_mac);
}

static void test_save_refused_when_incomplete_or_torn(void **state)
{
    (void)state;
    type("config set org acme\r");
    (void)output();
    type("config save\r");
    assert_string_equal(output(), "config save\r\nerror: not saved: host missing\r\n> ");
    boot_configured();
    type("config set org torn\r");
    (void)output();
    ConfigStoreHost_FailNextWrite();
    type("config save\r");
    assert_string_equal(output(),
                        "config save\r\nerror: not saved: write failed; the previous configuration is kept\r\n> ");
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_string_equal(Config_Active()->organization, "acme-ops");
}

static void test_reboot_warns_unsaved(void **state)
{
    (void)state;
    boot_configured();
    type("config set poll 30\r");
    (void)output();
    type("reboot\r");
    assert_string_equal(output(), "reboot\r\nwarning: unsaved edits are dropped\r\nrebooting\r\n> ");
    assert_int_equal(g_resets, 1u);
}

static void test_poll_reads_nothing_without_data(void **state)
{
    (void)state;
    ConsoleCli_Poll();
    assert_string_equal(output(), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_echo_and_unknown, setup),
        cmocka_unit_test_setup(test_backspace_and_escape, setup),
        cmocka_unit_test_setup(test_overlong_line_rejected, setup),
        cmocka_unit_test_setup(test_status_not_configured_and_provider, setup),
        cmocka_unit_test_setup(test_status_configured, setup),
        cmocka_unit_test_setup(test_config_show_masks_secrets, setup),
        cmocka_unit_test_setup(test_token_written_never_read_back, setup),
        cmocka_unit_test_setup(test_set_values, setup),
        cmocka_unit_test_setup(test_save_then_reboot_applies, setup),
        cmocka_unit_test_setup(test_set_mac_saved_and_applied, setup),
        cmocka_unit_test_setup(test_save_refused_when_incomplete_or_torn, setup),
        cmocka_unit_test_setup(test_reboot_warns_unsaved, setup),
        cmocka_unit_test_setup(test_poll_reads_nothing_without_data, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
