/* case_vars.c - variable store and ${...} expansion. */
#include "case_vars.h"
#include "json_util.h"
#include "campaign/strbuf.h"
#include "campaign/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct var { char *name; cJSON *value; } var;

struct ct_vars {
    var *v;
    size_t n;
    size_t total;           /* json_size() of every value held */
    char unique_id[37];
    time_t now;
};

static const char *const reserved[] = { "uuid", "uniqueId", "now", "date", "env" };

void ct_uuid4(char out[37])
{
    unsigned char b[16];
    if (getentropy(b, sizeof b) != 0) {
        /* No entropy source: fall back to time and address bits; ids only
         * need to differ between runs, not to be secret. */
        unsigned long x = (unsigned long)time(NULL) ^ (unsigned long)(size_t)out ^ (unsigned long)getpid();
        for (int i = 0; i < 16; i++) { x = x * 6364136223846793005UL + 1442695040888963407UL; b[i] = (unsigned char)(x >> 56); }
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* Rough bytes a value takes (its text, plus a little per node). */
static size_t json_size(const cJSON *v)
{
    size_t n = 16 + (v->string ? strlen(v->string) : 0);
    if (ct_json_type(v) == cJSON_String && v->valuestring) n += strlen(v->valuestring);
    for (const cJSON *c = (ct_json_type(v) == cJSON_Array || ct_json_type(v) == cJSON_Object) ? v->child : NULL; c; c = c->next)
        n += json_size(c);
    return n;
}

ct_vars *ct_vars_new(const char *unique_id, time_t now)
{
    ct_vars *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    if (unique_id) snprintf(v->unique_id, sizeof v->unique_id, "%s", unique_id);
    else ct_uuid4(v->unique_id);
    v->now = now;
    return v;
}

void ct_vars_free(ct_vars *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) { free(v->v[i].name); cJSON_Delete(v->v[i].value); }
    free(v->v);
    free(v);
}

int ct_vars_name_ok(const char *name)
{
    if (!name || !(isalpha((unsigned char)*name) || *name == '_')) return 0;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_')) return 0;
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (strcmp(name, reserved[i]) == 0) return 0;
    return 1;
}

int ct_vars_set(ct_vars *v, const char *name, const cJSON *value)
{
    if (!ct_vars_name_ok(name)) return -1;
    size_t size = json_size(value), old = 0;
    var *same = NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i].name, name) == 0) { same = &v->v[i]; old = json_size(same->value); }
    if (v->total - old + size > CT_MAX_VARS_TOTAL) return -2;
    cJSON *copy = json_copy(value);
    if (!copy) return -1;
    v->total = v->total - old + size;
    if (same) {
        cJSON_Delete(same->value);
        same->value = copy;
        return 0;
    }
    var *nv = realloc(v->v, (v->n + 1) * sizeof *nv);
    if (!nv) { cJSON_Delete(copy); return -1; }
    v->v = nv;
    v->v[v->n].name = strdup(name);
    if (!v->v[v->n].name) { cJSON_Delete(copy); v->total -= size; return -1; }
    v->v[v->n].value = copy;
    v->n++;
    return 0;
}

const cJSON *ct_vars_get(const ct_vars *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i].name, name) == 0) return v->v[i].value;
    return NULL;
}

/* Parse an offset "[+-]N<unit>" into seconds.  0 ok, -1 bad. */
static int parse_offset(const char *s, long long *secs)
{
    if (*s != '+' && *s != '-') return -1;
    int neg = *s == '-';
    s++;
    if (!isdigit((unsigned char)*s)) return -1;
    long long n = 0;
    while (isdigit((unsigned char)*s)) {
        n = n * 10 + (*s - '0');
        if (n > 100000000LL) return -1;
        s++;
    }
    long long mul;
    switch (*s) {
    case 's': mul = 1; break;
    case 'm': mul = 60; break;
    case 'h': mul = 3600; break;
    case 'd': mul = 86400; break;
    case 'w': mul = 7 * 86400; break;
    default: return -1;
    }
    if (s[1] != '\0') return -1;
    *secs = (neg ? -n : n) * mul;
    return 0;
}

static int env_name_ok(const char *s)
{
    if (!(isalpha((unsigned char)*s) || *s == '_')) return 0;
    for (; *s; s++) if (!(isalnum((unsigned char)*s) || *s == '_')) return 0;
    return 1;
}

