/*
 * forge_page: one pass over the body. Every byte goes through one lexical state machine
 * (`lex`); plain string bytes go through a tight run loop that copies them straight into the
 * field the current string is for (`dst`, or nowhere). The meaning of the open containers at
 * depth 1..4 (top, data, meta, record, attributes) is kept in `ctx`; deeper containers and
 * every unknown value are skipped, with their bracket kinds in a bit stack (`nest`) so that
 * skipping validates exactly as strictly as keeping. Keys are decoded into `key` only in the
 * objects we read.
 */
#include "firmware/forge/forge_page.h"

#if (FORGE_PAGE_NEST_MAX < 8u) || ((FORGE_PAGE_NEST_MAX % 8u) != 0u)
#error "forge_config.h: FORGE_PAGE_NEST_MAX must be a multiple of 8, at least 8"
#endif
#if (FORGE_CURSOR_SIZE < 2u) || (FORGE_ID_SIZE < 2u) || (FORGE_PAGE_KEY_SIZE < 12u)
#error "forge_config.h: cursor and id buffers of 2 bytes at least, keys of 12 at least"
#endif

#define PROCESSES_MAX   65535u
#define KEEP_DEPTH      FORGE_PAGE_KEPT_DEPTH
#define SATURATE        100000u  /* a number above PROCESSES_MAX stops growing here */

/* Lexical states. */
#define L_VALUE       0u   /* a value must come (start, after `:`, after `,` in an array) */
#define L_AFTER       1u   /* after a value: `,` or the close of its container */
#define L_OBJ_FIRST   2u   /* after `{`: a key or `}` */
#define L_KEY         3u   /* after `,` in an object: a key */
#define L_COLON       4u
#define L_ARR_FIRST   5u   /* after `[`: a value or `]` */
#define L_DONE        6u   /* the top object closed: whitespace only */
#define L_FAILED      7u
#define L_STRING      8u
#define L_ESCAPE      9u
#define L_HEX         10u
#define L_UTF8        11u
#define L_HIGH        12u  /* after a high surrogate escape: another escape may pair it */
#define L_MINUS       13u
#define L_ZERO        14u
#define L_INT         15u
#define L_DOT         16u
#define L_FRAC        17u
#define L_EXP         18u
#define L_EXP_SIGN    19u
#define L_EXP_DIGITS  20u
#define L_LITERAL     21u

/* What a value (or a container, in ctx) is for. 1..4 are the envelope: a wrong type fails. */
#define T_SKIP        0u
#define T_TOP         1u
#define T_DATA        2u
#define T_META        3u
#define T_CURSOR      4u
#define T_RECORD      5u
#define T_ATTRS       6u
#define T_ID          7u
#define T_COMMAND     8u
#define T_USER        9u
#define T_DIRECTORY   10u
#define T_PROCESSES   11u
#define T_STATUS      12u
#define T_CREATED_AT  13u
#define T_COUNT       14u

/* Value kinds (bits). */
#define K_OBJ   0x01u
#define K_ARR   0x02u
#define K_STR   0x04u
#define K_NUM   0x08u
#define K_BOOL  0x10u
#define K_NULL  0x20u
#define K_ANY   0x3Fu

/* str_flags */
#define SF_KEY  0x01u
#define SF_CUT  0x02u
#define SF_ODD  0x04u

/* Keys seen. */
#define TOP_DATA        0x01u
#define TOP_META        0x02u
#define TOP_DATA_ARRAY  0x04u
#define TOP_META_OBJECT 0x08u
#define REC_ID          0x01u
#define REC_ATTRS       0x02u
#define REC_ATTRS_OBJ   0x04u

#define REPLACEMENT     0xFFFDu
#define ATTR_KEYS       6u

/* Kinds each target takes; anything else is skipped (and tolerated, or fatal for 1..4). */
static const uint8_t g_accept[T_COUNT] = {
    K_ANY,           K_OBJ,           K_ARR,           K_OBJ,           K_STR | K_NULL,
    K_OBJ,           K_OBJ,           K_STR | K_NUM,   K_STR | K_NULL,  K_STR | K_NULL,
    K_STR | K_NULL,  K_NUM | K_NULL,  K_STR | K_NULL,  K_STR | K_NULL,
};



/* The keys read. */
#define KEY_DATA        0u
#define KEY_META        1u
#define KEY_NEXT_CURSOR 2u
#define KEY_ID          3u
#define KEY_ATTRIBUTES  4u
#define KEY_ATTR_FIRST  5u   /* command, user, directory, processes, status, created_at */
#define KEY_COUNT       11u
static const char *const g_keys[KEY_COUNT] = {
    "data", "meta", "next_cursor", "id", "attributes",
    "command", "user", "directory", "processes", "status", "created_at",
};


static void NumberText(ForgePageWork_t *w, char c);

/* ---- small helpers ------------------------------------------------------------------ */

static inline bool PageIsSpace(char c)
{
    return (c == ' ') || (c == '\t') || (c == '\n') || (c == '\r');
}

static inline bool PageIsDigit(char c)
{
    return (c >= '0') && (c <= '9');
}

static void PageFail(ForgePageWork_t *w, ForgePageStatus_t status)
{
    if (w->status == FORGE_PAGE_OK) {
        w->status = status;
    }
    w->lex = (uint8_t)L_FAILED;
}

static void Tolerate(ForgePageWork_t *w)
{
    w->tolerated++;
}

/* The meaning of the innermost open container. */
static uint8_t CurrentCtx(const ForgePageWork_t *w)
{
    uint8_t ctx = (uint8_t)T_SKIP;
    if ((w->depth > 0u) && (w->depth <= KEEP_DEPTH)) {
        ctx = w->ctx[w->depth - 1u];
    }
    return ctx;
}

