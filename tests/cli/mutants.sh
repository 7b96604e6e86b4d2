#!/bin/sh
# tests/cli/mutants.sh - how strong is the conformance suite?  Replays
# cases/ against the mock with one deliberate bug at a time (the mutants of
# tests/mutants/mutants.tsv, compiled into BUILD/mutants/campaign-mock-mutants)
# and reports which ones the suite kills (at least one scenario fails or
# errs) and which survive (every scenario passes).
#
# The checks of this test are the harness's, not the kill rate: the table
# and the binary name the same mutants, and the same as the hooks in
# tools/mock/; bin/campaign-mock holds none of them; the unmutated test
# build passes the suite; every mutant run completes (the runner answers
# 0 or 1 within the time limit) with the mutant mock still up afterwards
# (a mutant is a wrong answer, never a crash).  Surviving mutants do not
# fail it: they are the measurement, printed as "SURVIVED NAME (ROWS)",
# and reduced by new cases.
# Output: "killed NAME" / "SURVIVED NAME (ROWS)" per mutant, then
# "kill rate: K/N (P%)"; the same as TSV (name, result, rows, first failing
# scenario) in $MUTANTS_REPORT (default reports/mutants.tsv).
# Environment: BUILD (default build), BIN (default bin), MUTANTS_REPORT.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
MOCK=$BUILD/mutants/campaign-mock-mutants
TABLE=tests/mutants/mutants.tsv
REPORT=${MUTANTS_REPORT:-reports/mutants.tsv}
TOKEN="tok-mutants-4c1d"
export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"
unset CAMPAIGN_MOCK_MUTANT

[ -x "$MOCK" ] || abort "$MOCK not built (make build)"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
[ -f "$TABLE" ] || abort "$TABLE missing"

# ---- the list of mutants: table, binary and hooks agree -----------------
grep -v '^#' "$TABLE" | cut -f1 | sort >"$tmp/table"
CAMPAIGN_MOCK_MUTANT=list "$MOCK" | sort >"$tmp/binary"
grep -oh 'mock_mutant("[a-z0-9_]*")' tools/mock/*.c | sed 's/mock_mutant("\(.*\)")/\1/' | sort -u >"$tmp/hooks"
if [ ! -s "$tmp/binary" ]; then
    fail "CAMPAIGN_MOCK_MUTANT=list printed no mutant"
elif cmp -s "$tmp/table" "$tmp/binary"; then pass
else
    fail "$TABLE and the binary name different mutants (< only in the table, > only in the binary)"
    diff "$tmp/table" "$tmp/binary" | grep '^[<>]'
fi
if cmp -s "$tmp/hooks" "$tmp/binary"; then pass
else
    fail "the hooks in tools/mock/ and the registry in mock_mutant.c differ (< hooks, > registry)"
    diff "$tmp/hooks" "$tmp/binary" | grep '^[<>]'
fi
bad=$(awk -F'\t' '!/^#/ && (NF != 3 || $2 == "" || $3 == "")' "$TABLE")
if [ -z "$bad" ]; then pass; else fail "$TABLE: lines without name, rows and description:"; echo "$bad"; fi
# the ordinary mock has no mutant compiled in
leaked=""
while read -r m; do grep -aqF "$m" "$BIN/campaign-mock" && leaked="$leaked $m"; done <"$tmp/binary"
if [ -z "$leaked" ]; then pass; else fail "$BIN/campaign-mock contains mutant names:$leaked"; fi
CAMPAIGN_MOCK_MUTANT=no_such_mutant "$MOCK" --port 0 >"$tmp/out" 2>"$tmp/err"
rc=$?
status 2 "an unknown mutant name"
has "unknown mutant no_such_mutant" err "an unknown mutant name"

# ---- one suite run against one mock ---------------------------------------
# suite NAME : start the test build with CAMPAIGN_MOCK_MUTANT=NAME ("" for
# none), replay cases/; $rc the runner's status (124: timed out), $alive 1
# when the mock was still up afterwards; the runner's output in $tmp/run.out
suite() {
    CAMPAIGN_MOCK_MUTANT=$1
    export CAMPAIGN_MOCK_MUTANT
    if ! start_mock "$tmp/mock" --quiet; then
        unset CAMPAIGN_MOCK_MUTANT
        rc=99; alive=0
        return
    fi
    unset CAMPAIGN_MOCK_MUTANT
    timeout 60 "$RUNNER" --base-url "$url" --no-reports -j 4 cases/ >"$tmp/run.out" 2>&1
    rc=$?
    alive=0
    kill -0 "$mp" 2>/dev/null && alive=1
    kill "$mp" 2>/dev/null
    wait "$mp" 2>/dev/null
    forget "$mp"
}

start=$(date +%s)
suite ""
if [ "$rc" = 0 ] && [ "$alive" = 1 ]; then pass
else
    fail "the unmutated test build does not pass the suite (status $rc); no kill would mean anything"
    grep -E '^(FAIL|ERROR)' "$tmp/run.out" | head -5
    head -5 "$tmp/mock.stderr"
    finish
fi

# ---- every mutant ---------------------------------------------------------
mkdir -p "$(dirname "$REPORT")"
printf 'name\tresult\trows\tfirst failing scenario\n' >"$tmp/report"
killed=0
total=0
grep -v '^#' "$TABLE" | cut -f1,2 >"$tmp/list"
while IFS='	' read -r name rows; do
    suite "$name"
    total=$((total + 1))
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
        fail "mutant $name: the suite run did not complete (status $rc)"
        tail -3 "$tmp/run.out"
        head -3 "$tmp/mock.stderr"
        printf '%s\tharness error\t%s\t\n' "$name" "$rows" >>"$tmp/report"
        continue
    fi
    if [ "$alive" != 1 ]; then
        fail "mutant $name: the mock died during the run (a mutant must answer, not crash)"
        head -3 "$tmp/mock.stderr"
    else
        pass
    fi
    if [ "$rc" = 1 ]; then
        killed=$((killed + 1))
        first=$(grep -E '^(FAIL|ERROR)' "$tmp/run.out" | head -1 | sed -n 's/.*(\(cases\/[^,]*\),.*/\1/p')
        echo "killed $name"
        printf '%s\tkilled\t%s\t%s\n' "$name" "$rows" "$first" >>"$tmp/report"
    else
        echo "SURVIVED $name ($rows)"
        printf '%s\tsurvived\t%s\t\n' "$name" "$rows" >>"$tmp/report"
    fi
done <"$tmp/list"
pct=0
[ "$total" -gt 0 ] && pct=$((killed * 100 / total))
echo "kill rate: $killed/$total ($pct%)"
printf '# kill rate: %s/%s (%s%%)\n' "$killed" "$total" "$pct" >>"$tmp/report"
cp "$tmp/report" "$REPORT" && echo "mutants: report in $REPORT ($(( $(date +%s) - start )) s)"
finish
