/* regex_ecma.c - ECMA-262 (u-mode) regular expressions on PCRE2.
 *
 * A recursive-descent parser walks the ECMA-262 pattern grammar (with the
 * "u" flag: strict escapes, no Annex B leniency), rejects what ECMA-262
 * rejects, and emits an equivalent PCRE2 pattern in which every construct
 * whose meaning differs is spelled out explicitly:
 *   ^ $        -> \A \z          (no multiline, no trailing-newline slack)
 *   .          -> class excluding the four ECMA line terminators
 *   \d \w \s   -> explicit ASCII / ECMA white-space ranges
 *   escapes    -> \x{...} code points (so \v, \cX, \u.... mean ECMA's)
 *   \N \k<n>   -> (?:\g{N})  (named groups become plain numbered groups)
 *   \p{..}     -> PCRE2 property names
 * Each output byte remembers the source offset it came from, so PCRE2
 * compile errors are reported against the caller's pattern.
 *
 * The parser runs twice: the first pass counts capturing groups and
 * collects group names (ECMA allows forward references), the second
 * checks references and produces the output used.
 *
 * PCRE2 10.42 only runs lookbehinds whose alternatives have fixed lengths.
 * When it refuses one, the pattern is translated again with each top-level
 * lookbehind replaced by a callout (?Cn); its body is compiled on its own
 * as "(?:body)(?C255)" and, at match time, searched in the same subject
 * with callout 255 accepting only the position the lookbehind ends at.
 * Only lookbehinds PCRE2 refuses and whose bodies hold no backreference
 * are emulated; a backreference to a group inside an emulated body is
 * refused (engine limit).
 *
 * Every search is bounded, and a search that is cut short answers
 * neither "match" nor "no match" but why it could not (ECMA_REGEX_*):
 * PCRE2's match, depth and heap limits bound one search (JIT code out of
 * JIT stack runs again in the interpreter, whose frames live on the heap),
 * and a run's time budget bounds all the searches of one run, callouts
 * included (ecma_regex_run).  The match limit counts per start position,
 * though: an unanchored pattern as plain as [a-z]{2,}\d costs time
 * quadratic in the subject (measured: 4 s for 100 KB of letters, hours
 * for a few MB).  So an unanchored pattern opens with a deadline callout,
 * which PCRE2 calls once per start position it tries, and which ends the
 * search when the run's budget is spent.  The one-pass matcher of
 * regex_simple.c needs no bound. */
#include "regex_ecma.h"
#include "regex_simple.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Backtracking budget per search: a catastrophic pattern ends with
 * ECMA_REGEX_LIMIT after some 10 to 50 ms instead of running for hours.
 * PCRE2's own default match limit; patterns a contract uses take a few
 * hundred steps.  The interpreter's depth is bounded by its heap instead,
 * so a long subject of a benign pattern (^(a|b)*$) is still decided. */
#define MATCH_LIMIT     10000000u
#define DEPTH_LIMIT     10000000u
#define HEAP_LIMIT_KIB  65536u
/* What a callout returns to abandon a search whose run has spent its
 * time budget (PCRE2 hands a negative callout result back as the
 * search's; its own codes stay above -100). */
#define RUN_SPENT       (-1000)
/* Group nesting beyond this is refused (keeps the recursion bounded). */
#define MAX_DEPTH       200

struct lookbehind;

/* Callout data: the regex whose lookbehind table the callout numbers index,
 * for a lookbehind body the position at which it must end, and the run
 * whose budget bounds the searches the callouts start. */
struct callout_ctx {
    const struct ecma_regex *re;
    size_t end;
    const ecma_regex_run *run;
    uint64_t started;           /* when the outer search began (run clock) */
};

struct ecma_regex {
    pcre2_code *code;
    pcre2_match_context *mctx;  /* the limits; a search with lookbehinds
                                 * copies it to set its callout data */
    struct lookbehind *lb;      /* emulated lookbehinds, callout n = lb[n-1] */
    size_t nlb;
    int jit;                    /* code was JIT-compiled */
    int timed;                  /* code opens with the deadline callout */
    regex_simple *simple;       /* the same pattern matched without PCRE2, or NULL */
};

/* A lookbehind PCRE2 cannot do natively (not fixed length): its body is
 * compiled on its own as "(?:body)(?C255)" and run by a callout. */
struct lookbehind {
    struct ecma_regex *body;
    int negate;
};

#define END_CALLOUT 255
/* The callout an unanchored pattern opens with: the run's deadline. */
#define DEADLINE_CALLOUT 254
#define STR_(x) #x
#define STR(x) STR_(x)

/* Append code point cp to b as UTF-8. */
static void sb_put_utf8(strbuf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    sb_append(b, u, n);
}

/* ---- translator state --------------------------------------------------- */

struct group_name { char *name; unsigned index; };

struct xlat {
    const unsigned char *src;
    size_t len, pos;
    int pass;                   /* 1: collect groups, 2: check and emit */

    char *out;                  /* translated pattern */
    size_t *map;                /* map[i]: source offset of out[i] */
    size_t olen, ocap;
    int oom;

    int err;                    /* 0, ERR_SYNTAX or ERR_LIMIT */
    size_t err_off;
    char err_msg[128];

    int sub;                    /* translating a lookbehind body */
    int emulate_lb;             /* top-level lookbehinds become callouts */
    int lb_depth;               /* lookbehinds currently open */
    unsigned nlb;               /* emulated lookbehinds so far (this pass) */
    struct lb_span {            /* pass 2: emulated lookbehind bodies */
        size_t body, end;
        int negate;
        unsigned cap_lo, cap_hi;  /* groups inside: cap_lo < n <= cap_hi */
    } *lbs;
    unsigned *refs;             /* groups referenced by backreferences */
    size_t nrefs, refs_cap;

    unsigned ncap;              /* capturing groups opened so far */
    unsigned total_caps;        /* all of them (known in pass 2) */
    struct group_name *names;
    size_t nnames, names_cap;
    int depth;
};

/* ERR_LIMIT: a valid pattern the engine cannot run (the grammar was
 * checked); ERR_UNCHECKED: the check stopped before the end of the
 * grammar (nesting too deep, out of memory), so validity is unknown. */
enum { ERR_SYNTAX = 1, ERR_LIMIT = 2, ERR_UNCHECKED = 3 };

static void fail_kind(struct xlat *x, int kind, size_t off, const char *fmt, const char *arg)
{
    if (x->err) return;
    x->err = kind;
    x->err_off = off;
    snprintf(x->err_msg, sizeof x->err_msg, fmt, arg ? arg : "");
}

#define fail(x, off, msg) fail_kind((x), ERR_SYNTAX, (off), "%s", (msg))
#define fail_limit(x, off, msg) fail_kind((x), ERR_LIMIT, (off), "%s", (msg))
#define fail_unchecked(x, off, msg) fail_kind((x), ERR_UNCHECKED, (off), "%s", (msg))

static void emitn(struct xlat *x, const char *s, size_t n, size_t src_off)
{
    if (x->oom) return;
    if (x->olen + n + 1 > x->ocap) {
        size_t nc = x->ocap ? x->ocap : 128;
        while (nc < x->olen + n + 1) nc *= 2;
        char *no = realloc(x->out, nc);
        if (!no) { x->oom = 1; return; }
        x->out = no;
        size_t *nm = realloc(x->map, nc * sizeof *nm);
        if (!nm) { x->oom = 1; return; }
        x->map = nm;
        x->ocap = nc;
    }
    memcpy(x->out + x->olen, s, n);
    for (size_t i = 0; i < n; i++) x->map[x->olen + i] = src_off;
    x->olen += n;
    x->out[x->olen] = '\0';
}