/* The bracket kind of the container at `depth` (1 = the top object) from the bit stack. */
static bool NestIsArray(const ForgePageWork_t *w, uint32_t depth)
{
    const uint32_t level = depth - 1u;
    return ((uint32_t)w->nest[level / 8u] & (1u << (level % 8u))) != 0u;
}

/* The innermost container's kind, cached in `in_array` at every open and close. */
static inline bool InnermostIsArray(const ForgePageWork_t *w)
{
    return w->in_array;
}

/* text[0..len) equals name[0..len) (the caller compared the lengths). */
static bool NameEquals(const char *text, size_t len, const char *name)
{
    bool equal = true;
    size_t k = 0u;
    /* bound: len / 2 pairs of bytes, then the odd one */
    for (; equal && ((k + 1u) < len); k += 2u) {
        equal = (name[k] == text[k]) && (name[k + 1u] == text[k + 1u]);
    }
    if (equal && (k < len)) {
        equal = name[k] == text[k];
    }
    return equal;
}

/* Whether the value about to start (of `kind`) is taken for its target. A wrong kind fails the
 * page for the envelope, and is skipped otherwise (counted, except for the record's id and
 * attributes, which the record's end counts once as missing). */
static bool Accept(ForgePageWork_t *w, uint8_t kind)
{
    const uint8_t target = w->target;
    const bool taken = (g_accept[target] & kind) != 0u;
    if (!taken) {
        if ((target >= T_TOP) && (target <= T_CURSOR)) {
            PageFail(w, FORGE_PAGE_ERR_SCHEMA);
        } else if ((target != T_ATTRS) && (target != T_ID)) {
            Tolerate(w);
        } else {
            /* counted at the record's end */
        }
        w->target = (uint8_t)T_SKIP;
    }
    return taken;
}

static void ValueDone(ForgePageWork_t *w)
{
    w->lex = (w->depth == 0u) ? (uint8_t)L_DONE : (uint8_t)L_AFTER;
}

/* ---- text output -------------------------------------------------------------------- */

/* Where the text goes: size bytes incl. the NUL; NULL with size 1 for nowhere. */
static void SetDst(ForgePageWork_t *w, char *dst, size_t size)
{
    w->dst = dst;
    w->room = size - 1u;
    w->cap = size - 1u; /* cut_len is set by the first PageCut, read only after it */
}

/* The text is cut here: what was written so far is all that is kept. */
static void PageCut(ForgePageWork_t *w)
{
    if ((w->str_flags & SF_CUT) == 0u) {
        w->str_flags = (uint8_t)(w->str_flags | SF_CUT);
        w->cut_len = w->cap - w->room;
    }
    w->room = 0u;
}

/* Bytes written into the current destination. */
static size_t TextLen(const ForgePageWork_t *w)
{
    return ((w->str_flags & SF_CUT) != 0u) ? w->cut_len : (w->cap - w->room);
}

/* Puts n bytes of one code point, or cuts the text here when they do not fit. */
static void PutSequence(ForgePageWork_t *w, const uint8_t bytes[], size_t n)
{
    if ((w->room >= n) && (w->dst != NULL)) {
        for (size_t k = 0u; k < n; k++) {
            w->dst[k] = (char)bytes[k];
        }
        w->dst = &w->dst[n];
        w->room -= n;
    } else {
        PageCut(w);
    }
}

/* A decoded code point from an escape: control characters become a space (and are odd). */
static void PageEmit(ForgePageWork_t *w, uint32_t cp)
{
    uint8_t bytes[4];
    size_t n;
    uint32_t v = cp;
    if (v < 0x20u) {
        w->str_flags = (uint8_t)(w->str_flags | SF_ODD);
        v = (uint32_t)' ';
    }
    if (v < 0x80u) {
        bytes[0] = (uint8_t)v;
        n = 1u;
    } else if (v < 0x800u) {
        bytes[0] = (uint8_t)(0xC0u | (v >> 6u));
        bytes[1] = (uint8_t)(0x80u | (v & 0x3Fu));
        n = 2u;
    } else if (v < 0x10000u) {
        bytes[0] = (uint8_t)(0xE0u | (v >> 12u));
        bytes[1] = (uint8_t)(0x80u | ((v >> 6u) & 0x3Fu));
        bytes[2] = (uint8_t)(0x80u | (v & 0x3Fu));
        n = 3u;
    } else {
        bytes[0] = (uint8_t)(0xF0u | (v >> 18u));
        bytes[1] = (uint8_t)(0x80u | ((v >> 12u) & 0x3Fu));
        bytes[2] = (uint8_t)(0x80u | ((v >> 6u) & 0x3Fu));
        bytes[3] = (uint8_t)(0x80u | (v & 0x3Fu));
        n = 4u;
    }
    PutSequence(w, bytes, n);
}

static void PageEmitReplacement(ForgePageWork_t *w)
{
    w->str_flags = (uint8_t)(w->str_flags | SF_ODD);
    PageEmit(w, REPLACEMENT);
}

/* ---- records ------------------------------------------------------------------------ */

static void BeginRecord(ForgePageWork_t *w)
{
    ForgeRecord_t *rec = &w->record;
    rec->created_at = 0u;
    rec->processes = 0u;
    rec->present = 0u;
    rec->truncated = 0u;
    rec->status = FORGE_STATUS_UNKNOWN;
    rec->id[0] = '\0';
    rec->command[0] = '\0';
    rec->user[0] = '\0';
    rec->directory[0] = '\0';
    rec->status_text[0] = '\0';
    w->rec_seen = 0u;
    w->attr_seen = 0u;
}

