/* Active configuration and the console's edit copy. */
#include "firmware/config/config.h"

#include <string.h>

#include "firmware/config/config_check.h"
#include "firmware/config/config_rotate.h"

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
    ConfigStatus_t status = ConfigRotate_IsOpen() ? CONFIG_ERR_STATE : ConfigCheck_Data(&g_edit, what);
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

static void take_anchors(ConfigData_t *data, const TlsTrustAnchor_t *anchors, size_t count)
{
    (void)memset(data->anchors, 0, sizeof data->anchors);
    for (size_t i = 0u; i < count; i++)
    {
        data->anchors[i] = anchors[i];
    }
    data->anchor_count = count;
}

void Config_AdoptAnchors(const ConfigOrigin_t *origin, const TlsTrustAnchor_t *anchors, size_t count)
{
    if ((origin != NULL) && (anchors != NULL) && (count <= CONFIG_MAX_ANCHORS))
    {
        take_anchors(&g_edit, anchors, count);
        if (g_state == CONFIG_OK)
        {
            take_anchors(&g_active, anchors, count);
        }
        g_origin = *origin;
        g_edited = false;
    }
}
