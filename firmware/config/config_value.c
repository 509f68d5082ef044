/* Character-class and range rules of the configuration keys. */
#include "firmware/config/config_value.h"

#define IPV4_OCTETS      4u
#define IPV4_OCTET_MAX   255u
#define DER_SEQUENCE     0x30u
#define DER_LONG_FORM    0x80u
#define DER_MAX_LEN_BYTES 2u
#define DECIMAL_BASE     10u

static bool is_digit(char c)
{
    return (c >= '0') && (c <= '9');
}

static bool is_lower(char c)
{
    return (c >= 'a') && (c <= 'z');
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_lower(c) || ((c >= 'A') && (c <= 'Z'));
}

static bool is_printable(char c)
{
    return (c >= ' ') && (c <= '~');
}

bool ConfigValue_IsHost(const char *text, size_t length)
{
    bool ok = (length > 0u) && (length <= CONFIG_HOST_MAX_LEN);
    for (size_t i = 0u; ok && (i < length); i++)
    {
        const char c = text[i];
        ok = is_alnum(c) || (c == '-') || (c == '.');
    }
    if (ok)
    {
        ok = is_alnum(text[0]) && is_alnum(text[length - 1u]);
    }
    return ok;
}

bool ConfigValue_IsToken(const char *text, size_t length)
{
    bool ok = (length > 0u) && (length <= CONFIG_TOKEN_MAX_LEN);
    for (size_t i = 0u; ok && (i < length); i++)
    {
        ok = (text[i] > ' ') && (text[i] <= '~');
    }
    return ok;
}

bool ConfigValue_IsSlug(const char *text, size_t length)
{
    bool ok = (length > 0u) && (length <= CONFIG_ORG_MAX_LEN);
    for (size_t i = 0u; ok && (i < length); i++)
    {
        const char c = text[i];
        ok = is_lower(c) || is_digit(c) || (c == '-');
    }
    if (ok)
    {
        ok = (text[0] != '-') && (text[length - 1u] != '-');
    }
    return ok;
}

bool ConfigValue_IsLabel(const char *text, size_t length)
{
    bool ok = length <= CONFIG_LABEL_MAX_LEN;
    for (size_t i = 0u; ok && (i < length); i++)
    {
        ok = is_printable(text[i]);
    }
    return ok;
}

bool ConfigValue_IsSort(const char *text, size_t length)
{
    bool ok = length <= CONFIG_SORT_MAX_LEN;
    size_t keys = 0u;
    size_t key_chars = 0u; /* letters in the current key */
    bool key_started = false;
    for (size_t i = 0u; ok && (i < length); i++)
    {
        const char c = text[i];
        if (c == ',')
        {
            ok = key_chars > 0u;
            key_chars = 0u;
            key_started = false;
        }
        else if ((c == '-') && !key_started)
        {
            key_started = true;
        }
        else if (is_lower(c) || (c == '_'))
        {
            if (key_chars == 0u)
            {
                keys++;
            }
            key_started = true;
            key_chars++;
        }
        else
        {
            ok = false;
        }
    }
    if (ok && (length > 0u))
    {
        ok = (key_chars > 0u) && (keys <= CONFIG_SORT_MAX_KEYS);
    }
    return ok;
}

bool ConfigValue_IsFilterUser(const char *text, size_t length)
{
    bool ok = length <= CONFIG_FILTER_USER_MAX_LEN;
    for (size_t i = 0u; ok && (i < length); i++)
    {
        const char c = text[i];
        ok = is_alnum(c) || (c == '_') || (c == '.') || (c == '-');
    }
    return ok;
}

bool ConfigValue_IsDirectory(const char *text, size_t length)
{
    bool ok = length <= CONFIG_FILTER_DIR_MAX_LEN;
    if (ok && (length > 0u))
    {
        ok = text[0] == '/';
    }
    for (size_t i = 0u; ok && (i < length); i++)
    {
        ok = is_printable(text[i]);
    }
    return ok;
}

