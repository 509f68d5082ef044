/*
 * Configuration data as the firmware uses it, and the module's one status enum.
 * Owns: nothing (plain types). Promises: every text field of a ConfigData_t that came out of
 * ConfigBlock_Decode or ConfigKeys_Set is NUL-terminated within its buffer and valid for its
 * key (see config_value.h); anchors[0..anchor_count) are DER certificates.
 * Trust anchors are not copied: a ConfigData_t borrows them. Each `der` points at the value of
 * its field in the block it was decoded from: into the config store slot (ConfigStore_Map,
 * valid until that slot is next written; config_slots.c never writes the slot the active
 * configuration came from), or into the caller's buffer for a decode from memory (the caller
 * keeps that buffer alive and unchanged as long as the data is used). Copying a ConfigData_t
 * copies the pointers, not the certificates.
 */
#ifndef CONFIG_TYPES_H
#define CONFIG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_limits.h"
#include "net/tls/tls_anchor.h"

typedef enum
{
    CONFIG_OK = 0,
    CONFIG_NOT_CONFIGURED, /* no valid block anywhere: the panel shows "not configured" */
    CONFIG_ERR_ARG,
    CONFIG_ERR_MAGIC,      /* not a configuration block (e.g. erased flash) */
    CONFIG_ERR_VERSION,    /* a block of another format version */
    CONFIG_ERR_LENGTH,     /* header length outside the region or the format */
    CONFIG_ERR_CRC,        /* contents do not match the CRC-32 (torn or damaged) */
    CONFIG_ERR_FIELD,      /* a field is truncated, duplicated or of an unknown kind */
    CONFIG_ERR_STRING,     /* a text field is not terminated or contains a NUL */
    CONFIG_ERR_VALUE,      /* a field's value is not valid for its key */
    CONFIG_ERR_TOO_LONG,   /* a value longer than its limit */
    CONFIG_ERR_MISSING,    /* token, organization, API host or trust anchor missing */
    CONFIG_ERR_TOO_LARGE,  /* the encoded block does not fit */
    CONFIG_ERR_KEY,        /* unknown key (console) */
    CONFIG_ERR_STORE,      /* the config store refused a read or write */
    CONFIG_ERR_STATE,      /* anchor rotation: none open, or another step is due */
    CONFIG_ERR_ORDER,      /* anchor rotation: data for another anchor or offset than the next */
    CONFIG_ERR_INCOMPLETE, /* anchor rotation: commit before every declared byte arrived */
    CONFIG_ERR_DER,        /* anchor rotation: an anchor does not parse as an X.509 certificate */
    CONFIG_ERR_BUSY        /* anchor rotation: the anchor check could not run (no memory) */
} ConfigStatus_t;

#define CONFIG_STATUS_COUNT ((size_t)CONFIG_ERR_BUSY + 1u)

/* Short name of a status ("ok", "crc", "der", ...), for the console; "?" when out of range. */
const char *ConfigStatus_Name(ConfigStatus_t status);

typedef enum
{
    CONFIG_NET_DHCP = 0,
    CONFIG_NET_STATIC = 1
} ConfigNetMode_t;

typedef struct
{
    uint32_t server_id;                          /* 1..UINT32_MAX */
    uint32_t site_id;                            /* filter[site_id]; 0: no filter */
    uint16_t expected;                           /* expected process count, if has_expected */
    uint8_t page_size;                           /* page[size]; 0: the client's default */
    bool has_expected;
    char label[CONFIG_LABEL_SIZE];               /* "" : the panel shows the server id */
    char sort[CONFIG_SORT_SIZE];                 /* "" : no sort parameter */
    char filter_user[CONFIG_FILTER_USER_SIZE];   /* "" : no filter */
    char filter_directory[CONFIG_FILTER_DIR_SIZE];
} ConfigWatch_t;

typedef struct
{
    ConfigNetMode_t mode;
    uint8_t address[4];                          /* static mode only, network byte order */
    uint8_t netmask[4];
    uint8_t gateway[4];
    uint8_t dns[4];                              /* static mode: required; DHCP: 0 = from lease */
    char sntp[CONFIG_HOST_SIZE];                 /* "" : from DHCP (option 42) */
    bool has_mac;                                /* false: the board's own MAC address */
    uint8_t mac[CONFIG_MAC_SIZE];                /* if has_mac: a unicast, non-zero address */
} ConfigNetwork_t;

typedef struct
{
    char api_host[CONFIG_HOST_SIZE];
    char token[CONFIG_TOKEN_SIZE];               /* secret: never logged, never shown */
    char organization[CONFIG_ORG_SIZE];
    uint32_t poll_interval_s;
    uint8_t led_brightness;                      /* percent */
    bool display_on;
    bool has_seed;
    uint8_t seed[CONFIG_SEED_SIZE];              /* secret, like the token */
    ConfigNetwork_t network;
    size_t watch_count;
    ConfigWatch_t watches[CONFIG_MAX_WATCHES];
    size_t anchor_count;
    TlsTrustAnchor_t anchors[CONFIG_MAX_ANCHORS]; /* borrowed (see above), in the form the TLS
                                                  * client takes; CONFIG_ANCHORS_TOTAL_MAX bytes in all */
} ConfigData_t;

#endif /* CONFIG_TYPES_H */
