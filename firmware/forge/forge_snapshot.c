/* forge_snapshot: double-buffered accumulation of one polling round. */
#include "firmware/forge/forge_snapshot.h"

static ForgeSnapshotView_t *Collecting(ForgeSnapshot_t *snap)
{
    return &snap->views[(snap->published == 0u) ? 1u : 0u];
}

static void ClearView(ForgeSnapshotView_t *view)
{
    view->kept = 0u;
    view->total = 0u;
    view->pages = 0u;
    for (size_t i = 0u; i < (size_t)FORGE_STATUS_COUNT; i++) {
        view->by_status[i] = 0u;
    }
    view->generation = 0u;
}

void ForgeSnapshot_Init(ForgeSnapshot_t *snap)
{
    if (snap != NULL) {
        ClearView(&snap->views[0]);
        ClearView(&snap->views[1]);
        snap->published = 0u;
        snap->has_published = false;
        snap->phase = FORGE_SNAPSHOT_PHASE_IDLE;
        snap->generation = 0u;
        snap->labeler = NULL;
    }
}

void ForgeSnapshot_SetLabeler(ForgeSnapshot_t *snap, ForgeSnapshotLabelFn_t labeler)
{
    if (snap != NULL) {
        snap->labeler = labeler;
    }
}

ForgeSnapshotStatus_t ForgeSnapshot_BeginRound(ForgeSnapshot_t *snap)
{
    ForgeSnapshotStatus_t status = FORGE_SNAPSHOT_ERR_ARG;
    if (snap != NULL) {
        ClearView(Collecting(snap));
        snap->phase = FORGE_SNAPSHOT_PHASE_COLLECTING;
        status = FORGE_SNAPSHOT_OK;
    }
    return status;
}

/* Copies the leading bytes of the command, never ending inside a UTF-8 sequence. */
static void CopyLabel(const char *command, ForgeSnapshotEntry_t *entry)
{
    size_t n = 0u;
    while ((n < (sizeof entry->label - 1u)) && (command[n] != '\0')) {
        n++;
    }
    entry->label_truncated = (command[n] != '\0') ? 1u : 0u;
    /* bound: at most 3 continuation bytes precede the cut inside one sequence */
    for (size_t k = 0u; (k < 3u) && (n > 0u) && (entry->label_truncated != 0u) &&
                        (((uint8_t)command[n] & 0xC0u) == 0x80u);
         k++) {
        n--;
    }
    for (size_t k = 0u; k < n; k++) {
        entry->label[k] = command[k];
    }
    entry->label[n] = '\0';
}

static bool SnapshotIsHealthy(ForgeProcessStatus_t status)
{
    return (status == FORGE_STATUS_RUNNING) || (status == FORGE_STATUS_INSTALLED);
}

static void FillEntry(ForgeSnapshotEntry_t *entry, ForgeSnapshotLabelFn_t labeler,
                      const ForgeRecord_t *record, ForgeProcessStatus_t status)
{
    entry->created_at = record->created_at;
    entry->status = status;
    entry->processes = record->processes;
    entry->present = record->present;
    if (labeler != NULL) {
        entry->label_truncated = labeler(record->command, entry->label, sizeof entry->label) ? 1u : 0u;
        entry->label[sizeof entry->label - 1u] = '\0';
    } else {
        CopyLabel(record->command, entry);
    }
}

/* Where a record is kept: the next free entry, else (for a problem) the last healthy entry,
 * else nowhere (FORGE_MAX_RECORDS). */
static size_t KeepSlot(const ForgeSnapshotView_t *view, ForgeProcessStatus_t status)
{
    size_t slot = FORGE_MAX_RECORDS;
    if (view->kept < FORGE_MAX_RECORDS) {
        slot = view->kept;
    } else if (!SnapshotIsHealthy(status)) {
        /* bound: FORGE_MAX_RECORDS entries, from the last */
        for (size_t i = FORGE_MAX_RECORDS; (i > 0u) && (slot == FORGE_MAX_RECORDS); i--) {
            if (SnapshotIsHealthy(view->entries[i - 1u].status)) {
                slot = i - 1u;
            }
        }
    } else {
        /* healthy, and the view is full: counted only */
    }
    return slot;
}

/* Counts the record, and keeps it when KeepSlot finds it a place. */
static void TakeRecord(ForgeSnapshotView_t *view, ForgeSnapshotLabelFn_t labeler, const ForgeRecord_t *record)
{
    const ForgeProcessStatus_t s = (record->status < FORGE_STATUS_COUNT) ? record->status : FORGE_STATUS_UNKNOWN;
    const size_t slot = KeepSlot(view, s);
    if (view->total < UINT32_MAX) {
        view->total++;
        view->by_status[(size_t)s]++;
    }
    if (slot < FORGE_MAX_RECORDS) {
        FillEntry(&view->entries[slot], labeler, record, s);
        if (slot == view->kept) {
            view->kept++;
        }
    }
}

ForgeSnapshotStatus_t ForgeSnapshot_AddRecord(ForgeSnapshot_t *snap, const ForgeRecord_t *record)
{
    ForgeSnapshotStatus_t status = FORGE_SNAPSHOT_ERR_ARG;
    if ((snap != NULL) && (record != NULL)) {
        ForgeSnapshotView_t *view = Collecting(snap);
        if (snap->phase != FORGE_SNAPSHOT_PHASE_COLLECTING) {
            status = FORGE_SNAPSHOT_ERR_NO_ROUND;
        } else {
            TakeRecord(view, snap->labeler, record);
            status = FORGE_SNAPSHOT_OK;
        }
    }
    return status;
}

ForgeSnapshotStatus_t ForgeSnapshot_EndPage(ForgeSnapshot_t *snap, bool has_next)
{
    ForgeSnapshotStatus_t status = FORGE_SNAPSHOT_ERR_ARG;
    if (snap != NULL) {
        ForgeSnapshotView_t *view = Collecting(snap);
        if (snap->phase != FORGE_SNAPSHOT_PHASE_COLLECTING) {
            status = FORGE_SNAPSHOT_ERR_NO_ROUND;
        } else if (!has_next) {
            view->pages++;
            snap->generation++;
            view->generation = snap->generation;
            if (snap->published == 0u) {
                snap->published = 1u;
            } else {
                snap->published = 0u;
            }
            snap->has_published = true;
            snap->phase = FORGE_SNAPSHOT_PHASE_IDLE;
            status = FORGE_SNAPSHOT_PUBLISHED;
        } else if ((view->pages + 1u) >= FORGE_MAX_PAGES_PER_ROUND) {
            snap->phase = FORGE_SNAPSHOT_PHASE_FAILED;
            status = FORGE_SNAPSHOT_ERR_TOO_MANY_PAGES;
        } else {
            view->pages++;
            status = FORGE_SNAPSHOT_NEED_NEXT_PAGE;
        }
    }
    return status;
}

void ForgeSnapshot_AbortRound(ForgeSnapshot_t *snap)
{
    if ((snap != NULL) && (snap->phase == FORGE_SNAPSHOT_PHASE_COLLECTING)) {
        snap->phase = FORGE_SNAPSHOT_PHASE_FAILED;
    }
}

const ForgeSnapshotView_t *ForgeSnapshot_Published(const ForgeSnapshot_t *snap)
{
    const ForgeSnapshotView_t *view = NULL;
    if ((snap != NULL) && snap->has_published) {
        view = &snap->views[snap->published];
    }
    return view;
}
