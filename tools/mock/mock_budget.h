/* mock_budget.h - the budget side of a campaign update.
 *
 * Documented behaviour: lowering budget.total below the live package
 * allocation generates proportional reductions of the live package budgets
 * so they fit the new media budget; package budgets given explicitly in
 * the same request win and only the other live packages scale; the update
 * is atomic (a refused generated seller update means nothing changes); a
 * media budget still below the allocation is 400 INSUFFICIENT_MEDIA_BUDGET.
 *
 * Choices where the pages are silent (tools/mock/README.md):
 *  - generated reductions never touch buys on seller-managed storefronts:
 *    those would wait for seller approval, and an approval that is later
 *    declined would leave the campaign over-allocated, breaking the atomic
 *    guarantee; their packages count at their current budgets;
 *  - a sales agent that refuses budget updates refuses generated ones too:
 *    409 SELLER_REJECTED, nothing changes. */
#ifndef MOCK_BUDGET_H
#define MOCK_BUDGET_H

#include "mock_api.h"

/* w: the campaign after the request's other changes (explicit package
 * budgets marked with explicit_budget).  total_given: the request set
 * budget.total to new_total.  budgets_touched: the request set a package
 * budget.  Sets w->total.  0, or -1 with r filled. */
int budget_apply(const mock_app *app, mock_campaign *w, int total_given, mock_cents new_total,
                 int budgets_touched, mock_reply *r);

#endif