bool ConfigValue_ParseUint(const char *text, size_t length, uint32_t max, uint32_t *value)
{
    bool ok = (length > 0u) && ((length == 1u) || (text[0] != '0'));
    uint32_t result = 0u;
    for (size_t i = 0u; ok && (i < length); i++)
    {
        ok = is_digit(text[i]);
        if (ok)
        {
            const uint32_t digit = (uint32_t)text[i] - (uint32_t)'0';
            ok = (digit <= max) && (result <= ((max - digit) / DECIMAL_BASE));
            if (ok)
            {
                result = (result * DECIMAL_BASE) + digit;
            }
        }
    }
    if (ok)
    {
        *value = result;
    }
    return ok;
}

bool ConfigValue_ParseIpv4(const char *text, size_t length, uint8_t address[4])
{
    uint8_t parsed[IPV4_OCTETS] = {0u, 0u, 0u, 0u};
    size_t octet = 0u;
    size_t start = 0u;
    bool ok = length > 0u;
    for (size_t i = 0u; ok && (i <= length); i++)
    {
        if ((i == length) || (text[i] == '.'))
        {
            uint32_t value = 0u;
            ok = (octet < IPV4_OCTETS) && ConfigValue_ParseUint(&text[start], i - start, IPV4_OCTET_MAX, &value);
            if (ok)
            {
                parsed[octet] = (uint8_t)value;
                octet++;
                start = i + 1u;
            }
        }
    }
    ok = ok && (octet == IPV4_OCTETS);
    for (size_t i = 0u; ok && (i < IPV4_OCTETS); i++)
    {
        address[i] = parsed[i];
    }
    return ok;
}

bool ConfigValue_IsNetmask(const uint8_t mask[4])
{
    const uint32_t value = ((uint32_t)mask[0] << 24u) | ((uint32_t)mask[1] << 16u) |
                           ((uint32_t)mask[2] << 8u) | (uint32_t)mask[3];
    const uint32_t inverted = ~value;
    /* Ones then zeros: the inverted mask plus one is a power of two (or wraps to zero). */
    return (value != 0u) && ((inverted & (inverted + 1u)) == 0u);
}

bool ConfigValue_IsDerCertificate(const uint8_t *der, size_t length)
{
    bool ok = (length >= 2u) && (der[0] == DER_SEQUENCE);
    size_t header = 2u;
    size_t content = 0u;
    if (ok)
    {
        const uint8_t first = der[1];
        if ((first & DER_LONG_FORM) == 0u)
        {
            content = (size_t)first;
        }
        else
        {
            const size_t count = (size_t)first & 0x7Fu;
            ok = (count >= 1u) && (count <= DER_MAX_LEN_BYTES) && (length >= (2u + count));
            for (size_t i = 0u; ok && (i < count); i++)
            {
                content = (content << 8u) | (size_t)der[2u + i];
            }
            header += count;
        }
    }
    return ok && (content == (length - header));
}

bool ConfigValue_IsWord(const char *text, size_t length, const char *literal)
{
    bool same = true;
    size_t i = 0u;
    for (; same && (i < length); i++)
    {
        same = (literal[i] != '\0') && (literal[i] == text[i]);
    }
    return same && (literal[i] == '\0');
}

bool ConfigValue_Matches(ConfigRule_t rule, const char *text, size_t length)
{
    bool ok;
    switch (rule)
    {
    case CONFIG_RULE_HOST:          ok = ConfigValue_IsHost(text, length); break;
    case CONFIG_RULE_TOKEN:         ok = ConfigValue_IsToken(text, length); break;
    case CONFIG_RULE_SLUG:          ok = ConfigValue_IsSlug(text, length); break;
    case CONFIG_RULE_LABEL:         ok = ConfigValue_IsLabel(text, length); break;
    case CONFIG_RULE_SORT:          ok = ConfigValue_IsSort(text, length); break;
    case CONFIG_RULE_USER:          ok = ConfigValue_IsFilterUser(text, length); break;
    case CONFIG_RULE_DIRECTORY:     ok = ConfigValue_IsDirectory(text, length); break;
    case CONFIG_RULE_HOST_OR_EMPTY: ok = (length == 0u) || ConfigValue_IsHost(text, length); break;
    default:                        ok = false; break;
    }
    return ok;
}
