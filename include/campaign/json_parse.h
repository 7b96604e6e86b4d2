/* json_parse.h - strict RFC 8259 parser producing cJSON trees (and, for
 * checking only, compact tapes: see below).
 *
 * cJSON's own parser accepts things a contract checker must reject (raw
 * control characters in strings, invalid UTF-8, leading zeros, numbers that
 * overflow to infinity) and forgets where values sit in the source.  This
 * parser builds ordinary cJSON nodes (read them with the cJSON API) but:
 *   - rejects anything outside the RFC 8259 grammar, with line and column;
 *   - optionally rejects duplicate object keys (JSON_PARSE_REJECT_DUPLICATES),
 *     in time linear in the members even when their names are crafted to
 *     collide in the check's hash table (see json_parse.c);
 *   - remembers where each value (and each member's key) starts as a byte
 *     offset, which json_text_position() turns into a line and column for
 *     whoever reports it, and, for numbers, the exact source text (so
 *     integers above 2^53 and decimals compare exactly);
 *   - keeps a string's byte length (strings may contain U+0000);
 *   - allocates every node from the document's arena: free the document
 *     with json_doc_free(), never cJSON_Delete() its nodes.  Do not use
 *     cJSON_Duplicate or cJSON's reference functions on parsed nodes: they
 *     copy the JSON_NODE_PARSED bit into plain cJSON structs, which
 *     json_node_info() would then misread.  Treat a parsed tree as read
 *     only: a member added to a parsed object with the cJSON API is not in
 *     the object's name filter, and json_member() would not find it
 *     (json_copy() gives a tree to change).
 * Nesting deeper than max_depth is an error, never a stack overflow: the
 * parser itself does not recurse. */
#ifndef JSON_PARSE_H
#define JSON_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "arena.h"

#define JSON_DEFAULT_MAX_DEPTH 512

/* Marks nodes built by this parser (bit above cJSON's own type bits; cJSON
 * masks types with 0xFF so it never sees it). */
#define JSON_NODE_PARSED (1 << 12)
/* Set by this parser on a number written as digits alone (no fraction,
 * no exponent): an integer, whose equality with another such number
 * below 2^53 the doubles settle. */
#define JSON_NODE_INTEGER_TEXT (1 << 13)

enum json_parse_flags {
    JSON_PARSE_REJECT_DUPLICATES = 1 << 0, /* duplicate key is an error */
    JSON_PARSE_ALLOW_BOM         = 1 << 1  /* skip a leading UTF-8 BOM */
};

typedef struct json_parse_opts {
    unsigned flags;     /* enum json_parse_flags */
    unsigned max_depth; /* 0 = JSON_DEFAULT_MAX_DEPTH */
} json_parse_opts;

/* Error codes (json_error.code). */
enum json_error_code {
    JSON_OK = 0,
    JSON_ERR_SYNTAX,       /* unexpected character / token / end of input */
    JSON_ERR_TRAILING,     /* something after the JSON value */
    JSON_ERR_CONTROL_CHAR, /* raw U+0000..U+001F inside a string */
    JSON_ERR_UTF8,         /* invalid UTF-8 (overlong, surrogate, truncated...) */
    JSON_ERR_ESCAPE,       /* bad \ escape or lone/unpaired \u surrogate */
    JSON_ERR_NUMBER,       /* bad number syntax (leading zero, "1.", "-", ...) */
    JSON_ERR_RANGE,        /* number overflows a double (1e400) */
    JSON_ERR_DEPTH,        /* nesting deeper than max_depth */
    JSON_ERR_DUPLICATE,    /* duplicate object key (with the flag) */
    JSON_ERR_EMPTY,        /* no value at all (empty or whitespace only) */
    JSON_ERR_NOMEM
};

/* Error position: the offending character (an escape sequence's backslash;
 * the first byte of an invalid UTF-8 sequence; a number's first character
 * for JSON_ERR_RANGE; the second key's opening quote for JSON_ERR_DUPLICATE;
 * the end of input for an unterminated value).
 * A line ends at LF, CRLF or a lone CR.  With JSON_PARSE_ALLOW_BOM a skipped
 * BOM is not counted in columns. */
