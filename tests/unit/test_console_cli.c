/* Unit tests of the UART console: line editing, every command's exact output, token masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "firmware/config/config.h"
#include "firmware/config/config_crc.h"
#include "firmware/config/config_rotate.h"
#include "firmware/console/console_anchors.h"
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
    ConfigRotate_Abort();
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
                                  "  anchors [show]        the trust anchors in use (count, bytes, CRC-32 of each)\r\n"
                                  "  anchors begin LEN...  replace them: the DER length of each new anchor, then\r\n"
                                  "  anchors data I OFF HEX  anchor I's bytes from OFF (in order), then\r\n"
                                  "  anchors commit CRC32  check (CRC-32 of all DER, every anchor parses) and use them\r\n"
                                  "  anchors abort         drop a rotation (toolchain/console.py does all of this)\r\n"
                                  "keys: host token org poll brightness display(on|off) net(dhcp|static) address netmask\r\n"
                                  "  gateway dns sntp mac watches(N) watchN.{server,label,sort,page_size,user,site_id,directory,expected}\r\n"
                                  "  (the entropy seed: toolchain/provision.py)\r\n> ");
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
    assert_string_equal(output(), "config set anchors x\r\nerror: anchors: replace them with anchors begin/data/commit (toolchain/console.py)\r\n> ");
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

/* ---- anchors ------------------------------------------------------------------------ */

static unsigned g_applied;

static ConfigStatus_t fake_check(const TlsTrustAnchor_t *anchor)
{
    return ((anchor->length >= 2u) && (anchor->der[0] == 0x30u)) ? CONFIG_OK : CONFIG_ERR_DER;
}

static void count_applied(void)
{
    g_applied++;
}

static const char *run(const char *line)
{
    (void)ConsoleCli_Execute(line, strlen(line));
    return output();
}

/* The new set of the console tests: two short DER-shaped anchors (11 bytes). */
static const uint8_t k_new_set[11] = {0x30u, 0x04u, 0x02u, 0x02u, 0x01u, 0x01u, 0x30u, 0x03u, 0x02u, 0x01u, 0x07u};

static void crc_line(char *line, size_t size, const char *prefix, uint32_t crc)
{
    (void)snprintf(line, size, "%s%08x", prefix, crc);
}

