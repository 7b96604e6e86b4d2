/* regex_simple.c - see regex_simple.h.
 *
 * Recognised: "^", then atoms, then maybe "$" as the last character.  An
 * atom is an ASCII character (printable, not a syntax character), an
 * escaped syntax character, \d or \w, or a bracket set of those and of
 * ranges (not negated), with an optional count: *, +, ?, {n}, {n,},
 * {n,m}.  Anything else - groups, alternation, ".", other escapes, lazy
 * counts, non-ASCII text - leaves the pattern to PCRE2. */
#include "regex_simple.h"

#include <stdint.h>
#include <stdlib.h>

#define MAX_ATOMS 32
#define MAX_COUNT 65535u
#define UNBOUNDED UINT32_MAX

typedef struct atom {
    uint64_t set[2];       /* ASCII bitmap: bit c of set[c >> 6] */
    uint32_t min, max;     /* max UNBOUNDED for * and + */
} atom;

struct regex_simple {
    size_t n;
    int anchored_end;      /* the pattern ends with "$" */
    /* The atoms of fixed count in front ("^\d{4}-" ...) as single
     * characters: position i takes the bytes b with bit i of prefix[b]. */
    size_t nprefix, first;  /* how many positions; the first atom after them */
    uint32_t prefix[256];
    uint32_t member[256];  /* byte -> bit k set when atom k's set holds it */
    atom a[];
};

static void set_add(uint64_t set[2], unsigned lo, unsigned hi)
{
    for (unsigned c = lo; c <= hi; c++) set[c >> 6] |= (uint64_t)1 << (c & 63);
}

static int set_has(const uint64_t set[2], unsigned c)
{
    return (set[c >> 6] >> (c & 63)) & 1;
}

static int syntax_char(int c)
{
    switch (c) {
    case '^': case '$': case '\\': case '.': case '*': case '+': case '?':
    case '(': case ')': case '[': case ']': case '{': case '}': case '|':
        return 1;
    default:
        return 0;
    }
}

/* A printable ASCII character standing for itself outside a set. */
static int plain_char(int c)
{
    return c >= 0x20 && c < 0x7F && !syntax_char(c);
}

/* After a backslash at p[*i] (the backslash already taken): \d, \w, or an
 * escaped syntax character or "/" (and "-" inside a set).  Adds to set; *single
 * gets the character for a one-character escape, else -1.  0 refused. */
static int take_escape(const char *p, size_t len, size_t *i, int in_set, uint64_t set[2], int *single)
{
    if (*i >= len) return 0;
    int c = (unsigned char)p[(*i)++];
    *single = -1;
    if (c == 'd') { set_add(set, '0', '9'); return 1; }
    if (c == 'w') {
        set_add(set, '0', '9');
        set_add(set, 'A', 'Z');
        set_add(set, 'a', 'z');
        set_add(set, '_', '_');
        return 1;
    }
    if (syntax_char(c) || c == '/' || (in_set && c == '-')) {
        set_add(set, (unsigned)c, (unsigned)c);
        *single = c;
        return 1;
    }
    return 0;
}

/* One member of a bracket set at p[*i]: a character or escape, as a
 * single character (*single) or a class (\d, \w; *single -1). */
static int take_member(const char *p, size_t len, size_t *i, uint64_t set[2], int *single)
{
    if (*i >= len) return 0;
    int c = (unsigned char)p[*i];
    if (c == '\\') {
        (*i)++;
        return take_escape(p, len, i, 1, set, single);
    }
    if (c < 0x20 || c >= 0x7F || c == '[' || c == ']') return 0;
    (*i)++;
    *single = c;
    set_add(set, (unsigned)c, (unsigned)c);
    return 1;
}

/* A bracket set from p[*i] (just past "["). */
static int take_set(const char *p, size_t len, size_t *i, uint64_t set[2])
{
    if (*i < len && (p[*i] == '^' || p[*i] == ']')) return 0; /* negated or empty */
    while (*i < len && p[*i] != ']') {
        int lo, hi;
        uint64_t tmp[2] = { 0, 0 };
        if (!take_member(p, len, i, tmp, &lo)) return 0;
        if (*i + 1 < len && p[*i] == '-' && p[*i + 1] != ']') {
            /* a range needs a single character on both sides */
            (*i)++;
            uint64_t tmp2[2] = { 0, 0 };
            if (lo < 0 || !take_member(p, len, i, tmp2, &hi) || hi < 0 || hi < lo) return 0;
            set_add(set, (unsigned)lo, (unsigned)hi);
            continue;
        }
        set[0] |= tmp[0];
        set[1] |= tmp[1];
    }
    if (*i >= len) return 0;
    (*i)++; /* ] */
    return 1;
}

