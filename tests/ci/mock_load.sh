#!/bin/sh
# tests/ci/mock_load.sh - campaign-mock under load on loopback (wrk, 64
# connections, 2 threads):
#   phase grow    (LOAD_GROW_S, default 15 s): reads mixed with concurrent
#                 PUTs adding one unique audience each to the same four
#                 campaigns; afterwards the four campaigns together hold
#                 exactly as many audiences as PUTs were answered 200: no
#                 update lost.  (Each thread stops writing after 400 PUTs,
#                 so no write is in flight when wrk stops.)
#   phase steady  (2 x LOAD_STEADY_S, default 10 s each): reads and renaming
#                 PUTs, state of constant size; VmRSS after the second run
#                 is within 10% (+4 MB) of VmRSS after the first: no growth
#                 once warm.
# In every phase: no 5xx, no 4xx, no socket error; the mock is alive at
# the end and stops cleanly on SIGINT.  Prints the figures.
# Needs wrk (sh scripts/deps.sh fuzz); run by .ci/run.
# Environment: BIN (default bin), LOAD_GROW_S, LOAD_STEADY_S, CC.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/../cli/lib.sh"
GROW_S=${LOAD_GROW_S:-15}
STEADY_S=${LOAD_STEADY_S:-10}
MAX_PUTS=400
TOKEN=load-test-token
if ! command -v wrk >/dev/null 2>&1; then abort "wrk is not installed (sh scripts/deps.sh fuzz)"; fi
if [ ! -x "$MOCK" ] || [ ! -x "$RUNNER" ]; then abort "tools not built"; fi
build_nettool || abort "cannot build tests/tools/nettool.c"

start_mock "$tmp/mock" --quiet --token "$TOKEN" || abort "campaign-mock did not start" "$tmp/mock.stderr"
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$mp/status"; }

# four campaigns: on a fresh mock they are cmp_000001..cmp_000004
cat >"$tmp/create.json" <<'JSON'
{"name": "create four", "steps": [
 {"request": {"method": "POST", "path": "/campaigns", "bodyFile": "c.body.json"}, "expect": {"status": 201, "body": [{"pointer": "/campaign/campaignId", "equals": "cmp_000001"}]}},
 {"request": {"method": "POST", "path": "/campaigns", "bodyFile": "c.body.json"}, "expect": {"status": 201}},
 {"request": {"method": "POST", "path": "/campaigns", "bodyFile": "c.body.json"}, "expect": {"status": 201}},
 {"request": {"method": "POST", "path": "/campaigns", "bodyFile": "c.body.json"}, "expect": {"status": 201, "body": [{"pointer": "/campaign/campaignId", "equals": "cmp_000004"}]}}]}
JSON
cat >"$tmp/c.body.json" <<'JSON'
{"advertiserId": 12345, "name": "load ${uuid}", "campaignType": "DECISIONED",
 "flightDates": {"startDate": "${now:+1d}", "endDate": "${now:+30d}"}, "budget": {"total": 1000, "currency": "USD"}}
JSON
if SCOPE3_API_KEY=$TOKEN "$RUNNER" --base-url "$base/api/v2/buyer" --no-reports "$tmp/create.json" >"$tmp/create.out" 2>&1; then pass
else fail "creating the campaigns"; cat "$tmp/create.out"; finish; fi
rss0=$(rss)

# load PHASE SECONDS : run wrk; sets $line (the LOAD line) and checks errors
load() {
    wrk -t2 -c64 -d"$2"s --timeout 5s -s tests/ci/mock_load.lua "$base" -- "$TOKEN" "$1" "$MAX_PUTS" >"$tmp/wrk.$1" 2>&1
    line=$(grep '^LOAD ' "$tmp/wrk.$1")
    if [ -z "$line" ]; then fail "wrk $1 failed"; cat "$tmp/wrk.$1"; return; fi
    echo "$1 ${2}s: $line"
    for k in s4xx s5xx other sockerr; do
        v=$(echo "$line" | sed -n "s/.* $k=\([0-9]*\).*/\1/p")
        if [ "$v" = 0 ]; then pass; else fail "$1: $k=$v"; fi
    done
}
val() { echo "$line" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }

load grow "$GROW_S"
put_ok=$(val put_ok)
total=0
for k in 1 2 3 4; do
    "$tmp/nettool" get "$port" "/api/v2/buyer/campaigns/cmp_00000$k" "$TOKEN" >"$tmp/c$k.json"
    c=$(grep -o '"audienceId":"aud_[0-9]*_[0-9]*"' "$tmp/c$k.json" | sort -u | wc -l)
    total=$((total + c))
done
echo "lost-update check: $put_ok PUTs answered 200, $total distinct audiences stored"
if [ "$put_ok" -gt 0 ] && [ "$total" = "$put_ok" ]; then pass; else fail "lost updates: $put_ok PUTs ok, $total audiences"; fi
rss1=$(rss)

load steady "$STEADY_S"
rss2=$(rss)
load steady "$STEADY_S"
rss3=$(rss)
echo "VmRSS: ${rss0} kB at start, ${rss1} kB after grow, ${rss2} kB after steady 1, ${rss3} kB after steady 2"
if [ "$rss3" -le $((rss2 + rss2 / 10 + 4096)) ]; then pass; else fail "memory grew in steady state: $rss2 -> $rss3 kB"; fi

if kill -0 "$mp" 2>/dev/null; then pass; else fail "campaign-mock died"; fi
kill -INT "$mp"; wait "$mp"; rc=$?; forget "$mp"
[ "$rc" = 0 ] && pass || fail "campaign-mock exit $rc after SIGINT"

finish
