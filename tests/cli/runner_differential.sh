#!/bin/sh
# tests/cli/runner_differential.sh - campaign-test's differential mode
# (tools/runner/README.md, "Differential mode"): every step sent to the
# server under test and to a reference, the answers compared after the
# normalisation rules N1-N8.  The whole suite against campaign-mock with
# the bundled mock as reference agrees, twice in a row on one server (ids
# and timestamps differ between the two, which the rules absorb); a mock
# that breaks one documented behaviour (a mutant: tests/mutants/) differs,
# and the difference is named in the console and all three reports with
# the pointer and both values; --reference URL does the same with a
# reference the script started; a reference that does not pass a step
# itself makes that step an error, not a verdict; the reference mock the
# runner starts is stopped at the end; conflicting options are usage
# errors.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
[ -x "$MOCK" ] || abort "$MOCK not built"
MUTANT_MOCK=${BUILD:-build}/mutants/campaign-mock-mutants
export SCOPE3_API_KEY=demo-token

run() {
    name=$1; shift
    timeout 120 "$RUNNER" --junit "$tmp/$name.xml" --json "$tmp/$name.json" --html "$tmp/$name.html" "$@" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
ref_mocks() { pgrep -f 'campaign-mock --host 127.0.0.1 --port 0 --quiet' | wc -l; }
before=$(ref_mocks)

# ---- the suite against the mock, the bundled mock as reference -----------------
start_mock "$tmp/target" --quiet || abort "campaign-mock did not start" "$tmp/target.stderr"
n=$("$RUNNER" --list cases/ | tail -1 | awk '{print $1}')
for round in 1 2; do
    run "same$round" --base-url "$url" -j 4 --reference-mock cases/
    status 0 "the suite against an equal reference (round $round)"
    has "$n passed, 0 failed" out "every scenario agrees (round $round)"
    has "reference: http://127.0.0.1:" out "the reference named (round $round)"
    has "differential: 0 differences from the reference's choices" out "no decision differences (round $round)"
done
tab=$(printf '\t')
has "\"referenceUrl\":$tab\"http://127.0.0.1:" same1.json "referenceUrl in summary.json"
has "\"notes\":$tab0" same1.json "totals.notes in summary.json"
has "compared with the reference http://127.0.0.1:" same1.html "the reference in the HTML report"
[ "$(ref_mocks)" = "$before" ] && pass || fail "the reference mock was left running"

# ---- a mutant differs where it breaks the contract --------------------------------
# the case's own expectations say nothing of the status: only the comparison sees it
mkdir -p "$tmp/cases"
cat >"$tmp/cases/create.json" <<'EOF2'
{"name": "create", "steps": [{"name": "create", "request": {"method": "POST", "path": "/campaigns",
  "body": {"advertiserId": 12345, "name": "differential ${uniqueId}", "campaignType": "DECISIONED",
           "budget": {"total": 1000, "currency": "USD"},
           "flightDates": {"startDate": "2027-01-01T00:00:00Z", "endDate": "2027-02-01T00:00:00Z"}}},
  "expect": {"status": 201}}]}
EOF2
if [ -x "$MUTANT_MOCK" ]; then
    CAMPAIGN_MOCK_MUTANT=create_status_active "$MUTANT_MOCK" --port 0 --quiet >"$tmp/mut.out" 2>"$tmp/mut.err" &
    pids="$pids $!"
    wait_for '^listening on ' "$tmp/mut.out" || abort "the mutant mock did not start" "$tmp/mut.err"
    murl=$(sed -n 's/^listening on //p' "$tmp/mut.out")/api/v2/buyer
    # the case's own expectations say nothing of the status: only the comparison sees it
    run plain --base-url "$murl" --no-read-back "$tmp/cases/create.json"
    grep -q "differs from the reference" "$tmp/out" && fail "no reference: no comparison" || pass
    run mut --base-url "$murl" --no-read-back --reference-mock "$tmp/cases/create.json"
    status 1 "a mutant that creates ACTIVE campaigns"
    want='differs from the reference at /campaign/status: this server "ACTIVE", the reference "DRAFT"'
    has "$want" out "the difference in the console"
    esc=$(printf '%s' "$want" | sed 's/"/\&quot;/g')
    has "$esc" mut.xml "the difference in junit"
    has "$esc" mut.html "the difference in html"
    has "$(printf '%s' "$want" | sed 's/"/\\"/g')" mut.json "the difference in summary.json"
    # --reference URL: the same against a reference the script started
    run url --base-url "$murl" --no-read-back --reference "$url" "$tmp/cases/create.json"
    status 1 "--reference URL"
    has "$want" out "--reference URL: the difference"
    has "reference: $url" out "--reference URL named"
    # a step that covers only decisions: a difference is a note; --strict-decisions fails it
    sed 's/"name": "create", "steps"/"name": "create", "covers": ["D64"], "steps"/' "$tmp/cases/create.json" \
        >"$tmp/cases/decision.json"
    CAMPAIGN_MOCK_MUTANT=create_apply_mode_default_manual "$MUTANT_MOCK" --port 0 --quiet >"$tmp/mut2.out" 2>"$tmp/mut2.err" &
    pids="$pids $!"
    wait_for '^listening on ' "$tmp/mut2.out" || abort "the mutant mock did not start" "$tmp/mut2.err"
    murl2=$(sed -n 's/^listening on //p' "$tmp/mut2.out")/api/v2/buyer
    note='differs from the reference'"'"'s choice at /campaign/optimizationApplyMode: this server "MANUAL", the reference "AUTO"'
    run note --base-url "$murl2" --no-read-back --reference-mock "$tmp/cases/decision.json"
    status 0 "a decision's difference does not fail"
    has "differential: 1 difference from the reference's choices" out "counted on the console"
    has "$(printf '%s' "$note" | sed 's/"/\\"/g')" note.json "the note in summary.json"
    has "\"notes\":$tab1" note.json "totals.notes"
    has "$(printf '%s' "$note" | sed 's/"/\&quot;/g; s/'"'"'/\&#39;/g')" note.html "the note in html"
    has "DIFFERS FROM THE REFERENCE'S CHOICE: differs from the reference" note.xml "the note in junit"
    run strict --base-url "$murl2" --no-read-back --reference-mock --strict-decisions "$tmp/cases/decision.json"
    status 1 "--strict-decisions"
    has 'differs from the reference at /campaign/optimizationApplyMode: this server "MANUAL", the reference "AUTO"' out \
        "--strict-decisions: a failure"
    # the same case without covers: a failure
    run nocover --base-url "$murl2" --no-read-back --reference-mock "$tmp/cases/create.json"
    status 1 "a step that covers no decision"
else
    fail "$MUTANT_MOCK not built"
fi

# ---- a reference that fails the step itself ---------------------------------------
if build_nettool; then
    mkdir -p "$tmp/seq"
    printf '500\n{"data": null, "error": {"code": "INTERNAL_ERROR", "message": "down"}}' >"$tmp/seq/1"
    : >"$tmp/srv.out"
    "$tmp/nettool" serve seq "$tmp/seq" >"$tmp/srv.out" 2>"$tmp/srv.err" &
    pids="$pids $!"
    wait_for listening "$tmp/srv.out"
    surl=$(sed -n 's/^listening on //p' "$tmp/srv.out")/api/v2/buyer
    run refbad --base-url "$url" --no-read-back --reference "$surl" "$tmp/cases/create.json"
    status 1 "a reference that does not pass the step"
    has "the reference did not pass this step" out "the step names the reference"
    has "\"errored\":$tab1" refbad.json "an error, not a failure"
else
    fail "cannot build tests/tools/nettool.c"
fi

# ---- options ------------------------------------------------------------------------
for bad in "--reference $url --reference-mock" "--reference-fixtures tools/mock/fixtures.json" "--strict-decisions" \
           "--reference-mock --reference-fixtures"; do
    # shellcheck disable=SC2086
    timeout 20 "$RUNNER" --base-url "$url" $bad cases/ >"$tmp/out" 2>"$tmp/err"
    rc=$?
    status 2 "usage: $bad"
done
timeout 20 "$RUNNER" --base-url "$url" --reference http://192.0.2.1/api/v2/buyer cases/ >"$tmp/out" 2>"$tmp/err"
rc=$?
status 2 "a reference that is not loopback, without --live"
has "--reference http://192.0.2.1/api/v2/buyer is not a loopback address" err "its message"
run fix --base-url "$url" -j 4 --reference-mock --reference-fixtures tools/mock/fixtures.json --body-dir cases cases/update/
status 0 "--reference-fixtures with the target's own fixtures file"

finish
