#!/bin/sh
# tests/cli/runner_console.sh - campaign-test's console (tools/runner/
# README.md, "How a run goes"): a line per scenario, the failures repeated
# in one block at the end with each failing step and its message, and
# --quiet printing only the failed scenarios, that block and the totals.
# The failing server is a mock that creates campaigns ACTIVE instead of
# DRAFT (a mutant: tests/mutants/).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
MUTANT_MOCK=${BUILD:-build}/mutants/campaign-mock-mutants
[ -x "$MUTANT_MOCK" ] || abort "$MUTANT_MOCK not built"
export SCOPE3_API_KEY=demo-token
CAMPAIGN_MOCK_MUTANT=create_status_active "$MUTANT_MOCK" --port 0 --quiet >"$tmp/m.out" 2>"$tmp/m.err" &
pids="$pids $!"
wait_for '^listening on ' "$tmp/m.out" || abort "the mutant mock did not start" "$tmp/m.err"
url=$(sed -n 's/^listening on //p' "$tmp/m.out")/api/v2/buyer

mkdir "$tmp/cases"
cat >"$tmp/cases/a-pass.json" <<'EOF2'
{"name": "an unknown route is 404", "steps": [{"name": "unknown", "request": {"method": "GET", "path": "/nothing-here"},
  "expect": {"status": 404}}]}
EOF2
cat >"$tmp/cases/b-fail.json" <<'EOF2'
{"name": "a new campaign is DRAFT", "steps": [{"name": "create", "request": {"method": "POST", "path": "/campaigns",
  "body": {"advertiserId": 12345, "name": "console ${uniqueId}", "campaignType": "DECISIONED",
           "budget": {"total": 1000, "currency": "USD"},
           "flightDates": {"startDate": "2027-01-01T00:00:00Z", "endDate": "2027-02-01T00:00:00Z"}}},
  "expect": {"status": 201, "body": [{"pointer": "/campaign/status", "equals": "DRAFT"}]}}]}
EOF2
msg='/campaign/status: expected "DRAFT", got "ACTIVE"'

"$RUNNER" --base-url "$url" --report-dir "$tmp/reports" "$tmp/cases" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "a run with a failure"
has "PASS    an unknown route is 404" out "the passing scenario's line"
has "FAIL    a new campaign is DRAFT" out "the failing scenario's line"
has "report: $tmp/reports/junit.xml" out "the report paths"
has "failures (1 scenario):" out "the failures block"
# the block comes after the reports and before the totals, and names the step
awk '/^failures \(/{f=NR} /^report: /{r=NR} /^steps: /{s=NR} END{exit !(r < f && f < s)}' "$tmp/out" && pass ||
    fail "the failures block is not between the reports and the totals"
has "  a new campaign is DRAFT  ($tmp/cases/b-fail.json)" out "the block names the scenario"
has "    failed 01 create: $msg" out "the block names the step and its message"

"$RUNNER" -q --base-url "$url" --report-dir "$tmp/reports" "$tmp/cases" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "--quiet: a run with a failure"
hasnt "PASS    " out "--quiet: no passing scenario"
has "FAIL    a new campaign is DRAFT" out "--quiet: the failing scenario"
has "        01 create: $msg" out "--quiet: its problem"
hasnt "report: " out "--quiet: no report paths"
has "failures (1 scenario):" out "--quiet: the failures block"
has "1 passed, 1 failed" out "--quiet: the totals"

# a green run has no failures block
"$RUNNER" --base-url "$url" --no-reports "$tmp/cases/a-pass.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 0 "a green run"
hasnt "failures (" out "no failures block when nothing failed"
"$RUNNER" -q --base-url "$url" --no-reports "$tmp/cases/a-pass.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$(grep -c . "$tmp/out")" = 2 ] && pass || { fail "--quiet green run: want only the two totals lines"; cat "$tmp/out"; }
finish
