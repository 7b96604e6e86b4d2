/* mock_json.c - cJSON helpers (see mock_json.h). */
#include "mock_json.h"
#include "utf8.h"

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

void mj_redact(cJSON *v, const char *secret)
{
    for (; v; v = v->next) {
        if (v->string && !(v->type & cJSON_StringIsConst)) {
            char *k = mj_redact_text(v->string, secret);
            if (k) {
                char *nk = cJSON_malloc(strlen(k) + 1);
                if (nk) { strcpy(nk, k); cJSON_free(v->string); v->string = nk; }
                free(k);
            }
        }
        if (cJSON_IsString(v) && v->valuestring) {
            char *s = mj_redact_text(v->valuestring, secret);
            if (s) { cJSON_SetValuestring(v, s); free(s); }
        }
        if (v->child) mj_redact(v->child, secret);
    }
}

cJSON *mj_money(mock_cents c)
{
    return cJSON_CreateNumber(money_to_number(c));
}

cJSON *mj_error_body(const char *code, const char *message, const char *field,
                     cJSON *details)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *err = cJSON_CreateObject();
    if (!body || !err) { cJSON_Delete(body); cJSON_Delete(err); cJSON_Delete(details); return NULL; }
    cJSON_AddNullToObject(body, "data");
    cJSON_AddStringToObject(err, "code", code);
    /* messages and fields may quote the request (its path, a query value),
     * which can hold any bytes: keep the body valid UTF-8 */
    cJSON_AddItemToObject(err, "message", mj_text(message));
    if (field) cJSON_AddItemToObject(err, "field", mj_text(field));
    if (details) cJSON_AddItemToObject(err, "details", details);
    cJSON_AddItemToObject(body, "error", err);
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