static void EndRecord(ForgePageWork_t *w)
{
    if ((w->record.present & FORGE_FIELD_ID) == 0u) {
        Tolerate(w); /* no usable id */
    }
    if ((w->rec_seen & REC_ATTRS_OBJ) == 0u) {
        Tolerate(w); /* no attributes object */
    }
    w->records++;
    w->on_record(w->context, &w->record);
}

/* ---- keys --------------------------------------------------------------------------- */

/* Marks bit in *seen; false when it was there already. */
static bool FirstTime(uint8_t *seen, uint8_t bit)
{
    const bool first = (*seen & bit) == 0u;
    *seen = (uint8_t)(*seen | bit);
    return first;
}

static uint8_t TopKey(ForgePageWork_t *w, const char *key, size_t len)
{
    uint8_t target = (uint8_t)T_SKIP;
    uint8_t bit = 0u;
    if ((len == 4u) && (key[0] == 'd') && NameEquals(w->key, len, g_keys[KEY_DATA])) {
        target = (uint8_t)T_DATA;
        bit = TOP_DATA;
    } else if ((len == 4u) && NameEquals(w->key, len, g_keys[KEY_META])) {
        target = (uint8_t)T_META;
        bit = TOP_META;
    } else {
        /* links and others: not read */
    }
    if ((bit != 0u) && !FirstTime(&w->top_seen, bit)) {
        PageFail(w, FORGE_PAGE_ERR_DUPLICATE_KEY);
    }
    return target;
}

static uint8_t MetaKey(ForgePageWork_t *w, size_t len)
{
    uint8_t target = (uint8_t)T_SKIP;
    if ((len == 11u) && NameEquals(w->key, len, g_keys[KEY_NEXT_CURSOR])) {
        target = (uint8_t)T_CURSOR;
        if (!FirstTime(&w->meta_seen, 1u)) {
            PageFail(w, FORGE_PAGE_ERR_DUPLICATE_KEY);
        }
    }
    return target;
}

static uint8_t RecordKey(ForgePageWork_t *w, size_t len)
{
    uint8_t target = (uint8_t)T_SKIP;
    uint8_t bit = 0u;
    if ((len == 2u) && NameEquals(w->key, len, g_keys[KEY_ID])) {
        target = (uint8_t)T_ID;
        bit = REC_ID;
    } else if ((len == 10u) && NameEquals(w->key, len, g_keys[KEY_ATTRIBUTES])) {
        target = (uint8_t)T_ATTRS;
        bit = REC_ATTRS;
    } else {
        /* type and others: not read */
    }
    if ((bit != 0u) && !FirstTime(&w->rec_seen, bit)) {
        Tolerate(w); /* the first one wins */
        target = (uint8_t)T_SKIP;
    }
    return target;
}

/* The one attribute name a key of this length (and first byte) can be. */
static size_t AttrCandidate(const char *key, size_t len)
{
    size_t index = ATTR_KEYS;
    switch (len) {
    case 4u:  index = 1u; break;                             /* user */
    case 6u:  index = 4u; break;                             /* status */
    case 7u:  index = 0u; break;                             /* command */
    case 9u:  index = (key[0] == 'd') ? (size_t)2u : (size_t)3u; break; /* directory, processes */
    case 10u: index = 5u; break;                             /* created_at */
    default:  index = ATTR_KEYS; break;
    }
    return index;
}

static uint8_t AttrKey(ForgePageWork_t *w, const char *key, size_t len)
{
    static const uint8_t g_attr_targets[ATTR_KEYS] = {T_COMMAND,   T_USER,   T_DIRECTORY,
                                                      T_PROCESSES, T_STATUS, T_CREATED_AT};
    uint8_t target = (uint8_t)T_SKIP;
    const size_t i = AttrCandidate(key, len);
    if ((i < ATTR_KEYS) && NameEquals(w->key, len, g_keys[KEY_ATTR_FIRST + i])) {
        target = g_attr_targets[i];
        if (!FirstTime(&w->attr_seen, (uint8_t)(1u << i))) {
            Tolerate(w); /* the first one wins */
            target = (uint8_t)T_SKIP;
        }
    }
    return target;
}

static void KeyDone(ForgePageWork_t *w)
{
    uint8_t target = (uint8_t)T_SKIP;
    if ((w->dst != NULL) && ((w->str_flags & SF_CUT) == 0u)) {
        const size_t len = TextLen(w);
        switch (CurrentCtx(w)) {
        case T_TOP:    target = TopKey(w, w->key, len); break;
        case T_META:   target = MetaKey(w, len); break;
        case T_RECORD: target = RecordKey(w, len); break;
        case T_ATTRS:  target = AttrKey(w, w->key, len); break;
        default:       target = (uint8_t)T_SKIP; break;
        }
    }
    w->target = target;
    if (w->lex != L_FAILED) {
        w->lex = (uint8_t)L_COLON;
    }
}

/* ---- values ------------------------------------------------------------------------- */

/* What opening a container of meaning ctx starts. */
static void ContainerOpened(ForgePageWork_t *w, uint8_t ctx)
{
    if (ctx == T_RECORD) {
        BeginRecord(w);
    } else if (ctx == T_ATTRS) {
        w->rec_seen = (uint8_t)(w->rec_seen | REC_ATTRS_OBJ);
    } else if (ctx == T_DATA) {
        w->top_seen = (uint8_t)(w->top_seen | TOP_DATA_ARRAY);
    } else if (ctx == T_META) {
        w->top_seen = (uint8_t)(w->top_seen | TOP_META_OBJECT);
    } else {
        /* top or skipped */
    }
}