typedef struct json_error {
    int code;            /* enum json_error_code */
    size_t offset;       /* byte offset of the problem */
    unsigned line, col;  /* 1-based; col counts code points in the line */
    char message[200];   /* e.g. "leading zeros are not allowed in numbers" */
} json_error;

/* Per-node information kept for parsed nodes. */
typedef struct json_node {
    cJSON item;          /* must stay first */
    /* read for every value by validation: next to cJSON's fields */
    uint32_t key_len;    /* object members: key byte length (keys may hold U+0000) */
    uint32_t key_hash;   /* object members: json_key_hash() of the key */
    uint64_t key_word;   /* object members: json_key_word() of the key */
    union {
        size_t len;      /* strings: byte length; numbers: text length */
        uint64_t names;  /* objects: json_key_filter() bits of every member's name */
    };
    /* read when reporting */
    const char *text;    /* numbers: exact source text (NUL-terminated) */
    /* positions: a reader counts a line and column from these and the
     * text (json_text_position), so the parser need not count them for
     * every node */
    uint32_t offset;     /* byte offset of the value's first character in the text */
    uint32_t key_offset; /* object members: of the key's opening quote */
} json_node;

/* A cheap hash of a member name (length and its first and last 8 bytes),
 * computed once by the parser so that schema property lookups compare
 * integers instead of strings.  Equal hashes still need a byte compare. */
