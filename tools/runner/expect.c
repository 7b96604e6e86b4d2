/* expect.c - body and header assertions. */
#include "expect.h"
#include "json_util.h"
#include "campaign/strbuf.h"
#include "campaign/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ct_show_value(const redactor *red, const cJSON *v)
{
    if (!v) return strdup("(absent)");
    char *t = ct_json_text(v);
    if (!t) return strdup("?");
    if (red) {
        char *m = redact(red, t, (size_t)-1);
        free(t);
        if (!m) return strdup("?");
        t = m;
    }
    size_t len = strlen(t);
    if (len > 200) memcpy(t + utf8_cut(t, len, 197), "...", 4);
    return t;
}

static char *show(const expect_ctx *x, const cJSON *v)
{
    return ct_show_value(x->red, v);
}

static void finding(const expect_ctx *x, ct_step_result *res, const char *where, const char *op,
                    const cJSON *want, const cJSON *got, const char *extra)
{
    char *w = want ? show(x, want) : NULL, *g = show(x, got);
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

/* Does re_text match subject?  Both are the runner's text (U+0000 as
 * C0 80, see case_vars.c) and are matched as the bytes they stand for.
 * A CT_REGEX_* value; err says why for the negative ones. */
static int regex_search(const expect_ctx *x, const char *re_text, const char *subject, char *err, size_t errlen)
{
    char *pat = strdup(re_text), *subj = strdup(subject);
    int rc = CT_REGEX_INVALID;
    if (pat && subj)
        rc = ct_regex_search(x->regex, pat, json_c_text_bytes(pat), subj, json_c_text_bytes(subj), err, errlen);
    else
        snprintf(err, errlen, "out of memory");
    free(pat);
    free(subj);
    return rc;
}

/* "WHERE: could not decide whether WHAT WANT (WHY)", counted in
 * x->undecided: the step is an error, not a failure, unless something
 * else broke. */
static void undecided_finding(const expect_ctx *x, ct_step_result *res, const char *where, const char *what,
                              const cJSON *want, const char *why)
{
    char *w = show(x, want);
    strbuf b = {0};
    sb_printf(&b, "%s: could not decide whether %s %s (%s)", where[0] ? where : "(root)", what, w ? w : "?", why);
    char *t = sb_take(&b);
    ct_step_add_detail(res, t);
    free(t);
    free(w);
    if (x->undecided) (*x->undecided)++;
}

/* A finding for a `matches` whose search answered rc (not a match). */
static void regex_finding(const expect_ctx *x, ct_step_result *res, const char *where, const char *op,
                          const cJSON *want, const cJSON *got, int rc, const char *err)
{
    if (rc == CT_REGEX_UNDECIDED) undecided_finding(x, res, where, "the value matches", want, err);
    else finding(x, res, where, op, want, got, rc < 0 ? err : NULL);
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

static int compare(const expect_ctx *x, ct_step_result *res, const char *where, const char *op,
                   const cJSON *operand, const cJSON *got)
{
    double want, have;
    if (!as_number(operand, &want)) { finding(x, res, where, op, operand, got, "the operand is not a number"); return 1; }
    if (ct_json_type(got) != cJSON_Number) { finding(x, res, where, op, operand, got, "not a number"); return 1; }
    have = got->valuedouble;
    int ok = strcmp(op, "gt") == 0 ? have > want : strcmp(op, "ge") == 0 ? have >= want
           : strcmp(op, "lt") == 0 ? have < want : have <= want;
    if (!ok) {
        static const char *const words[][2] = { {"gt", "a number >"}, {"ge", "a number >="}, {"lt", "a number <"}, {"le", "a number <="} };
        const char *w = op;
        for (size_t i = 0; i < 4; i++) if (strcmp(words[i][0], op) == 0) w = words[i][1];
        finding(x, res, where, w, operand, got, NULL);
        return 1;
    }
    return 0;
}

/* The `each` / `some` operator op on the array got: each item is checked
 * into a scratch result.  An item whose only findings are undecided
 * decides nothing: `each` fails on an item that definitely fails, and is
 * undecided when only undecided items stand in its way; `some` passes on
 * one item that holds, and is undecided when only undecided items could
 * still hold.  Returns the findings added (0 or 1). */
static int each_or_some(const expect_ctx *x, const cJSON *op, const char *where, const cJSON *got,
                        ct_step_result *res)
{
    int each = json_key_is(op, "each");
    size_t hits = 0, items = 0, open_items = 0;
    char first_miss[600] = "";
    if (ct_json_type(got) != cJSON_Array) { finding(x, res, where, "an array", NULL, got, op->string); return 1; }
    for (const cJSON *it = got->child; it; it = it->next, items++) {
        ct_step_result tmp;
        memset(&tmp, 0, sizeof tmp);
        size_t open = 0;
        expect_ctx sub = { x->red, x->regex, &open };
        int miss = expect_body(&sub, op, it, &tmp);
        if (!miss) hits++;
        else if ((size_t)miss == open) open_items++;
        else if (!first_miss[0] && tmp.ndetails)
            snprintf(first_miss, sizeof first_miss, "item %zu: %s", items, tmp.details[0]);
        for (size_t d = 0; d < tmp.ndetails; d++) free(tmp.details[d]);
        free(tmp.details);
    }
    size_t definite = items - hits - open_items;
    if (each ? definite > 0 : hits == 0 && open_items == 0) {
        char extra[700];
        snprintf(extra, sizeof extra, "%zu of %zu items fail; %s", items - hits, items, first_miss);
        if (each) finding(x, res, where, "every item to satisfy", op, NULL, extra);
        else finding(x, res, where, "some item to satisfy", op, got, NULL);
        return 1;
    }
    if (each ? open_items > 0 : hits == 0) {
        char extra[160];
        snprintf(extra, sizeof extra, "%zu of %zu items could not be decided", open_items, items);
        undecided_finding(x, res, where, each ? "every item satisfies" : "some item satisfies", op, extra);
        return 1;
    }
    return 0;
}

int expect_body(const expect_ctx *x, const cJSON *a, const cJSON *body, ct_step_result *res)
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
            if (!got) { finding(x, res, where, "a value", NULL, NULL, NULL); bad++; }
            continue;
        }
        if ((json_key_is(op, "exists") && cJSON_IsFalse(op)) || json_key_is(op, "absent")) {
            if (got) { finding(x, res, where, "no value", NULL, got, NULL); bad++; }
            continue;
        }
        if (json_key_is(op, "equals")) {
            if (!got || !ct_json_equal(got, op)) { finding(x, res, where, "", op, got, NULL); bad++; }
        } else if (json_key_is(op, "notEquals")) {
            if (!got || ct_json_equal(got, op)) { finding(x, res, where, "anything but", op, got, NULL); bad++; }
        } else if (json_key_is(op, "type")) {
            int ok = 0;
            if (got && ct_json_type(op) == cJSON_String) ok = type_is(got, op->valuestring);
            for (const cJSON *t = ct_json_type(op) == cJSON_Array ? op->child : NULL; got && t; t = t->next)
                if (cJSON_IsString(t) && type_is(got, t->valuestring)) ok = 1;
            if (!ok) { finding(x, res, where, "type", op, got, got ? ct_json_type_name(got) : NULL); bad++; }
        } else if (json_key_is(op, "matches")) {
            char err[200];
            if (ct_json_type(got) != cJSON_String) { finding(x, res, where, "a string matching", op, got, NULL); bad++; continue; }
            int m = regex_search(x, op->valuestring, got->valuestring, err, sizeof err);
            if (m != CT_REGEX_MATCH) { regex_finding(x, res, where, "a string matching", op, got, m, err); bad++; }
        } else if (json_key_is(op, "length")) {
            long have = -1;
            int t = ct_json_type(got);
            if (t == cJSON_String) have = (long)ct_utf8_length(got->valuestring);
            else if (t == cJSON_Array || t == cJSON_Object) have = cJSON_GetArraySize(got);
            if (have != (long)op->valuedouble) {
                char extra[64];
                snprintf(extra, sizeof extra, "length %ld", have);
                finding(x, res, where, "length", op, got, have >= 0 ? extra : "no length");
                bad++;
            }
        } else if (json_key_is(op, "gt") || json_key_is(op, "ge") || json_key_is(op, "lt") || json_key_is(op, "le")) {
            bad += compare(x, res, where, op->string, op, got);
        } else if (json_key_is(op, "approx")) {
            double want, tol;
            const cJSON *v = json_member(op, "value");
            const cJSON *t = json_member(op, "tolerance");
            if (!as_number(v, &want) || !as_number(t, &tol)) { finding(x, res, where, "approximately", op, got, "bad operand"); bad++; }
            else if (ct_json_type(got) != cJSON_Number || !(fabs(got->valuedouble - want) <= tol)) {
                char extra[96];
                snprintf(extra, sizeof extra, "tolerance %g", tol);
                finding(x, res, where, "approximately", v, got, extra);
                bad++;
            }
        } else if (json_key_is(op, "each") || json_key_is(op, "some")) {
            bad += each_or_some(x, op, where, got, res);
        } else if (json_key_is(op, "contains")) {
            int ok = 0, t = ct_json_type(got);
            if (t == cJSON_Array) {
                for (const cJSON *c = got->child; c && !ok; c = c->next) ok = ct_json_equal(c, op);
            } else if (t == cJSON_String && cJSON_IsString(op)) {
                ok = strstr(got->valuestring, op->valuestring) != NULL;
            } else if (t == cJSON_Object && cJSON_IsString(op)) {
                for (const cJSON *c = got->child; c && !ok; c = c->next) ok = c->string && json_key_is(c, op->valuestring);
            }
            if (!ok) { finding(x, res, where, "something containing", op, got, NULL); bad++; }
        }
    }
    return bad;
}