/* One level deeper: its bracket kind on the bit stack, its meaning when it is kept. */
static void PushContainer(ForgePageWork_t *w, bool is_array)
{
    const uint32_t level = w->depth;
    const uint8_t bit = (uint8_t)(1u << (level % 8u));
    const uint8_t ctx = w->target;
    if (is_array) {
        w->nest[level / 8u] = (uint8_t)(w->nest[level / 8u] | bit);
    } else {
        w->nest[level / 8u] = (uint8_t)(w->nest[level / 8u] & (uint8_t)~bit);
    }
    w->depth++;
    w->in_array = is_array;
    if (w->depth <= KEEP_DEPTH) {
        w->ctx[w->depth - 1u] = ctx;
    }
    ContainerOpened(w, ctx);
    w->target = ((ctx == T_DATA) && is_array) ? (uint8_t)T_RECORD : (uint8_t)T_SKIP;
    w->lex = is_array ? (uint8_t)L_ARR_FIRST : (uint8_t)L_OBJ_FIRST;
}

static void OpenContainer(ForgePageWork_t *w, bool is_array)
{
    (void)Accept(w, is_array ? (uint8_t)K_ARR : (uint8_t)K_OBJ); /* else skipped or failed */
    if (w->status != FORGE_PAGE_OK) {
        /* the envelope's container of the wrong kind */
    } else if (w->depth >= FORGE_PAGE_NEST_MAX) {
        PageFail(w, FORGE_PAGE_ERR_TOO_DEEP);
    } else {
        PushContainer(w, is_array);
    }
}

static void CloseContainer(ForgePageWork_t *w, bool is_array)
{
    if ((w->depth == 0u) || (InnermostIsArray(w) != is_array)) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        if (CurrentCtx(w) == T_RECORD) {
            EndRecord(w);
        }
        w->depth--;
        w->in_array = (w->depth > 0u) && NestIsArray(w, w->depth);
        ValueDone(w);
    }
}

static void StartString(ForgePageWork_t *w)
{
    w->str_flags = 0u;
    w->high = 0u;
    w->lex = (uint8_t)L_STRING;
    if (((g_accept[w->target] & K_STR) != 0u) || Accept(w, K_STR)) {
        switch (w->target) {
        case T_ID:         SetDst(w, w->record.id, sizeof w->record.id); break;
        case T_COMMAND:    SetDst(w, w->record.command, sizeof w->record.command); break;
        case T_USER:       SetDst(w, w->record.user, sizeof w->record.user); break;
        case T_DIRECTORY:  SetDst(w, w->record.directory, sizeof w->record.directory); break;
        case T_STATUS:     SetDst(w, w->record.status_text, sizeof w->record.status_text); break;
        case T_CREATED_AT: SetDst(w, w->time_text, sizeof w->time_text); break;
        case T_CURSOR:     SetDst(w, w->cursor, sizeof w->cursor); break;
        default:           SetDst(w, NULL, 1u); break;
        }
    } else {
        SetDst(w, NULL, 1u);
    }
}

static void StartKey(ForgePageWork_t *w)
{
    const uint8_t ctx = CurrentCtx(w);
    w->str_flags = SF_KEY;
    w->high = 0u;
    w->lex = (uint8_t)L_STRING;
    if ((ctx == T_TOP) || (ctx == T_META) || (ctx == T_RECORD) || (ctx == T_ATTRS)) {
        SetDst(w, w->key, sizeof w->key);
    } else {
        SetDst(w, NULL, 1u);
    }
}

/* A text field of the record ends. */
static void TextDone(ForgePageWork_t *w, size_t len)
{
    /* The record's FORGE_FIELD_* bit of each target (0: not a record field). */
    static const uint8_t g_field_bit[T_COUNT] = {
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
        FORGE_FIELD_COMMAND, FORGE_FIELD_USER, FORGE_FIELD_DIRECTORY, FORGE_FIELD_PROCESSES,
        FORGE_FIELD_STATUS, FORGE_FIELD_CREATED_AT,
    };
    ForgeRecord_t *rec = &w->record;
    const uint8_t target = w->target;
    const uint8_t bit = g_field_bit[target];
    const bool cut = (w->str_flags & SF_CUT) != 0u;
    const bool odd = (w->str_flags & SF_ODD) != 0u;
    if (target == T_CREATED_AT) {
        if (!cut && !odd && ForgeTime_ParseIso8601(w->time_text, len, &rec->created_at)) {
            rec->present = (uint8_t)(rec->present | bit);
        } else {
            rec->created_at = 0u;
            Tolerate(w);
        }
    } else {
        rec->present = (uint8_t)(rec->present | bit);
        if (cut) {
            rec->truncated = (uint8_t)(rec->truncated | bit);
        }
        if (cut || odd) {
            Tolerate(w);
        }
        if ((target == T_STATUS) && !cut) {
            rec->status = ForgeRecord_StatusFromText(rec->status_text, len);
        }
    }
}

/* A string value (not a key) ends: len bytes were kept. */
static void ValueStringDone(ForgePageWork_t *w, size_t len)
{
    const uint8_t target = w->target;
    const bool odd_or_cut = (w->str_flags & (SF_CUT | SF_ODD)) != 0u;
    if (target == T_CURSOR) {
        if (odd_or_cut) {
            PageFail(w, FORGE_PAGE_ERR_CURSOR);
        } else {
            w->has_cursor = true;
            w->cursor_len = len;
        }
    } else if (target == T_ID) {
        w->record.present = (uint8_t)(w->record.present | FORGE_FIELD_ID);
        if (odd_or_cut) {
            Tolerate(w);
        }
    } else if (target >= T_COMMAND) {
        TextDone(w, len);
    } else {
        /* skipped */
    }
    if (w->lex != L_FAILED) {
        ValueDone(w);
    }
}

