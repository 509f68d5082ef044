/*
 * `config set KEY VALUE`: the console's keys and how each value is parsed and checked.
 * Owns: the key names (see ConfigKeys_Help). Promises: a refused value leaves *data
 * unchanged; text values are stored NUL-terminated; the token can be set but no function
 * here returns it. Trust anchors and the entropy seed are provisioned with the host tool only.
 *
 * Keys: host, token, org, poll, brightness, display (on|off), net (dhcp|static), address,
 * netmask, gateway, dns, sntp, watches (N: keep the first N), and per watch N (0-based)
 * watchN.server, .label, .sort, .page_size, .user, .site_id, .directory, .expected.
 * "-" clears an optional value (sntp, label, sort, user, directory, expected, site_id,
 * page_size). watchN.server with N = the watch count adds a watch.
 */
#ifndef CONFIG_KEYS_H
#define CONFIG_KEYS_H

#include <stddef.h>

#include "firmware/config/config_types.h"

/* CONFIG_OK, CONFIG_ERR_KEY (unknown or read-only key), CONFIG_ERR_TOO_LONG or CONFIG_ERR_VALUE. */
ConfigStatus_t ConfigKeys_Set(ConfigData_t *data, const char *key, size_t key_length, const char *value,
                              size_t value_length);

#endif /* CONFIG_KEYS_H */
