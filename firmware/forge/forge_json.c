/*
 * forge_json: jsmn (strict, parent links) plus the validation jsmn leaves out. jsmn in strict
 * mode still accepts missing or doubled commas and colons, trailing commas, several top-level
 * values, anything after a NUL byte, primitives such as "tru" or "01", control bytes and
 * invalid UTF-8 inside strings, and lone surrogate escapes. The checks below close those gaps:
 * the bytes between consecutive tokens must be exactly the separator the tree requires.
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include "jsmn.h"

#include "firmware/forge/forge_json.h"

#include <limits.h>

#define CP_SURROGATE_HIGH_FIRST 0xD800u
#define CP_SURROGATE_HIGH_LAST  0xDBFFu
#define CP_SURROGATE_LOW_FIRST  0xDC00u
#define CP_SURROGATE_LOW_LAST   0xDFFFu
#define CP_SUPPLEMENTARY_FIRST  0x10000u
#define CP_MAX                  0x10FFFFu
#define UINT32_MAX_DIGITS       10u
#define NO_SEPARATOR            '\0'

/* A read position inside the raw bytes of one string token. */
typedef struct {
    const char *text;
    size_t pos;
    size_t end;
} StrCursor_t;

static bool IsWhitespace(char c)
{
    return (c == ' ') || (c == '\t') || (c == '\n') || (c == '\r');
}

static bool JsonIsDigit(char c)
{
    return (c >= '0') && (c <= '9');
}

static uint32_t JsonHexValue(char c)
{
    uint32_t value = 16u;
    uint32_t byte = (uint32_t)(uint8_t)c;
    if (JsonIsDigit(c)) {
        value = byte - (uint32_t)(uint8_t)'0';
    } else if ((c >= 'a') && (c <= 'f')) {
        value = (byte - (uint32_t)(uint8_t)'a') + 10u;
    } else if ((c >= 'A') && (c <= 'F')) {
        value = (byte - (uint32_t)(uint8_t)'A') + 10u;
    } else {
        /* not a hex digit: 16 */
    }
    return value;
}

static size_t TokStart(const jsmntok_t *tok)
{
    return (tok->start > 0) ? (size_t)tok->start : 0u;
}

static size_t TokEnd(const jsmntok_t *tok)
{
    return (tok->end > 0) ? (size_t)tok->end : 0u;
}

static size_t TokParent(const jsmntok_t *tok)
{
    return (tok->parent >= 0) ? (size_t)tok->parent : FORGE_JSON_NONE;
}

/* ---- string content: one code point at a time ---------------------------------------- */

/* A byte that stands for itself inside a JSON string (the common, fast case). */
static bool IsPlainAscii(char c)
{
    uint32_t byte = (uint32_t)(uint8_t)c;
    return (byte >= 0x20u) && (byte < 0x80u) && (c != '\\');
}

static bool ReadHex4(const StrCursor_t *cur, size_t at, uint32_t *value)
{
    bool ok = (at <= cur->end) && ((cur->end - at) >= 4u);
    uint32_t acc = 0u;
    for (size_t k = 0u; ok && (k < 4u); k++) {
        uint32_t digit = JsonHexValue(cur->text[at + k]);
        ok = (digit < 16u);
        acc = (acc << 4u) | (digit & 0xFu);
    }
    *value = acc;
    return ok;
}

static bool IsUnicodeEscapeAt(const char *text, size_t at)
{
    char backslash = text[at];
    char letter = text[at + 1u];
    return (backslash == '\\') && (letter == 'u');
}

static bool ReadUnicodeEscape(StrCursor_t *cur, uint32_t *cp)
{
    uint32_t first = 0u;
    uint32_t second = 0u;
    bool ok = ReadHex4(cur, cur->pos + 2u, &first);
    if (ok) {
        cur->pos += 6u;
        if ((first >= CP_SURROGATE_HIGH_FIRST) && (first <= CP_SURROGATE_HIGH_LAST)) {
            ok = ((cur->end - cur->pos) >= 6u) && IsUnicodeEscapeAt(cur->text, cur->pos) &&
                 ReadHex4(cur, cur->pos + 2u, &second) && (second >= CP_SURROGATE_LOW_FIRST) &&
                 (second <= CP_SURROGATE_LOW_LAST);
            if (ok) {
                cur->pos += 6u;
                first = CP_SUPPLEMENTARY_FIRST + ((first - CP_SURROGATE_HIGH_FIRST) << 10u) +
                        (second - CP_SURROGATE_LOW_FIRST);
            }
        } else {
            ok = (first != 0u) &&
                 ((first < CP_SURROGATE_LOW_FIRST) || (first > CP_SURROGATE_LOW_LAST));
        }
    }
    *cp = first;
    return ok;
}