static int take_number(const char *p, size_t len, size_t *i, uint32_t *out)
{
    size_t start = *i;
    uint32_t v = 0;
    while (*i < len && p[*i] >= '0' && p[*i] <= '9') {
        v = v * 10 + (uint32_t)(p[(*i)++] - '0');
        if (v > MAX_COUNT) return 0;
    }
    *out = v;
    return *i > start;
}

/* An optional count after an atom. */
static int take_count(const char *p, size_t len, size_t *i, atom *a)
{
    a->min = a->max = 1;
    if (*i >= len) return 1;
    switch (p[*i]) {
    case '*': a->min = 0; a->max = UNBOUNDED; (*i)++; break;
    case '+': a->min = 1; a->max = UNBOUNDED; (*i)++; break;
    case '?': a->min = 0; a->max = 1; (*i)++; break;
    case '{':
        (*i)++;
        if (!take_number(p, len, i, &a->min)) return 0;
        a->max = a->min;
        if (*i < len && p[*i] == ',') {
            (*i)++;
            a->max = UNBOUNDED;
            if (*i < len && p[*i] != '}' && (!take_number(p, len, i, &a->max) || a->max < a->min)) return 0;
        }
        if (*i >= len || p[*i] != '}') return 0;
        (*i)++;
        break;
    default: return 1;
    }
    /* lazy or doubled counts are left to PCRE2 */
    return !(*i < len && (p[*i] == '?' || p[*i] == '*' || p[*i] == '+' || p[*i] == '{'));
}

regex_simple *regex_simple_compile(const char *p, size_t len)
{
    atom atoms[MAX_ATOMS];
    size_t n = 0, i = 1;
    int end = 0;
    if (len == 0 || p[0] != '^') return NULL;
    while (i < len) {
        if (p[i] == '$') {
            if (i + 1 != len) return NULL;
            end = 1;
            break;
        }
        if (n == MAX_ATOMS) return NULL;
        atom *a = &atoms[n++];
        a->set[0] = a->set[1] = 0;
        int c = (unsigned char)p[i++], single;
        if (c == '\\') {
            if (!take_escape(p, len, &i, 0, a->set, &single)) return NULL;
        } else if (c == '[') {
            if (!take_set(p, len, &i, a->set)) return NULL;
        } else if (plain_char(c)) {
            set_add(a->set, (unsigned)c, (unsigned)c);
        } else {
            return NULL;
        }
        if (!take_count(p, len, &i, a)) return NULL;
    }
    /* one way to split the subject: an atom whose count varies is last, or
     * is followed by one that must take a character it cannot */
    for (size_t k = 0; k + 1 < n; k++) {
        if (atoms[k].min == atoms[k].max) continue;
        const atom *next = &atoms[k + 1];
        if (next->min == 0 || (atoms[k].set[0] & next->set[0]) || (atoms[k].set[1] & next->set[1])) return NULL;
    }
    regex_simple *r = calloc(1, sizeof *r + n * sizeof(atom));
    if (!r) return NULL;
    r->n = n;
    r->anchored_end = end;
    for (size_t k = 0; k < n; k++) {
        r->a[k] = atoms[k];
        for (unsigned c = 0; c < 128; c++)
            if (set_has(atoms[k].set, c)) r->member[c] |= (uint32_t)1 << k;
    }
    for (; r->first < n && atoms[r->first].min == atoms[r->first].max; r->first++) {
        const atom *a = &atoms[r->first];
        if (r->nprefix + a->min > 32) break;
        for (uint32_t j = 0; j < a->min; j++, r->nprefix++)
            for (unsigned c = 0; c < 128; c++)
                if (set_has(a->set, c)) r->prefix[c] |= (uint32_t)1 << r->nprefix;
    }
    return r;
}

int regex_simple_match(const regex_simple *r, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = r->nprefix;
    if (len < pos) return 0;
    for (size_t i = 0; i < pos; i++)
        if (!((r->prefix[u[i]] >> i) & 1)) return 0;
    for (size_t k = r->first; k < r->n; k++) {
        const atom *a = &r->a[k];
        uint32_t bit = (uint32_t)1 << k;
        if (a->min == a->max) {
            if (len - pos < a->min) return 0;
            for (size_t i = 0; i < a->min; i++)
                if (!(r->member[u[pos + i]] & bit)) return 0;
            pos += a->min;
            continue;
        }
        size_t start = pos, lim = (a->max == UNBOUNDED || len - pos < a->max) ? len : pos + a->max;
        while (pos < lim && (r->member[u[pos]] & bit)) pos++;
        if (pos - start < a->min) return 0;
    }
    return !r->anchored_end || pos == len;
}