static void emit(struct xlat *x, const char *s, size_t src_off)
{
    emitn(x, s, strlen(s), src_off);
}

/* A code point as a PCRE2 atom/class member that means exactly it. */
static void emit_cp(struct xlat *x, uint32_t cp, size_t off)
{
    char b[16];
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
        b[0] = (char)cp;
        b[1] = '\0';
    } else {
        snprintf(b, sizeof b, "\\x{%X}", (unsigned)cp);
    }
    emit(x, b, off);
}

static int peekc(const struct xlat *x, size_t k)
{
    return x->pos + k < x->len ? x->src[x->pos + k] : -1;
}

/* Decode one UTF-8 code point at src[i]; returns its length, 0 if invalid. */
static size_t utf8_at(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    return i < len ? utf8_decode(s + i, len - i, cp) : 0;
}

/* ---- character sets ------------------------------------------------------ */

struct range { uint32_t lo, hi; };

static const struct range digit_ranges[] = { { '0', '9' } };
static const struct range word_ranges[] = {
    { '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' } };
/* ECMA-262 WhiteSpace and LineTerminator (Unicode Zs as of Unicode 15). */
static const struct range space_ranges[] = {
    { 0x09, 0x0D }, { 0x20, 0x20 }, { 0xA0, 0xA0 }, { 0x1680, 0x1680 },
    { 0x2000, 0x200A }, { 0x2028, 0x2029 }, { 0x202F, 0x202F },
    { 0x205F, 0x205F }, { 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF } };

#define MAX_CP 0x10FFFFu

enum atom_kind { A_CHAR, A_SET, A_PROP };

struct atom {
    enum atom_kind kind;
    uint32_t cp;                /* A_CHAR */
    const struct range *r;      /* A_SET */
    size_t nr;
    int neg;                    /* A_SET, A_PROP */
    char prop[48];              /* A_PROP: PCRE2 property name */
};

/* Emit lo-hi as class members; surrogates cannot occur in UTF-8 subjects
 * (nor be written in a PCRE2 UTF pattern), so endpoints are clipped off
 * the surrogate block.  Returns 1 if anything was emitted. */
static int emit_range(struct xlat *x, uint32_t lo, uint32_t hi, size_t off)
{
    if (lo >= 0xD800 && lo <= 0xDFFF) lo = 0xE000;
    if (hi >= 0xD800 && hi <= 0xDFFF) hi = 0xD7FF;
    if (lo > hi) return 0;
    emit_cp(x, lo, off);
    if (hi != lo) {
        emit(x, "-", off);
        emit_cp(x, hi, off);
    }
    return 1;
}

/* Emit an atom as members of a PCRE2 character class; returns the number
 * of members emitted (0 when the atom can match nothing). */
static int emit_class_members(struct xlat *x, const struct atom *a, size_t off)
{
    int n = 0;
    switch (a->kind) {
    case A_CHAR:
        return emit_range(x, a->cp, a->cp, off);
    case A_PROP:
        emit(x, a->neg ? "\\P{" : "\\p{", off);
        emit(x, a->prop, off);
        emit(x, "}", off);
        return 1;
    case A_SET:
        if (!a->neg) {
            for (size_t i = 0; i < a->nr; i++) n += emit_range(x, a->r[i].lo, a->r[i].hi, off);
        } else {
            uint32_t next = 0;  /* complement over all code points */
            for (size_t i = 0; i < a->nr; i++) {
                if (a->r[i].lo > next) n += emit_range(x, next, a->r[i].lo - 1, off);
                next = a->r[i].hi + 1;
            }
            if (next <= MAX_CP) n += emit_range(x, next, MAX_CP, off);
        }
        return n;
    }
    return 0;
}

/* An atom outside a class: a single PCRE2 item that a quantifier may follow. */
static void emit_atom(struct xlat *x, const struct atom *a, size_t off)
{
    if (a->kind == A_CHAR) {
        if (a->cp >= 0xD800 && a->cp <= 0xDFFF) emit(x, "(?:(?!))", off);  /* lone surrogate */
        else emit_cp(x, a->cp, off);
        return;
    }
    emit(x, "[", off);
    emit_class_members(x, a, off);
    emit(x, "]", off);
}

/* ---- Unicode property escapes -------------------------------------------- */

struct prop_alias { const char *ecma, *pcre; };

/* General_Category values and aliases (PropertyValueAliases.txt). */
static const struct prop_alias gc_values[] = {
    { "C", "C" }, { "Other", "C" },
    { "Cc", "Cc" }, { "Control", "Cc" }, { "cntrl", "Cc" },
    { "Cf", "Cf" }, { "Format", "Cf" },
    { "Cn", "Cn" }, { "Unassigned", "Cn" },
    { "Co", "Co" }, { "Private_Use", "Co" },
    { "Cs", "Cs" }, { "Surrogate", "Cs" },
    { "L", "L" }, { "Letter", "L" },
    { "LC", "L&" }, { "Cased_Letter", "L&" },
    { "Ll", "Ll" }, { "Lowercase_Letter", "Ll" },
    { "Lm", "Lm" }, { "Modifier_Letter", "Lm" },
    { "Lo", "Lo" }, { "Other_Letter", "Lo" },
    { "Lt", "Lt" }, { "Titlecase_Letter", "Lt" },
    { "Lu", "Lu" }, { "Uppercase_Letter", "Lu" },
    { "M", "M" }, { "Mark", "M" }, { "Combining_Mark", "M" },
    { "Mc", "Mc" }, { "Spacing_Mark", "Mc" },
    { "Me", "Me" }, { "Enclosing_Mark", "Me" },
    { "Mn", "Mn" }, { "Nonspacing_Mark", "Mn" },
    { "N", "N" }, { "Number", "N" },
    { "Nd", "Nd" }, { "Decimal_Number", "Nd" }, { "digit", "Nd" },
    { "Nl", "Nl" }, { "Letter_Number", "Nl" },
    { "No", "No" }, { "Other_Number", "No" },
    { "P", "P" }, { "Punctuation", "P" }, { "punct", "P" },
    { "Pc", "Pc" }, { "Connector_Punctuation", "Pc" },
    { "Pd", "Pd" }, { "Dash_Punctuation", "Pd" },
    { "Pe", "Pe" }, { "Close_Punctuation", "Pe" },
    { "Pf", "Pf" }, { "Final_Punctuation", "Pf" },
    { "Pi", "Pi" }, { "Initial_Punctuation", "Pi" },
    { "Po", "Po" }, { "Other_Punctuation", "Po" },
    { "Ps", "Ps" }, { "Open_Punctuation", "Ps" },
    { "S", "S" }, { "Symbol", "S" },
    { "Sc", "Sc" }, { "Currency_Symbol", "Sc" },
    { "Sk", "Sk" }, { "Modifier_Symbol", "Sk" },
    { "Sm", "Sm" }, { "Math_Symbol", "Sm" },
    { "So", "So" }, { "Other_Symbol", "So" },
    { "Z", "Z" }, { "Separator", "Z" },
    { "Zl", "Zl" }, { "Line_Separator", "Zl" },
    { "Zp", "Zp" }, { "Paragraph_Separator", "Zp" },
    { "Zs", "Zs" }, { "Space_Separator", "Zs" },
};

