/*
 * The optional Ethernet MAC address of the configuration (key `mac`, CONFIG_TAG_MAC).
 * Owns: the text form "xx:xx:xx:xx:xx:xx" (six two-digit hex octets, either case, colons) and
 * the rule for a usable station address. Promises: pure functions; `text` is `length` bytes and
 * need not be NUL-terminated; nothing is read past `length` or written past the out buffer.
 * toolchain/provision.py applies the same rules (keep the two in step).
 */
#ifndef CONFIG_MAC_H
#define CONFIG_MAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_limits.h"

/* "xx:xx:xx:xx:xx:xx" plus its NUL. */
#define CONFIG_MAC_TEXT_LEN   ((CONFIG_MAC_SIZE * 3u) - 1u)
#define CONFIG_MAC_TEXT_SIZE  (CONFIG_MAC_TEXT_LEN + 1u)

/* A station address: individual (bit 0 of the first octet clear, not multicast or broadcast)
 * and not all zeros. */
bool ConfigMac_IsValid(const uint8_t mac[CONFIG_MAC_SIZE]);

/* Exactly the text form above; *mac is written only when the text parses. Validity is
 * ConfigMac_IsValid's job. */
bool ConfigMac_Parse(const char *text, size_t length, uint8_t mac[CONFIG_MAC_SIZE]);

/* Lower-case text form with its NUL into text[CONFIG_MAC_TEXT_SIZE]. */
void ConfigMac_Format(const uint8_t mac[CONFIG_MAC_SIZE], char text[CONFIG_MAC_TEXT_SIZE]);

#endif /* CONFIG_MAC_H */
