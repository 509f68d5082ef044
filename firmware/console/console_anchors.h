/*
 * `anchors` commands of the UART console: replace the trust anchors of a running board
 * (firmware/config/config_rotate.h) one bounded line at a time, and list them.
 *
 *   anchors [show]                       the anchors in use: count, bytes, CRC-32 of each
 *   anchors begin LEN [LEN ...]          start a rotation to 1..CONFIG_MAX_ANCHORS anchors of
 *                                        these DER lengths (decimal)
 *   anchors data INDEX OFFSET HEX        the next DER bytes of anchor INDEX from OFFSET, as hex
 *                                        (1..CONSOLE_ANCHOR_CHUNK_MAX bytes; in order)
 *   anchors commit CRC32                 CRC-32 (hex) of every anchor's DER, concatenated
 *   anchors abort                        drop the rotation (nothing changes)
 *
 * Every command answers one line starting "ok: anchors " or "error: anchors " (the error
 * names the status: ConfigStatus_Name), so a host tool can wait for it before the next line.
 * Owns: the two hooks. Promises: bytes go straight to the store slot as they arrive (one line's
 * worth is decoded on the stack); on any failure the anchors in use stay in use, now and after
 * a reset; after a commit the `applied` hook runs before the command answers (the agent then
 * uses the new anchors from its next connection on).
 */
#ifndef CONSOLE_ANCHORS_H
#define CONSOLE_ANCHORS_H

#include <stddef.h>

#include "firmware/config/config_rotate.h"
#include "firmware/console/console_cli.h"
#include "firmware/console/console_word.h"

/* Called after a commit: the new anchors are the active configuration's. */
typedef void (*ConsoleAnchorsApplied_t)(void);

/* check: how a commit parses each anchor (NULL: every commit is refused); applied: NULL when
 * nothing borrows the anchors (they are then used after a reboot). */
void ConsoleAnchors_SetHooks(ConfigAnchorCheck_t check, ConsoleAnchorsApplied_t applied);

/* The words after "anchors" in line[pos..length). */
ConsoleCliStatus_t ConsoleAnchors_Execute(const char *line, size_t length, size_t pos);

/* The sub-commands, with the words after the sub-command's own (Execute splits the line). */
ConsoleCliStatus_t ConsoleAnchors_Show(void);
ConsoleCliStatus_t ConsoleAnchors_Begin(const ConsoleWord_t *args, size_t count);
ConsoleCliStatus_t ConsoleAnchors_Data(const ConsoleWord_t *args, size_t count);
ConsoleCliStatus_t ConsoleAnchors_Commit(const ConsoleWord_t *args, size_t count);

#endif /* CONSOLE_ANCHORS_H */
