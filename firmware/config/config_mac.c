/* Text form and validity of the configured Ethernet MAC address. */
#include "firmware/config/config_mac.h"

#define MAC_GROUP_BIT   0x01u  /* I/G bit: set for multicast and broadcast */
#define HEX_BASE        16u
#define NIBBLE_BITS     4u
#define NIBBLE_MASK     0x0Fu
#define NOT_HEX         0xFFu
#define MAC_SEPARATOR   ':'

_Static_assert(CONFIG_MAC_SIZE >= 1u, "a MAC address has octets");

static uint8_t hex_value(char c)
{
    uint8_t value = NOT_HEX;
    if ((c >= '0') && (c <= '9'))
    {
        value = (uint8_t)((uint32_t)c - (uint32_t)'0');
    }
    else if ((c >= 'a') && (c <= 'f'))
    {
        value = (uint8_t)(((uint32_t)c - (uint32_t)'a') + 10u);
    }
    else if ((c >= 'A') && (c <= 'F'))
    {
        value = (uint8_t)(((uint32_t)c - (uint32_t)'A') + 10u);
    }
    else
    {
        value = NOT_HEX;
    }
    return value;
}

static char hex_digit(uint32_t nibble)
{
    static const char digits[HEX_BASE] = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
    };
    return digits[nibble & NIBBLE_MASK];
}

bool ConfigMac_IsValid(const uint8_t mac[CONFIG_MAC_SIZE])
{
    bool any_set = false;
    for (size_t i = 0u; i < CONFIG_MAC_SIZE; i++)
    {
        if (mac[i] != 0u)
        {
            any_set = true;
        }
    }
    return any_set && ((mac[0] & MAC_GROUP_BIT) == 0u);
}

bool ConfigMac_Parse(const char *text, size_t length, uint8_t mac[CONFIG_MAC_SIZE])
{
    uint8_t parsed[CONFIG_MAC_SIZE];
    bool ok = (text != NULL) && (length == CONFIG_MAC_TEXT_LEN);
    for (size_t i = 0u; ok && (i < CONFIG_MAC_SIZE); i++)
    {
        const size_t at = i * 3u;
        const uint8_t high = hex_value(text[at]);
        const uint8_t low = hex_value(text[at + 1u]);
        const bool separated = (i == (CONFIG_MAC_SIZE - 1u)) || (text[at + 2u] == MAC_SEPARATOR);
        ok = (high != NOT_HEX) && (low != NOT_HEX) && separated;
        parsed[i] = (uint8_t)(((uint32_t)high << NIBBLE_BITS) | (uint32_t)low);
    }
    for (size_t i = 0u; ok && (i < CONFIG_MAC_SIZE); i++)
    {
        mac[i] = parsed[i];
    }
    return ok;
}

void ConfigMac_Format(const uint8_t mac[CONFIG_MAC_SIZE], char text[CONFIG_MAC_TEXT_SIZE])
{
    for (size_t i = 0u; i < CONFIG_MAC_SIZE; i++)
    {
        const size_t at = i * 3u;
        text[at] = hex_digit((uint32_t)mac[i] >> NIBBLE_BITS);
        text[at + 1u] = hex_digit((uint32_t)mac[i]);
        text[at + 2u] = (i == (CONFIG_MAC_SIZE - 1u)) ? '\0' : MAC_SEPARATOR;
    }
}