static void test_anchors_show_and_rotate(void **state)
{
    (void)state;
    char line[64];
    char expect[256];
    boot_configured();
    g_applied = 0u;
    ConsoleAnchors_SetHooks(fake_check, count_applied);
    const uint32_t old_crc = ConfigCrc_Update(ConfigCrc_Update(0u, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER),
                                              TEST_CONFIG_DER2, sizeof TEST_CONFIG_DER2);
    (void)snprintf(expect, sizeof expect,
                   "ok: anchors show: 2 (11 bytes, crc32 0x%08x), slot 0, capacity 8 anchors / 8192 bytes\r\n"
                   "anchor0 = 5 bytes, crc32 0x%08x\r\nanchor1 = 6 bytes, crc32 0x%08x\r\n",
                   old_crc, ConfigCrc_Update(0u, TEST_CONFIG_DER, 5u), ConfigCrc_Update(0u, TEST_CONFIG_DER2, 6u));
    assert_string_equal(run("anchors"), expect);
    assert_string_equal(run("anchors show"), expect);
    assert_string_equal(run("anchors begin 6 5"), "ok: anchors begin: 2 anchors, 11 bytes into slot 1; send anchors data\r\n");
    char open_expect[320];
    (void)snprintf(open_expect, sizeof open_expect, "%srotation open: slot 1, 0 of 11 bytes, next anchor 0 at 0\r\n", expect);
    assert_string_equal(run("anchors"), open_expect); /* unchanged while open, with the progress */
    (void)run("anchors begin 6 5"); /* a begin starts over */
    assert_string_equal(run("anchors data 0 0 3004020201"), "ok: anchors data: 5 of 11 bytes\r\n");
    assert_string_equal(run("anchors data 0 0 3004020201"),
                        "error: anchors data: order (next: anchor 0 at 5); rotation still open; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors data 0 5 0"), "error: anchors data: value: 2 to 512 hex digits, an even number; "
                                                    "rotation still open; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors data 0 5 0g"), "error: anchors data: value: 2 to 512 hex digits, an even number; "
                                                     "rotation still open; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors data 0 5 0101"),
                        "error: anchors data: too-long; rotation still open; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors data 0 5 01"), "ok: anchors data: 6 of 11 bytes\r\n");
    crc_line(line, sizeof line, "anchors commit ", ConfigCrc_Update(0u, k_new_set, sizeof k_new_set));
    assert_string_equal(run(line), "error: anchors commit: incomplete (6 of 11 bytes); rotation still open; "
                                   "the old anchors stay in use\r\n");
    assert_string_equal(run("config save"), "error: not saved: an anchor rotation is open (anchors commit or anchors abort first)\r\n");
    assert_string_equal(run("anchors data 1 0 3003020107"), "ok: anchors data: 11 of 11 bytes\r\n");
    assert_string_equal(run(line), "ok: anchors commit: 2 anchors, 11 bytes in slot 1 (sequence 2); in use from the next connection\r\n");
    assert_int_equal(g_applied, 1u);
    assert_int_equal(Config_Active()->anchor_count, 2u);
    assert_memory_equal(Config_Active()->anchors[0].der, k_new_set, 6u);
    assert_memory_equal(Config_Active()->anchors[1].der, &k_new_set[6], 5u);
    (void)snprintf(expect, sizeof expect, "ok: anchors show: 2 (11 bytes, crc32 0x%08x), slot 1,",
                   ConfigCrc_Update(0u, k_new_set, sizeof k_new_set));
    assert_memory_equal(run("anchors"), expect, strlen(expect));
    /* After a reboot: the same. */
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Origin().slot, 1u);
    assert_memory_equal(Config_Active()->anchors[1].der, &k_new_set[6], 5u);
    ConsoleAnchors_SetHooks(NULL, NULL);
}

static void test_anchors_refusals(void **state)
{
    (void)state;
    char line[64];
    boot_configured();
    ConsoleAnchors_SetHooks(fake_check, count_applied);
    g_applied = 0u;
    assert_string_equal(run("anchors commit 0x1234"), "error: anchors commit: state; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors data 0 0 30"), "error: anchors data: state; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors begin"),
                        "error: anchors begin: value: 1 to 8 decimal DER lengths; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors begin 5 x"),
                        "error: anchors begin: value: 1 to 8 decimal DER lengths; the old anchors stay in use\r\n");
    assert_string_equal(run("anchors begin 1 1 1 1 1 1 1 1 1"),
                        "error: anchors: usage: anchors [show] | anchors begin LEN [LEN...] | "
                        "anchors data INDEX OFFSET HEX | anchors commit CRC32 | anchors abort\r\n");
    assert_string_equal(run("anchors begin 3000"), "error: anchors begin: too-long (at most 8 anchors, 2048 bytes each, "
                                                   "8192 in all); the old anchors stay in use\r\n");
    assert_string_equal(run("anchors frob"), "error: anchors: usage: anchors [show] | anchors begin LEN [LEN...] | "
                                             "anchors data INDEX OFFSET HEX | anchors commit CRC32 | anchors abort\r\n");
    assert_string_equal(run("anchors abort"), "ok: anchors abort: no rotation was open\r\n");
    /* A bad CRC. */
    (void)run("anchors begin 6 5");
    (void)run("anchors data 0 0 300402020101");
    (void)run("anchors data 1 0 3003020107");
    crc_line(line, sizeof line, "anchors commit ", ConfigCrc_Update(0u, k_new_set, sizeof k_new_set) ^ 1u);
    assert_string_equal(run(line), "error: anchors commit: crc; the old anchors stay in use\r\n");
    /* An anchor that does not parse (the second's tag flipped; the CRC matches the bytes sent). */
    uint8_t bad[sizeof k_new_set];
    memcpy(bad, k_new_set, sizeof bad);
    bad[6] = 0x31u;
    (void)run("anchors begin 6 5");
    (void)run("anchors data 0 0 300402020101");
    (void)run("anchors data 1 0 3103020107");
    crc_line(line, sizeof line, "anchors commit ", ConfigCrc_Update(0u, bad, sizeof bad));
    assert_string_equal(run(line), "error: anchors commit: der (anchor 1); the old anchors stay in use\r\n");
    /* Abort. */
    (void)run("anchors begin 6 5");
    assert_string_equal(run("anchors abort"), "ok: anchors abort: rotation dropped; the old anchors stay in use\r\n");
    assert_int_equal(g_applied, 0u);
    assert_memory_equal(Config_Active()->anchors[0].der, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_memory_equal(Config_Active()->anchors[0].der, TEST_CONFIG_DER, sizeof TEST_CONFIG_DER);
    /* No check installed: every commit is refused. */
    ConsoleAnchors_SetHooks(NULL, NULL);
    (void)run("anchors begin 6 5");
    (void)run("anchors data 0 0 300402020101");
    (void)run("anchors data 1 0 3003020107");
    crc_line(line, sizeof line, "anchors commit ", ConfigCrc_Update(0u, k_new_set, sizeof k_new_set));
    assert_string_equal(run(line), "error: anchors commit: arg; the old anchors stay in use\r\n");
}

