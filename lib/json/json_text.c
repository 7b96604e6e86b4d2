/* json_text.c - text of parsed JSON outside the parser (see json_parse.h):
 * copies into plain cJSON nodes, printing, and the C-string form of a
 * text that may hold U+0000.
 *
 * A cJSON string is a C string: it ends at its first NUL.  A parsed
 * string or member name may hold U+0000, so wherever parsed text becomes
 * a C string it is written in modified UTF-8 (U+0000 as the two bytes
 * C0 80, which no valid UTF-8 holds), and printing writes such a pair
 * back as \u0000. */
#include "json_parse.h"

#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

size_t json_escape_nul_into(char *out, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i]) { out[n++] = s[i]; continue; }
        memcpy(out + n, "\\u0000", 6);
        n += 6;
    }
    out[n] = '\0';
    return n;
}

char *json_escape_nul(const char *s, size_t len)
{
    if (!memchr(s, '\0', len)) return NULL;
    char *o = malloc(6 * len + 1);
    if (o) json_escape_nul_into(o, s, len);
    return o;
}

/* Modified UTF-8 (see json_copy): U+0000 as the two bytes C0 80. */
#define MUTF8_NUL "\xC0\x80"

/* s[0..len) as a C string for a cJSON node: s itself when it holds no
 * U+0000 (it is terminated: the parser's strings and keys are), else a
 * malloc'd copy in modified UTF-8 (*owned set; the caller frees it). */
static const char *c_text(const char *s, size_t len, char **owned)
{
    *owned = NULL;
    if (!memchr(s, '\0', len)) return s;
    char *o = malloc(2 * len + 1);
    if (!o) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i]) { o[n++] = s[i]; continue; }
        memcpy(o + n, MUTF8_NUL, 2);
        n += 2;
    }
    o[n] = '\0';
    return *owned = o;
}

static cJSON *copy_string(const cJSON *v)
{
    char *owned = NULL;
    const char *s = v->valuestring ? c_text(v->valuestring, json_string_len(v), &owned) : "";
    cJSON *out = s ? cJSON_CreateString(s) : NULL;
    free(owned);
    return out;
}

/* Add copy cc of member c to object out under c's whole name; 0 when out
 * of memory (cc is then freed). */
static int copy_member(cJSON *out, const cJSON *c, cJSON *cc)
{
    char *owned = NULL;
    const char *k = c->string ? c_text(c->string, json_key_len(c), &owned) : "";
    int ok = k && cJSON_AddItemToObject(out, k, cc);
    free(owned);
    if (!ok) cJSON_Delete(cc);
    return ok;
}

cJSON *json_copy(const cJSON *v)
{
    cJSON *out = NULL;
    switch (v ? v->type & 0xFF : cJSON_Invalid) {
    case cJSON_False: return cJSON_CreateFalse();
    case cJSON_True: return cJSON_CreateTrue();
    case cJSON_NULL: return cJSON_CreateNull();
    case cJSON_Number: return cJSON_CreateNumber(v->valuedouble);
    case cJSON_String: return copy_string(v);
    case cJSON_Raw: return cJSON_CreateRaw(v->valuestring ? v->valuestring : "");
    case cJSON_Array: out = cJSON_CreateArray(); break;
    case cJSON_Object: out = cJSON_CreateObject(); break;
    default: return NULL;
    }
    for (const cJSON *c = v->child; out && c; c = c->next) {
        cJSON *cc = json_copy(c);
        if (!cc) { cJSON_Delete(out); return NULL; }
        if (cJSON_IsArray(out)) cJSON_AddItemToArray(out, cc);
        else if (!copy_member(out, c, cc)) {
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

char *json_c_text(const char *s, size_t len)
{
    char *owned;
    const char *t = c_text(s, len, &owned);
    return owned ? owned : t ? strndup(t, len) : NULL;
}

size_t json_c_text_bytes(char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (p[0] == MUTF8_NUL[0] && p[1] == MUTF8_NUL[1]) { s[n++] = '\0'; p++; }
        else s[n++] = *p;
    }
    s[n] = '\0';
    return n;
}

/* 1 when cJSON would print the number d as a text that reads back as
 * another number: it tries 15 significant digits and keeps them when they
 * read back within a relative DBL_EPSILON, so 2^53 (9007199254740992)
 * would be written 9.00719925474099e+15, which is 9007199254740990. */
static int lossy_number(double d)
{
    char buf[64];
    if (!isfinite(d)) return 0;
    snprintf(buf, sizeof buf, "%1.15g", d);
    return strtod(buf, NULL) != d;
}

static int has_lossy_number(const cJSON *v)
{
    if (cJSON_IsNumber(v)) return lossy_number(v->valuedouble);
    for (const cJSON *c = v ? v->child : NULL; c; c = c->next)
        if (has_lossy_number(c)) return 1;
    return 0;
}

/* In a copy made by json_copy: each number cJSON would print lossily
 * becomes raw text of the shortest %g form that reads back exactly.
 * 0 when out of memory. */
static int exact_numbers(cJSON *v)
{
    for (cJSON *c = v->child; c; c = c->next) {
        if (!cJSON_IsNumber(c)) {
            if (!exact_numbers(c)) return 0;
            continue;
        }
        if (!lossy_number(c->valuedouble)) continue;
        char buf[64];
        for (int prec = 16; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%1.*g", prec, c->valuedouble);
            if (strtod(buf, NULL) == c->valuedouble) break;
        }
        char *raw = cJSON_malloc(strlen(buf) + 1);
        if (!raw) return 0;
        memcpy(raw, buf, strlen(buf) + 1);
        c->type = cJSON_Raw;
        c->valuestring = raw;
    }
    return 1;
}

/* cJSON's text of v, formatted or not, with C0 80 as \u0000 and every
 * number written so that it reads back as the same number. */
static char *print_text(const cJSON *v, int pretty)
{
    cJSON *copy = NULL;
    int lossy = has_lossy_number(v);
    if ((json_node_info(v) || lossy) && !(copy = json_copy(v))) return NULL;
    if (lossy && !exact_numbers(copy)) { cJSON_Delete(copy); return NULL; }
    if (lossy && cJSON_IsNumber(copy)) {   /* a lone number */
        char buf[64];
        snprintf(buf, sizeof buf, "%1.17g", copy->valuedouble);
        cJSON_Delete(copy);
        size_t n = strlen(buf) + 1;
        char *t = malloc(n);
        if (t) memcpy(t, buf, n);
        return t;
    }
    const cJSON *w = copy ? copy : v;
    char *text = pretty ? cJSON_Print(w) : cJSON_PrintUnformatted(w);
    cJSON_Delete(copy);
    if (!text) return NULL;
    size_t nul = 0;
    for (const char *p = text; (p = strstr(p, MUTF8_NUL)); p += 2) nul++;
    if (!nul) return text;
    /* each two bytes become the six of \u0000 */
    char *out = malloc(strlen(text) + 4 * nul + 1), *o = out;
    if (out) {
        for (const char *p = text, *q;; p = q + 2) {
            q = strstr(p, MUTF8_NUL);
            size_t k = q ? (size_t)(q - p) : strlen(p);
            memcpy(o, p, k);
            o += k;
            if (!q) break;
            memcpy(o, "\\u0000", 6);
            o += 6;
        }
        *o = '\0';
    }
    cJSON_free(text);
    return out;
}

char *json_print(const cJSON *v)
{
    return print_text(v, 0);
}

char *json_print_pretty(const cJSON *v)
{
    return print_text(v, 1);
}