static bool ReadEscape(StrCursor_t *cur, uint32_t *cp)
{
    bool ok = (cur->end - cur->pos) >= 2u;
    uint32_t value = 0u;
    if (ok) {
        char escaped = cur->text[cur->pos + 1u];
        switch (escaped) {
        case '"':  value = 0x22u; break;
        case '\\': value = 0x5Cu; break;
        case '/':  value = 0x2Fu; break;
        case 'b':  value = 0x08u; break;
        case 'f':  value = 0x0Cu; break;
        case 'n':  value = 0x0Au; break;
        case 'r':  value = 0x0Du; break;
        case 't':  value = 0x09u; break;
        case 'u':  value = 0x10000000u; break; /* marker: \uXXXX handled below */
        default:   ok = false; break;
        }
    }
    if (ok && (value == 0x10000000u)) {
        ok = ReadUnicodeEscape(cur, &value);
    } else if (ok) {
        cur->pos += 2u;
    } else {
        /* invalid escape */
    }
    *cp = value;
    return ok;
}

/* Length of the sequence a lead byte starts (0: invalid or a control byte), the smallest
 * code point that length may encode, and the lead's payload bits. */
static size_t Utf8Lead(uint32_t lead, uint32_t *min, uint32_t *bits)
{
    size_t len = 0u;
    *min = 0u;
    *bits = lead;
    if (lead < 0x80u) {
        if (lead >= 0x20u) {
            len = 1u; /* control bytes are not allowed unescaped */
        }
    } else if ((lead >= 0xC2u) && (lead <= 0xDFu)) {
        len = 2u;
        *min = 0x80u;
        *bits = lead & 0x1Fu;
    } else if ((lead >= 0xE0u) && (lead <= 0xEFu)) {
        len = 3u;
        *min = 0x800u;
        *bits = lead & 0x0Fu;
    } else if ((lead >= 0xF0u) && (lead <= 0xF4u)) {
        len = 4u;
        *min = CP_SUPPLEMENTARY_FIRST;
        *bits = lead & 0x07u;
    } else {
        len = 0u;
    }
    return len;
}

/* One UTF-8 sequence; rejects overlong forms, encoded surrogates and values above U+10FFFF. */
static bool ReadUtf8(StrCursor_t *cur, uint32_t *cp)
{
    uint32_t min = 0u;
    uint32_t value = 0u;
    size_t len = Utf8Lead((uint32_t)(uint8_t)cur->text[cur->pos], &min, &value);
    bool ok = (len > 0u) && ((cur->end - cur->pos) >= len);
    for (size_t k = 1u; ok && (k < len); k++) {
        uint32_t byte = (uint32_t)(uint8_t)cur->text[cur->pos + k];
        ok = (byte & 0xC0u) == 0x80u;
        value = (value << 6u) | (byte & 0x3Fu);
    }
    ok = ok && (value >= min) && (value <= CP_MAX) &&
         ((value < CP_SURROGATE_HIGH_FIRST) || (value > CP_SURROGATE_LOW_LAST));
    if (ok) {
        cur->pos += len;
    }
    *cp = value;
    return ok;
}

/* Reads the next code point of a string token; false on anything invalid. */
static bool NextCodePoint(StrCursor_t *cur, uint32_t *cp)
{
    bool ok;
    char first = cur->text[cur->pos];
    if (first == '\\') {
        ok = ReadEscape(cur, cp);
    } else {
        ok = ReadUtf8(cur, cp);
    }
    return ok;
}