/* The clock references ${now[:OFFSET]} and ${date[:OFFSET]}: the same
 * offset syntax, only the printed form differs. */
typedef struct clock_kind {
    const char *name;   /* the keyword in ${...} */
    const char *what;   /* what the offset shifts, for messages */
    const char *fmt;    /* strftime format, in UTC */
} clock_kind;

static const clock_kind clocks[] = {
    { "now", "time", "%Y-%m-%dT%H:%M:%SZ" },
    { "date", "date", "%Y-%m-%d" },
};

/* ref is k->name followed by NUL or ':'.  Check the offset and, when v
 * is not NULL, append the shifted clock.  0 ok, -1 with err. */
static int clock_ref(const ct_vars *v, const char *ref, const clock_kind *k,
                     strbuf *out, char *err, size_t errlen)
{
    size_t kl = strlen(k->name);
    long long off = 0;
    if (ref[kl] == ':' && parse_offset(ref + kl + 1, &off) != 0) {
        snprintf(err, errlen, "bad %s offset in ${%s} (want e.g. ${%s:+7d}; units s, m, h, d, w)",
                 k->what, ref, k->name);
        return -1;
    }
    if (v) {
        time_t t = v->now + (time_t)off;
        struct tm tm;
        char buf[40];
        gmtime_r(&t, &tm);
        strftime(buf, sizeof buf, k->fmt, &tm);
        sb_puts(out, buf);
    }
    return 0;
}

/* Check one reference body (between "${" and "}"); when v is not NULL,
 * append its expansion to out.  0 ok, -1 with err. */
static int one_ref(const ct_vars *v, const char *ref, strbuf *out, char *err, size_t errlen)
{
    if (strncmp(ref, "env:", 4) == 0) {
        if (!env_name_ok(ref + 4)) { snprintf(err, errlen, "bad environment variable name in ${%s}", ref); return -1; }
        if (!v) return 0;
        const char *e = getenv(ref + 4);
        if (!e) { snprintf(err, errlen, "environment variable %s is not set (${%s})", ref + 4, ref); return -1; }
        sb_puts(out, e);
        return 0;
    }
    if (strcmp(ref, "uuid") == 0) {
        if (v) { char u[37]; ct_uuid4(u); sb_puts(out, u); }
        return 0;
    }
    if (strcmp(ref, "uniqueId") == 0) {
        if (v) sb_puts(out, v->unique_id);
        return 0;
    }
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        size_t kl = strlen(clocks[i].name);
        if (strncmp(ref, clocks[i].name, kl) == 0 && (ref[kl] == '\0' || ref[kl] == ':'))
            return clock_ref(v, ref, &clocks[i], out, err, errlen);
    }
    if (!ct_vars_name_ok(ref)) { snprintf(err, errlen, "bad variable reference ${%s}", ref); return -1; }
    if (!v) return 0;
    const cJSON *val = ct_vars_get(v, ref);
    if (!val) { snprintf(err, errlen, "undefined variable ${%s}", ref); return -1; }
    if (ct_json_type(val) == cJSON_String) {
        sb_puts(out, val->valuestring);
    } else {
        char *t = ct_json_text(val);
        if (!t) { snprintf(err, errlen, "out of memory"); return -1; }
        sb_puts(out, t);
        free(t);
    }
    return 0;
}

static int too_long(const char *s, size_t limit, char *err, size_t errlen)
{
    snprintf(err, errlen, "\"%.*s\" expands to more than %zu bytes", utf8_span(s, 60), s, limit);
    return -1;
}

/* Shared scanner: v NULL = check only; the result may not exceed limit
 * bytes (checked after each piece: a piece is at most one variable). */
static char *scan(const ct_vars *v, const char *s, size_t limit, char *err, size_t errlen)
{
    strbuf out = {0};
    const char *p = s;
    while (*p) {
        if (p[0] == '$' && p[1] == '$' && p[2] == '{') { sb_puts(&out, "${"); p += 3; continue; }
        if (p[0] == '$' && p[1] == '{') {
            const char *end = strchr(p + 2, '}');
            if (!end) { snprintf(err, errlen, "unterminated ${ in \"%.*s\"", utf8_span(s, 60), s); sb_free(&out); return NULL; }
            size_t n = (size_t)(end - (p + 2));
            char *ref = strndup(p + 2, n);
            if (!ref) { snprintf(err, errlen, "out of memory"); sb_free(&out); return NULL; }
            int rc = one_ref(v, ref, &out, err, errlen);
            free(ref);
            if (rc == 0 && out.len > limit) rc = too_long(s, limit, err, errlen);
            if (rc != 0) { sb_free(&out); return NULL; }
            p = end + 1;
            continue;
        }
        sb_append(&out, p, 1);
        p++;
    }
    char *r = sb_take(&out);
    if (!r) snprintf(err, errlen, "out of memory");
    return r;
}

