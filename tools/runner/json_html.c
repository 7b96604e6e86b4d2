/* json_html.c - pretty-print a JSON body as escaped HTML, with <mark>s
 * around the values named by pointers (json_html.h).
 *
 * Works on the parsed tree rather than re-indenting the text: the pointers
 * resolve to nodes (ct_pointer_get), so marking is a comparison of node
 * addresses, and the parser's depth limit (512) bounds the recursion. */
#include "json_html.h"
#include "json_util.h"
#include "report.h"
#include "campaign/json_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pretty {
    strbuf *b;
    const cJSON **targets;   /* node each pointer names, or NULL */
    size_t n;
    const char *id;
    int *placed;
} pretty;

static void indent(strbuf *b, int depth)
{
    for (int i = 0; i < depth; i++) sb_append(b, "  ", 2);
}

/* A member name: JSON-escaped (it may hold U+0000: json_key_len), then
 * HTML-escaped. */
static void key_html(strbuf *b, const cJSON *m)
{
    strbuf j = {0};
    size_t len = json_key_len(m);
    sb_append(&j, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)m->string[i];
        if (c == '"' || c == '\\') sb_printf(&j, "\\%c", c);
        else if (c < 0x20) sb_printf(&j, "\\u%04x", c);
        else sb_append(&j, (const char *)&c, 1);
    }
    sb_append(&j, "\": ", 3);
    if (j.oom) b->oom = 1;
    else sb_xml_escape(b, j.data, 0);
    sb_free(&j);
}

static void scalar_html(strbuf *b, const cJSON *v)
{
    strbuf j = {0};
    jv_write(&j, v, (size_t)-1);
    if (j.oom) b->oom = 1;
    else sb_xml_escape(b, j.data ? j.data : "", 0);
    sb_free(&j);
}

/* Open a mark when v is a target; returns how many were opened (0, 1). */
static int mark_open(pretty *p, const cJSON *v)
{
    int opened = 0;
    for (size_t k = 0; k < p->n; k++) {
        if (p->targets[k] != v) continue;
        if (p->placed) p->placed[k] = 1;
        if (!opened) sb_printf(p->b, "<mark id=\"%s-%zu\">", p->id, k);
        opened = 1;
    }
    return opened;
}

static void value_html(pretty *p, const cJSON *v, int depth)
{
    int marked = mark_open(p, v);
    int t = ct_json_type(v);
    if ((t == cJSON_Object || t == cJSON_Array) && v->child) {
        sb_puts(p->b, t == cJSON_Object ? "{\n" : "[\n");
        for (const cJSON *c = v->child; c; c = c->next) {
            indent(p->b, depth + 1);
            if (t == cJSON_Object) key_html(p->b, c);
            value_html(p, c, depth + 1);
            sb_puts(p->b, c->next ? ",\n" : "\n");
        }
        indent(p->b, depth);
        sb_puts(p->b, t == cJSON_Object ? "}" : "]");
    } else {
        scalar_html(p->b, v);
    }
    if (marked) sb_puts(p->b, "</mark>");
}

int ct_json_html(strbuf *b, const char *body, const char *const *ptrs, size_t nptrs, const char *id,
                 int *placed)
{
    if (placed) memset(placed, 0, nptrs * sizeof *placed);
    if (!body) return 0;
    json_error je;
    json_doc *doc = json_parse(body, strlen(body), NULL, NULL, &je);
    if (!doc) {
        sb_xml_escape(b, body, 0);
        return 0;
    }
    const cJSON **targets = nptrs ? calloc(nptrs, sizeof *targets) : NULL;
    if (nptrs && !targets) b->oom = 1;
    for (size_t k = 0; targets && k < nptrs; k++) targets[k] = ct_pointer_get(doc->root, ptrs[k]);
    pretty p = { b, targets, targets ? nptrs : 0, id, placed };
    value_html(&p, doc->root, 0);
    free(targets);
    json_doc_free(doc);
    return 1;
}
