/* forge_record: status text <-> enum. */
#include "firmware/forge/forge_record.h"

#include <stdbool.h>

typedef struct {
    const char *name;
    ForgeProcessStatus_t status;
    size_t len;
} StatusName_t;

static const StatusName_t g_status_names[FORGE_STATUS_COUNT] = {
    {"installing", FORGE_STATUS_INSTALLING, 10u}, {"installed", FORGE_STATUS_INSTALLED, 9u},
    {"removing", FORGE_STATUS_REMOVING, 8u},      {"restarting", FORGE_STATUS_RESTARTING, 10u},
    {"starting", FORGE_STATUS_STARTING, 8u},      {"stopping", FORGE_STATUS_STOPPING, 8u},
    {"running", FORGE_STATUS_RUNNING, 7u},        {"unknown", FORGE_STATUS_UNKNOWN, 7u},
};

static bool TextEquals(const char *text, size_t len, const char *name)
{
    size_t k = 0u;
    bool equal = true;
    while (equal && (k < len)) {
        equal = (name[k] != '\0') && (name[k] == text[k]);
        k++;
    }
    return equal && (name[k] == '\0');
}

ForgeProcessStatus_t ForgeRecord_StatusFromText(const char *text, size_t len)
{
    ForgeProcessStatus_t found = FORGE_STATUS_UNKNOWN;
    if ((text != NULL) && (len > 2u)) {
        /* bound: FORGE_STATUS_UNKNOWN names; only those of the same length and first two bytes
         * are compared */
        for (size_t i = 0u; (found == FORGE_STATUS_UNKNOWN) && (i < (size_t)FORGE_STATUS_UNKNOWN);
             i++) {
            const char *name = g_status_names[i].name;
            if ((g_status_names[i].len == len) && (name[1] == text[1]) && TextEquals(text, len, name)) {
                found = g_status_names[i].status;
            }
        }
    }
    return found;
}

const char *ForgeRecord_StatusName(ForgeProcessStatus_t status)
{
    size_t index = (size_t)status;
    if (index >= (size_t)FORGE_STATUS_COUNT) {
        index = (size_t)FORGE_STATUS_UNKNOWN;
    }
    return g_status_names[index].name;
}
