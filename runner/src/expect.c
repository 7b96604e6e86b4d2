/* expect.c - body and header assertions. */
#include "expect.h"
#include "json_util.h"
#include "strbuf.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const redactor *show_red;

void expect_set_redactor(const redactor *r)
{
    show_red = r;
}

/* Short JSON rendering of a value for a finding: redacted first, then at
 * most 200 bytes, cut on a character boundary. */
static char *show(const cJSON *v)
{
    if (!v) return strdup("(absent)");
    char *t = ct_json_text(v);
    if (!t) return strdup("?");
    if (show_red) {
        char *m = redact(show_red, t, (size_t)-1);
        free(t);
        if (!m) return strdup("?");
        t = m;
    }
    size_t len = strlen(t);
    if (len > 200) memcpy(t + utf8_cut(t, len, 197), "...", 4);
    return t;
}

static void finding(ct_step_result *res, const char *where, const char *op,
                    const cJSON *want, const cJSON *got, const char *extra)
{
    char *w = want ? show(want) : NULL, *g = show(got);
    strbuf b = {0};
    sb_printf(&b, "%s: expected%s%s", where[0] ? where : "(root)", op[0] ? " " : "", op);
    if (w) sb_printf(&b, " %s", w);
    sb_printf(&b, ", got %s", g ? g : "?");
    if (extra) sb_printf(&b, " (%s)", extra);
    char *s = sb_take(&b);
    ct_step_add_detail(res, s);
    free(s);
    free(w);
    free(g);
}

/* Does the pattern re_text[0..re_len) match subject[0..len)?  1, 0, or -1
 * with err set. */
static int regex_search_bytes(const char *re_text, size_t re_len, const char *subject, size_t len,
                              char *err, size_t errlen)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)re_text, re_len, PCRE2_UTF, &ec, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errlen, "invalid regex at offset %zu: %s", (size_t)off, (const char *)msg);
        return -1;
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = md ? pcre2_match(re, (PCRE2_SPTR)subject, len, 0, 0, md, NULL) : -1;
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    /* e.g. "match limit exceeded": neither a match nor none, say so */
    PCRE2_UCHAR msg[160];
    if (pcre2_get_error_message(rc, msg, sizeof msg) < 0) snprintf((char *)msg, sizeof msg, "PCRE2 error %d", rc);
    snprintf(err, errlen, "the regex could not be evaluated: %s", (const char *)msg);
    return -1;
}

/* Does re_text match subject?  Both are the runner's text (U+0000 as
 * C0 80, see case_vars.c) and are matched as the bytes they stand for. */
