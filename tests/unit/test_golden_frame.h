/*
 * Golden frames for the unit tests (the .pbm files under tests/unit/golden/): a frame rendered as a PBM and
 * compared byte for byte with its file, or with --update-golden (the only way; no environment
 * variable) written to it instead. A case that rewrote a file compared nothing, so the teardown
 * GoldenFrame_Teardown fails it: an update run is never a pass.
 */
#ifndef TEST_GOLDEN_FRAME_H
#define TEST_GOLDEN_FRAME_H

#include "firmware/panel/display_frame.h"

/* argv is "[--update-golden]": 0 when understood, else the exit code (2) after a usage line. */
int GoldenFrame_Args(int argc, char **argv);

/* Compares (or, in an update run, writes) the golden file at `path`; fails the case on a
 * difference or a missing file (the tests run from the repository root). */
void GoldenFrame_Check(const char *path, const DisplayFrame_t *frame);

/* cmocka teardown of every case that checks golden frames. */
int GoldenFrame_Teardown(void **state);

#endif /* TEST_GOLDEN_FRAME_H */