static size_t Utf8Encode(uint32_t cp, char out[4])
{
    size_t len;
    if (cp < 0x80u) {
        out[0] = (char)(uint8_t)cp;
        len = 1u;
    } else if (cp < 0x800u) {
        out[0] = (char)(uint8_t)(0xC0u | (cp >> 6u));
        out[1] = (char)(uint8_t)(0x80u | (cp & 0x3Fu));
        len = 2u;
    } else if (cp < CP_SUPPLEMENTARY_FIRST) {
        out[0] = (char)(uint8_t)(0xE0u | (cp >> 12u));
        out[1] = (char)(uint8_t)(0x80u | ((cp >> 6u) & 0x3Fu));
        out[2] = (char)(uint8_t)(0x80u | (cp & 0x3Fu));
        len = 3u;
    } else {
        out[0] = (char)(uint8_t)(0xF0u | (cp >> 18u));
        out[1] = (char)(uint8_t)(0x80u | ((cp >> 12u) & 0x3Fu));
        out[2] = (char)(uint8_t)(0x80u | ((cp >> 6u) & 0x3Fu));
        out[3] = (char)(uint8_t)(0x80u | (cp & 0x3Fu));
        len = 4u;
    }
    return len;
}

static StrCursor_t CursorOf(const ForgeJsonDoc_t *doc, size_t index)
{
    StrCursor_t cur;
    cur.text = doc->text;
    cur.pos = TokStart(&doc->tokens[index]);
    cur.end = TokEnd(&doc->tokens[index]);
    return cur;
}

/* ---- validation of the token stream ---------------------------------------------------- */

/* Bytes between two tokens: whitespace and closing brackets, then at most the one separator
 * the tree expects (none before a first child and after the last token). */
static bool GapIsValid(const char *text, size_t from, size_t to, char separator)
{
    bool ok = from <= to;
    bool seen = false;
    for (size_t i = from; ok && (i < to); i++) {
        char c = text[i];
        if (IsWhitespace(c)) {
            /* allowed anywhere */
        } else if ((c == ']') || (c == '}')) {
            ok = !seen;
        } else if ((separator != NO_SEPARATOR) && (c == separator)) {
            ok = !seen;
            seen = true;
        } else {
            ok = false;
        }
    }
    return ok && ((separator == NO_SEPARATOR) || seen);
}

static bool SkipDigits(const char *text, size_t *pos, size_t end)
{
    size_t start = *pos;
    while ((*pos < end) && JsonIsDigit(text[*pos])) {
        (*pos)++;
    }
    return *pos > start;
}

/* The integer part: "0" or a digit run not starting with 0, after an optional '-'. */
static bool SkipInteger(const char *text, size_t *pos, size_t end)
{
    bool ok;
    if ((*pos < end) && (text[*pos] == '-')) {
        (*pos)++;
    }
    if ((*pos < end) && (text[*pos] == '0')) {
        (*pos)++;
        ok = true;
    } else {
        ok = SkipDigits(text, pos, end);
    }
    return ok;
}

/* An optional exponent: e or E, an optional sign, digits. */
static bool SkipExponent(const char *text, size_t *pos, size_t end)
{
    bool ok = true;
    if ((*pos < end) && ((text[*pos] == 'e') || (text[*pos] == 'E'))) {
        (*pos)++;
        if ((*pos < end) && ((text[*pos] == '+') || (text[*pos] == '-'))) {
            (*pos)++;
        }
        ok = SkipDigits(text, pos, end);
    }
    return ok;
}

static bool IsNumber(const char *text, size_t start, size_t end)
{
    size_t pos = start;
    bool ok = SkipInteger(text, &pos, end);
    if (ok && (pos < end) && (text[pos] == '.')) {
        pos++;
        ok = SkipDigits(text, &pos, end);
    }
    ok = ok && SkipExponent(text, &pos, end);
    return ok && (pos == end);
}

static bool MatchesLiteral(const char *text, size_t start, size_t end, const char *literal)
{
    size_t k = 0u;
    bool ok = true;
    while (ok && (literal[k] != '\0')) {
        ok = ((start + k) < end) && (text[start + k] == literal[k]);
        k++;
    }
    return ok && ((start + k) == end);
}

static bool PrimitiveIsValid(const char *text, size_t start, size_t end)
{
    bool ok;
    switch (text[start]) {
    case 't':
        ok = MatchesLiteral(text, start, end, "true");
        break;
    case 'f':
        ok = MatchesLiteral(text, start, end, "false");
        break;
    case 'n':
        ok = MatchesLiteral(text, start, end, "null");
        break;
    default:
        ok = IsNumber(text, start, end);
        break;
    }
    return ok;
}