static int regex_search(const char *re_text, const char *subject, char *err, size_t errlen)
{
    char *pat = strdup(re_text), *subj = strdup(subject);
    if (!pat || !subj) {
        free(pat);
        free(subj);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t plen = json_c_text_bytes(pat), slen = json_c_text_bytes(subj);
    int rc = regex_search_bytes(pat, plen, subj, slen, err, errlen);
    free(pat);
    free(subj);
    return rc;
}

static int as_number(const cJSON *v, double *out)
{
    if (ct_json_type(v) == cJSON_Number) { *out = v->valuedouble; return 1; }
    if (ct_json_type(v) == cJSON_String) {
        char *end;
        *out = strtod(v->valuestring, &end);
        return end != v->valuestring && *end == '\0';
    }
    return 0;
}

static int type_is(const cJSON *v, const char *t)
{
    const char *have = ct_json_type_name(v);
    if (strcmp(t, have) == 0) return 1;
    return strcmp(t, "number") == 0 && strcmp(have, "integer") == 0;
}

static int compare(ct_step_result *res, const char *where, const char *op,
                   const cJSON *operand, const cJSON *got)
{
    double want, have;
    if (!as_number(operand, &want)) { finding(res, where, op, operand, got, "the operand is not a number"); return 1; }
    if (ct_json_type(got) != cJSON_Number) { finding(res, where, op, operand, got, "not a number"); return 1; }
    have = got->valuedouble;
    int ok = strcmp(op, "gt") == 0 ? have > want : strcmp(op, "ge") == 0 ? have >= want
           : strcmp(op, "lt") == 0 ? have < want : have <= want;
    if (!ok) {
        static const char *const words[][2] = { {"gt", "a number >"}, {"ge", "a number >="}, {"lt", "a number <"}, {"le", "a number <="} };
        const char *w = op;
        for (size_t i = 0; i < 4; i++) if (strcmp(words[i][0], op) == 0) w = words[i][1];
        finding(res, where, w, operand, got, NULL);
        return 1;
    }
    return 0;
}

int expect_body(const cJSON *a, const cJSON *body, ct_step_result *res)
{
    const cJSON *p = json_member(a, "pointer");
    const char *where = cJSON_IsString(p) ? p->valuestring : "";
    const cJSON *got = ct_pointer_get(body, where);
    int bad = 0;
    for (const cJSON *op = a->child; op; op = op->next) {
        /* whole names: "equals\u0000x" is not equals (the case schema
         * refuses it; never read it as one) */
        if (json_key_is(op, "pointer")) continue;
        if (json_key_is(op, "exists") && cJSON_IsTrue(op)) {
            if (!got) { finding(res, where, "a value", NULL, NULL, NULL); bad++; }
            continue;
        }
        if ((json_key_is(op, "exists") && cJSON_IsFalse(op)) || json_key_is(op, "absent")) {
            if (got) { finding(res, where, "no value", NULL, got, NULL); bad++; }
            continue;
        }
        if (json_key_is(op, "equals")) {
            if (!got || !ct_json_equal(got, op)) { finding(res, where, "", op, got, NULL); bad++; }
        } else if (json_key_is(op, "notEquals")) {
            if (!got || ct_json_equal(got, op)) { finding(res, where, "anything but", op, got, NULL); bad++; }
        } else if (json_key_is(op, "type")) {
            int ok = 0;
            if (got && ct_json_type(op) == cJSON_String) ok = type_is(got, op->valuestring);
            for (const cJSON *t = ct_json_type(op) == cJSON_Array ? op->child : NULL; got && t; t = t->next)
                if (cJSON_IsString(t) && type_is(got, t->valuestring)) ok = 1;
            if (!ok) { finding(res, where, "type", op, got, got ? ct_json_type_name(got) : NULL); bad++; }
        } else if (json_key_is(op, "matches")) {
            char err[200];
            if (ct_json_type(got) != cJSON_String) { finding(res, where, "a string matching", op, got, NULL); bad++; continue; }
            int m = regex_search(op->valuestring, got->valuestring, err, sizeof err);
            if (m != 1) { finding(res, where, "a string matching", op, got, m < 0 ? err : NULL); bad++; }
        } else if (json_key_is(op, "length")) {
            long have = -1;
            int t = ct_json_type(got);
            if (t == cJSON_String) have = (long)ct_utf8_length(got->valuestring);
            else if (t == cJSON_Array || t == cJSON_Object) have = cJSON_GetArraySize(got);
            if (have != (long)op->valuedouble) {
                char extra[64];
                snprintf(extra, sizeof extra, "length %ld", have);
                finding(res, where, "length", op, got, have >= 0 ? extra : "no length");
                bad++;
            }
        } else if (json_key_is(op, "gt") || json_key_is(op, "ge") || json_key_is(op, "lt") || json_key_is(op, "le")) {
            bad += compare(res, where, op->string, op, got);
        } else if (json_key_is(op, "approx")) {
            double want, tol;
            const cJSON *v = json_member(op, "value");
            const cJSON *t = json_member(op, "tolerance");
            if (!as_number(v, &want) || !as_number(t, &tol)) { finding(res, where, "approximately", op, got, "bad operand"); bad++; }
            else if (ct_json_type(got) != cJSON_Number || !(fabs(got->valuedouble - want) <= tol)) {
                char extra[96];
                snprintf(extra, sizeof extra, "tolerance %g", tol);
                finding(res, where, "approximately", v, got, extra);
                bad++;
            }
        } else if (json_key_is(op, "each") || json_key_is(op, "some")) {
            /* Evaluate the nested assertion per item into a scratch result. */
            int each = json_key_is(op, "each");
            size_t hits = 0, items = 0;
            char first_miss[600] = "";
            if (ct_json_type(got) != cJSON_Array) { finding(res, where, "an array", NULL, got, op->string); bad++; continue; }
            for (const cJSON *it = got->child; it; it = it->next, items++) {
                ct_step_result tmp;
                memset(&tmp, 0, sizeof tmp);
                int miss = expect_body(op, it, &tmp);
                if (!miss) hits++;
                else if (!first_miss[0] && tmp.ndetails)
                    snprintf(first_miss, sizeof first_miss, "item %zu: %s", items, tmp.details[0]);
                for (size_t d = 0; d < tmp.ndetails; d++) free(tmp.details[d]);
                free(tmp.details);
            }
            if (each && hits != items) {
                char extra[700];
                snprintf(extra, sizeof extra, "%zu of %zu items fail; %s", items - hits, items, first_miss);
                finding(res, where, "every item to satisfy", op, NULL, extra);
                bad++;
            } else if (!each && hits == 0) {
                finding(res, where, "some item to satisfy", op, got, NULL);
                bad++;
            }
        } else if (json_key_is(op, "contains")) {
            int ok = 0, t = ct_json_type(got);
            if (t == cJSON_Array) {
                for (const cJSON *c = got->child; c && !ok; c = c->next) ok = ct_json_equal(c, op);
            } else if (t == cJSON_String && cJSON_IsString(op)) {
                ok = strstr(got->valuestring, op->valuestring) != NULL;
            } else if (t == cJSON_Object && cJSON_IsString(op)) {
                for (const cJSON *c = got->child; c && !ok; c = c->next) ok = c->string && json_key_is(c, op->valuestring);
            }
            if (!ok) { finding(res, where, "something containing", op, got, NULL); bad++; }
        }
    }
    return bad;
}

int expect_header(const char *name, const cJSON *a, const char *value, ct_step_result *res)
{
    int bad = 0;
    char where[300];
    snprintf(where, sizeof where, "header %s", name);
    cJSON *got = value ? cJSON_CreateString(value) : NULL;
    for (const cJSON *op = a->child; op; op = op->next) {
        if (json_key_is(op, "exists") && cJSON_IsTrue(op)) {
            if (!value) { finding(res, where, "to be present", NULL, NULL, NULL); bad++; }
        } else if ((json_key_is(op, "exists") && cJSON_IsFalse(op)) || json_key_is(op, "absent")) {
            if (value) { finding(res, where, "to be absent", NULL, got, NULL); bad++; }
        } else if (json_key_is(op, "equals")) {
            if (!value || !cJSON_IsString(op) || strcmp(value, op->valuestring) != 0) { finding(res, where, "", op, got, NULL); bad++; }
        } else if (json_key_is(op, "contains")) {
            if (!value || !cJSON_IsString(op) || !strstr(value, op->valuestring)) { finding(res, where, "something containing", op, got, NULL); bad++; }
        } else if (json_key_is(op, "matches")) {
            char err[200];
            int m = value && cJSON_IsString(op) ? regex_search(op->valuestring, value, err, sizeof err) : 0;
            if (m != 1) { finding(res, where, "a value matching", op, got, m < 0 ? err : NULL); bad++; }
        }
    }
    cJSON_Delete(got);
    return bad;
}
