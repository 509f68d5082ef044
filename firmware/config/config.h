/*
 * The device's configuration in RAM: the active one (loaded once at boot, read-only for the
 * rest of the run) and an edit copy for the console (`config set`, applied by `config save`
 * and a reboot).
 * Owns: both copies, but not the trust anchors: both copies point at them in the store slot
 * the active configuration was loaded from (config_types.h), so no certificate is ever copied
 * to RAM. Promises: Config_Active returns NULL unless a complete, valid block was loaded
 * (token, organization, API host and at least one trust anchor): the firmware has no built-in
 * defaults for them. Edits never change the active configuration. The anchors of both copies
 * (and every pointer taken from them, such as the TLS client's) stay valid for the whole run:
 * a save never writes the slot in use (config_slots.h), only Config_Init moves them.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>

#include "firmware/config/config_slots.h"
#include "firmware/config/config_types.h"

/* Load from the store. CONFIG_OK or CONFIG_NOT_CONFIGURED. Resets the edit copy. Anchors taken
 * from an earlier load may then point into a slot the next save writes: call it at boot,
 * before anything borrows the anchors. */
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

/* Check and write the edit copy to a run-time slot other than Config_Origin's (the active
 * slot and the edit copy's anchors stay intact). *what names the offending key on
 * CONFIG_ERR_MISSING / CONFIG_ERR_VALUE. Takes effect at the next boot. */
ConfigStatus_t Config_SaveEdit(ConfigOrigin_t *saved, const char **what);

/* A short name for the log ("bad CRC"); never NULL. */
const char *Config_StatusName(ConfigStatus_t status);

#endif /* CONFIG_H */
