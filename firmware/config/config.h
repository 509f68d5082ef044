/*
 * The device's configuration in RAM: the active one (loaded once at boot, read-only for the
 * rest of the run) and an edit copy for the console (`config set`, applied by `config save`
 * and a reboot).
 * Owns: both copies. Promises: Config_Active returns NULL unless a complete, valid block was
 * loaded (token, organization, API host and at least one trust anchor): the firmware has no
 * built-in defaults for them. Edits never change the active configuration.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>

#include "firmware/config/config_slots.h"
#include "firmware/config/config_types.h"

/* Load from the store. CONFIG_OK or CONFIG_NOT_CONFIGURED. Resets the edit copy. */
ConfigStatus_t Config_Init(void);

/* CONFIG_OK or CONFIG_NOT_CONFIGURED (before Config_Init: not configured). */
ConfigStatus_t Config_State(void);

/* The active configuration, NULL when not configured. */
const ConfigData_t *Config_Active(void);

/* Where the active configuration came from. */
ConfigOrigin_t Config_Origin(void);

/* The edit copy (a copy of the active configuration, or defaults when there is none). */
ConfigData_t *Config_Edit(void);
const ConfigData_t *Config_EditView(void);

/* Marks the edit copy changed / tells whether it differs from what was loaded or saved. */
void Config_MarkEdited(void);
bool Config_IsEdited(void);

/* Check and write the edit copy to the next slot. *what names the offending key on
 * CONFIG_ERR_MISSING / CONFIG_ERR_VALUE. Takes effect at the next boot. */
ConfigStatus_t Config_SaveEdit(ConfigOrigin_t *saved, const char **what);

#endif /* CONFIG_H */
