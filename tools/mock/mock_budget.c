/* mock_budget.c - budget.total changes and generated package reductions
 * (see mock_budget.h). */
#include "mock_budget.h"
#include "mock_json.h"
#include "mock_mutant.h"

#include <stdlib.h>
#include <string.h>

/* A package the generated reductions may scale. */
static int eligible(const mock_buy *b, const mock_package *p)
{
    return package_is_live(b, p) && (!p->explicit_budget || mock_mutant("budget_reduction_scales_explicit")) &&
           !buy_is_seller_managed(b);
}

static cJSON *allocation_details(mock_cents media, mock_cents alloc)
{
    cJSON *d = cJSON_CreateObject();
    if (mj_add_num(d, "mediaBudget", money_to_number(media)) &&
        mj_add_num(d, "projectedAllocation", money_to_number(alloc)))
        return d;
    cJSON_Delete(d);
    return NULL;
}

/* Scale the eligible packages so that they sum to target. */
static int scale_down(mock_campaign *w, mock_cents target, mock_reply *r)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_buys; i++)
        for (size_t j = 0; j < w->buys[i].n_pkgs; j++)
            if (eligible(&w->buys[i], &w->buys[i].pkgs[j])) n++;
    if (n == 0) return 0;
    int64_t *weights = malloc(n * sizeof *weights);
    mock_cents *parts = malloc(n * sizeof *parts);
    if (!weights || !parts) {
        free(weights); free(parts);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < w->n_buys; i++)
        for (size_t j = 0; j < w->buys[i].n_pkgs; j++)
            if (eligible(&w->buys[i], &w->buys[i].pkgs[j])) weights[k++] = w->buys[i].pkgs[j].budget;
    money_split(target, weights, n, parts);
    k = 0;
    int rc = 0;
    char now[MOCK_TIME_LEN];
    mock_now(now);
    for (size_t i = 0; i < w->n_buys && rc == 0; i++) {
        mock_buy *b = &w->buys[i];
        int changed = 0;
        for (size_t j = 0; j < b->n_pkgs && rc == 0; j++) {
            mock_package *p = &b->pkgs[j];
            if (!eligible(b, p)) continue;
            mock_cents nb = parts[k++];
            if (nb == p->budget) continue;
            if (b->agent->refuses_budget_updates) {
                cJSON *d = cJSON_CreateObject();
                int ok = mj_add_str(d, "mediaBuyId", b->id);
                ok &= mj_add_str(d, "salesAgentId", b->agent->id);
                ok &= mj_add_str(d, "packageId", p->id);
                ok &= mj_add_num(d, "requestedBudget", money_to_number(nb));
                if (!ok) { cJSON_Delete(d); d = NULL; }
                if (!d) reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
                else reply_error(r, 409, "SELLER_REJECTED", "/budget/total", d,
                            "sales agent %s refused the generated budget update of package %s "
                            "(%.2f to %.2f); nothing was changed and budget.total was not lowered",
                            b->agent->id, p->id, money_to_number(p->budget), money_to_number(nb));
                rc = -1;
                break;
            }
            p->budget = nb;
            changed = 1;
        }
        if (changed) memcpy(b->updated_at, now, sizeof now);
    }
    free(weights);
    free(parts);
    return rc;
}

int budget_apply(const mock_app *app, mock_campaign *w, int total_given, mock_cents new_total,
                 int budgets_touched, mock_reply *r)
{
    mock_cents old_total = w->total;
    mock_cents media = campaign_media_budget(app->fx, new_total);
    mock_cents alloc = campaign_allocated(w);
    if (total_given && new_total < old_total && alloc > media) {
        mock_cents scalable = 0;
        for (size_t i = 0; i < w->n_buys; i++)
            for (size_t j = 0; j < w->buys[i].n_pkgs; j++)
                if (eligible(&w->buys[i], &w->buys[i].pkgs[j])) scalable += w->buys[i].pkgs[j].budget;
        mock_cents target = media - (alloc - scalable);   /* what the scalable ones may keep */
        if (scalable > 0 && target > 0) {
            if (scale_down(w, target, r) != 0) return -1;
            alloc = campaign_allocated(w);
        }
    }
    if (total_given && new_total > old_total && alloc > 0 && mock_mutant("budget_raise_scales_packages")) {
        mock_cents scalable = 0;
        for (size_t i = 0; i < w->n_buys; i++)
            for (size_t j = 0; j < w->buys[i].n_pkgs; j++)
                if (eligible(&w->buys[i], &w->buys[i].pkgs[j])) scalable += w->buys[i].pkgs[j].budget;
        mock_cents room = media - (alloc - scalable);
        if (scalable > 0 && room > scalable) {
            if (scale_down(w, scalable + (room - scalable) / 2, r) != 0) return -1;
            alloc = campaign_allocated(w);
        }
    }
    if ((total_given || budgets_touched) && alloc > media && !mock_mutant("budget_insufficient_accepted")) {
        cJSON *d = allocation_details(media, alloc);
        if (!d) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return -1; }
        reply_error(r, 400, "INSUFFICIENT_MEDIA_BUDGET", total_given ? "/budget/total" : "/mediaBuys", d,
                    "media budget %.2f is below the projected live package allocation %.2f",
                    money_to_number(media), money_to_number(alloc));
        return -1;
    }
    w->total = new_total;
    return 0;
}
