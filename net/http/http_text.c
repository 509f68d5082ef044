#include "net/http/http_text.h"

static char LowerAscii(char c)
{
    char lower = c;
    if ((c >= 'A') && (c <= 'Z')) {
        const uint8_t folded = (uint8_t)((uint8_t)c | 0x20u);
        lower = (char)folded;
    }
    return lower;
}

static bool IsSpaceOrTab(char c)
{
    return (c == ' ') || (c == '\t');
}

bool HttpText_IsAlnum(char c)
{
    return ((c >= 'a') && (c <= 'z')) || ((c >= 'A') && (c <= 'Z')) || ((c >= '0') && (c <= '9'));
}

bool HttpText_IsTokenChar(char c)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";
    bool found = HttpText_IsAlnum(c);
    for (size_t i = 0u; (i < (sizeof(extra) - 1u)) && (!found); i++) {
        found = (extra[i] == c);
    }
    return found;
}

bool HttpText_IsForbiddenControl(uint8_t b)
{
    return ((b < 0x20u) && (b != 0x09u)) || (b == 0x7Fu);
}

bool HttpText_SpanEquals(const char *text, HttpTextSpan_t span, const char *lit)
{
    bool equal = true;
    size_t i = 0u;
    while ((i < span.len) && equal) {
        /* lit ends with NUL, which never equals a folded text byte of a valid span */
        const char want = lit[i];
        const char have = LowerAscii(text[span.start + i]);
        equal = (want != '\0') && (have == want);
        i++;
    }
    return equal && (lit[i] == '\0');
}

HttpTextSpan_t HttpText_Trim(const char *text, HttpTextSpan_t span)
{
    HttpTextSpan_t out = span;
    while ((out.len > 0u) && IsSpaceOrTab(text[out.start])) {
        out.start++;
        out.len--;
    }
    while ((out.len > 0u) && IsSpaceOrTab(text[(out.start + out.len) - 1u])) {
        out.len--;
    }
    return out;
}

bool HttpText_StartsWith(const char *text, size_t len, const char *lit)
{
    bool equal = true;
    bool ended = false;
    size_t i = 0u;
    while ((i <= len) && equal && (!ended)) {
        const char want = lit[i];
        if (want == '\0') {
            ended = true;
        } else {
            const char have = (i < len) ? text[i] : '\0';
            equal = (have == want);
        }
        i++;
    }
    return equal;
}

bool HttpText_ParseU32(const char *text, HttpTextSpan_t span, uint32_t *value)
{
    uint32_t acc = 0u;
    bool ok = (span.len > 0u);
    for (size_t i = 0u; (i < span.len) && ok; i++) {
        const char c = text[span.start + i];
        if ((c < '0') || (c > '9')) {
            ok = false;
        } else {
            const uint32_t digit = (uint32_t)(uint8_t)c - (uint32_t)(uint8_t)'0';
            if (acc > ((UINT32_MAX - digit) / 10u)) {
                ok = false;
            } else {
                acc = (acc * 10u) + digit;
            }
        }
    }
    if (ok) {
        *value = acc;
    }
    return ok;
}

bool HttpText_NextListItem(const char *text, size_t len, size_t *pos, HttpTextSpan_t *item)
{
    const bool more = (*pos < len);
    if (more) {
        size_t end = *pos;
        while ((end < len) && (text[end] != ',')) {
            end++;
        }
        const HttpTextSpan_t raw = { *pos, end - *pos };
        *item = HttpText_Trim(text, raw);
        if (end < len) {
            *pos = end + 1u;
        } else {
            *pos = len;
        }
    }
    return more;
}
