/*
 * forge_snapshot: the pages of one polling round combined into one snapshot of all background
 * processes, published only when the round completed.
 *
 * Use: BeginRound; for every page, AddRecord for each record (the ForgePage callback) and
 * then EndPage(has_next). EndPage with has_next false publishes the round. A page that failed
 * to fetch or parse: AbortRound. More than FORGE_MAX_PAGES_PER_ROUND pages fail the round. A
 * failed or aborted round changes nothing that was published: the previous snapshot stays
 * readable and intact until a later round completes.
 *
 * Promises: every record added is counted as it streams (`total` and `by_status`), however
 * many there are: counting never depends on memory. Only FORGE_MAX_RECORDS entries are kept
 * for the display (`kept`): problems first (any status but running or installed), then the
 * rest; once full, a problem record takes the place of the last healthy entry kept, a healthy
 * one is counted only. Records are not de-duplicated (that would need every id of the round).
 * Two fixed views (published and collecting) swap on publish; nothing is allocated.
 */
#ifndef FORGE_SNAPSHOT_H
#define FORGE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/forge/forge_config.h"
#include "firmware/forge/forge_record.h"

typedef enum {
    FORGE_SNAPSHOT_OK = 0,               /* record taken */
    FORGE_SNAPSHOT_NEED_NEXT_PAGE,       /* page taken; fetch the next cursor */
    FORGE_SNAPSHOT_PUBLISHED,            /* round complete and now the published snapshot */
    FORGE_SNAPSHOT_ERR_ARG,
    FORGE_SNAPSHOT_ERR_NO_ROUND,         /* no round open (never begun, published or failed) */
    FORGE_SNAPSHOT_ERR_TOO_MANY_PAGES    /* round failed */
} ForgeSnapshotStatus_t;

typedef struct {
    uint32_t created_at;
    ForgeProcessStatus_t status;
    uint16_t processes;
    uint8_t present;                      /* FORGE_FIELD_* bits of the record */
    uint8_t label_truncated;              /* 1 when label is a cut command */
    char label[FORGE_SNAPSHOT_LABEL_SIZE]; /* the labeler's text, else the command's leading
                                           * bytes (whole UTF-8 only) */
} ForgeSnapshotEntry_t;

typedef struct {
    ForgeSnapshotEntry_t entries[FORGE_MAX_RECORDS];
    size_t kept;                          /* entries[0..kept) */
    uint32_t total;                       /* every record of the round */
    size_t pages;
    uint32_t by_status[FORGE_STATUS_COUNT]; /* every record of the round, by status */
    uint32_t generation;                  /* 1 for the first published round, then +1 */
} ForgeSnapshotView_t;

typedef enum {
    FORGE_SNAPSHOT_PHASE_IDLE = 0,
    FORGE_SNAPSHOT_PHASE_COLLECTING,
    FORGE_SNAPSHOT_PHASE_FAILED
} ForgeSnapshotPhase_t;

/* Makes an entry's label from a record's command: writes at most cap - 1 bytes and a NUL into
 * label, returns true when the text was cut. Lets the owner of the display decide what of a
 * long command is worth keeping (the leading bytes of "php /home/forge/site/artisan
 * queue:work" say little). */
typedef bool (*ForgeSnapshotLabelFn_t)(const char *command, char label[], size_t cap);

typedef struct {
    ForgeSnapshotView_t views[2];
    size_t published;                     /* index into views */
    bool has_published;
    ForgeSnapshotPhase_t phase;
    uint32_t generation;
    ForgeSnapshotLabelFn_t labeler;       /* NULL: leading bytes of the command */
} ForgeSnapshot_t;

void ForgeSnapshot_Init(ForgeSnapshot_t *snap);
/* Labels of later records come from `labeler` (NULL: the command's leading bytes). */
void ForgeSnapshot_SetLabeler(ForgeSnapshot_t *snap, ForgeSnapshotLabelFn_t labeler);
ForgeSnapshotStatus_t ForgeSnapshot_BeginRound(ForgeSnapshot_t *snap);
ForgeSnapshotStatus_t ForgeSnapshot_AddRecord(ForgeSnapshot_t *snap, const ForgeRecord_t *record);
ForgeSnapshotStatus_t ForgeSnapshot_EndPage(ForgeSnapshot_t *snap, bool has_next);
void ForgeSnapshot_AbortRound(ForgeSnapshot_t *snap);

/* The last completed round, or NULL before the first one. */
const ForgeSnapshotView_t *ForgeSnapshot_Published(const ForgeSnapshot_t *snap);

#endif /* FORGE_SNAPSHOT_H */