/* Binary properties ECMA-262 allows, long name and short alias.  PCRE2
 * knows them by long name, except those marked below. */
static const struct { const char *name, *alias; } binary_props[] = {
    { "ASCII", NULL }, { "ASCII_Hex_Digit", "AHex" }, { "Alphabetic", "Alpha" },
    { "Any", NULL }, { "Assigned", NULL }, { "Bidi_Control", "Bidi_C" },
    { "Bidi_Mirrored", "Bidi_M" }, { "Case_Ignorable", "CI" }, { "Cased", NULL },
    { "Changes_When_Casefolded", "CWCF" }, { "Changes_When_Casemapped", "CWCM" },
    { "Changes_When_Lowercased", "CWL" }, { "Changes_When_NFKC_Casefolded", "CWKCF" },
    { "Changes_When_Titlecased", "CWT" }, { "Changes_When_Uppercased", "CWU" },
    { "Dash", NULL }, { "Default_Ignorable_Code_Point", "DI" }, { "Deprecated", "Dep" },
    { "Diacritic", "Dia" }, { "Emoji", NULL }, { "Emoji_Component", "EComp" },
    { "Emoji_Modifier", "EMod" }, { "Emoji_Modifier_Base", "EBase" },
    { "Emoji_Presentation", "EPres" }, { "Extended_Pictographic", "ExtPict" },
    { "Extender", "Ext" }, { "Grapheme_Base", "Gr_Base" }, { "Grapheme_Extend", "Gr_Ext" },
    { "Hex_Digit", "Hex" }, { "IDS_Binary_Operator", "IDSB" },
    { "IDS_Trinary_Operator", "IDST" }, { "ID_Continue", "IDC" }, { "ID_Start", "IDS" },
    { "Ideographic", "Ideo" }, { "Join_Control", "Join_C" },
    { "Logical_Order_Exception", "LOE" }, { "Lowercase", "Lower" }, { "Math", NULL },
    { "Noncharacter_Code_Point", "NChar" }, { "Pattern_Syntax", "Pat_Syn" },
    { "Pattern_White_Space", "Pat_WS" }, { "Quotation_Mark", "QMark" },
    { "Radical", NULL }, { "Regional_Indicator", "RI" }, { "Sentence_Terminal", "STerm" },
    { "Soft_Dotted", "SD" }, { "Terminal_Punctuation", "Term" },
    { "Unified_Ideograph", "UIdeo" }, { "Uppercase", "Upper" },
    { "Variation_Selector", "VS" }, { "White_Space", "space" },
    { "XID_Continue", "XIDC" }, { "XID_Start", "XIDS" },
};

static const char *lookup_gc(const char *v)
{
    for (size_t i = 0; i < sizeof gc_values / sizeof gc_values[0]; i++)
        if (strcmp(gc_values[i].ecma, v) == 0) return gc_values[i].pcre;
    return NULL;
}

