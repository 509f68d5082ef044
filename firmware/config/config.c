/* Active configuration and the console's edit copy. */
#include "firmware/config/config.h"

#include <string.h>

#include "firmware/config/config_check.h"

static ConfigData_t g_active;
static ConfigData_t g_edit;
static ConfigStatus_t g_state = CONFIG_NOT_CONFIGURED;
static ConfigOrigin_t g_origin = {CONFIG_SLOTS_NONE, 0u};
static bool g_edited = false;

ConfigStatus_t Config_Init(void)
{
    g_state = ConfigSlots_Load(&g_active, &g_origin);
    if (g_state != CONFIG_OK)
    {
        ConfigCheck_Defaults(&g_active);
        g_state = CONFIG_NOT_CONFIGURED;
    }
    (void)memcpy(&g_edit, &g_active, sizeof g_edit);
    g_edited = false;
    return g_state;
}

ConfigStatus_t Config_State(void)
{
    return g_state;
}

const ConfigData_t *Config_Active(void)
{
    return (g_state == CONFIG_OK) ? &g_active : NULL;
}

ConfigOrigin_t Config_Origin(void)
{
    return g_origin;
}

ConfigData_t *Config_Edit(void)
{
    return &g_edit;
}

const ConfigData_t *Config_EditView(void)
{
    return &g_edit;
}

void Config_MarkEdited(void)
{
    g_edited = true;
}

bool Config_IsEdited(void)
{
    return g_edited;
}

ConfigStatus_t Config_SaveEdit(ConfigOrigin_t *saved, const char **what)
{
    ConfigStatus_t status = ConfigCheck_Data(&g_edit, what);
    if (status == CONFIG_OK)
    {
        /* g_edit's anchors are g_active's (no key sets them): in g_origin.slot, never written. */
        status = ConfigSlots_Save(&g_edit, g_origin.slot, saved);
    }
    if (status == CONFIG_OK)
    {
        g_edited = false;
    }
    return status;
}

const char *Config_StatusName(ConfigStatus_t status)
{
    const char *name = "unknown config status";
    switch (status)
    {
    case CONFIG_OK:             name = "ok"; break;
    case CONFIG_NOT_CONFIGURED: name = "no valid block"; break;
    case CONFIG_ERR_ARG:        name = "bad argument"; break;
    case CONFIG_ERR_MAGIC:      name = "not a configuration block"; break;
    case CONFIG_ERR_VERSION:    name = "other format version"; break;
    case CONFIG_ERR_LENGTH:     name = "bad length"; break;
    case CONFIG_ERR_CRC:        name = "bad CRC"; break;
    case CONFIG_ERR_FIELD:      name = "bad field"; break;
    case CONFIG_ERR_STRING:     name = "bad text field"; break;
    case CONFIG_ERR_VALUE:      name = "invalid value"; break;
    case CONFIG_ERR_TOO_LONG:   name = "value too long"; break;
    case CONFIG_ERR_MISSING:    name = "required value missing"; break;
    case CONFIG_ERR_TOO_LARGE:  name = "block too large"; break;
    case CONFIG_ERR_KEY:        name = "unknown key"; break;
    case CONFIG_ERR_STORE:      name = "store refused"; break;
    default:                    name = "unknown config status"; break;
    }
    return name;
}
