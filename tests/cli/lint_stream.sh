#!/bin/sh
# tests/cli/lint_stream.sh - campaign-lint --ndjson reads its input line by
# line: a stream far larger than lint's memory is checked in bounded
# memory (peak RSS measured with tests/tools/peakrss.c), each line is
# bounded by --max-size (both sides of the bound; a longer line is a
# finding naming its line, and the next lines are still checked), and the
# results of the lines read so far appear while the input is still open.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
[ -x "$LINT" ] || abort "$LINT not built"
build_peakrss || abort "cannot build tests/tools/peakrss.c"

lint() { timeout 60 "$LINT" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

valid='{"advertiserId":12345,"name":"Q1","campaignType":"DECISIONED","budget":{"total":1000,"currency":"USD"},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}'
bad='{"advertiserId":12345,"name":"","campaignType":"DECISIONED","budget":{"total":1000,"currency":"USD"},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}'

# ---- a stream much larger than lint's memory ----------------------------------------
# 1,000,000 lines (188 MB) through a pipe, one line in 100 invalid; the
# peak RSS may exceed that of a one-line input by at most 24 MB.
block=$(i=1; while [ $i -lt 100 ]; do printf '%s\n' "$valid"; i=$((i + 1)); done; printf '%s' "$bad")
printf '%s\n' "$valid" >"$tmp/one.ndjson"
"$tmp/peakrss" "$tmp/base.rss" "$LINT" --ndjson --schema campaign-create-request "$tmp/one.ndjson" >/dev/null 2>&1
base=$(cat "$tmp/base.rss")
yes "$block" | head -n 1000000 | "$tmp/peakrss" "$tmp/big.rss" "$LINT" --ndjson --max-size 4096 \
    --schema campaign-create-request - >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "a 188 MB stream"
has "1000000 payloads, 10000 invalid, 10000 findings" err "every line checked"
has "<stdin>:1000000:30:" out "the last line's finding names its line"
peak=$(cat "$tmp/big.rss")
echo "peak RSS: one line ${base} KiB, 188 MB stream ${peak} KiB"
[ "$peak" -le $((base + 24576)) ] && pass || fail "188 MB stream: peak RSS ${peak} KiB, one line ${base} KiB (bound: +24 MiB)"
# junit keeps its test cases aside (a temporary file), not in memory
yes "$block" | head -n 300000 | "$tmp/peakrss" "$tmp/junit.rss" "$LINT" --ndjson --format junit \
    --schema campaign-create-request - >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "junit stream"
has 'tests="300000" failures="3000" errors="0"' out "junit counts"
[ "$(grep -c '<testcase ' "$tmp/out")" = 300000 ] && pass || fail "junit: one testcase per line"
peak=$(cat "$tmp/junit.rss")
echo "peak RSS: junit 300000 lines ${peak} KiB"
[ "$peak" -le $((base + 24576)) ] && pass || fail "junit stream: peak RSS ${peak} KiB (bound: one line ${base} KiB + 24 MiB)"

# ---- --max-size bounds each line, both sides ----------------------------------------
n=$(printf '%s' "$valid" | wc -c | tr -d ' ')
printf '%s\n%s\n%s\n' "$valid" "$bad" "$valid" >"$tmp/lines.ndjson"
lint --ndjson --max-size "$n" --schema campaign-create-request "$tmp/lines.ndjson"; status 1 "lines of exactly --max-size bytes are checked"
has "lines.ndjson:2:" out "the invalid line at the bound"
hasnt "max-size" out "no refusal at the bound"
printf '%s \n%s\n%s\n' "$valid" "$bad" "$valid" >"$tmp/long.ndjson"
lint --ndjson --max-size "$n" --schema campaign-create-request "$tmp/long.ndjson"; status 2 "a line one byte over --max-size"
has "long.ndjson:1:1: (root): line of $((n + 1)) bytes, larger than $n bytes (--max-size); not checked [max-size]" out "the refusal names the line"
has "long.ndjson:1: line of $((n + 1)) bytes" err "and says so on stderr"
has "long.ndjson:2:" out "the next lines are still checked"
has "3 payloads, 2 invalid" err "counted as not valid"
lint --ndjson --max-size "$n" --format json --schema campaign-create-request "$tmp/long.ndjson"
has '"file":"'"$tmp"'/long.ndjson:1","valid":false' out "json: the refused line"
has '"ruleId":"max-size","line":1' out "json: its finding"
# a line far longer than a read (64 KiB), at the end without a newline
{ printf '%s\n' "$valid"; awk 'BEGIN { printf "{\"name\": \""; for (i = 0; i < 300000; i++) printf "x"; printf "\"}" }'; } >"$tmp/huge-last.ndjson"
lint --ndjson --max-size 1000 --schema campaign-create-request "$tmp/huge-last.ndjson"; status 2 "a 300 KB last line over --max-size 1000"
has "huge-last.ndjson:2:1: (root): line of 300012 bytes, larger than 1000 bytes" out "its length, counted while skipping"
{ awk 'BEGIN { printf "{\"name\": \""; for (i = 0; i < 300000; i++) printf "x"; print "\"}" }'; printf '%s\n' "$bad"; } >"$tmp/huge-first.ndjson"
lint --ndjson --max-size 1000 --schema campaign-create-request - <"$tmp/huge-first.ndjson"; status 2 "a long first line from standard input"
has "<stdin>:2:" out "the line after it is checked"
# the stream as a whole is not bounded by --max-size, one file still is
lint --ndjson --max-size "$n" --schema campaign-create-request "$tmp/lines.ndjson"; status 1 "an NDJSON file larger than --max-size"
lint --max-size "$n" --schema campaign-create-request "$tmp/lines.ndjson"; status 2 "a JSON file larger than --max-size"
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/fifo.ndjson"
    lint --ndjson --schema campaign-create-request "$tmp/fifo.ndjson"; status 2 "a FIFO named as an NDJSON file is refused"
    has "not a regular file" err "the FIFO refusal"
    rm -f "$tmp/fifo.ndjson"
fi

# ---- results appear while the input is still open -------------------------------------
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/in"
    "$LINT" --ndjson --schema campaign-create-request - <"$tmp/in" >"$tmp/live.out" 2>"$tmp/live.err" &
    lp=$!
    pids="$pids $lp"
    exec 3>"$tmp/in"
    printf '%s\n%s\n' "$valid" "$bad" >&3
    if wait_for '<stdin>:2:' "$tmp/live.out"; then pass; else fail "the finding of line 2 before the input ends"; fi
    printf '%s\n' "$bad" >&3
    if wait_for '<stdin>:3:' "$tmp/live.out"; then pass; else fail "the finding of line 3 before the input ends"; fi
    kill -0 "$lp" 2>/dev/null && pass || fail "lint still waits for input"
    exec 3>&-
    wait "$lp"; rc=$?
    forget "$lp"
    [ "$rc" = 1 ] && pass || fail "the stream's exit status: $rc, want 1"
    has "3 payloads, 2 invalid" live.err "the stream's summary"
else
    fail "mkfifo unavailable: live output not tested"
fi

finish
