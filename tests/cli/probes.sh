#!/bin/sh
# tests/cli/probes.sh - campaign-probes: its command line (exit statuses,
# --help), that it writes the same probes on every run and at least a
# floor of them, that campaign-test accepts every file (--dry-run), that
# every probe passes against campaign-mock, one pair in detail (the
# campaign name's maxLength 255: 255 code points inside, 256 outside,
# error.field "/name"), and that the probes catch a mock that names the
# wrong member in error.field (the validation_field_parent mutant of
# tests/mutants/mutants.tsv).
# Environment: BUILD (default build), BIN (default bin).  Run from the
# project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
PROBES=$BIN/campaign-probes
MUTANTS=$BUILD/mutants/campaign-mock-mutants
FLOOR=350
TOKEN="tok-probes-7a2b"
export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"
unset CAMPAIGN_MOCK_MUTANT

[ -x "$PROBES" ] || abort "$PROBES not built"
[ -x "$RUNNER" ] || abort "$RUNNER not built"

run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

# ---- the command line ------------------------------------------------------
run "$PROBES" --help
status 0 "--help"
has "usage: campaign-probes" out "--help synopsis"
has "Exit status:" out "--help epilogue"
run "$PROBES"
status 2 "no --out"
has "--out is required" err "no --out message"
run "$PROBES" --out "$tmp/x" --schemas "$tmp/none"
status 2 "unreadable schemas"
run "$PROBES" --out "$tmp/x" --examples "$tmp/none"
status 2 "unreadable examples"

# ---- the same probes on every run, and enough of them ------------------------
run "$PROBES" --out "$tmp/p1"
status 0 "generate"
has "probes written" out "summary on stdout"
[ -f "$tmp/p1/summary.txt" ] && pass || fail "no summary.txt"
run "$PROBES" -q --out "$tmp/p2"
status 0 "generate again"
[ ! -s "$tmp/out" ] && pass || fail "-q still printed"
if diff -r "$tmp/p1" "$tmp/p2" >"$tmp/diff"; then pass; else fail "two runs wrote different probes"; head -5 "$tmp/diff"; fi
n=$(find "$tmp/p1" -name '*.json' | wc -l)
said=$(sed -n 's/^campaign-probes: \([0-9]*\) probes written.*/\1/p' "$tmp/p1/summary.txt")
[ "$n" = "$said" ] && pass || fail "summary says $said probes, $n files written"
[ "$n" -ge "$FLOOR" ] && pass || fail "$n probes, fewer than the floor of $FLOOR"
nc=$(find "$tmp/p1/create" -name '*.json' | wc -l)
nu=$(find "$tmp/p1/update" -name '*.json' | wc -l)
[ "$nc" -gt 100 ] && [ "$nu" -gt 100 ] && pass || fail "create $nc, update $nu probes"
# every probe is tagged and creates nothing but DRAFTs: no execute, no spend
untagged=$(grep -L '"probe-\(create\|update\)"' $(find "$tmp/p1" -name '*.json') | wc -l)
[ "$untagged" = 0 ] && pass || fail "$untagged probes without probe-create/probe-update"
if grep -l 'execute\|reactivate\|"spend"' -r "$tmp/p1" --include='*.json' >"$tmp/spend"; then
    fail "probes that execute or spend: $(head -1 "$tmp/spend")"
else pass; fi

# ---- campaign-test accepts every file ----------------------------------------
run "$RUNNER" --dry-run "$tmp/p1"
status 0 "--dry-run of the probes"
has "$n case files valid" out "every probe file valid"

# ---- one pair in detail: the campaign name's maxLength 255 --------------------
f=$tmp/p1/create/name.maxLength.json
if [ -f "$f" ]; then
    pass
    # the names as sent: ${uniqueId} is a 36-character UUID
    sed -n 's/^\t*"name":\t"\(probe \${uniqueId}.*\)",*$/\1/p' "$f" |
        sed 's/\${uniqueId}/00000000-0000-4000-8000-000000000000/' >"$tmp/names"
    lens=$(while IFS= read -r l; do printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m; done <"$tmp/names" | tr '\n' ' ')
    [ "$lens" = "255 256 " ] && pass || fail "name lengths in code points: '$lens', want 255 then 256"
    has '"equals":	"/name"' "$f" "the outside step expects error.field /name"
    has '"equals":	"VALIDATION_ERROR"' "$f" "the outside step expects VALIDATION_ERROR"
    has '"status":	201' "$f" "the inside step expects 201"
    has '"negative":	true' "$f" "the outside step is marked negative"
    has 'C' "$f" "rows named"
    has 'common.json#/$defs/Name/maxLength' "$f" "the schema location named"
else
    fail "no $f"
fi

# ---- every probe passes against the mock ------------------------------------
if start_mock "$tmp/mock" --quiet; then
    t0=$(date +%s)
    run "$RUNNER" --base-url "$url" --no-reports -j 4 "$tmp/p1"
    t1=$(date +%s)
    status 0 "the probes against campaign-mock"
    has "$n passed, 0 failed" out "every probe passed"
    grep -E '^(FAIL|ERROR)' "$tmp/out" | head -5
    echo "probes against the mock: $n scenarios in $((t1 - t0)) s"
    kill "$mp" 2>/dev/null; wait "$mp" 2>/dev/null; forget "$mp"
else
    fail "campaign-mock did not start"
fi

# ---- the probes catch a mock naming the wrong member ------------------------------
if [ -x "$MUTANTS" ]; then
    MOCK=$MUTANTS
    CAMPAIGN_MOCK_MUTANT=validation_field_parent
    export CAMPAIGN_MOCK_MUTANT
    if start_mock "$tmp/mutant" --quiet; then
        unset CAMPAIGN_MOCK_MUTANT
        run "$RUNNER" --base-url "$url" --no-reports -j 4 "$tmp/p1"
        status 1 "the probes against validation_field_parent"
        has "FAIL    probe create /name: maxLength 255" out "the name pair catches the mutant"
        has 'expected "/name", got ""' out "the mutant's field is named"
        kill "$mp" 2>/dev/null; wait "$mp" 2>/dev/null; forget "$mp"
    else
        unset CAMPAIGN_MOCK_MUTANT
        fail "the mutant mock did not start"
    fi
else
    fail "$MUTANTS not built"
fi
finish
