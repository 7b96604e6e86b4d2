#!/bin/sh
# tests/cli/runner_faults.sh - campaign-test against endpoints that
# misbehave (tests/tools/nettool.c plays them): a 100 MB body (declared and
# chunked), a response that never comes, a body that stalls, endless
# header lines, bytes that are not HTTP, an endpoint that goes away after
# its first answer, and campaign-mock killed with SIGKILL in the middle of
# the conformance suite.  Every run must end with exit status 1 (not a
# crash, not a hang), the failing step reported as an error with the
# reason, and JUnit (valid against the XSD), HTML (complete) and JSON
# reports whose totals agree with each other.  Also: case variables that
# multiply exponentially are cut off at 16 MiB with a message (no
# unbounded allocation).  (Slow responses past
# --timeout with the mock, 503s, refused connections and SIGINT are in
# runner.sh.)
# Environment: BIN (default bin), JUNIT_XSD (missing, it counts one failure
# and the JUnit validity check is left out: see lib.sh), CC.  Run from the
# project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
have_xsd=0
need_shared JUNIT_XSD "the JUnit XSD the junit reports are checked against" && have_xsd=1

if [ ! -x "$RUNNER" ]; then abort "$RUNNER not built"; fi
build_nettool || abort "cannot build tests/tools/nettool.c"

# serve MODE [N] : start nettool serve; sets $url
serve() {
    : >"$tmp/srv.out"
    "$tmp/nettool" serve "$@" >"$tmp/srv.out" 2>"$tmp/srv.err" &
    pids="$pids $!"
    wait_for listening "$tmp/srv.out"
    url=$(sed -n 's/^listening on //p' "$tmp/srv.out")
}

