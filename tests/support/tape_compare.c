/* tape_compare.c - see tape_compare.h. */
#include "tape_compare.h"
#include "json_tape.h"

#include <stdio.h>
#include <string.h>

static const char *differ(char *buf, size_t size, size_t entry, const char *what)
{
    snprintf(buf, size, "tape entry %zu: %s", entry, what);
    return buf;
}

/* Compare the subtree at v with node c; *i counts entries for messages. */
static const char *compare_value(const json_tape *t, const jt_value *v, const cJSON *c, char *buf, size_t size)
{
    size_t at = (size_t)(v - t->v);
    const json_node *n = json_node_info(c);
    if (!n) return differ(buf, size, at, "tree node not from json_parse");
    if (v->type != (c->type & 0xFF)) return differ(buf, size, at, "type");
    if (c->string) {
        if (v->key_len != n->key_len || v->key_hash != n->key_hash ||
            memcmp(jt_key(t, v), c->string, n->key_len) != 0)
            return differ(buf, size, at, "key");
    } else if (v->key_len || v->key_hash) {
        return differ(buf, size, at, "key on a value that is no member");
    }
    switch (v->type) {
    case cJSON_String:
        if (v->u.str.len != n->len || memcmp(jt_str(t, v), c->valuestring, n->len) != 0)
            return differ(buf, size, at, "string bytes");
        break;
    case cJSON_Number: {
        size_t len;
        const char *text = jt_number_text(t, v, &len);
        if (memcmp(&v->u.num, &c->valuedouble, sizeof(double)) != 0) return differ(buf, size, at, "number value");
        if (len != n->len || memcmp(text, n->text, len) != 0) return differ(buf, size, at, "number text");
        if (!(v->flags & JT_INTEGER_TEXT) != !(c->type & JSON_NODE_INTEGER_TEXT))
            return differ(buf, size, at, "integer-text mark");
        break;
    }
    case cJSON_Object:
        if (v->u.names != n->names) return differ(buf, size, at, "member-name filter");
        /* fall through */
    case cJSON_Array: {
        const jt_value *e = jt_child(v);
        const cJSON *d = c->child;
        size_t count = 0;
        for (; e && d; e = jt_next(e), d = d->next, count++) {
            const char *why = compare_value(t, e, d, buf, size);
            if (why) return why;
        }
        if (e || d) return differ(buf, size, at, "number of children");
        if (v->type == cJSON_Array && v->u.count != count) return differ(buf, size, at, "array count");
        break;
    }
    default:
        break;
    }
    return NULL;
}

const char *tape_compare(const json_tape *t, const cJSON *root, char *buf, size_t size)
{
    const jt_value *r = jt_root(t);
    if (!r || !root) {
        snprintf(buf, size, "%s", r ? "no tree" : "empty tape");
        return buf;
    }
    const char *why = compare_value(t, r, root, buf, size);
    if (!why && jt_next(r)) why = differ(buf, size, 0, "the root has a sibling");
    return why;
}

/* Compare node a (from json_parse) with node b (from json_tape_tree) and
 * their subtrees, every field; path names the node. */
static const char *compare_node(const cJSON *a, const cJSON *b, const char *path, char *buf, size_t size)
{
    const json_node *x = json_node_info(a), *y = json_node_info(b);
#define NODE_DIFFERS(what) do { snprintf(buf, size, "tape tree at %s: %s", path, what); return buf; } while (0)
    if (!x || !y) NODE_DIFFERS("node not from a parser");
    if (a->type != b->type || a->valueint != b->valueint ||
        memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) != 0)
        NODE_DIFFERS("type or value");
    if (!a->string != !b->string || x->key_len != y->key_len || x->key_hash != y->key_hash ||
        x->key_word != y->key_word || x->key_offset != y->key_offset ||
        (a->string && memcmp(a->string, b->string, x->key_len + 1) != 0))
        NODE_DIFFERS("key");
    if (x->offset != y->offset) NODE_DIFFERS("offset");
    switch (a->type & 0xFF) {
    case cJSON_String:
        if (x->len != y->len || memcmp(a->valuestring, b->valuestring, x->len + 1) != 0)
            NODE_DIFFERS("string bytes");
        break;
    case cJSON_Number:
        if (x->len != y->len || memcmp(x->text, y->text, x->len + 1) != 0) NODE_DIFFERS("number text");
        break;
    case cJSON_Object:
        if (x->names != y->names) NODE_DIFFERS("member-name filter");
        break;
    }
    const cJSON *c = a->child, *d = b->child;
    for (size_t i = 0; c && d; c = c->next, d = d->next, i++) {
        /* cJSON's links: the first child's prev is the last child */
        if ((c->prev == a->child->prev) != (d->prev == b->child->prev) ||
            (!c->next && a->child->prev != c) || (!d->next && b->child->prev != d))
            NODE_DIFFERS("prev links");
        char sub[256];
        snprintf(sub, sizeof sub, "%s/%zu", path, i);
        const char *why = compare_node(c, d, sub, buf, size);
        if (why) return why;
    }
    if (c || d) NODE_DIFFERS("number of children");
#undef NODE_DIFFERS
    return NULL;
}

const char *tape_tree_compare(const json_tape *t, const cJSON *root, char *buf, size_t size)
{
    json_error err;
    json_doc *d = json_tape_tree(t, NULL, &err);
    if (!d) {
        snprintf(buf, size, "json_tape_tree: %s", err.message);
        return buf;
    }
    const char *why = compare_node(root, d->root, "", buf, size);
    json_doc_free(d);
    return why;
}

const char *tape_parse_compare(const char *buf, size_t len, const json_parse_opts *opts, char *out, size_t size)
{
    json_error te, de;
    json_tape *t = json_tape_new();
    if (!t) {
        snprintf(out, size, "out of memory");
        return out;
    }
    int trc = json_tape_parse(t, buf, len, opts, &te);
    json_doc *d = json_parse(buf, len, opts, NULL, &de);
    const char *why = NULL;
    if (!d != (trc != 0)) {
        snprintf(out, size, "tree parse %s, tape parse %s (%s)", d ? "succeeded" : "failed",
                 trc ? "failed" : "succeeded", d ? te.message : de.message);
        why = out;
    } else if (!d) {
        if (te.code != de.code || te.offset != de.offset || te.line != de.line || te.col != de.col ||
            strcmp(te.message, de.message) != 0) {
            snprintf(out, size, "errors differ: tree %d at %zu (%u:%u) \"%s\", tape %d at %zu (%u:%u) \"%s\"",
                     de.code, de.offset, de.line, de.col, de.message, te.code, te.offset, te.line, te.col,
                     te.message);
            why = out;
        }
    } else {
        why = tape_compare(t, d->root, out, size);
        if (!why) why = tape_tree_compare(t, d->root, out, size);
    }
    json_doc_free(d);
    json_tape_free(t);
    return why;
}
