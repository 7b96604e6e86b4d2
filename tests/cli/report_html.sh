#!/bin/sh
# tests/cli/report_html.sh - the HTML report is made for triage, on the
# whole suite: a green run's page is small (no bodies of passed steps, a
# line per scenario); a failing run's page opens with the verdict and an
# index of the failing steps whose links all land, and marks the wrong
# values in the pretty-printed response.  The failing run replays cases/
# against the mutant mock with one mutant on (pause_no_cascade: pause
# leaves the media buys ACTIVE).
# Environment: BIN, BUILD (default build).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
MUTANTS=$BUILD/mutants/campaign-mock-mutants
TOKEN="tok-report-html-5e2a"
export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"
unset CAMPAIGN_MOCK_MUTANT
[ -x "$RUNNER" ] || abort "$RUNNER not built"
[ -x "$MUTANTS" ] || abort "$MUTANTS not built (make build)"

# the page of a green suite run stays well under this
GREEN_MAX=153600

size() { wc -c <"$1" | tr -d ' '; }
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

# Every in-page link of FILE names an id the page holds.
links_land() {
    grep -o 'href="#[^"]*"' "$1" | sed 's/^href="#//; s/"$//' | sort -u >"$tmp/links"
    n=0
    while IFS= read -r id; do
        n=$((n + 1))
        grep -q "id=\"$id\"" "$1" || fail "$2: the link #$id lands nowhere"
    done <"$tmp/links"
    [ "$n" -gt 0 ] && pass || fail "$2: no in-page link"
}

# ---- green: the plain mock --------------------------------------------
start_mock "$tmp/mock" || abort "campaign-mock did not start" "$tmp/mock.stderr"
"$RUNNER" --base-url "$url" -j 2 -q --html "$tmp/green.html" cases/ >"$tmp/out" 2>"$tmp/err"
rc=$?
status 0 "the suite against the mock"
kill "$mp"; wait "$mp" 2>/dev/null; forget "$mp"
g=$(size "$tmp/green.html")
echo "green report: $g bytes"
if [ "$g" -lt "$GREEN_MAX" ]; then pass; else fail "green report is $g bytes, want < $GREEN_MAX"; fi
npass=$(sed -n 's/^\([0-9]*\) passed, 0 failed$/\1/p' "$tmp/out")
has "<div class=\"verdict passed\">All $npass scenarios passed</div>" green.html "green verdict"
# a line per scenario, no step detail, no body at all
lines=$(count '<li><span class="passed">passed</span>' "$tmp/green.html")
if [ "$lines" = "$npass" ]; then pass; else fail "green: $lines one-line scenarios, want $npass"; fi
hasnt '<pre' green.html "green: no body embedded"
hasnt 'class="index"' green.html "green: no index of failures"
has '<h2 id="matrix">Conformance matrix</h2>' green.html "green: the matrix"
hasnt '<script' green.html "green: no script"

# ---- failing: one mutant ----------------------------------------------
MOCK=$MUTANTS
export CAMPAIGN_MOCK_MUTANT=pause_no_cascade
start_mock "$tmp/mut" || abort "the mutant mock did not start" "$tmp/mut.stderr"
unset CAMPAIGN_MOCK_MUTANT
"$RUNNER" --base-url "$url" -j 2 -q --html "$tmp/fail.html" --json "$tmp/fail.json" cases/ >"$tmp/out" 2>"$tmp/err"
rc=$?
status 1 "the suite against pause_no_cascade"
f=$(size "$tmp/fail.html")
echo "failing report: $f bytes"
if [ "$f" -lt 307200 ]; then pass; else fail "failing report is $f bytes, want < 307200"; fi
nfail=$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' "$tmp/out")
[ "${nfail:-0}" -gt 0 ] && pass || fail "the mutant failed no scenario"
has "<div class=\"verdict failed\">$nfail of " fail.html "failing verdict"
# the index: one line per failing or errored step, before any detail
steps=$(sed -n 's/^steps: [0-9]* passed, \([0-9]*\) failed, \([0-9]*\) errors.*/\1 \2/p' "$tmp/out")
want=$(( ${steps% *} + ${steps#* } ))
sed -n '/<ol class="index">/,/<\/ol>/p' "$tmp/fail.html" >"$tmp/index"
got=$(count '<li><a href="#f' "$tmp/index")
if [ "$got" = "$want" ] && [ "$want" -gt 0 ]; then pass; else fail "index: $got lines, want $want (one per failing step)"; fi
ix=$(grep -n '<ol class="index">' "$tmp/fail.html" | head -1 | cut -d: -f1)
st=$(grep -n 'class="step"' "$tmp/fail.html" | head -1 | cut -d: -f1)
if [ -n "$ix" ] && [ -n "$st" ] && [ "$ix" -lt "$st" ]; then pass; else fail "the index does not come before the details"; fi
has '/campaign/mediaBuys/0/status: expected &quot;PAUSED&quot;, got &quot;ACTIVE&quot;' index "index names the wrong value"
links_land "$tmp/fail.html" "failing report"
# expected beside actual, and the value marked in the laid-out body
has '<td class="want">&quot;PAUSED&quot;</td><td class="got">&quot;ACTIVE&quot;</td>' fail.html "expected beside actual"
marks=$(grep -c '<mark id="v[0-9-]*">&quot;ACTIVE&quot;</mark>' "$tmp/fail.html")
if [ "$marks" -ge "$want" ]; then pass; else fail "$marks marked ACTIVE values, want >= $want"; fi
has '      &quot;status&quot;: ' fail.html "the body pretty-printed"
has '<details class="fold"><summary>lines ' fail.html "a long body folded"
# passed scenarios: a line each, their bodies left out
npass=$(sed -n 's/^\([0-9]*\) passed, .*/\1/p' "$tmp/out")
lines=$(count '<li><span class="passed">passed</span>' "$tmp/fail.html")
if [ "$lines" = "$npass" ]; then pass; else fail "failing: $lines one-line scenarios, want $npass"; fi
hasnt "$TOKEN" fail.html "the token"
hasnt '<script' fail.html "failing: no script"
finish
