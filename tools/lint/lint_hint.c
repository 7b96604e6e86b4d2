/* lint_hint.c - "did you mean" for unknown properties.
 *
 * The API mixes camelCase and snake_case (creativeIds is creative_ids,
 * storefrontId is storefrontIds), so names are compared with case, '_'
 * and '-' ignored, by edit distance.  Candidates come first from the
 * schema object the finding's absolute keyword location names (the
 * properties that object declares), then from every property name any
 * loaded schema declares. */
#include "lint.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "campaign/json_parse.h"

#define MAX_NAME 128 /* longer names are never compared */

struct lint_hints {
    char **paths;       /* the schema files, read at the first suggestion */
    size_t npaths;
    int loaded;
    json_doc **docs;    /* parsed schema documents (strictly: names whole) */
    size_t ndocs;
    const char **names; /* every declared property name, sorted, unique */
    size_t nnames, cap;
    char **shown;       /* names holding U+0000, written \u0000 (owned) */
    size_t nshown, capshown;
};

static int add_name(lint_hints *h, const char *name)
{
    if (h->nnames == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 256;
        const char **p = realloc(h->names, cap * sizeof *p);
        if (!p)
            return -1;
        h->names = p;
        h->cap = cap;
    }
    h->names[h->nnames++] = name;
    return 0;
}

/* Declared name m as a hint shows it: the name, or one holding U+0000
 * with it written \u0000 (kept in h), never cut there. */
static const char *shown_name(lint_hints *h, const cJSON *m)
{
    char *e = json_escape_nul(m->string, json_key_len(m));
    if (!e)
        return m->string;
    if (h->nshown == h->capshown) {
        size_t cap = h->capshown ? h->capshown * 2 : 8;
        char **p = realloc(h->shown, cap * sizeof *p);
        if (!p) {
            free(e);
            return NULL;
        }
        h->shown = p;
        h->capshown = cap;
    }
    return h->shown[h->nshown++] = e;
}

/* Collect the keys of every "properties" object in the tree. */
static int collect(lint_hints *h, const cJSON *node)
{
    const cJSON *c;
    if (cJSON_IsObject(node)) {
        const cJSON *props = json_member(node, "properties");
        if (cJSON_IsObject(props))
            cJSON_ArrayForEach(c, props) {
                const char *name = shown_name(h, c);
                if (!name || add_name(h, name) != 0)
                    return -1;
            }
    }
    if (cJSON_IsObject(node) || cJSON_IsArray(node))
        cJSON_ArrayForEach(c, node)
            if (collect(h, c) != 0)
                return -1;
    return 0;
}

/* The schema document at path, parsed (the tree owns its strings), or
 * NULL. */
static json_doc *read_doc(const char *path)
{
    char *buf;
    size_t len;
    json_error err;
    if (lint_read_file(path, LINT_MAX_INPUT, &buf, &len) != 0)
        return NULL;
    json_doc *doc = json_parse(buf, len, NULL, NULL, &err);
    free(buf);
    return doc;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

lint_hints *lint_hints_new(const char *const *paths, size_t n)
{
    lint_hints *h = calloc(1, sizeof *h);
    if (!h || !(h->paths = calloc(n ? n : 1, sizeof *h->paths)))
        goto fail;
    for (; h->npaths < n; h->npaths++)
        if (!(h->paths[h->npaths] = strdup(paths[h->npaths])))
            goto fail;
    return h;
fail:
    lint_hints_free(h);
    return NULL;
}

/* Parse the schema files and collect their names, once; -1 when out of
 * memory (the hints then stay empty). */
static int load(lint_hints *h)
{
    if (h->loaded)
        return h->docs ? 0 : -1;
    h->loaded = 1;
    if (!(h->docs = calloc(h->npaths ? h->npaths : 1, sizeof *h->docs)))
        return -1;
    for (size_t i = 0; i < h->npaths; i++) {
        json_doc *doc = read_doc(h->paths[i]);
        if (!doc)
            continue; /* not a schema we can read: no hints from it */
        h->docs[h->ndocs++] = doc;
        if (collect(h, doc->root) != 0) {
            h->nnames = 0;
            return -1;
        }
    }
    if (h->nnames) {
        size_t k = 0;
        qsort(h->names, h->nnames, sizeof *h->names, by_string);
        for (size_t i = 0; i < h->nnames; i++)
            if (k == 0 || strcmp(h->names[k - 1], h->names[i]) != 0)
                h->names[k++] = h->names[i];
        h->nnames = k;
    }
    return 0;
}

void lint_hints_free(lint_hints *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->ndocs; i++)
        json_doc_free(h->docs[i]);
    for (size_t i = 0; i < h->nshown; i++)
        free(h->shown[i]);
    free(h->shown);
    for (size_t i = 0; i < h->npaths; i++)
        free(h->paths[i]);
    free(h->paths);
    free(h->docs);
    free(h->names);
    free(h);
}

