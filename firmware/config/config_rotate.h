/*
 * Anchor rotation: replaces the trust anchors of a running board, streamed in piece by piece
 * (the console's `anchors` commands), with no RAM copy of the anchors or of the block.
 * Owns: the one rotation in progress (target slot, declared lengths, progress, CRC so far).
 * Promises:
 *  - Begin takes the run-time slot a `config save` would write (never the slot in use, so the
 *    anchors running now stay intact), erases it and writes every field of the edit copy but
 *    the anchors; Data programs each piece there as it arrives (whole store words; only a
 *    partial last word waits in RAM); Commit checks that every declared byte arrived, that the
 *    CRC-32 of the anchors (their DER concatenated in order) is the one given and that each
 *    anchor parses (`check`, as TLS init parses it), all in place in the slot, and only then
 *    writes the header and, last, the magic. Until then the slot holds no valid block: a
 *    reset, an abort or any failure leaves the old configuration in use, now and after a
 *    reset.
 *  - On success the new slot is read back (header, CRC, size), both configuration copies take
 *    the new anchors in place there and it becomes the slot in use (Config_AdoptAnchors). The
 *    edit copy was written with them (unsaved edits included), so it counts as saved; edits
 *    other than the anchors take effect at the next boot, like `config save`.
 *  - CONFIG_ERR_ORDER, _TOO_LONG, _INCOMPLETE and _BUSY leave the rotation open (nothing was
 *    written: send the right step); every other failure ends it (begin again). A Begin while
 *    one is open starts over.
 *  - Like `config save`, a rotation overwrites the run-time slot not in use: if that held a
 *    save of this run not yet booted and the rotation fails, the edit copy is marked edited,
 *    so `config save` writes it again.
 *  - While a rotation is open, Config_SaveEdit refuses (CONFIG_ERR_STATE).
 */
#ifndef CONFIG_ROTATE_H
#define CONFIG_ROTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/config/config_slots.h"
#include "firmware/config/config_types.h"

/* Parses one anchor as the TLS client would: CONFIG_OK, CONFIG_ERR_DER, or CONFIG_ERR_BUSY
 * when it could not run (no memory). */
typedef ConfigStatus_t (*ConfigAnchorCheck_t)(const TlsTrustAnchor_t *anchor);

typedef struct
{
    bool open;
    uint32_t slot;      /* the slot being written */
    size_t count;       /* anchors declared */
    size_t total;       /* DER bytes declared */
    size_t index;       /* anchor the next Data is for (count: all arrived) */
    size_t offset;      /* its next byte */
    size_t received;    /* DER bytes so far */
} ConfigRotateProgress_t;

/* Starts a rotation to `count` anchors of lengths[0..count) DER bytes (1..CONFIG_MAX_ANCHORS,
 * each 1..CONFIG_ANCHOR_MAX_LEN, CONFIG_ANCHORS_TOTAL_MAX in all: CONFIG_ERR_VALUE /
 * CONFIG_ERR_TOO_LONG otherwise). CONFIG_ERR_MISSING etc. when the edit copy lacks a required
 * field (an unconfigured board: `config set` host, token, org first); CONFIG_ERR_TOO_LARGE when
 * the block would not fit a slot; CONFIG_ERR_STORE. *target: the slot and sequence written. */
ConfigStatus_t ConfigRotate_Begin(const size_t lengths[], size_t count, ConfigOrigin_t *target);

/* Bytes `offset`.. of anchor `index`: must be the next ones (CONFIG_ERR_ORDER) and within its
 * declared length (CONFIG_ERR_TOO_LONG); CONFIG_ERR_STATE when no rotation is open. */
ConfigStatus_t ConfigRotate_Data(size_t index, size_t offset, const uint8_t *bytes, size_t length);

/* Checks and makes the new block valid (see above). CONFIG_ERR_INCOMPLETE, CONFIG_ERR_CRC,
 * CONFIG_ERR_DER or CONFIG_ERR_BUSY (*failed: the anchor), CONFIG_ERR_STORE. *committed: the
 * slot and sequence now in use. */
ConfigStatus_t ConfigRotate_Commit(uint32_t crc, ConfigAnchorCheck_t check, ConfigOrigin_t *committed,
                                   size_t *failed);

/* Ends an open rotation without a valid block (nothing changes). */
void ConfigRotate_Abort(void);

bool ConfigRotate_IsOpen(void);

/* Where the rotation stands (open false: none). */
ConfigRotateProgress_t ConfigRotate_GetProgress(void);

#endif /* CONFIG_ROTATE_H */