static int name_chars_ok(const char *s, int allow_digits)
{
    if (!*s) return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
              (allow_digits && c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

/* \p{...} / \P{...} with x->pos at the backslash. */
static void parse_property(struct xlat *x, struct atom *a)
{
    size_t start = x->pos;
    a->kind = A_PROP;
    a->neg = x->src[x->pos + 1] == 'P';
    x->pos += 2;
    if (peekc(x, 0) != '{') { fail(x, start, "\\p and \\P must be followed by {property}"); return; }
    size_t b = ++x->pos;
    while (x->pos < x->len && x->src[x->pos] != '}') x->pos++;
    if (x->pos >= x->len) { fail(x, start, "missing } after \\p{"); return; }
    char body[64];
    size_t n = x->pos - b;
    x->pos++;
    if (n >= sizeof body) { fail(x, start, "unknown Unicode property"); return; }
    memcpy(body, x->src + b, n);
    body[n] = '\0';

    char *eq = strchr(body, '=');
    if (eq) {
        *eq = '\0';
        const char *name = body, *value = eq + 1;
        if (!name_chars_ok(name, 0) || !name_chars_ok(value, 1)) {
            fail(x, start, "invalid Unicode property syntax");
            return;
        }
        if (strcmp(name, "General_Category") == 0 || strcmp(name, "gc") == 0) {
            const char *p = lookup_gc(value);
            if (!p) { fail(x, start, "unknown General_Category value"); return; }
            snprintf(a->prop, sizeof a->prop, "%s", p);
        } else if (strcmp(name, "Script") == 0 || strcmp(name, "sc") == 0 ||
                   strcmp(name, "Script_Extensions") == 0 || strcmp(name, "scx") == 0) {
            /* PCRE2 checks the script name but matches loosely; ECMA-262
             * names are exact, and all of them capitalise every word. */
            for (const char *v = value; *v; v++) {
                if ((v == value || v[-1] == '_') && !(*v >= 'A' && *v <= 'Z')) {
                    fail(x, start, "unknown script name");
                    return;
                }
            }
            int ext = strcmp(name, "scx") == 0 || strcmp(name, "Script_Extensions") == 0;
            snprintf(a->prop, sizeof a->prop, "%s:%s", ext ? "scx" : "sc", value);
        } else {
            fail(x, start, "unknown Unicode property name");
        }
        return;
    }
    if (!name_chars_ok(body, 0)) { fail(x, start, "invalid Unicode property syntax"); return; }
    const char *p = lookup_gc(body);
    if (p) { snprintf(a->prop, sizeof a->prop, "%s", p); return; }
    for (size_t i = 0; i < sizeof binary_props / sizeof binary_props[0]; i++) {
        if (strcmp(body, binary_props[i].name) != 0 &&
            !(binary_props[i].alias && strcmp(body, binary_props[i].alias) == 0))
            continue;
        const char *pn = binary_props[i].name;
        if (strcmp(pn, "Assigned") == 0) {  /* not a PCRE2 name: "not unassigned" */
            snprintf(a->prop, sizeof a->prop, "Cn");
            a->neg = !a->neg;
        } else if (strcmp(pn, "Changes_When_NFKC_Casefolded") == 0) {
            fail_kind(x, ERR_LIMIT, start, "Unicode property %s is not supported by PCRE2", pn);
        } else {
            snprintf(a->prop, sizeof a->prop, "%s", pn);
        }
        return;
    }
    fail(x, start, "unknown Unicode property");
}

/* ---- escapes --------------------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Exactly n hex digits at x->pos; -1 (nothing consumed) if not there. */
static long hex_fixed(struct xlat *x, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        int h = hexval(peekc(x, (size_t)i));
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    x->pos += (size_t)n;
    return v;
}

/* \u escape with x->pos just after the 'u': XXXX, a surrogate pair
 * \uXXXX\uXXXX (one code point, as in u-mode) or {X...}. */
static void parse_unicode_escape(struct xlat *x, size_t start, uint32_t *cp)
{
    if (peekc(x, 0) == '{') {
        size_t p = x->pos + 1;
        uint32_t v = 0;
        int digits = 0;
        while (p < x->len && hexval(x->src[p]) >= 0) {
            v = v * 16 + (uint32_t)hexval(x->src[p]);
            if (v > MAX_CP) { fail(x, start, "\\u{...} code point out of range"); return; }
            p++;
            digits++;
        }
        if (!digits || p >= x->len || x->src[p] != '}') {
            fail(x, start, "invalid \\u{...} escape");
            return;
        }
        x->pos = p + 1;
        *cp = v;
        return;
    }
    long v = hex_fixed(x, 4);
    if (v < 0) { fail(x, start, "\\u must be followed by 4 hex digits or {hex}"); return; }
    *cp = (uint32_t)v;
    if (v >= 0xD800 && v <= 0xDBFF && peekc(x, 0) == '\\' && peekc(x, 1) == 'u') {
        size_t save = x->pos;
        x->pos += 2;
        long t = hex_fixed(x, 4);
        if (t >= 0xDC00 && t <= 0xDFFF) *cp = 0x10000 + (((uint32_t)v - 0xD800) << 10) + ((uint32_t)t - 0xDC00);
        else x->pos = save;
    }
}

static int is_syntax_char(int c)
{
    return c >= 0 && c < 128 && strchr("^$\\.*+?()[]{}|", c) != NULL && c != '\0';
}

/* A CharacterEscape or CharacterClassEscape with x->pos at the backslash
 * (backreferences and \k are handled by the caller). */
static void parse_escape(struct xlat *x, int in_class, struct atom *a)
{
    size_t start = x->pos;
    int c = peekc(x, 1);
    a->kind = A_CHAR;
    a->neg = 0;
    if (c < 0) { fail(x, start, "\\ at end of pattern"); return; }
    switch (c) {
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        a->kind = A_SET;
        a->neg = c < 'a';
        if (c == 'd' || c == 'D') { a->r = digit_ranges; a->nr = sizeof digit_ranges / sizeof digit_ranges[0]; }
        else if (c == 'w' || c == 'W') { a->r = word_ranges; a->nr = sizeof word_ranges / sizeof word_ranges[0]; }
        else { a->r = space_ranges; a->nr = sizeof space_ranges / sizeof space_ranges[0]; }
        x->pos += 2;
        return;
    case 'p': case 'P':
        parse_property(x, a);
        return;
    case 'f': a->cp = 0x0C; x->pos += 2; return;
    case 'n': a->cp = 0x0A; x->pos += 2; return;
    case 'r': a->cp = 0x0D; x->pos += 2; return;
    case 't': a->cp = 0x09; x->pos += 2; return;
    case 'v': a->cp = 0x0B; x->pos += 2; return;
    case 'c': {
        int l = peekc(x, 2);
        if (!((l >= 'A' && l <= 'Z') || (l >= 'a' && l <= 'z'))) {
            fail(x, start, "\\c must be followed by an ASCII letter");
            return;
        }
        a->cp = (uint32_t)(l % 32);
        x->pos += 3;
        return;
    }
    case '0':
        if (peekc(x, 2) >= '0' && peekc(x, 2) <= '9') {
            fail(x, start, "octal escapes are not allowed (use \\x or \\u)");
            return;
        }
        a->cp = 0;
        x->pos += 2;
        return;
    case 'x': {
        x->pos += 2;
        long v = hex_fixed(x, 2);
        if (v < 0) { fail(x, start, "\\x must be followed by 2 hex digits"); return; }
        a->cp = (uint32_t)v;
        return;
    }
    case 'u':
        x->pos += 2;
        parse_unicode_escape(x, start, &a->cp);
        return;
    default:
        break;
    }
    if (is_syntax_char(c) || c == '/' || (in_class && c == '-')) {
        a->cp = (uint32_t)c;
        x->pos += 2;
        return;
    }
    if (in_class && c == 'b') { a->cp = 0x08; x->pos += 2; return; }
    if (in_class && c >= '1' && c <= '9') {
        fail(x, start, "backreference not allowed in a character class");
        return;
    }
    char what[8];
    uint32_t cp;
    size_t n = utf8_at(x->src, x->len, x->pos + 1, &cp);
    if (!n) n = 1;
    if (n > 4) n = 4;
    what[0] = '\\';
    memcpy(what + 1, x->src + x->pos + 1, n);
    what[n + 1] = '\0';
    fail_kind(x, ERR_SYNTAX, start, "invalid escape %s", what);
}

/* ---- group names ----------------------------------------------------------- */

/* Non-ASCII name characters are checked against ID_Start / ID_Continue
 * with PCRE2's own Unicode tables: 1 a valid name, 0 not, -1 when PCRE2
 * could not answer (out of memory). */
static int unicode_name_ok(const char *name, size_t n)
{
    static const char check[] =
        "^[\\p{ID_Start}$_][\\p{ID_Continue}$\\x{200C}\\x{200D}]*\\z";
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)check, sizeof check - 1, PCRE2_UTF, &ec, &eo, NULL);
    pcre2_match_data *md = c ? pcre2_match_data_create(1, NULL) : NULL;
    int rc = md ? pcre2_match(c, (PCRE2_SPTR)name, n, 0, 0, md, NULL) : PCRE2_ERROR_NOMEMORY;
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static int ascii_id(uint32_t cp, int first)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '$' || cp == '_' ||
           (!first && cp >= '0' && cp <= '9');
}

/* RegExpIdentifierName followed by '>', x->pos at its first character.
 * Returns the decoded name (caller frees) or NULL after an error. */
static char *parse_group_name(struct xlat *x)
{
    size_t start = x->pos;
    strbuf b = { 0 };
    int nonascii = 0;
    for (;;) {
        if (x->pos >= x->len) { fail(x, start, "missing > after group name"); break; }
        if (x->src[x->pos] == '>') { x->pos++; break; }
        uint32_t cp;
        if (x->src[x->pos] == '\\') {
            size_t at = x->pos;
            if (peekc(x, 1) != 'u') { fail(x, at, "invalid group name"); break; }
            x->pos += 2;
            parse_unicode_escape(x, at, &cp);
            if (x->err) break;
            if (cp >= 0xD800 && cp <= 0xDFFF) { fail(x, at, "invalid group name"); break; }
        } else {
            size_t n = utf8_at(x->src, x->len, x->pos, &cp);
            if (!n) { fail(x, x->pos, "invalid UTF-8 in pattern"); break; }
            x->pos += n;
        }
        if (cp >= 0x80) nonascii = 1;
        else if (!ascii_id(cp, b.len == 0)) { fail(x, start, "invalid group name"); break; }
        sb_put_utf8(&b, cp);
    }
    if (!x->err && b.len == 0) fail(x, start, "empty group name");
    if (!x->err && nonascii) {
        int ok = unicode_name_ok(b.data, b.len);
        if (ok == 0) fail(x, start, "invalid group name");
        else if (ok < 0) fail_unchecked(x, start, "the group name could not be checked");
    }
    if (!x->err && b.oom) x->oom = 1;
    if (x->err || x->oom) { sb_free(&b); return NULL; }
    return sb_take(&b);
}

static void add_group_name(struct xlat *x, char *name, unsigned index, size_t off)
{
    for (size_t i = 0; i < x->nnames; i++) {
        if (strcmp(x->names[i].name, name) == 0) {
            free(name);
            fail(x, off, "duplicate group name");
            return;
        }
    }
    if (x->nnames == x->names_cap) {
        size_t nc = x->names_cap ? x->names_cap * 2 : 8;
        struct group_name *nv = realloc(x->names, nc * sizeof *nv);
        if (!nv) { free(name); x->oom = 1; return; }
        x->names = nv;
        x->names_cap = nc;
    }
    x->names[x->nnames].name = name;
    x->names[x->nnames].index = index;
    x->nnames++;
}