char *ct_vars_expand(const ct_vars *v, const char *s, char *err, size_t errlen)
{
    return scan(v, s, CT_MAX_EXPANSION, err, errlen);
}

int ct_vars_check(const char *s, char *err, size_t errlen)
{
    char *r = scan(NULL, s, (size_t)-1, err, errlen);
    free(r);
    return r != NULL;
}

/* A parsed string or name of len bytes as the text the expansion reads
 * and builds: json_copy's form (U+0000 as C0 80), so a name "a\u0000b"
 * stays whole and is sent back as "a\u0000b" (json_print), never as "a".
 * malloc'd; NULL with err set when out of memory. */
static char *text_of(const char *s, size_t len, char *err, size_t errlen)
{
    char *t = json_c_text(s, len);
    if (!t) snprintf(err, errlen, "out of memory");
    return t;
}

/* Expand t, taking what it builds from *left (bytes still allowed). */
static cJSON *expand_json(const ct_vars *v, const cJSON *t, size_t *left, char *err, size_t errlen)
{
    cJSON *out;
    switch (ct_json_type(t)) {
    case cJSON_String: {
        /* the whole text (a parsed one may hold U+0000: see text_of) */
        char *s = text_of(t->valuestring, json_string_len(t), err, errlen);
        if (!s) return NULL;
        size_t n = strlen(s);
        /* Exactly "${name}": keep the variable's own type. */
        if (n > 3 && s[0] == '$' && s[1] == '{' && s[n - 1] == '}' && !memchr(s + 2, '}', n - 3)) {
            char *name = strndup(s + 2, n - 3);
            const cJSON *val = name && ct_vars_name_ok(name) ? ct_vars_get(v, name) : NULL;
            free(name);
            if (val) {
                size_t size = json_size(val);
                if (size > *left) { too_long(s, CT_MAX_EXPANSION, err, errlen); free(s); return NULL; }
                *left -= size;
                free(s);
                out = json_copy(val);
                if (!out) snprintf(err, errlen, "out of memory");
                return out;
            }
        }
        char *e = scan(v, s, *left, err, errlen);
        free(s);
        if (!e) return NULL;
        *left -= strlen(e);
        out = cJSON_CreateString(e);
        free(e);
        if (!out) snprintf(err, errlen, "out of memory");
        return out;
    }
    case cJSON_Array:
    case cJSON_Object:
        out = ct_json_type(t) == cJSON_Array ? cJSON_CreateArray() : cJSON_CreateObject();
        if (!out) { snprintf(err, errlen, "out of memory"); return NULL; }
        for (const cJSON *c = t->child; c; c = c->next) {
            if (*left < 16) { too_long("(a JSON value)", CT_MAX_EXPANSION, err, errlen); cJSON_Delete(out); return NULL; }
            *left -= 16;
            cJSON *cc = expand_json(v, c, left, err, errlen);
            if (!cc) { cJSON_Delete(out); return NULL; }
            if (ct_json_type(t) == cJSON_Array) cJSON_AddItemToArray(out, cc);
            else {
                char *name = c->string ? text_of(c->string, json_key_len(c), err, errlen) : strdup("");
                char *k = name ? scan(v, name, *left, err, errlen) : NULL;
                free(name);
                if (!k) { cJSON_Delete(cc); cJSON_Delete(out); return NULL; }
                *left -= strlen(k);
                cJSON_AddItemToObject(out, k, cc);
                free(k);
            }
        }
        return out;
    default:
        out = json_copy(t);
        if (!out) snprintf(err, errlen, "out of memory");
        return out;
    }
}

cJSON *ct_vars_expand_json(const ct_vars *v, const cJSON *t, char *err, size_t errlen)
{
    size_t left = CT_MAX_EXPANSION;
    return expand_json(v, t, &left, err, errlen);
}