static void StringDone(ForgePageWork_t *w)
{
    size_t len = 0u;
    if (w->dst != NULL) {
        *w->dst = '\0';
        len = TextLen(w);
    }
    if ((w->str_flags & SF_KEY) != 0u) {
        KeyDone(w);
    } else {
        ValueStringDone(w, len);
    }
}

static void StartNumber(ForgePageWork_t *w, char c)
{
    w->num = (c == '-') ? (uint8_t)0u : (uint8_t)1u;
    w->value = 0u;
    w->str_flags = 0u;
    if (Accept(w, K_NUM) && (w->target == T_ID)) {
        SetDst(w, w->record.id, sizeof w->record.id);
    } else {
        SetDst(w, NULL, 1u);
    }
}

static void NumberDone(ForgePageWork_t *w)
{
    if (w->target == T_PROCESSES) {
        if ((w->num != 0u) && (w->value <= PROCESSES_MAX)) {
            w->record.processes = (uint16_t)w->value;
            w->record.present = (uint8_t)(w->record.present | FORGE_FIELD_PROCESSES);
        } else {
            Tolerate(w); /* 3.0, -1, 70000, 1e3: not a count */
        }
    } else if (w->target == T_ID) {
        *w->dst = '\0';
        w->record.present = (uint8_t)(w->record.present | FORGE_FIELD_ID);
        if ((w->str_flags & SF_CUT) != 0u) {
            Tolerate(w);
        }
    } else {
        /* skipped */
    }
    ValueDone(w);
}

static void StartLiteral(ForgePageWork_t *w, char c)
{
    const char *text = "null";
    uint8_t kind = K_NULL;
    if (c == 't') {
        text = "true";
        kind = K_BOOL;
    } else if (c == 'f') {
        text = "false";
        kind = K_BOOL;
    } else {
        /* null */
    }
    w->lit = text;
    w->lit_pos = 1u;
    w->lit_len = (c == 'f') ? 5u : 4u;
    w->lit_kind = kind;
    w->lex = (uint8_t)L_LITERAL;
    (void)Accept(w, kind);
}

static void LiteralDone(ForgePageWork_t *w)
{
    if ((w->target == T_CURSOR) && (w->lit_kind == K_NULL)) {
        w->has_cursor = true; /* last page */
        w->cursor_len = 0u;
    }
    ValueDone(w);
}

static void StartValue(ForgePageWork_t *w, char c)
{
    if (c == '{') {
        OpenContainer(w, false);
    } else if (c == '[') {
        OpenContainer(w, true);
    } else if (c == '"') {
        StartString(w);
    } else if ((c == '-') || PageIsDigit(c)) {
        StartNumber(w, c);
        if (c == '-') {
            w->lex = (uint8_t)L_MINUS;
        } else {
            w->lex = (c == '0') ? (uint8_t)L_ZERO : (uint8_t)L_INT;
            w->value = (uint32_t)c - (uint32_t)'0';
        }
        NumberText(w, c);
    } else if ((c == 't') || (c == 'f') || (c == 'n')) {
        StartLiteral(w, c);
    } else {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    }
}

/* ---- structural bytes --------------------------------------------------------------- */

static void AfterValue(ForgePageWork_t *w, char c)
{
    if (c == ',') {
        if (InnermostIsArray(w)) {
            w->target = (CurrentCtx(w) == T_DATA) ? (uint8_t)T_RECORD : (uint8_t)T_SKIP;
            w->lex = (uint8_t)L_VALUE;
        } else {
            w->lex = (uint8_t)L_KEY;
        }
    } else if ((c == '}') || (c == ']')) {
        CloseContainer(w, c == ']');
    } else if (!PageIsSpace(c)) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        /* whitespace */
    }
}

static void StructByte(ForgePageWork_t *w, char c)
{
    const uint8_t lex = w->lex;
    if (lex == L_AFTER) {
        AfterValue(w, c);
    } else if (PageIsSpace(c)) {
        /* whitespace between tokens */
    } else if ((lex == L_VALUE) || ((lex == L_ARR_FIRST) && (c != ']'))) {
        StartValue(w, c);
    } else if (lex == L_ARR_FIRST) {
        CloseContainer(w, true);
    } else if ((lex == L_OBJ_FIRST) && (c == '}')) {
        CloseContainer(w, false);
    } else if (((lex == L_OBJ_FIRST) || (lex == L_KEY)) && (c == '"')) {
        StartKey(w);
    } else if ((lex == L_COLON) && (c == ':')) {
        w->lex = (uint8_t)L_VALUE;
    } else {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX); /* also L_DONE: bytes after the document */
    }
}

/* ---- strings ------------------------------------------------------------------------ */

/* A lead byte of a UTF-8 sequence: how many continuation bytes (0: not a lead byte), and the
 * range of the first one (no overlongs, no encoded surrogates, nothing above U+10FFFF). */
static uint8_t Utf8Class(uint8_t b, uint8_t *lo, uint8_t *hi)
{
    uint8_t need = 0u;
    *lo = 0x80u;
    *hi = 0xBFu;
    if ((b >= 0xC2u) && (b <= 0xDFu)) {
        need = 1u;
    } else if ((b >= 0xE0u) && (b <= 0xEFu)) {
        need = 2u;
        *lo = (b == 0xE0u) ? 0xA0u : 0x80u;
        *hi = (b == 0xEDu) ? 0x9Fu : 0xBFu;
    } else if ((b >= 0xF0u) && (b <= 0xF4u)) {
        need = 3u;
        *lo = (b == 0xF0u) ? 0x90u : 0x80u;
        *hi = (b == 0xF4u) ? 0x8Fu : 0xBFu;
    } else {
        need = 0u;
    }
    return need;
}