static void emit_backref(struct xlat *x, unsigned n, size_t off)
{
    char b[32];
    if (x->nrefs == x->refs_cap) {
        size_t nc = x->refs_cap ? x->refs_cap * 2 : 8;
        unsigned *nv = realloc(x->refs, nc * sizeof *nv);
        if (!nv) { x->oom = 1; return; }
        x->refs = nv;
        x->refs_cap = nc;
    }
    x->refs[x->nrefs++] = n;
    /* Grouped: PCRE2 10.42's JIT fails a repeated unset backreference
     * such as \g{1}{2,} that the interpreter (and ECMA) match as empty. */
    snprintf(b, sizeof b, "(?:\\g{%u})", n);
    emit(x, b, off);
}

/* ---- the grammar ------------------------------------------------------------ */

static void parse_disjunction(struct xlat *x);

/* \ AtomEscape outside a class, x->pos at the backslash. */
static void parse_atom_escape(struct xlat *x)
{
    size_t start = x->pos;
    int c = peekc(x, 1);
    if (c >= '1' && c <= '9') {
        unsigned long n = 0;
        x->pos++;
        while (x->pos < x->len && x->src[x->pos] >= '0' && x->src[x->pos] <= '9') {
            if (n < 100000000ul) n = n * 10 + (unsigned long)(x->src[x->pos] - '0');
            x->pos++;
        }
        if (x->pass == 2 && n > x->total_caps) {
            fail(x, start, "backreference to a group that does not exist");
            return;
        }
        emit_backref(x, (unsigned)n, start);
        return;
    }
    if (c == 'k') {
        x->pos += 2;
        if (peekc(x, 0) != '<') { fail(x, start, "\\k must be followed by <name>"); return; }
        x->pos++;
        char *name = parse_group_name(x);
        if (!name) return;
        unsigned idx = 0;
        for (size_t i = 0; i < x->nnames; i++)
            if (strcmp(x->names[i].name, name) == 0) idx = x->names[i].index;
        free(name);
        if (x->pass == 2 && idx == 0) { fail(x, start, "reference to an undefined group name"); return; }
        emit_backref(x, idx ? idx : 1, start);
        return;
    }
    struct atom a;
    parse_escape(x, 0, &a);
    if (!x->err) emit_atom(x, &a, start);
}

/* One ClassAtom, x->pos inside [...] and not at ']'. */
static void parse_class_atom(struct xlat *x, struct atom *a)
{
    if (x->src[x->pos] == '\\') {
        int c = peekc(x, 1);
        if (c == 'k' || c == 'B') {
            fail(x, x->pos, c == 'k' ? "invalid escape \\k in a character class"
                                     : "invalid escape \\B in a character class");
            return;
        }
        parse_escape(x, 1, a);
        return;
    }
    a->kind = A_CHAR;
    size_t n = utf8_at(x->src, x->len, x->pos, &a->cp);
    if (!n) { fail(x, x->pos, "invalid UTF-8 in pattern"); return; }
    x->pos += n;
}

static void parse_class(struct xlat *x)
{
    size_t start = x->pos++;
    int neg = 0;
    if (peekc(x, 0) == '^') { neg = 1; x->pos++; }
    size_t mark = x->olen;
    emit(x, neg ? "[^" : "[", start);
    int members = 0;
    for (;;) {
        if (x->pos >= x->len) { fail(x, start, "missing terminating ] for character class"); return; }
        if (x->src[x->pos] == ']') { x->pos++; break; }
        size_t at = x->pos;
        struct atom a, b;
        parse_class_atom(x, &a);
        if (x->err) return;
        if (peekc(x, 0) == '-' && peekc(x, 1) >= 0 && peekc(x, 1) != ']') {
            size_t dash = x->pos++;
            parse_class_atom(x, &b);
            if (x->err) return;
            if (a.kind != A_CHAR || b.kind != A_CHAR) {
                fail(x, dash, "invalid range in character class");
                return;
            }
            if (a.cp > b.cp) { fail(x, dash, "range out of order in character class"); return; }
            members += emit_range(x, a.cp, b.cp, at);
        } else {
            members += emit_class_members(x, &a, at);
        }
    }
    if (members == 0) {
        /* PCRE2 has no empty class: [] never matches, [^] matches anything. */
        x->olen = mark;
        emit(x, neg ? "[\\x{0}-\\x{10FFFF}]" : "(?:(?!))", start);
        return;
    }
    emit(x, "]", start);
}

static int lookbehind_length_error(int ec);

/* Can PCRE2 compile the lookbehind emitted at out[mark..olen) by itself? */
static int native_lookbehind_ok(const struct xlat *x, size_t mark)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)x->out + mark, x->olen - mark,
                                  PCRE2_UTF | PCRE2_MATCH_UNSET_BACKREF, &ec, &eo, NULL);
    pcre2_code_free(c);
    return c != NULL || !lookbehind_length_error(ec);
}

static int parse_lookbehind(struct xlat *x, size_t start, int negate)
{
    size_t mark = x->olen, body = x->pos, refs_before = x->nrefs;
    unsigned caps_before = x->ncap;
    int top = x->lb_depth == 0;
    emit(x, negate ? "(?<!" : "(?<=", start);
    x->lb_depth++;
    if (++x->depth > MAX_DEPTH) {
        fail_unchecked(x, start, "parentheses are nested too deeply");
        return 0;
    }
    parse_disjunction(x);
    x->depth--;
    x->lb_depth--;
    if (x->err) return 0;
    if (peekc(x, 0) != ')') { fail(x, x->len, "missing closing parenthesis"); return 0; }
    emit(x, ")", x->pos);
    x->pos++;
    /* Emulate only what PCRE2 refuses, and only bodies without
     * backreferences (a body runs as a separate regex and cannot see the
     * outer groups); anything else stays native and PCRE2 has the say. */
    if (!x->emulate_lb || !top || x->nrefs > refs_before || x->oom ||
        native_lookbehind_ok(x, mark))
        return 0;
    /* Replace the body by a callout; empty groups keep the numbering of
     * the groups inside it (their captures are not visible outside). */
    x->olen = mark;
    if (++x->nlb >= DEADLINE_CALLOUT) {
        fail_limit(x, start, "too many variable-length lookbehinds");
        return 0;
    }
    if (x->pass == 2) {
        struct lb_span *nv = realloc(x->lbs, x->nlb * sizeof *nv);
        if (!nv) { x->oom = 1; return 0; }
        x->lbs = nv;
        x->lbs[x->nlb - 1] = (struct lb_span){ body, x->pos - 1, negate, caps_before, x->ncap };
    }
    char b[32];
    snprintf(b, sizeof b, "(?C%u)", x->nlb);
    emit(x, b, start);
    for (unsigned i = caps_before; i < x->ncap; i++) emit(x, "(?:(){0})", start);
    return 0;
}

/* Returns 1 if the group may be quantified (lookarounds may not in u-mode). */
static int parse_group(struct xlat *x)
{
    size_t start = x->pos++;
    int quantifiable = 1;
    if (peekc(x, 0) == '?') {
        int c = peekc(x, 1), c2 = peekc(x, 2);
        if (c == ':') { emit(x, "(?:", start); x->pos += 2; }
        else if (c == '=' || c == '!') {
            emit(x, c == '=' ? "(?=" : "(?!", start);
            x->pos += 2;
            quantifiable = 0;
        } else if (c == '<' && (c2 == '=' || c2 == '!')) {
            x->pos += 3;
            return parse_lookbehind(x, start, c2 == '!');
        } else if (c == '<') {
            x->pos += 2;
            char *name = parse_group_name(x);
            if (!name) return 0;
            x->ncap++;
            if (x->pass == 1) add_group_name(x, name, x->ncap, start);
            else free(name);
            emit(x, "(", start);
        } else {
            fail(x, start + 1, "invalid group: (? must be followed by :, =, !, <=, <! or <name>");
            return 0;
        }
    } else {
        x->ncap++;
        emit(x, "(", start);
    }
    if (++x->depth > MAX_DEPTH) {
        fail_unchecked(x, start, "parentheses are nested too deeply");
        return 0;
    }
    parse_disjunction(x);
    x->depth--;
    if (x->err) return 0;
    if (peekc(x, 0) != ')') { fail(x, x->len, "missing closing parenthesis"); return 0; }
    emit(x, ")", x->pos);
    x->pos++;
    return quantifiable;
}

