/*
 * Whole-configuration check: the one place that decides whether a ConfigData_t may be used
 * or written. The decoder runs it on every block it reads, the encoder on every block it
 * writes, so the firmware never runs on a half-valid configuration.
 * Promises: pure; reads nothing outside `data` and the anchors it points at; on failure *what names the first offending
 * key (a static string such as "organization" or "watch2.server").
 */
#ifndef CONFIG_CHECK_H
#define CONFIG_CHECK_H

#include "firmware/config/config_types.h"

/* CONFIG_OK, or CONFIG_ERR_MISSING (token, organization, API host or trust anchor absent),
 * CONFIG_ERR_STRING (a text field not terminated in its buffer) or CONFIG_ERR_VALUE. */
ConfigStatus_t ConfigCheck_Data(const ConfigData_t *data, const char **what);

/* ConfigCheck_Data without the trust anchors (an anchor rotation writes every other field
 * first, the anchors as they arrive). */
ConfigStatus_t ConfigCheck_Fields(const ConfigData_t *data, const char **what);

/* Length of the NUL-terminated text in buffer[size]; false when there is no NUL. */
bool ConfigCheck_TextLength(const char *buffer, size_t size, size_t *length);

/* The defaults of the optional fields (everything else zero / empty, nothing configured). */
void ConfigCheck_Defaults(ConfigData_t *data);

#endif /* CONFIG_CHECK_H */
