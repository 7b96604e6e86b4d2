/* mock_json.c - cJSON helpers (see mock_json.h). */
#include "mock_json.h"
#include "campaign/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of the well-formed character at p[0..n), C0 80 (the mock's
 * U+0000) included; 0 when ill-formed. */
static size_t text_char(const unsigned char *p, size_t n)
{
    uint32_t cp;
    if (n >= 2 && p[0] == 0xC0 && p[1] == 0x80) return 2;
    return utf8_decode(p, n, &cp);
}

cJSON *mj_text(const char *s)
{
    if (!s) s = "";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), bad = 0;
    for (size_t i = 0; i < n;) {
        size_t l = text_char(p + i, n - i);
        if (l) i += l; else { bad++; i++; }
    }
    if (!bad) return cJSON_CreateString(s);
    char *clean = malloc(n + 2 * bad + 1), *o = clean;
    if (!clean) return NULL;
    for (size_t i = 0; i < n;) {
        size_t l = text_char(p + i, n - i);
        if (l) { memcpy(o, p + i, l); o += l; i += l; }
        else { memcpy(o, "\xEF\xBF\xBD", 3); o += 3; i++; }
    }
    *o = 0;
    cJSON *v = cJSON_CreateString(clean);
    free(clean);
    return v;
}

char *mj_redact_text(const char *s, const char *secret)
{
    static const char mark[] = "[REDACTED]";
    size_t sl = strlen(secret), n = 0;
    if (!s || !sl) return NULL;
    for (const char *p = strstr(s, secret); p; p = strstr(p + sl, secret)) n++;
    if (!n) return NULL;
    size_t len = strlen(s) - n * sl + n * (sizeof mark - 1);
    char *out = malloc(len + 1), *o = out;
    if (!out) return NULL;
    for (const char *p = s, *q; ; p = q + sl) {
        q = strstr(p, secret);
        size_t k = q ? (size_t)(q - p) : strlen(p);
        memcpy(o, p, k);
        o += k;
        if (!q) break;
        memcpy(o, mark, sizeof mark - 1);
        o += sizeof mark - 1;
    }
    *o = 0;
    return out;
}

/* Overwrite every occurrence of secret in s with '*' (no allocation). */
static void mask_in_place(char *s, const char *secret)
{
    size_t sl = strlen(secret);
    for (char *p = sl ? strstr(s, secret) : NULL; p; p = strstr(p + sl, secret)) memset(p, '*', sl);
}

/* s (a cJSON-owned text) with secret replaced: a new cJSON_malloc'd text,
 * or s masked in place when memory is short. */
static char *redact_owned(char *s, const char *secret)
{
    if (!s || !strstr(s, secret)) return s;
    char *t = mj_redact_text(s, secret);
    char *n = t ? cJSON_malloc(strlen(t) + 1) : NULL;
    if (!n) { free(t); mask_in_place(s, secret); return s; }
    strcpy(n, t);
    free(t);
    cJSON_free(s);
    return n;
}

void mj_redact(cJSON *v, const char *secret)
{
    if (!*secret) return;
    for (; v; v = v->next) {
        if (v->string && !(v->type & cJSON_StringIsConst)) v->string = redact_owned(v->string, secret);
        if (cJSON_IsString(v) && !(v->type & cJSON_IsReference))
            v->valuestring = redact_owned(v->valuestring, secret);
        if (v->child) mj_redact(v->child, secret);
    }
}

cJSON *mj_money(mock_cents c)
{
    return cJSON_CreateNumber(money_to_number(c));
}

int mj_add(cJSON *obj, const char *key, cJSON *item)
{
    if (!obj || !item) { cJSON_Delete(item); return 0; }
    int ok = key ? cJSON_AddItemToObject(obj, key, item) : cJSON_AddItemToArray(obj, item);
    if (!ok) cJSON_Delete(item);
    return ok ? 1 : 0;
}

int mj_add_str(cJSON *obj, const char *key, const char *s)
{
    return s ? mj_add(obj, key, cJSON_CreateString(s)) : 0;
}

int mj_add_num(cJSON *obj, const char *key, double v) { return mj_add(obj, key, cJSON_CreateNumber(v)); }
int mj_add_bool(cJSON *obj, const char *key, int v) { return mj_add(obj, key, cJSON_CreateBool(v)); }
int mj_add_null(cJSON *obj, const char *key) { return mj_add(obj, key, cJSON_CreateNull()); }

cJSON *mj_add_obj(cJSON *obj, const char *key)
{
    cJSON *o = cJSON_CreateObject();
    return mj_add(obj, key, o) ? o : NULL;
}

cJSON *mj_add_arr(cJSON *obj, const char *key)
{
    cJSON *a = cJSON_CreateArray();
    return mj_add(obj, key, a) ? a : NULL;
}

cJSON *mj_param_details(const char *name)
{
    cJSON *d = cJSON_CreateObject();
    if (!mj_add(d, "parameter", mj_text(name))) { cJSON_Delete(d); return NULL; }
    return d;
}

cJSON *mj_error_body(const char *code, const char *message, const char *field,
                     cJSON *details)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *err = cJSON_CreateObject();
    int ok = body && err;
    ok &= mj_add_null(body, "data");
    ok &= mj_add_str(err, "code", code);
    /* messages and fields may quote the request (its path, a query value),
     * which can hold any bytes: keep the body valid UTF-8 */
    ok &= mj_add(err, "message", mj_text(message));
    if (field) ok &= mj_add(err, "field", mj_text(field));
    if (details) ok &= mj_add(err, "details", details);
    details = NULL;
    ok &= mj_add(body, "error", err);
    err = NULL;
    if (!ok) { cJSON_Delete(body); return NULL; }
    return body;
}

char *mj_print(const cJSON *body)
{
    return json_print(body);
}

const cJSON *mj_get(const cJSON *obj, const char *key)
{
    return json_member(obj, key);
}

cJSON *mj_child(cJSON *obj, const char *key)
{
    return (cJSON *)json_member(obj, key);
}

const char *mj_string(const cJSON *obj, const char *key)
{
    const cJSON *v = mj_get(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int mj_bool(const cJSON *obj, const char *key, int dflt)
{
    const cJSON *v = mj_get(obj, key);
    return cJSON_IsBool(v) ? cJSON_IsTrue(v) : dflt;
}

void mj_ptr_add(char *buf, size_t n, const char *tok)
{
    size_t l = strlen(buf);
    if (l + 1 >= n) return;
    buf[l++] = '/';
    for (const char *p = tok; *p && l + 2 < n; p++) {
        if (*p == '~') { buf[l++] = '~'; buf[l++] = '0'; }
        else if (*p == '/') { buf[l++] = '~'; buf[l++] = '1'; }
        else buf[l++] = *p;
    }
    buf[l] = 0;
}

void mj_ptr_add_index(char *buf, size_t n, size_t i)
{
    char tok[32];
    snprintf(tok, sizeof tok, "%zu", i);
    mj_ptr_add(buf, n, tok);
}
