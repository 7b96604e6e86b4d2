/* json_util.c - copy, compare, pointer lookup. */
#include "json_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ct_json_type(const cJSON *v)
{
    return v ? (v->type & 0xFF) : cJSON_Invalid;
}

cJSON *ct_json_copy(const cJSON *v)
{
    cJSON *out = NULL;
    switch (ct_json_type(v)) {
    case cJSON_False: return cJSON_CreateFalse();
    case cJSON_True: return cJSON_CreateTrue();
    case cJSON_NULL: return cJSON_CreateNull();
    case cJSON_Number: return cJSON_CreateNumber(v->valuedouble);
    case cJSON_String: return cJSON_CreateString(v->valuestring ? v->valuestring : "");
    case cJSON_Raw: return cJSON_CreateRaw(v->valuestring ? v->valuestring : "");
    case cJSON_Array:
        out = cJSON_CreateArray();
        for (const cJSON *c = v->child; out && c; c = c->next) {
            cJSON *cc = ct_json_copy(c);
            if (!cc) { cJSON_Delete(out); return NULL; }
            cJSON_AddItemToArray(out, cc);
        }
        return out;
    case cJSON_Object:
        out = cJSON_CreateObject();
        for (const cJSON *c = v->child; out && c; c = c->next) {
            cJSON *cc = ct_json_copy(c);
            if (!cc) { cJSON_Delete(out); return NULL; }
            cJSON_AddItemToObject(out, c->string ? c->string : "", cc);
        }
        return out;
    default:
        return NULL;
    }
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string && strcmp(c->string, key) == 0) return c;
    return NULL;
}

int ct_json_equal(const cJSON *a, const cJSON *b)
{
    int ta = ct_json_type(a), tb = ct_json_type(b);
    if (ta != tb) return 0;
    switch (ta) {
    case cJSON_False: case cJSON_True: case cJSON_NULL: return 1;
    case cJSON_Number: return a->valuedouble == b->valuedouble;
    case cJSON_String: return strcmp(a->valuestring, b->valuestring) == 0;
    case cJSON_Array: {
        const cJSON *x = a->child, *y = b->child;
        for (; x && y; x = x->next, y = y->next)
            if (!ct_json_equal(x, y)) return 0;
        return !x && !y;
    }
    case cJSON_Object: {
        size_t na = 0, nb = 0;
        for (const cJSON *x = a->child; x; x = x->next) {
            na++;
            const cJSON *y = member(b, x->string ? x->string : "");
            if (!y || !ct_json_equal(x, y)) return 0;
        }
        for (const cJSON *y = b->child; y; y = y->next) nb++;
        return na == nb;
    }
    default: return 0;
    }
}

int ct_pointer_valid(const char *s)
{
    if (*s == '\0') return 1;
    if (*s != '/') return 0;
    for (; *s; s++)
        if (*s == '~' && s[1] != '0' && s[1] != '1') return 0;
    return 1;
}

const cJSON *ct_pointer_get(const cJSON *root, const char *p)
{
    if (!root || !ct_pointer_valid(p)) return NULL;
    const cJSON *cur = root;
    while (*p) {
        p++; /* skip '/' */
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *tok = malloc(n + 1);
        if (!tok) return NULL;
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '~') { tok[k++] = p[i + 1] == '0' ? '~' : '/'; i++; }
            else tok[k++] = p[i];
        }
        tok[k] = '\0';
        const cJSON *next = NULL;
        if (ct_json_type(cur) == cJSON_Object) {
            next = member(cur, tok);
        } else if (ct_json_type(cur) == cJSON_Array) {
            int ok = k > 0 && (k == 1 || tok[0] != '0');
            for (size_t i = 0; i < k; i++) if (tok[i] < '0' || tok[i] > '9') ok = 0;
            if (ok && k < 10) {
                long idx = strtol(tok, NULL, 10);
                next = cur->child;
                for (long i = 0; next && i < idx; i++) next = next->next;
            }
        }
        free(tok);
        if (!next) return NULL;
        cur = next;
        p += n;
    }
    return cur;
}

char *ct_json_text(const cJSON *v)
{
    cJSON *c = ct_json_copy(v);
    if (!c) return NULL;
    char *s = cJSON_PrintUnformatted(c);
    cJSON_Delete(c);
    return s;
}

const char *ct_json_type_name(const cJSON *v)
{
    switch (ct_json_type(v)) {
    case cJSON_False: case cJSON_True: return "boolean";
    case cJSON_NULL: return "null";
    case cJSON_Number:
        return (isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble)) ? "integer" : "number";
    case cJSON_String: return "string";
    case cJSON_Array: return "array";
    case cJSON_Object: return "object";
    default: return "invalid";
    }
}

size_t ct_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}