static bool StringIsValid(const ForgeJsonDoc_t *doc, size_t index)
{
    StrCursor_t cur = CursorOf(doc, index);
    bool ok = true;
    uint32_t cp = 0u;
    /* bound: every successful read advances pos by at least one byte */
    while (ok && (cur.pos < cur.end)) {
        if (IsPlainAscii(cur.text[cur.pos])) {
            cur.pos++;
        } else {
            ok = NextCodePoint(&cur, &cp);
        }
    }
    return ok;
}

static bool DepthIsValid(const ForgeJsonDoc_t *doc, size_t index)
{
    size_t containers = 0u;
    size_t node = index;
    /* keys sit between containers, so a chain within the limit has at most 2 * depth links */
    const size_t max_links = (size_t)FORGE_JSON_MAX_DEPTH * 2u;
    for (size_t step = 0u; (step <= max_links) && (node != FORGE_JSON_NONE); step++) {
        jsmntype_t type = doc->tokens[node].type;
        if ((type == JSMN_OBJECT) || (type == JSMN_ARRAY)) {
            containers++;
        }
        node = TokParent(&doc->tokens[node]);
    }
    return (node == FORGE_JSON_NONE) && (containers <= FORGE_JSON_MAX_DEPTH);
}

/* The token ends before the closing bracket of the container it belongs to (for a value, the
 * object holding its key). */
static bool InsideContainer(const ForgeJsonDoc_t *doc, const jsmntok_t *tok, size_t parent)
{
    size_t container = parent;
    if (doc->tokens[parent].type == JSMN_STRING) {
        container = TokParent(&doc->tokens[parent]);
    }
    return (container != FORGE_JSON_NONE) && (TokEnd(tok) < TokEnd(&doc->tokens[container]));
}

/* A non-root token under `parent`: keys under objects, one value under each key, values in
 * arrays; returns the separator that must precede it. */
static bool ChildIsValid(const ForgeJsonDoc_t *doc, size_t index, size_t parent, char *separator)
{
    const jsmntok_t *tok = &doc->tokens[index];
    bool scalar = (tok->type == JSMN_STRING) || (tok->type == JSMN_PRIMITIVE);
    bool first_child = parent == (index - 1u);
    bool ok;
    *separator = first_child ? NO_SEPARATOR : ',';
    switch (doc->tokens[parent].type) {
    case JSMN_OBJECT:
        ok = (tok->type == JSMN_STRING) && (tok->size == 1);
        break;
    case JSMN_ARRAY:
        ok = !scalar || (tok->size == 0);
        break;
    case JSMN_STRING: {
        size_t grandparent = TokParent(&doc->tokens[parent]);
        ok = first_child && (grandparent != FORGE_JSON_NONE) &&
             (doc->tokens[grandparent].type == JSMN_OBJECT) && (!scalar || (tok->size == 0));
        *separator = ':';
        break;
    }
    case JSMN_PRIMITIVE:
    case JSMN_UNDEFINED:
    default:
        ok = false;
        break;
    }
    return ok;
}

/* Checks the token's place in the tree and returns the separator that must precede it. */
static bool PlaceIsValid(const ForgeJsonDoc_t *doc, size_t index, char *separator)
{
    const jsmntok_t *tok = &doc->tokens[index];
    size_t parent = TokParent(tok);
    bool ok = false;
    *separator = NO_SEPARATOR;
    if (index == 0u) {
        ok = (parent == FORGE_JSON_NONE) && (tok->type == JSMN_OBJECT);
    } else if ((parent != FORGE_JSON_NONE) && InsideContainer(doc, tok, parent)) {
        /* jsmn accepts {"k"}:"v"} with "v" linked under the closed object: a child must end
         * before the closing bracket of its container */
        ok = ChildIsValid(doc, index, parent, separator);
    } else {
        /* a second top-level value */
    }
    return ok;
}

static bool ContentIsValid(const ForgeJsonDoc_t *doc, size_t index)
{
    const jsmntok_t *tok = &doc->tokens[index];
    bool ok;
    switch (tok->type) {
    case JSMN_STRING:
        ok = StringIsValid(doc, index);
        break;
    case JSMN_PRIMITIVE:
        ok = PrimitiveIsValid(doc->text, TokStart(tok), TokEnd(tok));
        break;
    case JSMN_OBJECT:
    case JSMN_ARRAY:
        ok = true;
        break;
    case JSMN_UNDEFINED:
    default:
        ok = false;
        break;
    }
    return ok;
}