static void PageUtf8Lead(ForgePageWork_t *w, uint8_t b)
{
    uint8_t lo = 0x80u;
    uint8_t hi = 0xBFu;
    const uint8_t need = Utf8Class(b, &lo, &hi);
    if (need == 0u) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        w->u_need = need;
        w->u_lo = lo;
        w->u_hi = hi;
        w->lex = (uint8_t)L_UTF8;
        if (w->room > (size_t)need) {
            *w->dst = (char)b;
            w->dst = &w->dst[1];
            w->room--;
        } else {
            PageCut(w); /* the whole sequence or nothing */
        }
    }
}

static void Utf8Next(ForgePageWork_t *w, char c)
{
    const uint8_t b = (uint8_t)c;
    if ((b < w->u_lo) || (b > w->u_hi)) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        if (w->room > 0u) {
            *w->dst = c;
            w->dst = &w->dst[1];
            w->room--;
        }
        w->u_lo = 0x80u;
        w->u_hi = 0xBFu;
        w->u_need--;
        if (w->u_need == 0u) {
            w->lex = (uint8_t)L_STRING;
        }
    }
}

/* A byte inside a string that is not plain printable ASCII. */
static void StringSpecial(ForgePageWork_t *w, char c)
{
    const uint8_t b = (uint8_t)c;
    if (c == '"') {
        StringDone(w);
    } else if (c == '\\') {
        w->lex = (uint8_t)L_ESCAPE;
    } else if (b < 0x20u) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX); /* raw control byte */
    } else if (b >= 0x80u) {
        PageUtf8Lead(w, b);
    } else {
        /* plain bytes take the run loop; 0x7F is plain too */
        if (w->room > 0u) {
            *w->dst = c;
            w->dst = &w->dst[1];
            w->room--;
        } else {
            PageCut(w);
        }
    }
}

static void Escape(ForgePageWork_t *w, char c)
{
    uint32_t cp = 0xFFFFFFFFu;
    switch (c) {
    case '"':  cp = 0x22u; break;
    case '\\': cp = 0x5Cu; break;
    case '/':  cp = 0x2Fu; break;
    case 'b':  cp = 0x08u; break;
    case 'f':  cp = 0x0Cu; break;
    case 'n':  cp = 0x0Au; break;
    case 'r':  cp = 0x0Du; break;
    case 't':  cp = 0x09u; break;
    default:   cp = 0xFFFFFFFFu; break;
    }
    if (c == 'u') {
        w->hex_left = 4u;
        w->code = 0u;
        w->lex = (uint8_t)L_HEX;
    } else if (cp == 0xFFFFFFFFu) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        if (w->high != 0u) {
            w->high = 0u;
            PageEmitReplacement(w); /* a high surrogate not followed by a low one */
        }
        if ((cp >= 0x20u) && (w->room > 0u)) {
            *w->dst = (char)cp; /* \" \\ \/ : one byte, the common case */
            w->dst = &w->dst[1];
            w->room--;
        } else {
            PageEmit(w, cp);
        }
        w->lex = (uint8_t)L_STRING;
    }
}

static void UnitDone(ForgePageWork_t *w)
{
    const uint32_t unit = w->code;
    w->lex = (uint8_t)L_STRING;
    if ((w->high != 0u) && (unit >= 0xDC00u) && (unit <= 0xDFFFu)) {
        PageEmit(w, 0x10000u + (((uint32_t)w->high - 0xD800u) << 10u) + (unit - 0xDC00u));
        w->high = 0u;
    } else {
        if (w->high != 0u) {
            w->high = 0u;
            PageEmitReplacement(w);
        }
        if ((unit >= 0xD800u) && (unit <= 0xDBFFu)) {
            w->high = (uint16_t)unit;
            w->lex = (uint8_t)L_HIGH;
        } else if ((unit >= 0xDC00u) && (unit <= 0xDFFFu)) {
            PageEmitReplacement(w); /* a lone low surrogate */
        } else {
            PageEmit(w, unit);
        }
    }
}

static void HexDigit(ForgePageWork_t *w, char c)
{
    uint32_t v = 16u;
    if (PageIsDigit(c)) {
        v = (uint32_t)c - (uint32_t)'0';
    } else if ((c >= 'a') && (c <= 'f')) {
        v = ((uint32_t)c - (uint32_t)'a') + 10u;
    } else if ((c >= 'A') && (c <= 'F')) {
        v = ((uint32_t)c - (uint32_t)'A') + 10u;
    } else {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    }
    if (v < 16u) {
        w->code = (uint16_t)(((uint32_t)w->code << 4u) | v);
        w->hex_left--;
        if (w->hex_left == 0u) {
            UnitDone(w);
        }
    }
}

static void StringByte(ForgePageWork_t *w, char c)
{
    switch (w->lex) {
    case L_ESCAPE:
        Escape(w, c);
        break;
    case L_HEX:
        HexDigit(w, c);
        break;
    case L_UTF8:
        Utf8Next(w, c);
        break;
    case L_HIGH:
        if (c == '\\') {
            w->lex = (uint8_t)L_ESCAPE; /* Escape or UnitDone pairs or replaces it */
        } else {
            w->high = 0u;
            PageEmitReplacement(w);
            w->lex = (uint8_t)L_STRING;
            StringSpecial(w, c);
        }
        break;
    default: /* L_STRING */
        StringSpecial(w, c);
        break;
    }
}

