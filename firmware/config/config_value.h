/*
 * Validation of configuration values, shared by the block decoder and the console.
 * Owns: the rules of every key (which characters, which ranges). Promises: pure functions;
 * `text` is `length` bytes and need not be NUL-terminated; nothing reads past `length`.
 * toolchain/provision.py applies the same rules (keep the two in step).
 */
#ifndef CONFIG_VALUE_H
#define CONFIG_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_types.h"

typedef enum
{
    CONFIG_RULE_HOST = 0,
    CONFIG_RULE_TOKEN,
    CONFIG_RULE_SLUG,
    CONFIG_RULE_LABEL,
    CONFIG_RULE_SORT,
    CONFIG_RULE_USER,
    CONFIG_RULE_DIRECTORY,
    CONFIG_RULE_HOST_OR_EMPTY
} ConfigRule_t;

/* text[0..length) equals the NUL-terminated literal (a bounded compare, no memcmp on text). */
bool ConfigValue_IsWord(const char *text, size_t length, const char *literal);

/* Apply one of the text rules below (a switch, not a table of pointers: exact stack bound). */
bool ConfigValue_Matches(ConfigRule_t rule, const char *text, size_t length);

/* Host name: 1..CONFIG_HOST_MAX_LEN of [A-Za-z0-9.-], starting and ending alphanumeric. */
bool ConfigValue_IsHost(const char *text, size_t length);
/* API token: 1..CONFIG_TOKEN_MAX_LEN visible ASCII characters (0x21..0x7E). */
bool ConfigValue_IsToken(const char *text, size_t length);
/* Organization slug: 1..CONFIG_ORG_MAX_LEN of [a-z0-9-], not starting or ending with '-'. */
bool ConfigValue_IsSlug(const char *text, size_t length);
/* Label: 0..CONFIG_LABEL_MAX_LEN printable ASCII characters (0x20..0x7E). */
bool ConfigValue_IsLabel(const char *text, size_t length);
/* Sort: "" or up to CONFIG_SORT_MAX_KEYS comma-separated keys, each [-][a-z_]+. */
bool ConfigValue_IsSort(const char *text, size_t length);
/* filter[user]: "" or [A-Za-z0-9_.-] up to CONFIG_FILTER_USER_MAX_LEN. */
bool ConfigValue_IsFilterUser(const char *text, size_t length);
/* filter[directory]: "" or an absolute path of printable ASCII up to the limit. */
bool ConfigValue_IsDirectory(const char *text, size_t length);
/* Strict decimal: digits only, no sign, no leading zero, value <= max. */
bool ConfigValue_ParseUint(const char *text, size_t length, uint32_t max, uint32_t *value);
/* Dotted quad "a.b.c.d", each 0..255 without leading zeros. */
bool ConfigValue_ParseIpv4(const char *text, size_t length, uint8_t address[4]);
/* A netmask: ones then zeros, not all zero. */
bool ConfigValue_IsNetmask(const uint8_t mask[4]);
/* A DER certificate's outer SEQUENCE whose encoded length is exactly `length`. */
bool ConfigValue_IsDerCertificate(const uint8_t *der, size_t length);

#endif /* CONFIG_VALUE_H */
