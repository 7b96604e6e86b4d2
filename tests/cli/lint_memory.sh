#!/bin/sh
# tests/cli/lint_memory.sh - a failing 10 MB payload is checked within
# about ten times its size: campaign-lint's peak RSS (tests/tools/peakrss.c)
# exceeds that of a tiny payload by at most 100 MiB.  The findings past
# --max-findings (default 1000) are counted, not kept, and a line says how
# many more there are, in every format; both sides of the bound.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
[ -x "$LINT" ] || abort "$LINT not built"
build_peakrss || abort "cannot build tests/tools/peakrss.c"

lint() { timeout 120 "$LINT" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

head='{"advertiserId":12345,"name":"Q1","campaignType":"DECISIONED","budget":{"total":1000,"currency":"USD"},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}'

# ---- the peak-RSS bound -----------------------------------------------------------
# 10,000,286 bytes: 116,280 frequency caps, each with two errors
{
    printf '%s' "$head"
    awk 'BEGIN { printf ",\"frequencyCaps\":["
                 for (i = 0; i < 116280; i++)
                     printf "%s{\"max_impressions\":\"many\",\"window\":null,\"note\":\"padding text for item %08d.....\"}", (i ? "," : ""), i
                 print "]}" }'
} >"$tmp/big.json"
printf '%s}\n' "$head" >"$tmp/tiny.json"
"$tmp/peakrss" "$tmp/tiny.rss" "$LINT" --schema campaign-create-request "$tmp/tiny.json" >/dev/null 2>&1
"$tmp/peakrss" "$tmp/big.rss" "$LINT" --schema campaign-create-request "$tmp/big.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "the 10 MB failing payload"
has "1 file, 1 invalid, 232560 findings" err "every finding counted"
has "big.json: 231560 more findings not shown (--max-findings)" out "the line for the rest"
[ "$(wc -l <"$tmp/out")" = 1001 ] && pass || fail "1000 findings and one line shown, not $(wc -l <"$tmp/out")"
base=$(cat "$tmp/tiny.rss")
peak=$(cat "$tmp/big.rss")
# a sanitizer build (bin-san) adds shadow memory and redzones to every
# allocation: 98,888 KiB over its tiny payload's where the plain build
# takes 77,200, so it gets a quarter more room
bound=102400
case $BIN in *-san*) bound=128000 ;; esac
echo "peak RSS: tiny payload ${base} KiB, 10 MB failing payload ${peak} KiB"
[ $((peak - base)) -le $bound ] && pass || fail "10 MB failing payload: peak RSS ${peak} KiB, tiny ${base} KiB (bound: +$bound KiB)"

# ---- --max-findings, both sides ---------------------------------------------------------
printf '%s,"frequencyCaps":[{"max_impressions":"a"},{"max_impressions":"b"}]}\n' "$head" >"$tmp/three.json"
lint --schema campaign-create-request "$tmp/three.json"; status 1 "three findings"
lint --max-findings 4 --schema campaign-create-request "$tmp/three.json"
n=$(wc -l <"$tmp/out")
lint --max-findings "$n" --schema campaign-create-request "$tmp/three.json"; status 1 "--max-findings at the count"
hasnt "more finding" out "no line at the bound"
[ "$(wc -l <"$tmp/out")" = "$n" ] && pass || fail "all $n findings at the bound"
lint --max-findings $((n - 1)) --schema campaign-create-request "$tmp/three.json"; status 1 "--max-findings one under the count"
has "three.json: 1 more finding not shown (--max-findings)" out "the line for one"
[ "$(wc -l <"$tmp/out")" = "$n" ] && pass || fail "n-1 findings and the line"
has "1 file, 1 invalid, $n findings" err "the summary counts them all"
lint --max-findings 0 --schema campaign-create-request "$tmp/big.json"; status 1 "--max-findings 0: all"
[ "$(wc -l <"$tmp/out")" = 232560 ] && pass || fail "every finding shown with --max-findings 0"
lint --max-findings 1 --format json --schema campaign-create-request "$tmp/three.json"
has "\"valid\":false,\"moreErrors\":$((n - 1)),\"errors\":[" out "json moreErrors"
lint --max-findings 1 --format junit --schema campaign-create-request "$tmp/three.json"
has "message=\"$n findings\"" out "junit counts them all"
has "three.json: $((n - 1)) more findings not shown" out "junit line"
lint --max-findings 1 --format github --schema campaign-create-request "$tmp/three.json"
has "::error file=$tmp/three.json::$tmp/three.json: $((n - 1)) more findings not shown" out "github line"
lint --max-findings -1 --schema campaign-create-request "$tmp/three.json"; status 2 "--max-findings -1"
has "--max-findings takes a number" err "its message"
lint --max-findings x --schema campaign-create-request "$tmp/three.json"; status 2 "--max-findings x"
# NDJSON: the bound is per line
printf '%s\n%s\n' "$(cat "$tmp/three.json")" "$(cat "$tmp/three.json")" >"$tmp/three.ndjson"
lint --ndjson --max-findings 1 --schema campaign-create-request "$tmp/three.ndjson"; status 1 "ndjson --max-findings"
has "three.ndjson:1: $((n - 1)) more findings" out "line 1's rest"
has "three.ndjson:2: $((n - 1)) more findings" out "line 2's rest"
# a plain schema (the engine's result bounded the same way)
printf '{"items": {"type": "integer"}}' >"$tmp/ints.schema.json"
printf '["a", "b", "c", "d", "e"]' >"$tmp/strings.json"
lint --max-findings 2 --schema "$tmp/ints.schema.json" "$tmp/strings.json"; status 1 "plain schema --max-findings"
has "strings.json:1:2: /0: expected integer, got string [type]" out "the first finding"
has "strings.json: 3 more findings not shown" out "plain schema rest"
has "1 file, 1 invalid, 5 findings" err "plain schema summary"
# a rule's finding is kept under the bound too
printf '{"advertiserId":1,"name":"Q","campaignType":"DECISIONED","budget":{"total":1,"currency":"USD"},"flightDates":{"startDate":"2025-03-31T00:00:00Z","endDate":"2025-01-15T00:00:00Z"}}' >"$tmp/rule.json"
lint --max-findings 1 --schema campaign-create-request "$tmp/rule.json"; status 1 "a rule under --max-findings 1"
has "[CR-FLIGHT-ORDER]" out "the rule's finding"
# undecided findings past the bound: the verdict still decides the status
cat >"$tmp/hostile.json" <<'EOF'
{"properties": {"p": {"pattern": "^(a+)+$"}, "q": {"pattern": "^(a+)+$"}, "k": {"type": "integer"}}}
EOF
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
printf '{"p": "%s", "q": "%s"}' "$long" "$long" >"$tmp/open2.json"
lint --max-findings 1 --schema "$tmp/hostile.json" "$tmp/open2.json"; status 3 "two undecided, one shown: still undecided"
has "1 more finding not shown" out "the undecided rest"
printf '{"p": "%s", "q": "%s", "k": "x"}' "$long" "$long" >"$tmp/open2bad.json"
lint --max-findings 1 --schema "$tmp/hostile.json" "$tmp/open2bad.json"; status 1 "undecided and invalid, one shown: invalid"

finish