/* ---- numbers and literals ----------------------------------------------------------- */

static void NumberEnd(ForgePageWork_t *w, char c)
{
    NumberDone(w);
    StructByte(w, c); /* the byte after a number belongs to the structure */
}

/* The id keeps a number's own text. */
static void NumberText(ForgePageWork_t *w, char c)
{
    if (w->room > 0u) {
        *w->dst = c;
        w->dst = &w->dst[1];
        w->room--;
    } else if (w->dst != NULL) {
        PageCut(w);
    } else {
        /* not kept */
    }
}

static void NumberDigit(ForgePageWork_t *w, char c)
{
    if (w->value < SATURATE) {
        w->value = (w->value * 10u) + ((uint32_t)c - (uint32_t)'0');
    }
    NumberText(w, c);
}

static bool NumberIsInteger(uint8_t lex)
{
    return (lex == L_ZERO) || (lex == L_INT);
}

static bool NumberCanEnd(uint8_t lex)
{
    return NumberIsInteger(lex) || (lex == L_FRAC) || (lex == L_EXP_DIGITS);
}

static bool IsExponentMark(char c)
{
    return (c == 'e') || (c == 'E');
}

static bool IsSign(char c)
{
    return (c == '+') || (c == '-');
}

/* Any other byte of a number: the grammar's non-digit transitions, or its end. */
static void NumberOther(ForgePageWork_t *w, char c)
{
    const uint8_t lex = w->lex;
    if ((c == '.') && NumberIsInteger(lex)) {
        w->num = 0u;
        w->lex = (uint8_t)L_DOT;
    } else if (IsExponentMark(c) && (NumberIsInteger(lex) || (lex == L_FRAC))) {
        w->num = 0u;
        w->lex = (uint8_t)L_EXP;
    } else if (IsSign(c) && (lex == L_EXP)) {
        w->lex = (uint8_t)L_EXP_SIGN;
    } else if (NumberCanEnd(lex)) {
        NumberEnd(w, c);
    } else {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    }
    if ((w->lex >= L_MINUS) && (w->lex < L_LITERAL) && (w->dst != NULL)) {
        NumberText(w, c); /* the id keeps a number's own text */
    }
}

static void NumberByte(ForgePageWork_t *w, char c)
{
    const uint8_t lex = w->lex;
    if (!PageIsDigit(c)) {
        NumberOther(w, c);
    } else if (lex == L_ZERO) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX); /* leading zero */
    } else {
        if (lex == L_MINUS) {
            w->lex = (c == '0') ? (uint8_t)L_ZERO : (uint8_t)L_INT;
        } else if (lex == L_DOT) {
            w->lex = (uint8_t)L_FRAC;
        } else if ((lex == L_EXP) || (lex == L_EXP_SIGN)) {
            w->lex = (uint8_t)L_EXP_DIGITS;
        } else {
            /* L_INT, L_FRAC, L_EXP_DIGITS go on */
        }
        NumberDigit(w, c);
    }
}

static void LiteralByte(ForgePageWork_t *w, char c)
{
    const char *lit = w->lit;
    const char wanted = lit[w->lit_pos];
    if (c != wanted) {
        PageFail(w, FORGE_PAGE_ERR_SYNTAX);
    } else {
        w->lit_pos++;
        if (w->lit_pos == w->lit_len) {
            LiteralDone(w);
        }
    }
}

/* ---- driver ------------------------------------------------------------------------- */

/* Bytes that stand for themselves inside a string: 0x20..0x7F but `"` and backslash. */
static inline bool IsPlain(uint8_t b)
{
    /* 1 for a byte that stands for itself inside a string (0x20..0x7F but `"` and backslash). */
    static const uint8_t g_plain[256] = {
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
        1u, 1u, 0u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u,
        1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 0u, 1u, 1u, 1u,
        1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u, 1u,
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
        0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
    };
    return g_plain[b] != 0u;
}

/* Plain string bytes from chunk[pos..len) straight into dst; returns where it stopped. */
static size_t PlainRun(ForgePageWork_t *w, const char *chunk, size_t pos, size_t len)
{
    size_t i = pos;
    if (w->room > 0u) {
        char *dst = w->dst;
        const size_t stop = ((len - i) < w->room) ? len : (i + w->room);
        /* bound: stop - pos bytes */
        while ((i < stop) && IsPlain((uint8_t)chunk[i])) {
            *dst = chunk[i];
            dst = &dst[1];
            i++;
        }
        w->room -= (size_t)(i - pos);
        w->dst = dst;
    }
    if ((w->room == 0u) && (i < len) && IsPlain((uint8_t)chunk[i])) {
        if (w->dst != NULL) {
            PageCut(w); /* the rest is not kept */
        }
        /* bound: len - i bytes */
        while ((i < len) && IsPlain((uint8_t)chunk[i])) {
            i++;
        }
    }
    return i;
}

/* The escapes that stand for one printable byte: \" \\ \/ */
static bool IsSimpleEscape(char c)
{
    return (c == '"') || (c == '\\') || (c == '/');
}

/* Plain runs and the simple escapes between them (`\/` in every path), as long as both bytes
 * of an escape are in this chunk; anything else is left to the state machine. */
static size_t StringRun(ForgePageWork_t *w, const char *chunk, size_t pos, size_t len)
{
    size_t i = pos;
    bool more = true;
    /* bound: a pass that goes on has moved i on by two bytes, and i < len - 1 */
    while (more) {
        i = PlainRun(w, chunk, i, len);
        more = ((i + 1u) < len) && (chunk[i] == '\\') && IsSimpleEscape(chunk[i + 1u]);
        if (more) {
            if (w->room > 0u) {
                *w->dst = chunk[i + 1u];
                w->dst = &w->dst[1];
                w->room--;
            } else {
                PageCut(w);
            }
            i += 2u;
        }
    }
    return i;
}