int expect_header(const expect_ctx *x, const char *name, const cJSON *a, const char *value, ct_step_result *res)
{
    int bad = 0;
    char where[300];
    snprintf(where, sizeof where, "header %s", name);
    cJSON *got = value ? cJSON_CreateString(value) : NULL;
    for (const cJSON *op = a->child; op; op = op->next) {
        if (json_key_is(op, "exists") && cJSON_IsTrue(op)) {
            if (!value) { finding(x, res, where, "to be present", NULL, NULL, NULL); bad++; }
        } else if ((json_key_is(op, "exists") && cJSON_IsFalse(op)) || json_key_is(op, "absent")) {
            if (value) { finding(x, res, where, "to be absent", NULL, got, NULL); bad++; }
        } else if (json_key_is(op, "equals")) {
            if (!value || !cJSON_IsString(op) || strcmp(value, op->valuestring) != 0) { finding(x, res, where, "", op, got, NULL); bad++; }
        } else if (json_key_is(op, "contains")) {
            if (!value || !cJSON_IsString(op) || !strstr(value, op->valuestring)) { finding(x, res, where, "something containing", op, got, NULL); bad++; }
        } else if (json_key_is(op, "matches")) {
            char err[200];
            int m = value && cJSON_IsString(op) ? regex_search(x, op->valuestring, value, err, sizeof err)
                                                : CT_REGEX_NO_MATCH;
            if (m != CT_REGEX_MATCH) { regex_finding(x, res, where, "a value matching", op, got, m, err); bad++; }
        }
    }
    cJSON_Delete(got);
    return bad;
}
