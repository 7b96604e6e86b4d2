/* finding_parts.c - read a finding's text back into where / expected /
 * actual (finding_parts.h).  Best effort by design: the forms are the
 * runner's own, and a value quoted in one could hold the separators
 * (", got "), in which case the split is wrong but the report still shows
 * the whole text beside it. */
#include "finding_parts.h"

#include <stdlib.h>
#include <string.h>

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) { memcpy(d, s, n); d[n] = '\0'; }
    return d;
}

/* where[0..n) as the parts' where: "(root)" is the empty pointer. */
static int set_where(ct_finding_parts *p, const char *where, size_t n)
{
    int root = n == 6 && memcmp(where, "(root)", 6) == 0;
    p->is_pointer = root || (n && where[0] == '/');
    p->where = root ? dup_n("", 0) : dup_n(where, n);
    return p->where ? 0 : -1;
}

/* The start of the parenthesised remark that ends s[0..n), or NULL. */
static const char *last_paren(const char *s, size_t n)
{
    if (n < 2 || s[n - 1] != ')') return NULL;
    int depth = 0;
    for (size_t i = n; i-- > 0;) {
        if (s[i] == ')') depth++;
        else if (s[i] == '(' && --depth == 0) return i && s[i - 1] == ' ' ? s + i : NULL;
    }
    return NULL;
}

/* Follow "K of M items fail; item N: SUB" (extra, without its parens)
 * into SUB.  0 when followed or not applicable, -1 out of memory. */
static int follow_item(ct_finding_parts *p, const char *extra, size_t n)
{
    static const char mark[] = " items fail; item ";
    char *x = dup_n(extra, n);
    if (!x) return -1;
    char *m = strstr(x, mark), *colon = m ? strstr(m + sizeof mark - 1, ": ") : NULL;
    int rc = 0;
    if (colon && p->is_pointer) {
        ct_finding_parts q;
        if (ct_finding_parse(colon + 2, &q) != 0) rc = -1;
        else if (q.is_pointer && q.expected) {
            size_t lw = strlen(p->where), li = (size_t)(colon - (m + sizeof mark - 1)), lq = strlen(q.where);
            char *w = malloc(lw + li + lq + 2);
            if (!w) rc = -1;
            else {
                memcpy(w, p->where, lw);
                w[lw] = '/';
                memcpy(w + lw + 1, m + sizeof mark - 1, li);
                memcpy(w + lw + 1 + li, q.where, lq + 1);
                free(p->where); free(p->expected); free(p->actual);
                p->where = w; p->expected = q.expected; p->actual = q.actual;
                q.expected = q.actual = NULL;
            }
        }
        ct_finding_parts_clear(&q);
    }
    free(x);
    return rc;
}

/* "WHERE: expected [OP ]WANT, got GOT[ (EXTRA)]" */
static int parse_expected(const char *text, const char *e, ct_finding_parts *p)
{
    const char *want = e + strlen(": expected ");
    const char *got = strstr(want, ", got ");
    if (set_where(p, text, (size_t)(e - text)) != 0) return -1;
    p->expected = got ? dup_n(want, (size_t)(got - want)) : strdup(want);
    if (!p->expected) return -1;
    if (!got) return 0;
    got += strlen(", got ");
    p->actual = strdup(got);
    if (!p->actual) return -1;
    const char *extra = last_paren(got, strlen(got));
    if (extra && strncmp(p->expected, "every item to satisfy ", 22) == 0)
        return follow_item(p, extra + 1, strlen(extra) - 2);
    return 0;
}

/* "PREFIX SCHEMA: POINTER: MESSAGE [ID]" (after the prefix) */
static int parse_violation(const char *rest, ct_finding_parts *p)
{
    const char *c1 = strstr(rest, ": "), *c2 = c1 ? strstr(c1 + 2, ": ") : NULL;
    if (!c2) return 0;
    if (set_where(p, c1 + 2, (size_t)(c2 - c1 - 2)) != 0) return -1;
    size_t ls = (size_t)(c1 - rest), lm = strlen(c2 + 2);
    p->expected = malloc(lm + ls + 4);
    if (!p->expected) return -1;
    memcpy(p->expected, c2 + 2, lm);
    memcpy(p->expected + lm, " (", 2);
    memcpy(p->expected + lm + 2, rest, ls);
    memcpy(p->expected + lm + 2 + ls, ")", 2);
    return 0;
}

/* "... at POINTER: this server A, the reference B" ("in status: ..."). */
static int parse_reference(const char *text, const char *s, ct_finding_parts *p)
{
    const char *at = strstr(text, " at "), *in = strstr(text, " in ");
    const char *w = at && at < s ? at : in && in < s ? in : NULL;
    const char *r = strstr(s, ", the reference ");
    if (!w || !r) return 0;
    if (set_where(p, w + 4, (size_t)(s - w - 4)) != 0) return -1;
    s += strlen(": this server ");
    p->actual = dup_n(s, (size_t)(r - s));
    p->expected = strdup(r + strlen(", the reference "));
    return p->actual && p->expected ? 0 : -1;
}

int ct_finding_parse(const char *text, ct_finding_parts *p)
{
    static const char *const violates[] = { "response violates ", "could not decide whether the response keeps " };
    memset(p, 0, sizeof *p);
    if (!text) return 0;
    int rc = 0;
    const char *e = strstr(text, ": expected "), *s = strstr(text, ": this server ");
    if (strncmp(text, violates[0], strlen(violates[0])) == 0) rc = parse_violation(text + strlen(violates[0]), p);
    else if (strncmp(text, violates[1], strlen(violates[1])) == 0) rc = parse_violation(text + strlen(violates[1]), p);
    else if (strncmp(text, "differs from the reference", 26) == 0 && s) rc = parse_reference(text, s, p);
    else if (e) rc = parse_expected(text, e, p);
    else if ((text[0] == '/' || strncmp(text, "(root): ", 8) == 0) && (e = strstr(text, ": ")))
        rc = set_where(p, text, (size_t)(e - text));
    if (rc != 0) ct_finding_parts_clear(p);
    return rc;
}

void ct_finding_parts_clear(ct_finding_parts *p)
{
    free(p->where);
    free(p->expected);
    free(p->actual);
    memset(p, 0, sizeof *p);
}
