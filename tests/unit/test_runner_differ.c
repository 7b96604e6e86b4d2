/* test_runner_differ.c - differential mode's comparison (tools/runner/
 * differ.h, README "Differential mode"): each normalisation rule on both
 * sides of its line, and a true difference reported with the pointer and
 * both values.
 *
 * Links the runner's modules as a library (build/tools/librunner.a). */
#include "check.h"

#include "differ.h"
#include "reference.h"

#include <stdlib.h>
#include <string.h>

#define BASE "http://127.0.0.1:1/api/v2/buyer"

static struct check T = { 0, 0, "runner_differ" };

static void answer(http_exchange *x, long status, const char *body)
{
    memset(x, 0, sizeof *x);
    x->status = status;
    x->code = CURLE_OK;
    if (body) sb_puts(&x->resp_body, body);
}

/* Compare two answers in state d: the difference text, or NULL when
 * they agree (the caller frees it). */
static char *cmp(df_state *d, long st, const char *t, long sr, const char *r)
{
    http_exchange a, b;
    answer(&a, st, t);
    answer(&b, sr, r);
    char *what = NULL;
    int differ = df_compare(d, &a, &b, &what);
    CHECK(&T, differ == (what != NULL));
    http_exchange_clear(&a);
    http_exchange_clear(&b);
    return what;
}

#define SAME(d, t, r) same_at(__LINE__, (d), (t), (r))
#define DIFFER(d, t, r, want) differ_at(__LINE__, (d), (t), (r), (want))

static void same_at(int line, df_state *d, const char *t, const char *r)
{
    char *w = cmp(d, 200, t, 200, r);
    check_report(&T, w == NULL, "the answers agree", __FILE__, line, w);
    free(w);
}

static void differ_at(int line, df_state *d, const char *t, const char *r, const char *want)
{
    char *w = cmp(d, 200, t, 200, r);
    int ok = w && strcmp(w, want) == 0;
    char msg[600];
    snprintf(msg, sizeof msg, "got %s, want %s", w ? w : "(agree)", want);
    check_report(&T, ok, "the difference", __FILE__, line, msg);
    free(w);
}

static void test_status_and_json(void)
{
    df_state *d = df_new();
    char *w = cmp(d, 200, "{}", 409, "{}");
    CHECK_STR(&T, w, "in status: this server 200, the reference 409");
    free(w);
    /* N2: member order and number spelling are no difference */
    SAME(d, "{\"a\": 1, \"b\": [true, null]}", "{\"b\": [true, null], \"a\": 1.0}");
    DIFFER(d, "{\"campaign\": {\"status\": \"ACTIVE\"}}", "{\"campaign\": {\"status\": \"DRAFT\"}}",
           "at /campaign/status: this server \"ACTIVE\", the reference \"DRAFT\"");
    DIFFER(d, "{\"a\": 1}", "{\"a\": 1, \"b\": 2}", "at /b: this server (absent), the reference 2");
    DIFFER(d, "{\"a\": 1, \"c\": 3}", "{\"a\": 1}", "at /c: this server 3, the reference (absent)");
    DIFFER(d, "{\"a\": [1, 2]}", "{\"a\": [1, 2, 3]}", "at /a/2: this server (absent), the reference 3");
    DIFFER(d, "{\"a\": [1, 2]}", "{\"a\": [2, 1]}", "at /a/0: this server 1, the reference 2");
    DIFFER(d, "{\"a/b\": \"x\"}", "{\"a/b\": \"y\"}", "at /a~1b: this server \"x\", the reference \"y\"");
    /* bodies that are not JSON compare as bytes */
    w = cmp(d, 500, "oops", 500, "oops");
    CHECK(&T, w == NULL);
    free(w);
    w = cmp(d, 500, "oops", 500, "{}");
    CHECK_STR(&T, w, "in body: this server's is not JSON, the reference's is JSON");
    free(w);
    df_free(d);
}