/* {n}, {n,} or {n,m} at x->pos; 1 and the bounds if well formed. */
static int scan_braces(const struct xlat *x, size_t *end, unsigned long *lo, unsigned long *hi, int *has_hi)
{
    size_t p = x->pos + 1;
    unsigned long v = 0;
    int digits = 0;
    const unsigned long cap = 1000000000ul;
    while (p < x->len && x->src[p] >= '0' && x->src[p] <= '9') {
        if (v < cap) v = v * 10 + (unsigned long)(x->src[p] - '0');
        p++;
        digits++;
    }
    if (!digits) return 0;
    *lo = v;
    *hi = v;
    *has_hi = 1;
    if (p < x->len && x->src[p] == ',') {
        p++;
        v = 0;
        digits = 0;
        while (p < x->len && x->src[p] >= '0' && x->src[p] <= '9') {
            if (v < cap) v = v * 10 + (unsigned long)(x->src[p] - '0');
            p++;
            digits++;
        }
        *has_hi = digits > 0;
        *hi = v;
    }
    if (p >= x->len || x->src[p] != '}') return 0;
    *end = p + 1;
    return 1;
}

static void parse_quantifier(struct xlat *x, int quantifiable)
{
    int c = peekc(x, 0);
    if (c != '*' && c != '+' && c != '?' && c != '{') return;
    size_t start = x->pos;
    if (c == '{') {
        size_t end;
        unsigned long lo, hi;
        int has_hi;
        if (!scan_braces(x, &end, &lo, &hi, &has_hi)) {
            fail(x, start, "lone { (write \\{ for a literal brace)");
            return;
        }
        if (!quantifiable) { fail(x, start, "quantifier does not follow a repeatable item"); return; }
        if (has_hi && lo > hi) { fail(x, start, "numbers out of order in {} quantifier"); return; }
        char b[64];
        if (!has_hi) snprintf(b, sizeof b, "{%lu,}", lo);
        else if (lo == hi) snprintf(b, sizeof b, "{%lu}", lo);
        else snprintf(b, sizeof b, "{%lu,%lu}", lo, hi);
        emit(x, b, start);
        x->pos = end;
    } else {
        if (!quantifiable) { fail(x, start, "quantifier does not follow a repeatable item"); return; }
        char b[2] = { (char)c, '\0' };
        emit(x, b, start);
        x->pos++;
    }
    if (peekc(x, 0) == '?') { emit(x, "?", x->pos); x->pos++; }
}

static void parse_term(struct xlat *x)
{
    size_t start = x->pos;
    int c = x->src[x->pos];
    int quantifiable = 1;
    switch (c) {
    case '^': emit(x, "\\A", start); x->pos++; quantifiable = 0; break;
    case '$': emit(x, "\\z", start); x->pos++; quantifiable = 0; break;
    case '.': emit(x, "[^\\n\\r\\x{2028}\\x{2029}]", start); x->pos++; break;
    case '(': quantifiable = parse_group(x); break;
    case '[': parse_class(x); break;
    case '\\':
        if (peekc(x, 1) == 'b' || peekc(x, 1) == 'B') {
            /* PCRE2 without UCP and with its built-in tables uses ASCII \w. */
            emit(x, peekc(x, 1) == 'b' ? "\\b" : "\\B", start);
            x->pos += 2;
            quantifiable = 0;
        } else {
            parse_atom_escape(x);
        }
        break;
    case '*': case '+': case '?':
        fail(x, start, "quantifier does not follow a repeatable item");
        return;
    case '{': {
        size_t end;
        unsigned long lo, hi;
        int has_hi;
        fail(x, start, scan_braces(x, &end, &lo, &hi, &has_hi)
                           ? "quantifier does not follow a repeatable item"
                           : "lone { (write \\{ for a literal brace)");
        return;
    }
    case '}': fail(x, start, "lone } (write \\} for a literal brace)"); return;
    case ']': fail(x, start, "lone ] (write \\] for a literal bracket)"); return;
    default: {
        uint32_t cp;
        size_t n = utf8_at(x->src, x->len, x->pos, &cp);
        if (!n) { fail(x, start, "invalid UTF-8 in pattern"); return; }
        x->pos += n;
        if (cp >= 0x80) emitn(x, (const char *)x->src + start, n, start);
        else emit_cp(x, cp, start);
    }
    }
    if (x->err) return;
    parse_quantifier(x, quantifiable);
}

static void parse_disjunction(struct xlat *x)
{
    for (;;) {
        while (!x->err && !x->oom && x->pos < x->len && x->src[x->pos] != '|' && x->src[x->pos] != ')')
            parse_term(x);
        if (x->err || x->oom || x->pos >= x->len || x->src[x->pos] != '|') return;
        emit(x, "|", x->pos);
        x->pos++;
    }
}

static void run_pass(struct xlat *x, int pass)
{
    x->pass = pass;
    x->pos = 0;
    x->olen = 0;
    x->ncap = 0;
    x->depth = 0;
    x->nlb = 0;
    x->nrefs = 0;
    if (x->sub) emit(x, "(?:", 0);
    parse_disjunction(x);
    if (!x->err && !x->oom && x->pos < x->len) fail(x, x->pos, "unmatched closing parenthesis");
    if (x->sub) emit(x, ")(?C255)", x->len);
    if (!x->oom) emitn(x, "", 0, x->len);  /* makes x->out non-NULL */
}

static void xlat_free(struct xlat *x)
{
    for (size_t i = 0; i < x->nnames; i++) free(x->names[i].name);
    free(x->names);
    free(x->lbs);
    free(x->refs);
    free(x->out);
    free(x->map);
}

/* Translate pattern; 0 on success (x->out / x->olen hold PCRE2 syntax). */
static int translate(struct xlat *x, const char *pattern, size_t len, int sub, int emulate_lb)
{
    memset(x, 0, sizeof *x);
    x->sub = sub;
    x->emulate_lb = emulate_lb;
    x->src = (const unsigned char *)(pattern ? pattern : "");
    x->len = pattern ? len : 0;
    run_pass(x, 1);
    if (!x->err && !x->oom) {
        x->total_caps = x->ncap;
        run_pass(x, 2);
    }
    for (size_t i = 0; !x->err && !x->oom && i < x->nrefs; i++)
        for (size_t k = 0; k < x->nlb; k++)
            if (x->refs[i] > x->lbs[k].cap_lo && x->refs[i] <= x->lbs[k].cap_hi)
                fail_limit(x, x->lbs[k].body, "backreference to a group inside a "
                          "variable-length lookbehind is not supported");
    if (x->oom && !x->err) fail_unchecked(x, 0, "out of memory");
    return x->err ? -1 : 0;
}

/* PCRE2 errors that mean "the engine cannot do this", not "the pattern is
 * malformed" (the ECMA-262 grammar was already checked by the parser). */
