/* json_tape.h - the layout of a json_tape (see json_parse.h), for the
 * walks that read one (internal to the library).
 *
 * A tape is the document's values in document order, one 32-byte entry
 * each: a container's first child is the entry right after it, and each
 * child says how far ahead its next sibling is.  Strings are not copied:
 * an entry gives the offset and length of the bytes between the quotes in
 * the input, or, for a string with escapes, of its decoded bytes in the
 * tape's side buffer.  Neither is NUL-terminated; a string may hold U+0000.
 * A number keeps its double and where its source text is (the value's
 * input offset and, up to 65535 bytes, the text's length), for exact
 * comparisons.
 *
 * The walks hold entries by pointer (const jt_value *) and need the tape
 * itself only for string bytes: jt_child() and jt_next() step by the
 * entries alone. */
#ifndef JSON_TAPE_H
#define JSON_TAPE_H

#include <stddef.h>
#include <stdint.h>
#include "json_parse.h"

/* jt_value.flags */
enum {
    JT_INTEGER_TEXT = 1 << 0, /* numbers: written as digits alone (JSON_NODE_INTEGER_TEXT) */
    JT_STR_DECODED  = 1 << 1, /* strings: bytes in the side buffer, not the input */
    JT_KEY_DECODED  = 1 << 2, /* members: the key's bytes in the side buffer */
    JT_NONEMPTY     = 1 << 3  /* arrays and objects: the next entry is the first child */
};

typedef struct jt_value {
    uint8_t type;      /* cJSON's type bits: cJSON_False ... cJSON_Object */
    uint8_t flags;     /* JT_* */
    uint16_t text_len; /* numbers: the source text's length, 0 when longer than 65535 */
    uint32_t next;     /* entries from this one to its next sibling, 0 for the last child */
    uint32_t key_len;  /* members: in json_node's order, so kw_key_id-style */
    uint32_t key_hash; /* compares read (len, hash) as one word; json_key_hash() */
    uint32_t key_off;  /* members: the key's bytes (see JT_KEY_DECODED) */
    uint32_t pos;      /* byte offset of the value's first character in the input */
    union {
        double num;                         /* numbers */
        struct { uint32_t off, len; } str;  /* strings (see JT_STR_DECODED) */
        uint64_t names;                     /* objects: json_key_filter() bits of the members' names */
        uint64_t count;                     /* arrays: how many elements */
    } u;
} jt_value;

struct json_tape {
    jt_value *v;          /* v[0] is the root */
    size_t n, cap;
    char *decoded;        /* side buffer: decoded strings with escapes */
    size_t ndecoded, capdecoded;
    const char *input;    /* the parsed text (borrowed) */
    size_t input_len;
};

static inline const jt_value *jt_root(const json_tape *t) { return t->n ? &t->v[0] : NULL; }

/* First child of an array or object, or NULL. */
static inline const jt_value *jt_child(const jt_value *v)
{
    return (v->flags & JT_NONEMPTY) ? v + 1 : NULL;
}

/* Next sibling, or NULL. */
static inline const jt_value *jt_next(const jt_value *v)
{
    return v->next ? v + v->next : NULL;
}

/* A string's bytes (len in v->u.str.len). */
static inline const char *jt_str(const json_tape *t, const jt_value *v)
{
    return ((v->flags & JT_STR_DECODED) ? t->decoded : t->input) + v->u.str.off;
}

/* A member's key bytes (len in v->key_len). */
static inline const char *jt_key(const json_tape *t, const jt_value *v)
{
    return ((v->flags & JT_KEY_DECODED) ? t->decoded : t->input) + v->key_off;
}

/* The member of object obj named name[0..len) with json_key_hash hash,
 * or NULL (also when obj is not an object). */
const jt_value *jt_member_h(const json_tape *t, const jt_value *obj, const char *name, size_t len,
                            uint32_t hash);

/* jt_member_h for a NUL-terminated name. */
const jt_value *jt_member(const json_tape *t, const jt_value *obj, const char *name);

/* The source text of a number: its first byte and length (*len). */
const char *jt_number_text(const json_tape *t, const jt_value *v, size_t *len);

#endif
