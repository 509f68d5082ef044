/*
 * forge_record: the fixed-size record of one Forge background process, as the page parser
 * delivers it, and the mapping of the API's open `status` string to an enum.
 *
 * Promises: every text field is NUL-terminated within its buffer and holds whole UTF-8
 * sequences only; `present` and `truncated` say, per field, whether the value was in the body
 * (not missing, not null) and whether its text was cut to fit.
 */
#ifndef FORGE_RECORD_H
#define FORGE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"

typedef enum {
    FORGE_STATUS_INSTALLING = 0,
    FORGE_STATUS_INSTALLED,
    FORGE_STATUS_REMOVING,
    FORGE_STATUS_RESTARTING,
    FORGE_STATUS_STARTING,
    FORGE_STATUS_STOPPING,
    FORGE_STATUS_RUNNING,
    FORGE_STATUS_UNKNOWN,   /* missing, null, or any other text */
    FORGE_STATUS_COUNT
} ForgeProcessStatus_t;

/* Bits of ForgeRecord_t.present and .truncated. */
#define FORGE_FIELD_COMMAND    0x01u
#define FORGE_FIELD_USER       0x02u
#define FORGE_FIELD_DIRECTORY  0x04u
#define FORGE_FIELD_PROCESSES  0x08u
#define FORGE_FIELD_STATUS     0x10u
#define FORGE_FIELD_CREATED_AT 0x20u
#define FORGE_FIELD_ID         0x40u

typedef struct {
    uint32_t created_at;                   /* Unix seconds (UTC); 0 when absent */
    uint16_t processes;                    /* 0 when absent */
    uint8_t present;                       /* FORGE_FIELD_* bits */
    uint8_t truncated;                     /* FORGE_FIELD_* bits of text that was cut */
    ForgeProcessStatus_t status;
    char id[FORGE_ID_SIZE];                /* opaque: a string's text or a number's own text */
    char command[FORGE_COMMAND_SIZE];
    char user[FORGE_USER_SIZE];
    char directory[FORGE_DIRECTORY_SIZE];
    char status_text[FORGE_STATUS_TEXT_SIZE]; /* the raw status, bounded */
} ForgeRecord_t;

/* Maps decoded status text (len bytes, not necessarily NUL-terminated) to the enum. */
ForgeProcessStatus_t ForgeRecord_StatusFromText(const char *text, size_t len);

/* Lower-case name of a status ("unknown" for anything out of range). */
const char *ForgeRecord_StatusName(ForgeProcessStatus_t status);

#endif /* FORGE_RECORD_H */