static bool SpanIsValid(const ForgeJsonDoc_t *doc, size_t index, size_t cursor)
{
    const jsmntok_t *tok = &doc->tokens[index];
    size_t first = 0u;
    int min_end = tok->start + 1;
    if (tok->type == JSMN_STRING) {
        first = 1u;            /* the opening quote precedes start */
        min_end = tok->start;  /* "" is empty */
    }
    return (tok->start >= (int)first) && (tok->end >= min_end) &&
           ((size_t)tok->end <= doc->text_len) && ((size_t)tok->start >= (cursor + first));
}

/* Where the previous token's own bytes stop (inside a container: just after its bracket). */
static size_t CursorAfter(const jsmntok_t *tok)
{
    size_t after;
    if (tok->type == JSMN_STRING) {
        after = TokEnd(tok) + 1u;
    } else if (tok->type == JSMN_PRIMITIVE) {
        after = TokEnd(tok);
    } else {
        after = TokStart(tok) + 1u;
    }
    return after;
}

/* Place in the tree, the bytes before it and its own bytes. */
static bool TokenIsValid(const ForgeJsonDoc_t *doc, size_t index, size_t cursor)
{
    const jsmntok_t *tok = &doc->tokens[index];
    char separator = NO_SEPARATOR;
    bool ok = SpanIsValid(doc, index, cursor) && PlaceIsValid(doc, index, &separator);
    if (ok) {
        size_t begin = TokStart(tok);
        if (tok->type == JSMN_STRING) {
            begin--; /* the opening quote */
        }
        ok = GapIsValid(doc->text, cursor, begin, separator) && ContentIsValid(doc, index);
    }
    return ok;
}

static ForgeJsonStatus_t ValidateTokens(const ForgeJsonDoc_t *doc)
{
    ForgeJsonStatus_t status = FORGE_JSON_OK;
    size_t cursor = 0u;
    for (size_t i = 0u; (status == FORGE_JSON_OK) && (i < doc->count); i++) {
        const jsmntok_t *tok = &doc->tokens[i];
        bool container = (tok->type == JSMN_OBJECT) || (tok->type == JSMN_ARRAY);
        if (!TokenIsValid(doc, i, cursor)) {
            status = FORGE_JSON_ERR_SYNTAX;
        } else if (container && !DepthIsValid(doc, i)) {
            status = FORGE_JSON_ERR_DEPTH;
        } else {
            cursor = CursorAfter(tok);
        }
    }
    if ((status == FORGE_JSON_OK) &&
        !GapIsValid(doc->text, cursor, doc->text_len, NO_SEPARATOR)) {
        status = FORGE_JSON_ERR_SYNTAX;
    }
    return status;
}

static ForgeJsonStatus_t StatusFromJsmn(int result)
{
    ForgeJsonStatus_t status;
    if (result == (int)JSMN_ERROR_NOMEM) {
        status = FORGE_JSON_ERR_NO_TOKENS;
    } else if ((result == (int)JSMN_ERROR_PART) || (result == 0)) {
        status = FORGE_JSON_ERR_TRUNCATED;
    } else if (result < 0) {
        status = FORGE_JSON_ERR_SYNTAX;
    } else {
        status = FORGE_JSON_OK;
    }
    return status;
}

ForgeJsonStatus_t ForgeJson_Parse(const char *text, size_t text_len, jsmntok_t *pool,
                                  size_t pool_len, ForgeJsonDoc_t *doc)
{
    ForgeJsonStatus_t status = FORGE_JSON_ERR_ARG;
    if ((text != NULL) && (pool != NULL) && (doc != NULL) && (pool_len > 0u) &&
        (pool_len <= (size_t)UINT_MAX) && (text_len < (size_t)INT_MAX)) {
        jsmn_parser parser;
        jsmn_init(&parser);
        int result = jsmn_parse(&parser, text, text_len, pool, (unsigned int)pool_len);
        status = StatusFromJsmn(result);
        doc->text = text;
        doc->text_len = text_len;
        doc->tokens = pool;
        doc->count = (status == FORGE_JSON_OK) ? (size_t)result : 0u;
        if (status == FORGE_JSON_OK) {
            status = ValidateTokens(doc);
        }
        if (status != FORGE_JSON_OK) {
            doc->count = 0u;
        }
    }
    return status;
}

