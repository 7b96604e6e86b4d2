/* mock_json.c - cJSON helpers (see mock_json.h). */
#include "mock_json.h"

#include <stdio.h>
#include <string.h>

cJSON *mj_copy(const cJSON *v)
{
    if (!v) return NULL;
    cJSON *out = NULL;
    switch (v->type & 0xFF) {
    case cJSON_NULL: return cJSON_CreateNull();
    case cJSON_True: return cJSON_CreateTrue();
    case cJSON_False: return cJSON_CreateFalse();
    case cJSON_Number: return cJSON_CreateNumber(v->valuedouble);
    case cJSON_String: return cJSON_CreateString(v->valuestring ? v->valuestring : "");
    case cJSON_Array: out = cJSON_CreateArray(); break;
    case cJSON_Object: out = cJSON_CreateObject(); break;
    default: return cJSON_CreateNull();
    }
    if (!out) return NULL;
    for (const cJSON *e = v->child; e; e = e->next) {
        cJSON *c = mj_copy(e);
        if (!c) { cJSON_Delete(out); return NULL; }
        if (cJSON_IsArray(out)) cJSON_AddItemToArray(out, c);
        else if (!cJSON_AddItemToObject(out, e->string ? e->string : "", c)) {
            cJSON_Delete(c);
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
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
    cJSON_AddStringToObject(err, "message", message ? message : "");
    if (field) cJSON_AddStringToObject(err, "field", field);
    if (details) cJSON_AddItemToObject(err, "details", details);
    cJSON_AddItemToObject(body, "error", err);
    return body;
}

const cJSON *mj_get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
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
