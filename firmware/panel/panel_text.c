/* Panel text: wording and bounded formatting (no printf). */
#include "firmware/panel/panel_text.h"

#include <string.h>

/* Longest decimal uint32_t. */
#define UINT32_DIGITS 10u
#define MS_PER_S 1000u
#define S_PER_M 60u
#define S_PER_H 3600u
#define S_PER_D 86400u
#define HOURS_SHOWN_MAX 48u
/* Bound for the literal helper: no text the panel writes is longer. */
#define LITERAL_MAX 64u

void PanelText_Init(char buf[], size_t cap, PanelText_t *text)
{
    if (text != NULL)
    {
        text->buf = buf;
        text->cap = (buf != NULL) ? cap : 0u;
        text->len = 0u;
        text->overflow = false;
    }
}

void PanelText_Append(PanelText_t *text, const char *str, size_t len)
{
    if ((text != NULL) && (str != NULL))
    {
        size_t room = text->cap - text->len;
        size_t n = len;
        if (n > room)
        {
            n = room;
            text->overflow = true;
        }
        if (n > 0u)
        {
            (void)memcpy(&text->buf[text->len], str, n);
            text->len += n;
        }
    }
}

void PanelText_AppendStr(PanelText_t *text, const char *str)
{
    if (str != NULL)
    {
        size_t len = 0u;
        while ((len < LITERAL_MAX) && (str[len] != '\0'))
        {
            len++;
        }
        PanelText_Append(text, str, len);
    }
}

void PanelText_AppendUint(PanelText_t *text, uint32_t value)
{
    static const char k_digits[] = "0123456789";
    char digits[UINT32_DIGITS];
    size_t n = 0u;
    uint32_t v = value;
    do
    {
        digits[UINT32_DIGITS - 1u - n] = k_digits[v % 10u];
        v /= 10u;
        n++;
    } while ((v > 0u) && (n < UINT32_DIGITS));
    PanelText_Append(text, &digits[UINT32_DIGITS - n], n);
}

PanelTextStatus_t PanelText_Status(const PanelText_t *text)
{
    PanelTextStatus_t status = PANEL_TEXT_ERR_ARG;
    if (text != NULL)
    {
        status = text->overflow ? PANEL_TEXT_TRUNCATED : PANEL_TEXT_OK;
    }
    return status;
}

const char *PanelText_StateName(PanelState_t state)
{
    static const char *const k_names[PANEL_STATE_COUNT] = {
        [PANEL_STATE_HEALTHY] = "HEALTHY",           [PANEL_STATE_CHANGING] = "CHANGING",
        [PANEL_STATE_ATTENTION] = "ATTENTION",       [PANEL_STATE_NO_DATA] = "NO_DATA",
        [PANEL_STATE_STALE] = "STALE",               [PANEL_STATE_AUTH_ERROR] = "AUTH_ERROR",
        [PANEL_STATE_NOT_FOUND] = "NOT_FOUND",       [PANEL_STATE_RATE_LIMITED] = "RATE_LIMITED",
        [PANEL_STATE_API_DOWN] = "API_DOWN",         [PANEL_STATE_NETWORK_DOWN] = "NETWORK_DOWN",
        [PANEL_STATE_TLS_ERROR] = "TLS_ERROR",       [PANEL_STATE_BAD_RESPONSE] = "BAD_RESPONSE",
        [PANEL_STATE_NOT_CONFIGURED] = "NOT_CONFIGURED",
    };
    const char *name = "INVALID";
    if ((uint32_t)state < (uint32_t)PANEL_STATE_COUNT)
    {
        name = k_names[state];
    }
    return name;
}

const char *PanelText_StateShort(PanelState_t state)
{
    static const char *const k_short[PANEL_STATE_COUNT] = {
        [PANEL_STATE_HEALTHY] = "OK",            [PANEL_STATE_CHANGING] = "CHANGING",
        [PANEL_STATE_ATTENTION] = "ATTN",        [PANEL_STATE_NO_DATA] = "NO DATA",
        [PANEL_STATE_STALE] = "STALE",           [PANEL_STATE_AUTH_ERROR] = "AUTH ERR",
        [PANEL_STATE_NOT_FOUND] = "NOTFOUND",    [PANEL_STATE_RATE_LIMITED] = "RATE LIM",
        [PANEL_STATE_API_DOWN] = "API DOWN",     [PANEL_STATE_NETWORK_DOWN] = "NET DOWN",
        [PANEL_STATE_TLS_ERROR] = "TLS ERR",     [PANEL_STATE_BAD_RESPONSE] = "BAD RESP",
        [PANEL_STATE_NOT_CONFIGURED] = "NO CONF",
    };
    const char *name = "?";
    if ((uint32_t)state < (uint32_t)PANEL_STATE_COUNT)
    {
        name = k_short[state];
    }
    return name;
}

const char *PanelText_ProcShort(PanelProcStatus_t status)
{
    static const char *const k_proc[PANEL_PROC_STATUS_COUNT] = {
        [PANEL_PROC_INSTALLING] = "init", [PANEL_PROC_INSTALLED] = "inst", [PANEL_PROC_REMOVING] = "rmv",
        [PANEL_PROC_RESTARTING] = "rst",  [PANEL_PROC_STARTING] = "strt",  [PANEL_PROC_STOPPING] = "stop",
        [PANEL_PROC_RUNNING] = "run",     [PANEL_PROC_UNKNOWN] = "???",
    };
    const char *name = "???";
    if ((uint32_t)status < (uint32_t)PANEL_PROC_STATUS_COUNT)
    {
        name = k_proc[status];
    }
    return name;
}

void PanelText_AppendAge(PanelText_t *text, uint32_t age_ms)
{
    if (age_ms == PANEL_AGE_NEVER)
    {
        PanelText_Append(text, "--", 2u);
    }
    else
    {
        const uint32_t s = age_ms / MS_PER_S;
        if (s < S_PER_M)
        {
            PanelText_AppendUint(text, s);
            PanelText_Append(text, "s", 1u);
        }
        else if (s < S_PER_H)
        {
            PanelText_AppendUint(text, s / S_PER_M);
            PanelText_Append(text, "m", 1u);
        }
        else if (s < (HOURS_SHOWN_MAX * S_PER_H))
        {
            PanelText_AppendUint(text, s / S_PER_H);
            PanelText_Append(text, "h", 1u);
        }
        else
        {
            PanelText_AppendUint(text, s / S_PER_D);
            PanelText_Append(text, "d", 1u);
        }
    }
}