/* Lower-case s without '_' and '-' into out; its length, or SIZE_MAX when
 * longer than MAX_NAME. */
static size_t normalize(const char *s, char out[MAX_NAME])
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '_' || *s == '-')
            continue;
        if (n == MAX_NAME)
            return SIZE_MAX;
        out[n++] = (char)tolower((unsigned char)*s);
    }
    return n;
}

size_t lint_name_distance(const char *a, const char *b)
{
    char x[MAX_NAME], y[MAX_NAME];
    size_t row[MAX_NAME + 1];
    size_t n = normalize(a, x), m = normalize(b, y);
    if (n == SIZE_MAX || m == SIZE_MAX)
        return SIZE_MAX;
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* How far a suggestion may be: a typo or two, fewer for short names. */
static size_t allowed(const char *name)
{
    char buf[MAX_NAME];
    size_t n = normalize(name, buf);
    return n == SIZE_MAX ? 0 : n <= 4 ? 1 : n <= 12 ? 2 : 3;
}

typedef struct best {
    const char *name;
    size_t distance;
} best;

static void consider(best *b, const char *candidate, const char *name)
{
    if (strcmp(candidate, name) == 0)
        return; /* declared elsewhere, not here: no use suggesting it */
    size_t d = lint_name_distance(candidate, name);
    if (d < b->distance) {
        b->name = candidate;
        b->distance = d;
    }
}

/* Decode a URI fragment's %XX escapes and a JSON Pointer token's ~0/~1. */
static size_t token(const char *s, size_t n, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < size; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < n) {
            char hex[3] = { s[i + 1], s[i + 2], 0 };
            char *end;
            long v = strtol(hex, &end, 16);
            if (!*end) {
                c = (char)v;
                i += 2;
            }
        } else if (c == '~' && i + 1 < n && (s[i + 1] == '0' || s[i + 1] == '1')) {
            c = s[++i] == '0' ? '~' : '/';
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* The "properties" object declared at an absolute keyword location, or
 * NULL: the location may name a schema object or its "properties". */
static const cJSON *properties_at(const lint_hints *h, const char *location)
{
    const char *hash = location ? strchr(location, '#') : NULL;
    const cJSON *node = NULL;
    if (!hash)
        return NULL;
    size_t ulen = (size_t)(hash - location);
    for (size_t i = 0; i < h->ndocs && !node; i++) {
        const cJSON *id = json_member(h->docs[i]->root, "$id");
        if (cJSON_IsString(id) && strlen(id->valuestring) >= ulen &&
            strncmp(id->valuestring, location, ulen) == 0 &&
            (id->valuestring[ulen] == '\0' || strcmp(id->valuestring + ulen, "#") == 0))
            node = h->docs[i]->root;
    }
    const char *p = hash + 1;
    while (node && *p == '/') {
        const char *end = strchr(p + 1, '/');
        size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
        char tok[256];
        token(p + 1, n, tok, sizeof tok);
        if (cJSON_IsObject(node))
            node = json_member(node, tok);
        else if (cJSON_IsArray(node))
            node = cJSON_GetArrayItem(node, atoi(tok));
        else
            node = NULL;
        p += n + 1;
        if (*p == '\0' && node && strcmp(tok, "properties") == 0)
            return cJSON_IsObject(node) ? node : NULL;
        if (*p == '\0' && node && strcmp(tok, "additionalProperties") == 0)
            return NULL; /* the caller asks again for the schema object */
    }
    if (!node || *p)
        return NULL;
    node = json_member(node, "properties");
    return cJSON_IsObject(node) ? node : NULL;
}

/* properties_at for a location that may end in /additionalProperties. */
static const cJSON *declared_at(const lint_hints *h, const char *location)
{
    static const char tail[] = "/additionalProperties";
    size_t n = location ? strlen(location) : 0, t = sizeof tail - 1;
    if (n <= t || strcmp(location + n - t, tail) != 0)
        return properties_at(h, location);
    char *owner = strndup(location, n - t);
    const cJSON *props = owner ? properties_at(h, owner) : NULL;
    free(owner);
    return props;
}

const char *lint_hints_suggest(lint_hints *h, const char *abs_location, const char *name)
{
    best b = { NULL, SIZE_MAX };
    size_t limit = allowed(name);
    if (!h || !limit || load(h) != 0)
        return NULL;
    const cJSON *props = declared_at(h, abs_location), *c;
    cJSON_ArrayForEach(c, props)
        if (json_key_len(c) == strlen(c->string)) /* one holding U+0000: as shown in names */
            consider(&b, c->string, name);
    if (b.name && b.distance <= limit)
        return b.name;
    b = (best){ NULL, SIZE_MAX };
    for (size_t i = 0; i < h->nnames; i++)
        consider(&b, h->names[i], name);
    return b.name && b.distance <= limit ? b.name : NULL;
}