/* N3: ids pair at first sight and keep pairing. */
static void test_ids(void)
{
    df_state *d = df_new();
    SAME(d, "{\"campaign\": {\"campaignId\": \"cmp_T1\"}}", "{\"campaign\": {\"campaignId\": \"cmp_R1\"}}");
    SAME(d, "{\"campaignId\": \"cmp_T1\", \"mediaBuys\": [{\"mediaBuyId\": \"mb_T\"}]}",
         "{\"campaignId\": \"cmp_R1\", \"mediaBuys\": [{\"mediaBuyId\": \"mb_R\"}]}");
    /* one side's id stands for one id of the other */
    DIFFER(d, "{\"campaignId\": \"cmp_T1\"}", "{\"campaignId\": \"cmp_R2\"}",
           "at /campaignId: this server \"cmp_T1\", the reference \"cmp_R2\"");
    DIFFER(d, "{\"campaignId\": \"cmp_T2\"}", "{\"campaignId\": \"cmp_R1\"}",
           "at /campaignId: this server \"cmp_T2\", the reference \"cmp_R1\"");
    /* id members by name: id, ...Id, ..._id, ...Ref, ..._ref; id lists: ...Ids, ..._ids */
    SAME(d, "{\"x\": {\"id\": \"fc_1\", \"buyer_ref\": \"mb_T\", \"packageIds\": [\"p1\", \"p2\"]}}",
         "{\"x\": {\"id\": \"fc_9\", \"buyer_ref\": \"mb_R\", \"packageIds\": [\"q1\", \"q2\"]}}");
    DIFFER(d, "{\"packageIds\": [\"p1\", \"p2\"]}", "{\"packageIds\": [\"q2\", \"q1\"]}",
           "at /packageIds/0: this server \"p1\", the reference \"q2\"");
    /* a string at another member is no id */
    DIFFER(d, "{\"name\": \"cmp_T1\"}", "{\"name\": \"cmp_R1\"}", "at /name: this server \"cmp_T1\", the reference \"cmp_R1\"");
    df_free(d);

    /* an id the scenario sent pairs only with itself */
    d = df_new();
    http_exchange sent;
    memset(&sent, 0, sizeof sent);
    sent.url = strdup(BASE "/campaigns?advertiserId=adv_7");
    sent.body = strdup("{\"discoveryId\": \"disc_demo\", \"productIds\": [\"prod_a\"]}");
    sent.body_len = strlen(sent.body);
    df_sent(d, &sent, BASE);
    DIFFER(d, "{\"discoveryId\": \"disc_demo\"}", "{\"discoveryId\": \"disc_other\"}",
           "at /discoveryId: this server \"disc_demo\", the reference \"disc_other\"");
    DIFFER(d, "{\"advertiserId\": \"adv_8\"}", "{\"advertiserId\": \"adv_7\"}",
           "at /advertiserId: this server \"adv_8\", the reference \"adv_7\"");
    SAME(d, "{\"discoveryId\": \"disc_demo\", \"advertiserId\": \"adv_7\"}",
         "{\"discoveryId\": \"disc_demo\", \"advertiserId\": \"adv_7\"}");
    free(sent.url);
    free(sent.body);
    df_free(d);
}