/* The most common bytes between plain runs, without the general state machine: true when
 * handled. */
static bool Quick(ForgePageWork_t *w, char c)
{
    bool done = true;
    switch (w->lex) {
    case L_STRING:
        done = c == '"';
        if (done) {
            StringDone(w);
        }
        break;
    case L_COLON:
        done = c == ':';
        if (done) {
            w->lex = (uint8_t)L_VALUE;
        }
        break;
    case L_VALUE:
        done = c == '"';
        if (done) {
            StartString(w);
        }
        break;
    case L_AFTER:
        done = (c == ',') && !InnermostIsArray(w);
        if (done) {
            w->lex = (uint8_t)L_KEY;
        }
        break;
    case L_KEY:
    case L_OBJ_FIRST:
        done = c == '"';
        if (done) {
            StartKey(w);
        }
        break;
    default:
        done = false;
        break;
    }
    return done;
}

/* One byte in any state but L_STRING's plain run. */
static void PageStep(ForgePageWork_t *w, char c)
{
    const uint8_t lex = w->lex;
    if (lex < L_STRING) {
        StructByte(w, c);
    } else if (lex < L_MINUS) {
        StringByte(w, c);
    } else if (lex < L_LITERAL) {
        NumberByte(w, c);
    } else {
        LiteralByte(w, c);
    }
}

ForgePageStatus_t ForgePage_Begin(ForgePageWork_t *work, ForgePageRecordFn_t on_record,
                                  void *context)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (on_record != NULL)) {
        work->on_record = on_record;
        work->context = context;
        work->status = FORGE_PAGE_OK;
        work->open = true;
        work->lex = (uint8_t)L_VALUE;
        work->target = (uint8_t)T_TOP;
        work->depth = 0u;
        work->in_array = false;
        work->records = 0u;
        work->tolerated = 0u;
        work->top_seen = 0u;
        work->meta_seen = 0u;
        work->has_cursor = false;
        work->cursor_len = 0u;
        work->cursor[0] = '\0';
        SetDst(work, NULL, 1u);
        BeginRecord(work);
        status = FORGE_PAGE_OK;
    }
    return status;
}

ForgePageStatus_t ForgePage_Feed(ForgePageWork_t *work, const char *chunk, size_t len)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (chunk != NULL) && work->open) {
        size_t i = 0u;
        /* bound: every pass takes at least one byte */
        while ((work->status == FORGE_PAGE_OK) && (i < len)) {
            if (work->lex == L_STRING) {
                i = StringRun(work, chunk, i, len);
            }
            if (i < len) {
                const char c = chunk[i];
                if (!Quick(work, c)) {
                    PageStep(work, c);
                }
                i++;
            }
        }
        status = work->status;
    }
    return status;
}

static void ClearMeta(ForgePageMeta_t *meta)
{
    meta->has_next = false;
    meta->next_cursor_len = 0u;
    meta->next_cursor[0] = '\0';
    meta->record_count = 0u;
    meta->tolerated = 0u;
}

/* The document closed: is the envelope usable? */
static ForgePageStatus_t CheckEnvelope(const ForgePageWork_t *work)
{
    const uint8_t needed = (uint8_t)(TOP_DATA_ARRAY | TOP_META_OBJECT);
    ForgePageStatus_t status = FORGE_PAGE_OK;
    if (work->lex != L_DONE) {
        status = FORGE_PAGE_ERR_TRUNCATED;
    } else if (((work->top_seen & needed) != needed) || !work->has_cursor) {
        status = FORGE_PAGE_ERR_SCHEMA;
    } else {
        /* usable */
    }
    return status;
}

ForgePageStatus_t ForgePage_End(ForgePageWork_t *work, ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((work != NULL) && (meta != NULL)) {
        ClearMeta(meta);
        status = work->open ? work->status : FORGE_PAGE_ERR_ARG;
        if (status == FORGE_PAGE_OK) {
            status = CheckEnvelope(work);
        }
        if (status == FORGE_PAGE_OK) {
            for (size_t k = 0u; k <= work->cursor_len; k++) {
                meta->next_cursor[k] = work->cursor[k];
            }
            meta->next_cursor_len = work->cursor_len;
            meta->has_next = work->cursor_len > 0u;
            meta->record_count = work->records;
            meta->tolerated = work->tolerated;
        }
        work->status = status;
        work->open = false;
    }
    return status;
}

ForgePageStatus_t ForgePage_Parse(const char *body, size_t body_len, ForgePageWork_t *work,
                                  ForgePageRecordFn_t on_record, void *context,
                                  ForgePageMeta_t *meta)
{
    ForgePageStatus_t status = FORGE_PAGE_ERR_ARG;
    if ((body != NULL) && (meta != NULL)) {
        ClearMeta(meta);
        status = ForgePage_Begin(work, on_record, context);
        if (status == FORGE_PAGE_OK) {
            (void)ForgePage_Feed(work, body, body_len);
            status = ForgePage_End(work, meta);
        }
    }
    return status;
}

const char *ForgePage_StatusName(ForgePageStatus_t status)
{
    static const char *const g_page_status_names[FORGE_PAGE_STATUS_COUNT] = {
        "ok", "argument", "truncated", "syntax", "too deep", "schema", "duplicate key", "cursor",
    };
    const char *name = "?";
    if ((size_t)status < (size_t)FORGE_PAGE_STATUS_COUNT) {
        name = g_page_status_names[(size_t)status];
    }
    return name;
}
