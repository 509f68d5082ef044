/* Names of the configuration module's statuses (the console reports them). */
#include "firmware/config/config_types.h"

const char *ConfigStatus_Name(ConfigStatus_t status)
{
    static const char *const names[CONFIG_STATUS_COUNT] = {
        "ok",     "not-configured", "arg",   "magic",     "version",   "length",     "crc",
        "field",  "string",         "value", "too-long",  "missing",   "too-large",  "key",
        "store",  "state",          "order", "incomplete", "der",      "busy",
    };
    const size_t index = (size_t)status;
    return (index < CONFIG_STATUS_COUNT) ? names[index] : "?";
}