/* N4 timestamps, N5 money, N6 unordered lists, N8 prose. */
static void test_values(void)
{
    df_state *d = df_new();
    SAME(d, "{\"createdAt\": \"2026-01-01T00:00:00Z\"}", "{\"createdAt\": \"2027-05-05T10:00:00.5+02:00\"}");
    DIFFER(d, "{\"createdAt\": \"2026-01-01T00:00:00Z\"}", "{\"createdAt\": \"yesterday\"}",
           "at /createdAt: this server \"2026-01-01T00:00:00Z\", the reference \"yesterday\"");
    DIFFER(d, "{\"date\": \"2026-01-01\"}", "{\"date\": \"2026-01-02\"}",
           "at /date: this server \"2026-01-01\", the reference \"2026-01-02\"");
    /* money: within 0.01 inclusive, when not both integers */
    SAME(d, "{\"total\": 4500.00}", "{\"total\": 4500.01}");
    SAME(d, "{\"total\": 3000.03}", "{\"total\": 3000.04}");
    DIFFER(d, "{\"total\": 3000.03}", "{\"total\": 3000.045}", "at /total: this server 3000.03, the reference 3000.045");
    SAME(d, "{\"n\": 2}", "{\"n\": 2.0}");
    DIFFER(d, "{\"n\": 2}", "{\"n\": 3}", "at /n: this server 2, the reference 3");
    /* client lists as multisets; other arrays in order */
    SAME(d, "{\"productIds\": [\"a\", \"b\", \"a\"]}", "{\"productIds\": [\"a\", \"a\", \"b\"]}");
    DIFFER(d, "{\"productIds\": [\"a\", \"b\"]}", "{\"productIds\": [\"a\", \"c\"]}",
           "at /productIds/1: this server \"b\", the reference (absent)");
    DIFFER(d, "{\"storefrontIds\": [1, 2]}", "{\"storefrontIds\": [1, 2, 2]}",
           "at /storefrontIds: this server [1,2], the reference [1,2,2]");
    DIFFER(d, "{\"steps\": [\"a\", \"b\"]}", "{\"steps\": [\"b\", \"a\"]}", "at /steps/0: this server \"a\", the reference \"b\"");
    /* an error's message is prose; its code and field are not */
    SAME(d, "{\"error\": {\"code\": \"NOT_FOUND\", \"message\": \"no campaign cmp_T1\"}}",
         "{\"error\": {\"code\": \"NOT_FOUND\", \"message\": \"campaign cmp_R1 does not exist\"}}");
    DIFFER(d, "{\"error\": {\"code\": \"NOT_FOUND\", \"message\": \"m\"}}", "{\"error\": {\"code\": \"VALIDATION_ERROR\", \"message\": \"m\"}}",
           "at /error/code: this server \"NOT_FOUND\", the reference \"VALIDATION_ERROR\"");
    DIFFER(d, "{\"error\": {\"message\": 1}}", "{\"error\": {\"message\": \"m\"}}",
           "at /error/message: this server 1, the reference \"m\"");
    df_free(d);
}

/* Which steps answer from decisions: every row covered is a D-row. */
static void test_decision_only(void)
{
    struct { const char *scenario, *step; int want; } rows[] = {
        { "{}", "{}", 0 },
        { "{\"covers\": [\"D63\"]}", "{}", 1 },
        { "{\"covers\": [\"D63\"]}", "{\"covers\": [\"D75\"]}", 1 },
        { "{\"covers\": [\"D63\", \"C277\"]}", "{}", 0 },
        { "{}", "{\"covers\": [\"C277\"]}", 0 },
        { "{\"covers\": [\"D63\"]}", "{\"covers\": [\"C100\"]}", 0 },
        { "{\"covers\": []}", "{\"covers\": []}", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_doc *a = json_parse(rows[i].scenario, strlen(rows[i].scenario), NULL, NULL, NULL);
        json_doc *b = json_parse(rows[i].step, strlen(rows[i].step), NULL, NULL, NULL);
        ct_case c;
        ct_step st;
        memset(&c, 0, sizeof c);
        memset(&st, 0, sizeof st);
        c.doc = a;
        st.json = b ? b->root : NULL;
        CHECK_MSG(&T, a && b && reference_decision_only(&c, &st) == rows[i].want, "row %zu", i);
        json_doc_free(a);
        json_doc_free(b);
    }
}

int main(void)
{
    test_status_and_json();
    test_ids();
    test_values();
    test_decision_only();
    return check_done(&T);
}
