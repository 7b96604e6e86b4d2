/* mock_mutant.c - the registry of mutants and the active one (see
 * mock_mutant.h).  Compiled to nothing without -DMOCK_MUTANTS. */
#include "mock_mutant.h"

#ifdef MOCK_MUTANTS
#include <stdlib.h>
#include <string.h>

/* Every hook's name; tests/mutants/mutants.tsv lists the same names with
 * the behaviour each breaks. */
static const char *const mutant_names[] = {
    "allocated_counts_canceled",
    "auth_401_as_403",
    "auth_any_token_on_get",
    "budget_explicit_refusal_ignored",
    "budget_insufficient_accepted",
    "budget_raise_scales_packages",
    "budget_reduction_not_stored",
    "budget_reduction_response_stale",
    "budget_reduction_scales_explicit",
    "budget_refused_lowers_total",
    "content_type_unchecked",
    "create_apply_mode_default_manual",
    "create_brief_dropped",
    "create_currency_ignored",
    "create_duplicate_product_ok",
    "create_products_dropped",
    "create_status_200",
    "create_status_active",
    "create_unknown_advertiser_400",
    "execute_active_allowed",
    "execute_all_failed_active",
    "execute_debug_always",
    "execute_failure_hidden",
    "execute_one_buy_per_product",
    "execute_paused_resumes",
    "execute_split_ignores_fees",
    "execute_split_rounding",
    "execute_without_products",
    "get_created_at_now",
    "get_property_lists_any_value",
    "get_property_lists_ignored",
    "get_unknown_400",
    "list_buy_status_filter_ignored",
    "list_invalid_status_ignored",
    "list_limit_ignored",
    "list_product_count_after_execute",
    "list_status_filter_ignored",
    "list_status_first_only",
    "list_total_unfiltered",
    "malformed_json_500",
    "mb_bid_null_kept",
    "mb_cancel_keeps_packages",
    "mb_cancel_unknown_package_ignored",
    "mb_delete_cancels",
    "mb_goals_appended",
    "mb_package_pacing_ignored",
    "mb_rename_ignored",
    "mb_unknown_400",
    "mb_update_canceled_ok",
    "mbs_agents_count_failed",
    "mbs_failed_not_in_errors",
    "mbs_unknown_empty",
    "mediabuyrefs_skip_canceled",
    "method_wrong_404",
    "pause_draft_allowed",
    "pause_no_cascade",
    "proposal_applied_at_once",
    "proposal_as_200",
    "reactivate_all_active",
    "reactivate_from_active",
    "route_unknown_400",
    "surfaced_least_restrictive",
    "transition_409_as_400",
    "update_apply_mode_ignored",
    "update_budget_wipes_pacing",
    "update_campaign_type_mutable",
    "update_caps_empty_no_clear",
    "update_discovery_any_status",
    "update_omitted_brief_cleared",
    "update_pacing_periods_any_status",
    "update_refused_applies_name",
    "update_unknown_400",
    "update_updated_at_reset",
    "validation_field_parent",
};
#define N_MUTANTS (sizeof mutant_names / sizeof mutant_names[0])

/* The active mutant, an index into mutant_names or -1.  The one global of
 * the mock: the hooks sit deep in pure functions (the money arithmetic,
 * rendering, the request checks) that take no server state, and passing a
 * selector down to all of them would change the signatures of the
 * ordinary build for the test build's sake.  It is written once, by main,
 * before any thread starts, and only read afterwards. */
static int active = -1;

static int find(const char *name)
{
    for (size_t i = 0; i < N_MUTANTS; i++)
        if (strcmp(mutant_names[i], name) == 0) return (int)i;
    return -1;
}

int mock_mutant(const char *name)
{
    int i = find(name);
    if (i < 0) {
        fprintf(stderr, "campaign-mock: hook for unregistered mutant %s\n", name);
        abort();
    }
    return i == active;
}

int mock_mutant_select(const char *name)
{
    active = -1;
    if (!name || !*name) return 1;
    active = find(name);
    return active >= 0;
}

void mock_mutant_list(FILE *out)
{
    for (size_t i = 0; i < N_MUTANTS; i++) fprintf(out, "%s\n", mutant_names[i]);
}
#else
typedef int mock_mutant_none;   /* ISO C wants a declaration in every file */
#endif