/* ---- accessors ------------------------------------------------------------------------- */

ForgeJsonKind_t ForgeJson_Kind(const ForgeJsonDoc_t *doc, size_t index)
{
    ForgeJsonKind_t kind = FORGE_JSON_KIND_NULL;
    if ((doc != NULL) && (index < doc->count)) {
        const jsmntok_t *tok = &doc->tokens[index];
        char first = doc->text[TokStart(tok)];
        if (tok->type == JSMN_OBJECT) {
            kind = FORGE_JSON_KIND_OBJECT;
        } else if (tok->type == JSMN_ARRAY) {
            kind = FORGE_JSON_KIND_ARRAY;
        } else if (tok->type == JSMN_STRING) {
            kind = FORGE_JSON_KIND_STRING;
        } else if ((first == 't') || (first == 'f')) {
            kind = FORGE_JSON_KIND_BOOL;
        } else if (first != 'n') {
            kind = FORGE_JSON_KIND_NUMBER;
        } else {
            kind = FORGE_JSON_KIND_NULL;
        }
    }
    return kind;
}

size_t ForgeJson_NextChild(const ForgeJsonDoc_t *doc, size_t container, size_t prev)
{
    size_t found = FORGE_JSON_NONE;
    if ((doc != NULL) && (container < doc->count) && (prev >= container) &&
        (prev < doc->count)) {
        size_t end = TokEnd(&doc->tokens[container]);
        for (size_t k = prev + 1u; (found == FORGE_JSON_NONE) && (k < doc->count) &&
                                   (TokStart(&doc->tokens[k]) < end);
             k++) {
            if (TokParent(&doc->tokens[k]) == container) {
                found = k;
            }
        }
    }
    return found;
}

bool ForgeJson_StringEquals(const ForgeJsonDoc_t *doc, size_t index, const char *literal)
{
    bool equal = (doc != NULL) && (literal != NULL) && (index < doc->count) &&
                 (doc->tokens[index].type == JSMN_STRING);
    if (equal) {
        /* quick reject: a first byte that is neither the literal's nor an escape */
        const jsmntok_t *tok = &doc->tokens[index];
        char first = '\0';
        if (tok->end > tok->start) {
            first = doc->text[TokStart(tok)];
        }
        equal = (first == literal[0]) || (first == '\\');
    }
    if (equal) {
        StrCursor_t cur = CursorOf(doc, index);
        size_t k = 0u;
        uint32_t cp = 0u;
        /* bound: pos advances on every read; k follows the (NUL-terminated) literal */
        while (equal && (cur.pos < cur.end)) {
            char c = cur.text[cur.pos];
            if (IsPlainAscii(c)) {
                equal = c == literal[k];
                cur.pos++;
            } else {
                equal = NextCodePoint(&cur, &cp) && (literal[k] != '\0') &&
                        (cp == (uint32_t)(uint8_t)literal[k]);
            }
            k++;
        }
        equal = equal && (literal[k] == '\0');
    }
    return equal;
}

/* Plain comparison of raw bytes with a literal: 1 equal, 0 different, 2 undecided (the raw
 * text has an escape where they first differ). */
static uint8_t RawCompare(const char *raw, size_t len, const char *literal)
{
    size_t k = 0u;
    while ((k < len) && (raw[k] == literal[k])) {
        k++;
    }
    uint8_t verdict = 0u;
    if (k == len) {
        verdict = (literal[k] == '\0') ? 1u : 0u;
    } else if (raw[k] == '\\') {
        verdict = 2u;
    } else {
        /* differ at a byte that stands for itself */
    }
    return verdict;
}

size_t ForgeJson_MatchKey(const ForgeJsonDoc_t *doc, size_t key, const char *const names[],
                          size_t name_count)
{
    size_t found = FORGE_JSON_NONE;
    if ((doc != NULL) && (names != NULL) && (key < doc->count) &&
        (doc->tokens[key].type == JSMN_STRING)) {
        const jsmntok_t *tok = &doc->tokens[key];
        const char *raw = &doc->text[TokStart(tok)];
        size_t len = TokEnd(tok) - TokStart(tok);
        for (size_t i = 0u; (found == FORGE_JSON_NONE) && (i < name_count); i++) {
            uint8_t verdict = RawCompare(raw, len, names[i]);
            if ((verdict == 1u) ||
                ((verdict == 2u) && ForgeJson_StringEquals(doc, key, names[i]))) {
                found = i;
            }
        }
    }
    return found;
}