static int pcre2_limit_error(int ec)
{
    switch (ec) {
    case PCRE2_ERROR_QUANTIFIER_TOO_BIG:
    case PCRE2_ERROR_PARENTHESES_NEST_TOO_DEEP:
    case PCRE2_ERROR_PATTERN_TOO_LARGE:
    case PCRE2_ERROR_HEAP_FAILED:
    case PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH:
    case PCRE2_ERROR_LOOKBEHIND_TOO_COMPLICATED:
    case PCRE2_ERROR_LOOKBEHIND_TOO_LONG:
    case PCRE2_ERROR_PATTERN_TOO_COMPLICATED:
    case PCRE2_ERROR_PARENTHESES_STACK_CHECK:
    case PCRE2_ERROR_TOO_MANY_CAPTURES:
        return 1;
    default:
        return 0;
    }
}

static int lookbehind_length_error(int ec)
{
    return ec == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH ||
           ec == PCRE2_ERROR_LOOKBEHIND_TOO_COMPLICATED ||
           ec == PCRE2_ERROR_LOOKBEHIND_TOO_LONG;
}

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_MATCH_UNSET_BACKREF | PCRE2_DOLLAR_ENDONLY | \
                         PCRE2_NEVER_BACKSLASH_C)

/* Compile the translation; on failure *ec and the source offset are set.
 * Callouts act as assertions, so nothing may be made possessive across
 * them; a lookbehind body must not start after its end (offset limit).
 * A pattern PCRE2 finds unanchored (more than one start position) is
 * compiled again behind the deadline callout (*timed = 1); a lookbehind
 * body runs from its outer search's callout, which checks the time. */
static pcre2_code *compile_translated(const struct xlat *x, int *ec, size_t *src_off, int *timed)
{
    PCRE2_SIZE eo = 0;
    uint32_t opts = COMPILE_OPTIONS, all = 0;
    if (x->nlb) opts |= PCRE2_NO_AUTO_POSSESS;
    if (x->sub) opts |= PCRE2_USE_OFFSET_LIMIT | PCRE2_NO_AUTO_POSSESS;
    *timed = 0;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)x->out, x->olen, opts, ec, &eo, NULL);
    if (!code) {
        *src_off = eo < x->olen ? x->map[eo] : x->len;
        return NULL;
    }
    if (x->sub || pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &all) != 0 || (all & PCRE2_ANCHORED))
        return code;
    static const char prefix[] = "(?C" STR(DEADLINE_CALLOUT) ")";
    char *text = malloc(sizeof prefix - 1 + x->olen);
    if (!text) return code;   /* searches stay bounded per start position */
    memcpy(text, prefix, sizeof prefix - 1);
    memcpy(text + sizeof prefix - 1, x->out, x->olen);
    pcre2_code *with = pcre2_compile((PCRE2_SPTR)text, sizeof prefix - 1 + x->olen, opts, ec, &eo, NULL);
    free(text);
    if (!with) return code;
    pcre2_code_free(code);
    *timed = 1;
    return with;
}

/* ---- searching ------------------------------------------------------------ */

/* The clock a run's budget is kept on.  A coarse clock reads in a few
 * nanoseconds and is fine for a budget of seconds: what it charges a
 * search is a whole number of its ticks, right on average. */