# reports NAME DESC : the three reports exist, are complete, valid and agree
reports() {
    x=$tmp/$1.xml j=$tmp/$1.json h=$tmp/$1.html
    if [ "$have_xsd" = 1 ]; then
        if xmllint --noout --schema "$JUNIT_XSD" "$x" 2>"$tmp/xerr"; then pass; else fail "$2: junit invalid"; head -3 "$tmp/xerr"; fi
    fi
    if "$BIN/campaign-lint" --schema "$tmp/summary-schema.json" "$j" >"$tmp/lint.out" 2>&1; then pass; else fail "$2: summary.json"; head -5 "$tmp/lint.out"; fi
    if tail -c 20 "$h" | grep -q '</html>'; then pass; else fail "$2: html incomplete"; fi
    # the JSON totals and the JUnit elements tell the same story
    je=$(sed -n 's/.*"errored":[[:space:]]*\([0-9]*\).*/\1/p' "$j" | head -1)
    jf=$(grep -A4 '"steps":[[:space:]]*{' "$j" | sed -n 's/.*"failed":[[:space:]]*\([0-9]*\).*/\1/p' | head -1)
    xe=$(grep -o '<error ' "$x" | wc -l)
    xf=$(grep -o '<failure ' "$x" | wc -l)
    if [ "$je" = "$xe" ] && [ "$jf" = "$xf" ]; then pass; else fail "$2: json errored/failed $je/$jf, junit $xe/$xf"; fi
}
# run NAME ARGS... : campaign-test with all three reports, bounded in time
run() {
    name=$1; shift
    timeout 120 "$RUNNER" --junit "$tmp/$name.xml" --json "$tmp/$name.json" --html "$tmp/$name.html" "$@" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

cat >"$tmp/summary-schema.json" <<'EOF2'
{"type": "object", "required": ["tool", "interrupted", "totals", "scenarios"],
 "properties": {
   "totals": {"type": "object", "required": ["scenarios", "steps"],
     "properties": {"steps": {"type": "object", "required": ["passed", "failed", "errored", "skipped"]}}},
   "scenarios": {"type": "array", "minItems": 1,
     "items": {"type": "object", "required": ["file", "name", "result", "steps"]}}}}
EOF2
mkdir "$tmp/cases"
cat >"$tmp/cases/list.json" <<'EOF2'
{"name": "list campaigns", "steps": [{"request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}
EOF2
cat >"$tmp/cases/three.json" <<'EOF2'
{"name": "three lists", "steps": [
  {"name": "first", "request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}},
  {"name": "second", "request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}},
  {"name": "third", "request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}
EOF2
LIST=$tmp/cases/list.json

# ---- a 100 MB body: capped at 8 MiB, reported, memory bounded ----------------
for mode in huge huge-chunk; do
    serve "$mode"
    run "$mode" --base-url "$url" --timeout 20 "$LIST"
    status 1 "$mode"
    has "response body larger than 8388608 bytes (stopped reading)" "$tmp/out" "$mode message"
    has "<error" "$tmp/$mode.xml" "$mode is an <error>"
    reports "$mode" "$mode"
done

# ---- no answer, or a body that stops: the timeout ends the step --------------
serve stall
run stall --base-url "$url" --timeout 0.5 --retries 2 "$LIST"
status 1 "stall"
has "timed out after 500 ms (not retried" "$tmp/out" "stall message"
reports stall "stall"
serve stall-body
run stall-body --base-url "$url" --timeout 0.5 "$LIST"
status 1 "stalled body"
has "timed out after 500 ms" "$tmp/out" "stalled body message"
reports stall-body "stalled body"

# ---- endless header lines, and bytes that are not HTTP -----------------------
serve headers
run headers --base-url "$url" --timeout 10 "$LIST"
status 1 "endless headers"
has "01 GET /campaigns: transport error" "$tmp/out" "endless headers message"
reports headers "endless headers"
serve garbage
run garbage --base-url "$url" --timeout 5 "$LIST"
status 1 "not HTTP"
has "01 GET /campaigns: transport error" "$tmp/out" "not HTTP message"
reports garbage "not HTTP"

# ---- the endpoint goes away after its first answer ---------------------------
serve ok-exit 1
run gone --base-url "$url" --timeout 5 --retries 1 "$tmp/cases/three.json"
status 1 "endpoint gone"
has "connection failed after 2 attempts" "$tmp/out" "endpoint gone message"
if grep -o '<testcase ' "$tmp/gone.xml" | wc -l | grep -qx 3 && grep -c '<skipped' "$tmp/gone.xml" | grep -qx 1; then pass
else fail "endpoint gone: want 3 testcases, one passed, one error, one skipped"; cat "$tmp/gone.xml" | head -30; fi
reports gone "endpoint gone"

# ---- variables that multiply ("billion laughs"): bounded, named ------------
# v1 repeats v0 100 times, v2 repeats v1 ... : 10 B, 1 KB, 100 KB, 10 MB, 1 GB.
# As strings, and as arrays of whole-value copies.
laughs() {   # laughs NAME FORM : FORM "s" (strings) or "a" (arrays)
    awk -v form="$2" -v name="$1" 'BEGIN {
        printf "{\"name\": \"%s\", \"variables\": {\"v0\": \"aaaaaaaaaa\"", name
        for (i = 1; i <= 6; i++) {
            printf ", \"v%d\": %s", i, form == "s" ? "\"" : "["
            for (k = 0; k < 100; k++)
                printf (form == "s" ? "${v%d}" : (k ? ", \"${v%d}\"" : "\"${v%d}\"")), i - 1
            printf "%s", form == "s" ? "\"" : "]"
        }
        printf "}, \"steps\": [{\"request\": {\"method\": \"GET\", \"path\": \"/campaigns\", \"query\": {\"q\": \"${v6}\"}}}]}\n"
    }' >"$tmp/cases/$1.json"
}
laughs laughs-strings s
laughs laughs-arrays a
if nm "$RUNNER" 2>/dev/null | grep -q __asan_init; then
    vlimit=unlimited   # ASan reserves terabytes of address space; bound RSS instead
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1024"
else
    vlimit=1048576
fi
for l in laughs-strings laughs-arrays; do
    ( ulimit -v "$vlimit" 2>/dev/null
      exec timeout 60 "$RUNNER" --base-url http://127.0.0.1:1/api --no-reports "$tmp/cases/$l.json" ) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    status 1 "$l"
    has "expands to more than 16777216 bytes" "$tmp/out" "$l message"
done

# ---- a server-sent string that makes a `matches` search quadratic ------------
# PCRE2's match limit counts per start position: [a-z]{2,}\d over 400 KB of
# letters searches for many minutes.  Each search stops after 2 s, all of a
# run's after --regex-budget; the assertions are undecided (a step error,
# not a pass and not a failure), and the run ends in seconds.
{
    printf '{"s": "'
    head -c 400000 /dev/zero | tr '\0' a
    printf '"}'
} >"$tmp/slow-subject.json"
cat >"$tmp/cases/slow-regex.json" <<'EOF2'
{"name": "matches over a hostile subject", "steps": [
 {"request": {"method": "GET", "path": "/slow"},
  "expect": {"body": [{"pointer": "/s", "matches": "[a-z]{2,}\\d"},
                      {"pointer": "/s", "matches": "[a-z]{3,}\\d"},
                      {"pointer": "/s", "matches": "[a-z]{4,}\\d"}]}}]}
EOF2
# truncated first: wait_for must not read the previous server's line
# before the new process truncates the file (a race seen under load)
: >"$tmp/srv.out"
"$tmp/nettool" serve file "$tmp/slow-subject.json" >"$tmp/srv.out" 2>"$tmp/srv.err" &
pids="$pids $!"
if wait_for listening "$tmp/srv.out"; then
    url=$(sed -n 's/^listening on //p' "$tmp/srv.out")
    for budget in 1 10; do
        start=$(date +%s)
        run slow-regex-$budget --base-url "$url" --regex-budget $budget "$tmp/cases/slow-regex.json"
        took=$(( $(date +%s) - start ))
        status 1 "slow regex, budget $budget s"
        # a hang check (unbounded, the three searches take many minutes), not a timing
        if [ "$took" -le 30 ]; then pass; else fail "slow regex, budget $budget s: the run took $took s"; fi
        if grep -q '"undecided":[[:space:]]*true' "$tmp/slow-regex-$budget.json"; then pass
        else fail "slow regex, budget $budget s: the step is not undecided"; grep -o '"findings".\{0,300\}' "$tmp/slow-regex-$budget.json"; fi
        has 'could not decide whether the value matches' "$tmp/slow-regex-$budget.json" "slow regex, budget $budget s: finding"
        has 'type="undecided"' "$tmp/slow-regex-$budget.xml" "slow regex, budget $budget s: junit"
        reports slow-regex-$budget "slow regex, budget $budget s"
    done
    has 'the search reached its time limit' "$tmp/slow-regex-1.json" "slow regex: the reason"
else
    fail "nettool serve file did not start"; cat "$tmp/srv.err"
fi
rm -f "$tmp/slow-subject.json"

# ---- campaign-mock killed (SIGKILL) in the middle of the suite ---------------
if [ -x "$MOCK" ]; then
    start_mock "$tmp/mock" --quiet --latency-ms 100 || fail "campaign-mock did not start"
    SCOPE3_API_KEY=demo-token timeout 120 "$RUNNER" --base-url "$url" -j 4 --timeout 5 \
        --junit "$tmp/killed.xml" --json "$tmp/killed.json" --html "$tmp/killed.html" cases/ >"$tmp/out" 2>"$tmp/err" &
    rp=$!
    sleep 1
    kill -KILL "$mp"
    wait "$rp"
    rc=$?
    status 1 "mock killed mid-run"
    if grep -q "connection failed\|transport error\|Connection reset\|Empty reply" "$tmp/out"; then pass; else fail "mock killed: no connection error reported"; tail -5 "$tmp/out"; fi
    if grep -q '"interrupted":[[:space:]]*false' "$tmp/killed.json"; then pass; else fail "mock killed: run marked interrupted"; fi
    n=$("$RUNNER" --list cases/ | tail -1 | awk '{print $1}')
    if [ "$(grep -o '<testsuite ' "$tmp/killed.xml" | wc -l)" = "$n" ]; then pass; else fail "mock killed: junit lacks scenarios (want $n)"; fi
    reports killed "mock killed"
else
    fail "$MOCK not built"
fi

finish
