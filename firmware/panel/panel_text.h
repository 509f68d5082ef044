/*
 * Panel text: state names, age strings and a bounded text builder shared by the display and
 * the console line. Owns: the wording of every state. Promises: never writes past the
 * caller's buffer; an overflow is sticky and reported, the text is cut, never unterminated
 * garbage.
 */
#ifndef PANEL_TEXT_H
#define PANEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware/panel/panel_model.h"

typedef enum
{
    PANEL_TEXT_OK = 0,
    PANEL_TEXT_TRUNCATED,
    PANEL_TEXT_ERR_ARG
} PanelTextStatus_t;

/* Appends into a caller-owned buffer; no terminating NUL is written. */
typedef struct
{
    char *buf;
    size_t cap;
    size_t len;
    bool overflow;
} PanelText_t;

void PanelText_Init(char buf[], size_t cap, PanelText_t *text);
void PanelText_Append(PanelText_t *text, const char *str, size_t len);
void PanelText_AppendStr(PanelText_t *text, const char *str); /* NUL-terminated literal */
void PanelText_AppendUint(PanelText_t *text, uint32_t value);
PanelTextStatus_t PanelText_Status(const PanelText_t *text);

/* Console name ("HEALTHY", "NETWORK_DOWN", ...). */
const char *PanelText_StateName(PanelState_t state);

/* Display name, at most PANEL_TEXT_SHORT_MAX characters ("OK", "NET DOWN", ...). */
#define PANEL_TEXT_SHORT_MAX 8u
const char *PanelText_StateShort(PanelState_t state);

/* Process status for a display line, at most PANEL_TEXT_PROC_MAX characters ("run", ...). */
#define PANEL_TEXT_PROC_MAX 4u
const char *PanelText_ProcShort(PanelProcStatus_t status);

/* Age as "--" (never), "59s", "59m", "47h", "3d". */
void PanelText_AppendAge(PanelText_t *text, uint32_t age_ms);

#endif /* PANEL_TEXT_H */
