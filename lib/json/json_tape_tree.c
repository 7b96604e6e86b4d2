/* json_tape_tree.c - the tree of a document already read into a tape.
 *
 * A payload that fails its check is explained on a tree (the reporting
 * walk needs nodes to point at), and it has just been read into a tape to
 * learn that it fails.  Building the tree from the tape skips what made
 * the tape cost what it did: the grammar, UTF-8 validation, escape
 * decoding, number conversion and the duplicate-key check are all done;
 * what is left is one node per entry and a copy of each string.  The
 * nodes are the ones json_parse() makes of the same text (the parser's
 * tests and its fuzz target compare the two trees field by field), byte
 * offsets included. */
#include "json_parse.h"
#include "json_tape.h"
#include "json_tree_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the opening quote of member v's key is in the input.  The tape
 * keeps where a key's bytes are; for a key with escapes that is the side
 * buffer, so the quote is found from the value backwards: past the
 * whitespace and ':' before the value, the whitespace and closing quote
 * before that, to the first '"' not escaped (one after an even number of
 * backslashes: a '"' inside the key is written \" after an odd number,
 * and the opening quote follows '{', ',' or whitespace). */
static uint32_t key_quote_offset(const json_tape *t, const jt_value *v)
{
    if (!(v->flags & JT_KEY_DECODED))
        return v->key_off - 1;
    const char *in = t->input;
    size_t i = v->pos;
    while (in[--i] != ':')
        ;
    while (in[--i] != '"')
        ;
    for (;;) {
        while (in[--i] != '"')
            ;
        size_t backslashes = 0;
        while (in[i - 1 - backslashes] == '\\')
            backslashes++;
        if (backslashes % 2 == 0)
            return (uint32_t)i;
    }
}

/* s[0..len) and a terminating NUL in mem, or NULL out of memory. */
static char *copy_bytes(arena *mem, const char *s, size_t len)
{
    char *o = arena_alloc(mem, len + 1);
    if (o) {
        memcpy(o, s, len);
        o[len] = '\0';
    }
    return o;
}

/* The node of entry v (its children are linked later), a member's key
 * included when in_object; NULL out of memory. */
static json_node *node_of(const json_tape *t, const jt_value *v, int in_object, arena *mem)
{
    json_node *n = tree_node_new(mem);
    if (!n)
        return NULL;
    n->item.type = v->type | JSON_NODE_PARSED;
    n->offset = v->pos;
    if (in_object) {
        if (!(n->item.string = copy_bytes(mem, jt_key(t, v), v->key_len)))
            return NULL;
        n->key_len = v->key_len;
        n->key_hash = v->key_hash;
        n->key_word = json_key_word(n->item.string, v->key_len);
        n->key_offset = key_quote_offset(t, v);
    }
    switch (v->type) {
    case cJSON_True:
        n->item.valueint = 1;
        break;
    case cJSON_Number: {
        size_t len;
        const char *text = jt_number_text(t, v, &len);
        if (!(n->text = copy_bytes(mem, text, len)))
            return NULL;
        n->len = len;
        n->item.valuedouble = v->u.num;
        n->item.valueint = tree_number_int(v->u.num);
        if (v->flags & JT_INTEGER_TEXT)
            n->item.type |= JSON_NODE_INTEGER_TEXT;
        break;
    }
    case cJSON_String:
        if (!(n->item.valuestring = copy_bytes(mem, jt_str(t, v), v->u.str.len)))
            return NULL;
        n->len = v->u.str.len;
        break;
    case cJSON_Object:
        n->names = v->u.names;
        break;
    }
    return n;
}

/* An open container while the tree is built: its node, and the entry of
 * its next child still to make (NULL: all made). */
typedef struct open_node {
    json_node *node;
    const jt_value *next;
} open_node;

#define LOCAL_OPEN 32

/* The nodes of every entry below root's, linked under root (made of the
 * tape's first entry).  0, or -1 out of memory. */
static int build_children(const json_tape *t, json_node *root, arena *mem)
{
    open_node local[LOCAL_OPEN], *st = local;
    size_t depth = 0, cap = LOCAL_OPEN;
    int rc = 0;
    st[depth++] = (open_node){ root, jt_child(jt_root(t)) };
    while (depth) {
        open_node *top = &st[depth - 1];
        const jt_value *v = top->next;
        if (!v) {
            depth--;
            continue;
        }
        top->next = jt_next(v);
        json_node *n = node_of(t, v, (top->node->item.type & 0xFF) == cJSON_Object, mem);
        if (!n) {
            rc = -1;
            break;
        }
        tree_link_child(top->node, n);
        if (!jt_child(v))
            continue;
        if (depth == cap) {
            open_node *bigger = malloc(2 * cap * sizeof *bigger);
            if (!bigger) {
                rc = -1;
                break;
            }
            memcpy(bigger, st, depth * sizeof *st);
            if (st != local)
                free(st);
            st = bigger;
            cap *= 2;
        }
        st[depth++] = (open_node){ n, jt_child(v) };
    }
    if (st != local)
        free(st);
    return rc;
}

json_doc *json_tape_tree(const json_tape *t, arena *mem, json_error *err)
{
    json_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    int own = !mem;
    if (!t || !jt_root(t)) {
        err->code = JSON_ERR_EMPTY;
        snprintf(err->message, sizeof err->message, "the tape holds no document");
        return NULL;
    }
    if (own && !(mem = arena_new(0)))
        goto nomem;
    json_doc *doc = arena_alloc(mem, sizeof *doc);
    json_node *root = node_of(t, jt_root(t), 0, mem);
    if (!doc || !root || build_children(t, root, mem) != 0) {
        if (own)
            arena_free(mem);
        goto nomem;
    }
    doc->mem = mem;
    doc->own_arena = own;
    doc->root = &root->item;
    return doc;
nomem:
    err->code = JSON_ERR_NOMEM;
    snprintf(err->message, sizeof err->message, "out of memory");
    return NULL;
}