static uint64_t run_clock(void)
{
    struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
#else
    clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Has a search that began at `started` used up what was left of run's
 * budget? */
static int run_over(const ecma_regex_run *run, uint64_t started)
{
    return run->limited && run_clock() - started >= run->left_ns;
}

/* One PCRE2 search: 1 match, 0 no match, else a negative PCRE2 code (or
 * RUN_SPENT from a callout).  opts: PCRE2_NO_UTF_CHECK for a subject known
 * to be UTF-8, which JIT code then runs without pcre2_match's checks.
 * JIT code that runs out of JIT stack (a long subject of a pattern with
 * groups) runs again in the interpreter, whose depth only its heap limit
 * bounds: a benign pattern is still decided. */
static int pcre_search(const ecma_regex *re, PCRE2_SPTR subject, size_t len, uint32_t opts,
                       pcre2_match_data *md, pcre2_match_context *ctx)
{
    int rc = re->jit && (opts & PCRE2_NO_UTF_CHECK) ? pcre2_jit_match(re->code, subject, len, 0, 0, md, ctx)
                                                   : pcre2_match(re->code, subject, len, 0, opts, md, ctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(re->code, subject, len, 0, opts | PCRE2_NO_JIT, md, ctx);
    if (rc >= 0) return 1;  /* 0 = matched, ovector too small for the groups */
    return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

/* A search's answer as ecma_regex_run_search gives it. */
static int outcome(int rc)
{
    switch (rc) {
    case 1: case 0: return rc;
    case PCRE2_ERROR_MATCHLIMIT: case PCRE2_ERROR_DEPTHLIMIT: case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return ECMA_REGEX_LIMIT;
    case RUN_SPENT: return ECMA_REGEX_BUDGET;
    default: return ECMA_REGEX_ERROR;
    }
}

static int callout(pcre2_callout_block *cb, void *data);

/* Does the lookbehind body match some subject[q..end)?  Uses its own
 * context copy (the callout data names `end`) and match data: allocates,
 * but only for lookbehinds PCRE2 cannot run natively.  The outer search
 * has checked the subject's UTF-8. */
static int lookbehind_holds(const ecma_regex *body, PCRE2_SPTR subject, size_t len, size_t end,
                            const struct callout_ctx *outer)
{
    pcre2_match_context *ctx = pcre2_match_context_copy(body->mctx);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    struct callout_ctx cc = { body, end, outer->run, outer->started };
    int r = PCRE2_ERROR_NOMEMORY;
    if (ctx && md) {
        pcre2_set_callout(ctx, callout, &cc);
        pcre2_set_offset_limit(ctx, end);
        r = pcre_search(body, subject, len, PCRE2_NO_UTF_CHECK, md, ctx);
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(ctx);
    return r;
}

/* Callout n < 255 evaluates emulated lookbehind n at the current position;
 * 255 ends a lookbehind body and succeeds only at the required end.
 * Returning 1 makes PCRE2 backtrack, a negative value aborts the match:
 * a lookbehind that cannot be decided, or a run out of time (each
 * callout may start a search of its own, so the match limit alone does
 * not bound a search with callouts). */
static int callout(pcre2_callout_block *cb, void *data)
{
    const struct callout_ctx *cc = data;
    if (cb->callout_number == DEADLINE_CALLOUT) return run_over(cc->run, cc->started) ? RUN_SPENT : 0;
    if (cb->callout_number == END_CALLOUT) return cb->current_position == cc->end ? 0 : 1;
    if (cb->callout_number == 0 || cb->callout_number > cc->re->nlb) return PCRE2_ERROR_CALLOUT;
    if (run_over(cc->run, cc->started)) return RUN_SPENT;
    const struct lookbehind *lb = &cc->re->lb[cb->callout_number - 1];
    int r = lookbehind_holds(lb->body, cb->subject, cb->subject_length, cb->current_position, cc);
    if (r < 0) return r;
    return r != lb->negate ? 0 : 1;
}

/* A search through PCRE2, charged to run's budget. */
static int search_pcre2(ecma_regex_run *run, const ecma_regex *re, PCRE2_SPTR subject, size_t len,
                        uint32_t opts)
{
    if (run->limited && run->left_ns == 0) return ECMA_REGEX_BUDGET;
    uint64_t t0 = run->limited ? run_clock() : 0;
    int rc;
    if (!re->nlb && !(re->timed && run->limited)) {
        rc = pcre_search(re, subject, len, opts, run->md, re->mctx);
    } else {
        /* the callouts need this search's data: a context of its own
         * (without a budget the deadline callout is never called: the
         * shared context sets no callout function) */
        pcre2_match_context *ctx = pcre2_match_context_copy(re->mctx);
        struct callout_ctx cc = { re, (size_t)-1, run, t0 };
        rc = PCRE2_ERROR_NOMEMORY;
        if (ctx) {
            pcre2_set_callout(ctx, callout, &cc);
            rc = pcre_search(re, subject, len, opts, run->md, ctx);
        }
        pcre2_match_context_free(ctx);
    }
    if (run->limited) {
        uint64_t took = run_clock() - t0;
        run->left_ns = took >= run->left_ns ? 0 : run->left_ns - took;
    }
    return outcome(rc);
}

static void set_error(char *errbuf, size_t errlen, size_t off, const char *msg)
{
    if (errbuf && errlen) snprintf(errbuf, errlen, "at offset %zu: %s", off, msg);
}

/* Compile pattern[0..len), which sits at offset `base` of the caller's
 * pattern (error offsets are reported against that).  sub: a lookbehind
 * body.  Variable-length lookbehinds are emulated only when PCRE2 refuses
 * them natively.  On failure *limit tells an engine limitation (1: the
 * pattern is valid ECMA-262) from a malformed pattern (0), and from a
 * check that stopped before the end of the grammar (2: validity unknown). */
static ecma_regex *compile_internal(const char *pattern, size_t len, int sub, size_t base,
                                    int jit, int *limit, char *errbuf, size_t errlen)
{
    struct xlat x;
    pcre2_code *code = NULL;
    int ec = 0, timed = 0;
    size_t off = 0;
    for (int emulate = 0;; emulate = 1) {
        if (translate(&x, pattern, len, sub, emulate) != 0) {
            *limit = x.err == ERR_LIMIT ? 1 : x.err == ERR_UNCHECKED ? 2 : 0;
            set_error(errbuf, errlen, base + x.err_off, x.err_msg);
            xlat_free(&x);
            return NULL;
        }
        code = compile_translated(&x, &ec, &off, &timed);
        if (code || emulate || !lookbehind_length_error(ec)) break;
        xlat_free(&x);
    }
    if (!code) {
        PCRE2_UCHAR msg[160];
        if (pcre2_get_error_message(ec, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "PCRE2 error %d", ec);
        *limit = pcre2_limit_error(ec);
        set_error(errbuf, errlen, base + off, (const char *)msg);
        xlat_free(&x);
        return NULL;
    }
    int jitted = jit && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0; /* else: interpreter */

    ecma_regex *re = calloc(1, sizeof *re);
    if (re) {
        re->code = code;
        re->jit = jitted;
        re->timed = timed;
        re->mctx = pcre2_match_context_create(NULL);
        re->lb = x.nlb ? calloc(x.nlb, sizeof *re->lb) : NULL;
    }
    if (!re || !re->mctx || (x.nlb && !re->lb)) {
        if (re) ecma_regex_free(re);
        else pcre2_code_free(code);
        *limit = 1;
        set_error(errbuf, errlen, base, "out of memory");
        xlat_free(&x);
        return NULL;
    }
    for (size_t i = 0; i < x.nlb; i++) {
        const struct lb_span *sp = &x.lbs[i];
        re->lb[i].negate = sp->negate;
        re->lb[i].body = compile_internal(pattern + sp->body, sp->end - sp->body, 1,
                                          base + sp->body, jit, limit, errbuf, errlen);
        if (!re->lb[i].body) {
            ecma_regex_free(re);
            xlat_free(&x);
            return NULL;
        }
        re->nlb = i + 1;
    }
    xlat_free(&x);
    pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(re->mctx, HEAP_LIMIT_KIB);
    return re;
}

static int ascii_only(const char *s, size_t len)
{
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++) any |= (unsigned char)s[i];
    return any < 0x80;
}

ecma_regex *ecma_regex_compile(const char *pattern, size_t len, char *errbuf, size_t errlen)
{
    if (errbuf && errlen) errbuf[0] = '\0';
    if (!pattern) len = 0;
    int limit;
    ecma_regex *re = compile_internal(pattern ? pattern : "", len, 0, 0, 1, &limit, errbuf, errlen);
    /* PCRE2 has accepted the pattern (so errors read the same for every
     * pattern); the commonest kind is then matched without it */
    if (re) re->simple = regex_simple_compile(pattern ? pattern : "", len);
    return re;
}

void ecma_regex_run_init(ecma_regex_run *run, pcre2_match_data *md, unsigned budget_ms)
{
    run->md = md;
    run->limited = budget_ms != 0;
    run->left_ns = (uint64_t)budget_ms * 1000000u;
}

int ecma_regex_run_search(ecma_regex_run *run, const ecma_regex *re, const char *subject, size_t len, int utf8)
{
    if (!re) return ECMA_REGEX_ERROR;
    if (!subject) { subject = ""; len = 0; }
    /* one pass with no backtracking: nothing to bound.  PCRE2 refuses a
     * subject that is not UTF-8, whatever part of it the pattern reads, so
     * an unchecked one goes the short way only when all ASCII. */
    if (re->simple && (utf8 || ascii_only(subject, len))) return regex_simple_match(re->simple, subject, len);
    if (run->md) return search_pcre2(run, re, (PCRE2_SPTR)subject, len, utf8 ? PCRE2_NO_UTF_CHECK : 0);
    ecma_regex_run own = *run;
    own.md = ecma_regex_match_data_new();
    if (!own.md) return ECMA_REGEX_ERROR;
    int r = search_pcre2(&own, re, (PCRE2_SPTR)subject, len, utf8 ? PCRE2_NO_UTF_CHECK : 0);
    run->left_ns = own.left_ns;
    ecma_regex_match_data_free(own.md);
    return r;
}

int ecma_regex_search(const ecma_regex *re, const char *subject, size_t len, pcre2_match_data *md)
{
    ecma_regex_run run;
    ecma_regex_run_init(&run, md, 0);
    return ecma_regex_run_search(&run, re, subject, len, 0);
}

int ecma_regex_search_utf8(const ecma_regex *re, const char *subject, size_t len, pcre2_match_data *md)
{
    ecma_regex_run run;
    ecma_regex_run_init(&run, md, 0);
    return ecma_regex_run_search(&run, re, subject, len, 1);
}

pcre2_match_data *ecma_regex_match_data_new(void)
{
    /* Only match / no match is needed, so one ovector pair suffices. */
    return pcre2_match_data_create(1, NULL);
}

void ecma_regex_match_data_free(pcre2_match_data *md)
{
    pcre2_match_data_free(md);
}

int ecma_regex_valid(const char *pattern, size_t len)
{
    int limit = 0;
    if (!pattern) len = 0;
    ecma_regex *re = compile_internal(pattern ? pattern : "", len, 0, 0, 0, &limit, NULL, 0);
    if (!re) return limit == 2 ? -1 : limit;
    ecma_regex_free(re);
    return 1;
}

void ecma_regex_free(ecma_regex *re)
{
    if (!re) return;
    for (size_t i = 0; i < re->nlb; i++) ecma_regex_free(re->lb[i].body);
    free(re->lb);
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    free(re->simple);
    free(re);
}