/* Decodes one escape or multi-byte sequence into buf if it fits whole. */
static bool DecodeOne(StrCursor_t *cur, char *buf, size_t buf_size, size_t *used, bool *full)
{
    uint32_t cp = 0u;
    char bytes[4];
    bool ok = NextCodePoint(cur, &cp);
    size_t len = Utf8Encode(cp, bytes);
    *full = len > ((buf_size - 1u) - *used);
    for (size_t k = 0u; ok && !*full && (k < len); k++) {
        buf[*used + k] = bytes[k];
    }
    if (ok && !*full) {
        *used += len;
    }
    return ok;
}

/* Decodes code points into buf while whole sequences fit; false on invalid text. */
static bool DecodeInto(StrCursor_t *cur, char *buf, size_t buf_size, size_t *used, bool *full)
{
    bool ok = true;
    bool out_of_room = false;
    size_t n = 0u;
    size_t pos = cur->pos;
    const size_t end = cur->end;
    const size_t room = buf_size - 1u;
    const char *text = cur->text;
    /* bound: pos advances on every step that does not stop the loop */
    while (ok && !out_of_room && (pos < end)) {
        char c = text[pos];
        if (!IsPlainAscii(c)) {
            cur->pos = pos;
            ok = DecodeOne(cur, buf, buf_size, &n, &out_of_room);
            pos = cur->pos;
        } else if (n < room) {
            buf[n] = c;
            n++;
            pos++;
        } else {
            out_of_room = true;
        }
    }
    cur->pos = pos;
    *used = n;
    *full = out_of_room;
    return ok;
}

ForgeJsonStatus_t ForgeJson_CopyString(const ForgeJsonDoc_t *doc, size_t index, char *buf,
                                       size_t buf_size, size_t *out_len, bool *truncated)
{
    ForgeJsonStatus_t status = FORGE_JSON_ERR_ARG;
    if ((doc != NULL) && (buf != NULL) && (buf_size > 0u) && (out_len != NULL) &&
        (truncated != NULL) && (index < doc->count)) {
        size_t used = 0u;
        bool full = false;
        buf[0] = '\0';
        status = FORGE_JSON_ERR_TYPE;
        if (doc->tokens[index].type == JSMN_STRING) {
            StrCursor_t cur = CursorOf(doc, index);
            status = DecodeInto(&cur, buf, buf_size, &used, &full) ? FORGE_JSON_OK
                                                                   : FORGE_JSON_ERR_SYNTAX;
        }
        buf[used] = '\0';
        *out_len = used;
        *truncated = full;
    }
    return status;
}

bool ForgeJson_DigitsToUint32(const char *digits, size_t len, uint32_t max, uint32_t *value)
{
    bool ok = (digits != NULL) && (value != NULL) && (len > 0u) && (len <= UINT32_MAX_DIGITS);
    uint64_t acc = 0u;
    for (size_t k = 0u; ok && (k < len); k++) {
        ok = JsonIsDigit(digits[k]);
        acc = (acc * 10u) + ((uint64_t)(uint8_t)digits[k] & 0x0Fu);
    }
    ok = ok && (acc <= (uint64_t)max);
    if (ok) {
        *value = (uint32_t)acc;
    }
    return ok;
}

ForgeJsonStatus_t ForgeJson_GetUint32(const ForgeJsonDoc_t *doc, size_t index, uint32_t max,
                                      uint32_t *value)
{
    ForgeJsonStatus_t status = FORGE_JSON_ERR_ARG;
    if ((doc != NULL) && (value != NULL) && (index < doc->count)) {
        const jsmntok_t *tok = &doc->tokens[index];
        if (ForgeJson_Kind(doc, index) != FORGE_JSON_KIND_NUMBER) {
            status = FORGE_JSON_ERR_TYPE;
        } else if (ForgeJson_DigitsToUint32(&doc->text[TokStart(tok)],
                                            TokEnd(tok) - TokStart(tok), max, value)) {
            status = FORGE_JSON_OK;
        } else {
            status = FORGE_JSON_ERR_RANGE;
        }
    }
    return status;
}