static void test_anchors_unconfigured_and_long_line(void **state)
{
    (void)state;
    ConsoleAnchors_SetHooks(fake_check, count_applied);
    g_applied = 0u;
    assert_string_equal(run("anchors begin 5"), "error: anchors begin: missing (config set host, token and org first); "
                                               "the old anchors stay in use\r\n");
    /* An unconfigured board that gets host, token, org and then anchors: in use after reboot. */
    (void)run("config set host forge.laravel.com");
    (void)run("config set token abc");
    (void)run("config set org acme");
    assert_string_equal(run("anchors begin 256"), "ok: anchors begin: 1 anchors, 256 bytes into slot 0; send anchors data\r\n");
    /* A whole chunk (256 bytes, 512 hex digits) typed through the line editor. */
    static char typed[600];
    uint8_t der[256];
    size_t at = (size_t)snprintf(typed, sizeof typed, "anchors data 0 0 ");
    for (size_t i = 0u; i < sizeof der; i++)
    {
        der[i] = (i == 0u) ? 0x30u : ((i == 1u) ? 0x81u : ((i == 2u) ? 0xFDu : (uint8_t)i)); /* SEQUENCE of 253 */
        at += (size_t)snprintf(&typed[at], sizeof typed - at, "%02X", der[i]);
    }
    (void)snprintf(&typed[at], sizeof typed - at, "\r");
    type(typed);
    const char *out = output();
    assert_non_null(strstr(out, "\r\nok: anchors data: 256 of 256 bytes\r\n> "));
    char line[64];
    crc_line(line, sizeof line, "anchors commit ", ConfigCrc_Update(0u, der, sizeof der));
    assert_string_equal(run(line), "ok: anchors commit: 1 anchors, 256 bytes in slot 0 (sequence 1); in use after reboot\r\n");
    assert_int_equal(g_applied, 0u);
    assert_int_equal(Config_Init(), CONFIG_OK);
    assert_int_equal(Config_Active()->anchors[0].length, 256u);
    ConsoleAnchors_SetHooks(NULL, NULL);
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
        cmocka_unit_test_setup(test_anchors_show_and_rotate, setup),
        cmocka_unit_test_setup(test_anchors_refusals, setup),
        cmocka_unit_test_setup(test_anchors_unconfigured_and_long_line, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
