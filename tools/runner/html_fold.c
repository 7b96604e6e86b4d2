/* html_fold.c - show a window of a long <pre> text, fold the rest into
 * <details> (html_fold.h). */
#include "html_fold.h"

#include <stdlib.h>
#include <string.h>

/* Lines to show before the first mark, so its context is visible. */
#define MARK_CONTEXT 8

typedef struct lines {
    const char **start;  /* each line's first byte */
    size_t *len;         /* its length, without the newline */
    int *depth;          /* marks open when the line starts */
    size_t n;
    size_t first_mark;   /* line of the first "<mark", or n */
} lines;

/* Mark depth after s[0..len): opens and closes counted. */
static int depth_after(const char *s, size_t len, int depth, int *opened)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '<') continue;
        if (len - i >= 5 && memcmp(s + i, "<mark", 5) == 0) { depth++; *opened = 1; }
        else if (len - i >= 7 && memcmp(s + i, "</mark>", 7) == 0 && depth > 0) depth--;
    }
    return depth;
}

static int split(const char *html, lines *l)
{
    size_t n = 1;
    for (const char *p = html; *p; p++) n += *p == '\n';
    l->start = malloc(n * sizeof *l->start);
    l->len = malloc(n * sizeof *l->len);
    l->depth = malloc((n + 1) * sizeof *l->depth);
    if (!l->start || !l->len || !l->depth) return -1;
    l->n = n;
    l->first_mark = n;
    const char *p = html;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int opened = 0;
        l->start[i] = p;
        l->len[i] = len;
        l->depth[i] = depth;
        depth = depth_after(p, len, depth, &opened);
        if (opened && l->first_mark == n) l->first_mark = i;
        p += len + (nl != NULL);
    }
    l->depth[n] = 0;
    return 0;
}

/* Lines [lo, hi) in a <pre>, marks cut at either end closed and reopened. */
static void piece(strbuf *b, const lines *l, size_t lo, size_t hi)
{
    sb_puts(b, "<pre>");
    for (int d = 0; d < l->depth[lo]; d++) sb_puts(b, "<mark>");
    for (size_t i = lo; i < hi; i++) {
        sb_append(b, l->start[i], l->len[i]);
        if (i + 1 < hi) sb_append(b, "\n", 1);
    }
    for (int d = 0; d < (hi < l->n ? l->depth[hi] : 0); d++) sb_puts(b, "</mark>");
    sb_puts(b, "</pre>");
}

static void folded(strbuf *b, const lines *l, size_t lo, size_t hi)
{
    sb_printf(b, "<details class=\"fold\"><summary>lines %zu&ndash;%zu of %zu</summary>", lo + 1, hi, l->n);
    piece(b, l, lo, hi);
    sb_puts(b, "</details>");
}

void ct_html_fold(strbuf *b, const char *html, size_t fold)
{
    lines l = {0};
    if (fold == 0) fold = 1;
    if (split(html, &l) != 0) b->oom = 1;
    else if (l.n <= fold + fold / 4) piece(b, &l, 0, l.n);
    else {
        size_t lo = 0;
        if (l.first_mark < l.n && l.first_mark + MARK_CONTEXT >= fold)
            lo = l.first_mark > MARK_CONTEXT ? l.first_mark - MARK_CONTEXT : 0;
        size_t hi = lo + fold < l.n ? lo + fold : l.n;
        if (hi - lo < fold) lo = hi - fold;
        if (lo) folded(b, &l, 0, lo);
        piece(b, &l, lo, hi);
        if (hi < l.n) folded(b, &l, hi, l.n);
    }
    free(l.start);
    free(l.len);
    free(l.depth);
}