static inline uint32_t json_key_hash(const char *k, size_t n)
{
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, k, 8);
        memcpy(&b, k + n - 8, 8);
    } else {
        for (size_t i = 0; i < n; i++) a |= (uint64_t)(unsigned char)k[i] << (8 * i);
        b = a;
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ ((uint64_t)n * 0x165667B19E3779F9ULL);
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* Two bits of a 64-bit filter for a member name's json_key_hash: the
 * parser keeps, for each object, the bits of all its members' names, so a
 * name whose bits are not all there is not a member, and json_member_h()
 * says so without walking the members (in a large document each step
 * past a big member is a trip to memory). */
static inline uint64_t json_key_filter(uint32_t hash)
{
    return ((uint64_t)1 << (hash & 63)) | ((uint64_t)1 << ((hash >> 6) & 63));
}

/* A key's first 8 bytes as a word, zero padded when shorter: with the
 * length, a key of at most 8 bytes compares as one integer (the parser
 * keeps it, so validation need not read the key's bytes). */
static inline uint64_t json_key_word(const char *k, size_t n)
{
    unsigned char b[8] = {0};
    memcpy(b, k, n < 8 ? n : 8);
    uint64_t w;
    memcpy(&w, b, 8);
    return w;
}

typedef struct json_doc {
    arena *mem;       /* owns every node and string */
    int own_arena;    /* 1 when json_doc_free() should free mem */
    cJSON *root;
} json_doc;

/* Parse buf[0..len).  On success returns a document (owned by the caller,
 * free with json_doc_free) and leaves err->code == JSON_OK.  On failure
 * returns NULL and fills *err.  opts may be NULL (defaults: duplicates
 * allowed, no BOM, depth 512).  When mem is not NULL the nodes are taken
 * from it and json_doc_free() leaves it alone (the caller resets it). */
json_doc *json_parse(const char *buf, size_t len, const json_parse_opts *opts,
                     arena *mem, json_error *err);

/* The duplicate-key check's work in one parse with
 * JSON_PARSE_REJECT_DUPLICATES, for tests and benchmarks that compare one
 * document's against another's: it does not depend on the machine. */
typedef struct json_parse_stats {
    size_t key_probes;   /* slots of key tables that lookups looked at */
    size_t keyed_tables; /* tables rebuilt with the keyed hash (crafted keys) */
} json_parse_stats;

/* json_parse, and *stats (when not NULL) gets the parse's work, on
 * success and on failure alike. */
json_doc *json_parse_counted(const char *buf, size_t len, const json_parse_opts *opts,
                             arena *mem, json_error *err, json_parse_stats *stats);

/* Release a document from json_parse: frees its arena when the parser
 * created it; with a caller's arena it does nothing (the caller resets the
 * arena, which also reclaims what a failed parse took from it).  NULL ok. */
void json_doc_free(json_doc *doc);

/* ---- tapes: a compact parse for checking only ------------------------
 *
 * json_tape_parse() reads the same grammar with the same errors as
 * json_parse(), but keeps each value as one 32-byte entry in document
 * order, leaves strings in the input (those with escapes are decoded
 * aside) and keeps no line or column: about a third of a tree's memory,
 * read in order.  It is what checking a large document needs when the
 * document is likely valid: contract_check_tape() and jsv_check_tape()
 * read it, and a document that fails is given a tree with
 * json_tape_tree() to say where and why.  The tape borrows buf: keep it unchanged while
 * the tape is read.  A tape is reused from one parse to the next (its
 * memory stays at its largest); one tape belongs to one thread at a
 * time. */
typedef struct json_tape json_tape;

/* An empty tape, or NULL when out of memory. */
json_tape *json_tape_new(void);
void json_tape_free(json_tape *t);

/* Parse buf[0..len) into t, replacing what it held.  0, or -1 with *err
 * filled exactly as json_parse() fills it (the tape is then empty). */
int json_tape_parse(json_tape *t, const char *buf, size_t len, const json_parse_opts *opts,
                    json_error *err);

/* json_tape_parse, and *stats (when not NULL) as json_parse_counted
 * fills it. */
int json_tape_parse_counted(json_tape *t, const char *buf, size_t len, const json_parse_opts *opts,
                            json_error *err, json_parse_stats *stats);

/* Bytes the last parse filled: entries and decoded strings (for tests and
 * benchmarks, like arena_used). */
size_t json_tape_bytes(const json_tape *t);

/* The tree of the document t holds after a json_tape_parse() that
 * succeeded: the nodes json_parse() makes of the same text with the same
 * flags (byte offsets included), made without reading the text's grammar
 * again (about a third of a parse's work).  The tree copies every string and number text it
 * holds, so it outlives t and buf.  Ownership as json_parse(): nodes from
 * mem when not NULL, else from an arena of the document's own (free with
 * json_doc_free).  NULL with *err filled (err may be NULL) when t holds no
 * document (JSON_ERR_EMPTY) or out of memory (JSON_ERR_NOMEM). */
json_doc *json_tape_tree(const json_tape *t, arena *mem, json_error *err);

/* A position in JSON text: byte offset, line and column (1-based). */
typedef struct json_text_pos {
    size_t offset;
    unsigned line, col;
} json_text_pos;

#define JSON_TEXT_START ((json_text_pos){ 0, 1, 1 })

/* Move *pos to byte offset `at` of text[0..len) and set its line and
 * column, counted as the parser counts them (json_error): a line ends at
 * LF, CRLF or a lone CR, a column counts code points, a leading UTF-8 BOM
 * is not counted.  Counting goes on from *pos when `at` is not before it
 * (start from JSON_TEXT_START), so positions asked for in increasing
 * order cost one pass over the text in all; an offset past the end
 * counts to the end.  The one place an offset (a finding's
 * jsv_finding.offset, a node's json_node.offset or .key_offset) becomes a
 * line and column. */
void json_text_position(const char *text, size_t len, size_t at, json_text_pos *pos);

/* Parsed-node information, or NULL for a node not built by json_parse. */
static inline const json_node *json_node_info(const cJSON *item)
{
    return (item && (item->type & JSON_NODE_PARSED)) ? (const json_node *)item : NULL;
}

/* Byte length of a string node (works for any cJSON string node). */
static inline size_t json_string_len(const cJSON *item)
{
    if (!item || !item->valuestring) return 0;
    const json_node *n = json_node_info(item);
    if (n && (item->type & 0xFF) == cJSON_String) return n->len;
    return strlen(item->valuestring);
}

/* s[0..len) for a message or a JSON Pointer, where a C string is wanted:
 * NULL when it holds no U+0000 (use s itself), else a malloc'd copy
 * (free()) with each U+0000 written as the six characters \u0000, so the
 * text is neither cut at it nor printed with a raw NUL.  NULL also when
 * out of memory. */
char *json_escape_nul(const char *s, size_t len);
/* The same text written into out, which has room for 6 * len + 1 bytes;
 * returns its length (out is terminated). */
size_t json_escape_nul_into(char *out, const char *s, size_t len);

/* Is string node v exactly the text s (its whole bytes: a parsed
 * "a\u0000b" is not "a")?  0 for a node that is no string. */
static inline int json_string_is(const cJSON *v, const char *s)
{
    if (!v || (v->type & 0xFF) != cJSON_String || !v->valuestring) return 0;
    size_t n = strlen(s);
    return json_string_len(v) == n && memcmp(v->valuestring, s, n) == 0;
}

/* A member's key hash (json_key_hash) and byte length: kept by the parser
 * for its nodes, computed for any other node. */
static inline uint32_t json_member_key(const cJSON *m, uint32_t *len)
{
    const json_node *n = json_node_info(m);
    if (n) { *len = n->key_len; return n->key_hash; }
    size_t l = strlen(m->string);
    *len = (uint32_t)l;
    return json_key_hash(m->string, l);
}

/* Byte length of member m's name: the parser's key_len for its nodes
 * (a parsed key may hold U+0000), strlen for any other node. */
static inline size_t json_key_len(const cJSON *m)
{
    const json_node *n = json_node_info(m);
    return n ? n->key_len : strlen(m->string);
}

/* Is member m named exactly name[0..len)?  Whole names are compared, so
 * a key "a\u0000b" is neither "a" nor "a\u0000c". */
static inline int json_key_is_n(const cJSON *m, const char *name, size_t len)
{
    return m->string && json_key_len(m) == len && memcmp(m->string, name, len) == 0;
}

/* json_key_is_n for a NUL-terminated name: how code compares a member
 * with a name it knows (never strcmp on m->string, which stops at a
 * U+0000 and so reads "name\u0000x" as "name"). */
static inline int json_key_is(const cJSON *m, const char *name)
{
    return json_key_is_n(m, name, strlen(name));
}

/* Do members a and b have the same name, byte for byte? */
static inline int json_same_key(const cJSON *a, const cJSON *b)
{
    return json_key_is_n(a, b->string, json_key_len(b));
}

/* The member of obj named name[0..len) whose json_key_hash is hash, or NULL
 * (also when obj is not an object).  Compares integers before bytes, so it
 * is the lookup to use on parsed documents.  Names are compared whole
 * (json_key_is_n). */
const cJSON *json_member_h(const cJSON *obj, const char *name, size_t len, uint32_t hash);

/* json_member_h for a NUL-terminated name: the member lookup for any tree
 * (parsed or not) in place of cJSON_GetObjectItem*, which compare names
 * as C strings. */
const cJSON *json_member(const cJSON *obj, const char *name);

/* json_member_h for name[0..len) (a name that may hold U+0000). */
const cJSON *json_member_n(const cJSON *obj, const char *name, size_t len);

/* A deep copy made of ordinary cJSON_Create* nodes (free with cJSON_Delete),
 * for keeping any part of a parsed tree past its document - use it where
 * cJSON_Duplicate would copy the parser's bits.  NULL when v is NULL or out
 * of memory.
 * A cJSON string is a C string and cannot hold U+0000, so the copy writes
 * each U+0000 of a string or a member name as the two bytes C0 80 (the
 * "modified UTF-8" of Java's DataOutput; no valid UTF-8 holds them, so
 * nothing the parser accepts reads alike): "a\u0000b" stays a text of its
 * own, never "a", and json_print() writes it back as "a\u0000b". */
cJSON *json_copy(const cJSON *v);

/* The compact JSON text of v (a parsed tree or one made by json_copy or
 * the cJSON API), malloc'd (free()), or NULL when out of memory: what
 * cJSON_PrintUnformatted writes, with the bytes C0 80 inside strings and
 * names written as \u0000 (see json_copy).  json_print_pretty: the same
 * laid out as cJSON_Print lays it out. */
char *json_print(const cJSON *v);
char *json_print_pretty(const cJSON *v);

/* s[0..len) (a parsed string or name, which may hold U+0000) as json_copy
 * writes a text: a malloc'd C string with each U+0000 as C0 80, for code
 * that builds cJSON trees of its own.  NULL when out of memory. */
char *json_c_text(const char *s, size_t len);

/* The reverse, in place: each C0 80 of the C string s becomes U+0000;
 * returns the byte length of the result (which stays terminated). */
size_t json_c_text_bytes(char *s);

/* Exact source text of a number node, or NULL when not known. */
const char *json_number_text(const cJSON *item);

#endif
