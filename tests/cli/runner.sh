#!/bin/sh
# tests/cli/runner.sh - campaign-test end to end against campaign-mock:
# case-file errors (FILE:LINE:COL, exit 2, nothing sent), --list, --dry-run,
# --shard, the --live guard, spend skipping, fault injection (latency past
# --timeout, 503s with and without --retries, connection refused, a non-JSON
# body, a wrong expectation), token redaction in every output, SIGINT
# mid-run, the whole conformance suite in cases/ at -j 8, and that only
# scenarios tagged mock read the mock-only route (--exclude-tag mock passes).
# Every JUnit report is checked against the JUnit XSD with xmllint.
# Environment: BIN (default bin), JUNIT_XSD (missing, it counts one failure
# and the reports are only checked to exist: see lib.sh).  Run from the
# project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
have_xsd=0
need_shared JUNIT_XSD "the JUnit XSD the junit reports are checked against" && have_xsd=1

# run ARGS... : campaign-test; stdout $tmp/out, stderr $tmp/err, status $rc
run() { "$RUNNER" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# junit FILE DESC : exists and validates against the XSD (when there is one)
junit() {
    if [ ! -f "$1" ]; then fail "$2: no $1"; return; fi
    if [ "$have_xsd" = 0 ]; then pass; return; fi
    if xmllint --noout --schema "$JUNIT_XSD" "$1" 2>"$tmp/xerr"; then pass; else fail "$2: $1 invalid"; head -3 "$tmp/xerr"; fi
}

if [ ! -x "$RUNNER" ]; then abort "$RUNNER not built"; fi

# serve_mock NAME ARGS... : start campaign-mock (output in $tmp/NAME.*);
# sets $url to its API root
serve_mock() { _n=$1; shift; start_mock "$tmp/$_n" "$@" || fail "campaign-mock $_n did not start"; }

# A port nothing listens on: bind and release one via the mock itself is
# racy, so use port 1 (privileged, never served in CI containers).
closed="http://127.0.0.1:1/api/v2/buyer"

mkdir -p "$tmp/cases" "$tmp/bad"
cat >"$tmp/cases/list.json" <<'JSON'
{"name": "list campaigns", "tags": ["list", "readonly"],
 "steps": [{"name": "list", "request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}
JSON
cat >"$tmp/cases/wrong.json" <<'JSON'
{"name": "wrong expectation on purpose", "tags": ["readonly"],
 "steps": [{"name": "list expecting 418", "request": {"method": "GET", "path": "/campaigns"},
            "expect": {"status": 418, "body": [{"pointer": "/total", "type": "string"}]}},
           {"name": "never reached", "request": {"method": "GET", "path": "/campaigns"}}]}
JSON
cat >"$tmp/cases/spend.json" <<'JSON'
{"name": "a spend scenario", "tags": ["spend"],
 "steps": [{"request": {"method": "POST", "path": "/campaigns/cmp_x/execute"}, "expect": {"status": 404}}]}
JSON
printf '{\n  "name": "broken",\n  "steps": [\n    {"request": {"method": "GET", "path": "/campaigns"}},\n  ]\n}\n' >"$tmp/bad/syntax.json"
printf '{\n  "name": "invalid",\n  "steps": [\n    {"request": {"method": "GET", "path": "campaigns"}}\n  ]\n}\n' >"$tmp/bad/schema.json"
printf '{"name": "undefined var", "steps": [{"request": {"method": "GET", "path": "/campaigns/${nope}"}}]}\n' >"$tmp/undef.json"
# a path holding U+0000 would be sent cut at it: refused at load
printf '{"name": "nul",\n "steps": [{"request": {"method": "GET", "path": "/campaigns\\u0000/x"}}]}\n' >"$tmp/bad/nul.json"

# ---- case-file errors: FILE:LINE:COL, exit 2, nothing sent -------------
run --base-url "$closed" --report-dir "$tmp/r0" "$tmp/bad" "$tmp/cases"
status 2 "malformed cases"
has "$tmp/bad/syntax.json:5:3:" "$tmp/err" "syntax error position"
has "$tmp/bad/schema.json:4:43:" "$tmp/err" "schema error position"
has "$tmp/bad/nul.json:2:50: U+0000 cannot be sent in a request path" "$tmp/err" "U+0000 in a path"
has "nothing was sent" "$tmp/err" "nothing sent note"
hasnt "connection" "$tmp/out" "no request attempted"
if [ -e "$tmp/r0" ]; then fail "reports written for a case error"; else pass; fi
run --base-url "$closed" --bogus "$tmp/cases"
status 2 "unknown option"
run --base-url "$closed"
status 2 "no cases"
run --base-url "https://api.example.com/api/v2/buyer" --no-reports "$tmp/cases"
status 2 "non-loopback without --live"
has "--live" "$tmp/err" "live hint"
# which hosts are loopback: these pass the --live check and meet a closed
# port (connection refused, exit 1); the others are refused before anything
# is sent (exit 2).  No traffic leaves the machine.  0x7f.0.0.1 and 127.1
# are loopback here because libcurl reads the URL's host as 127.0.0.1 and
# connects there; the check sees the host as libcurl parsed it.
for h in 127.0.0.1 127.255.255.254 '[::1]' '[0:0:0:0:0:0:0:1]' localhost LOCALHOST 0x7f.0.0.1 127.1; do
    run --base-url "http://$h:1/api/v2/buyer" --retries 0 --timeout 5 --no-reports "$tmp/cases/list.json"
    if [ "$rc" = 1 ] && ! grep -q 'not a loopback' "$tmp/err"; then pass; else fail "$h is loopback: exit $rc"; head -3 "$tmp/err"; fi
done
for h in 127.0.0.1.example.com 127.example 127.0.0.1.nip.io 1.2.3.4 '[::ffff:127.0.0.1]' '[::2]' localhost.example.com; do
    run --base-url "http://$h:1/api/v2/buyer" --retries 0 --timeout 5 --no-reports "$tmp/cases/list.json"
    if [ "$rc" = 2 ] && grep -q 'not a loopback address: pass --live' "$tmp/err"; then pass; else fail "$h is not loopback: exit $rc"; head -3 "$tmp/err"; fi
done

# ---- --list, --dry-run, --shard, filters ---------------------------------
run --list cases/
status 0 "--list"
total=$(tail -1 "$tmp/out" | awk '{print $1}')
if [ "${total:-0}" -gt 30 ]; then pass; else fail "--list counts $total scenarios"; fi
run --dry-run cases/
status 0 "--dry-run"
has "nothing sent" "$tmp/out" "dry-run says nothing sent"
"$RUNNER" --list --shard 1/2 cases/ | sed '$d' | awk '{print $1}' >"$tmp/s1"
"$RUNNER" --list --shard 2/2 cases/ | sed '$d' | awk '{print $1}' >"$tmp/s2"
"$RUNNER" --list cases/ | sed '$d' | awk '{print $1}' >"$tmp/all"
sort "$tmp/s1" "$tmp/s2" >"$tmp/s12"
if [ -s "$tmp/s1" ] && [ -s "$tmp/s2" ] && cmp -s "$tmp/s12" "$tmp/all"; then pass; else fail "--shard 1/2 + 2/2 != all"; fi
if [ -z "$(sort "$tmp/s1" "$tmp/s2" | uniq -d)" ]; then pass; else fail "--shard slices overlap"; fi
"$RUNNER" --list --shard 1/2 cases/ >"$tmp/s1b"
"$RUNNER" --list --shard 1/2 cases/ | cmp -s - "$tmp/s1b" && pass || fail "--shard not stable"
run --list --tag spend --exclude-tag negative cases/
grep -v '^[0-9]' "$tmp/out" >"$tmp/l"
if [ -s "$tmp/l" ] && ! grep -q negative "$tmp/l" && ! grep -qv spend "$tmp/l"; then pass; else fail "--tag/--exclude-tag"; fi
run --list --name 'auth:*' cases/
has "2 scenarios" "$tmp/out" "--name glob"
run --shard 3/2 --list cases/
status 2 "bad --shard"

# ---- connection refused: errors, retries, valid report --------------------
run --base-url "$closed" --junit "$tmp/r1.xml" --json "$tmp/r1.json" "$tmp/cases/list.json"
status 1 "connection refused"
has "connection failed after 1 attempt" "$tmp/out" "refused message"
junit "$tmp/r1.xml" "refused junit"
has "<error" "$tmp/r1.xml" "refused is an <error>"
grep -Eq '"errored":[[:space:]]*1' "$tmp/r1.json" && pass || fail "json summary counts the error"
run --base-url "$closed" --retries 2 --junit "$tmp/r2.xml" "$tmp/cases/list.json"
status 1 "refused with retries"
has "after 3 attempts" "$tmp/out" "retried connection failures"
junit "$tmp/r2.xml" "retries junit"

if [ ! -x "$MOCK" ]; then
    fail "$MOCK not built: the tests against the mock did not run"
    finish
fi
TOKEN="tok-SECRET-9f8e7d"
export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"

# ---- undefined variable names the step ------------------------------------
serve_mock plain
plain=$url
run --base-url "$plain" --junit "$tmp/u.xml" "$tmp/undef.json"
status 1 "undefined variable"
has 'undefined variable ${nope}' "$tmp/out" "undefined variable message"
has "01 GET /campaigns/" "$tmp/out" "undefined variable names the step"
junit "$tmp/u.xml" "undefined variable junit"

# ---- a wrong expectation on purpose: failure, rest skipped -----------------
run --base-url "$plain" --junit "$tmp/w.xml" --html "$tmp/w.html" "$tmp/cases/wrong.json"
status 1 "wrong expectation"
has "status: expected 418, got 200" "$tmp/out" "status mismatch message"
junit "$tmp/w.xml" "wrong expectation junit"
has "<failure" "$tmp/w.xml" "failure element"
has "<skipped" "$tmp/w.xml" "later step skipped"
has "What was seen" "$tmp/w.html" "html shows findings"
if grep -qiE '<(script|link)|src=' "$tmp/w.html"; then fail "html has external assets"; else pass; fi
tail -1 "$tmp/out" | grep -qx '0 passed, 1 failed' && pass || fail "summary line: $(tail -1 "$tmp/out")"

# ---- a response check that cannot be decided: a step error ---------------
# A copy of the contract whose error-response message must match a pattern
# that backtracks without end on a long run of a's: a short campaign id
# gives the pattern's normal verdict (no match: a failure), a long one
# reaches PCRE2's match limit, and the step is an error, not a pass and
# not a failure.
cp -r schemas "$tmp/hostile"
sed 's|"error": { "$ref": "common.json#/$defs/ErrorObject" }|"error": { "$ref": "common.json#/$defs/ErrorObject", "properties": { "message": { "pattern": "(a+)+$" } } }|' \
    schemas/error-response.json >"$tmp/hostile/error-response.json"
has '"pattern": "(a+)+$"' "$tmp/hostile/error-response.json" "hostile schema written"
cat >"$tmp/short-id.json" <<'JSON'
{"name": "the pattern decides", "steps": [{"request": {"method": "GET", "path": "/campaigns/cmp_aaaa"}, "expect": {"status": 404}}]}
JSON
cat >"$tmp/long-id.json" <<'JSON'
{"name": "the pattern cannot decide", "steps": [{"request": {"method": "GET", "path": "/campaigns/cmp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, "expect": {"status": 404}}]}
JSON
run --base-url "$plain" --schemas "$tmp/hostile" --junit "$tmp/h1.xml" --json "$tmp/h1.json" "$tmp/short-id.json"
status 1 "a pattern that decides"
has 'does not match the pattern (a+)+$ [pattern]' "$tmp/out" "the normal verdict under the limit"
has '<failure type="expectation"' "$tmp/h1.xml" "under the limit: a failure"
run --base-url "$plain" --schemas "$tmp/hostile" --junit "$tmp/h2.xml" --json "$tmp/h2.json" --html "$tmp/h2.html" "$tmp/long-id.json"
status 1 "an undecided response check"
has 'could not decide whether the response keeps error-response: /error/message: pattern could not be evaluated: regex match limit reached' "$tmp/out" "undecided finding"
has "steps: 0 passed, 0 failed, 1 errors" "$tmp/out" "counted as an error"
has '<error type="undecided"' "$tmp/h2.xml" "junit error of its own type"
hasnt '<failure' "$tmp/h2.xml" "not a failure"
junit "$tmp/h2.xml" "undecided junit"
grep -Eq '"undecided":[[:space:]]*true' "$tmp/h2.json" && pass || fail "json summary marks the step undecided"
grep -Eq '"result":[[:space:]]*"error"' "$tmp/h2.json" && pass || fail "json summary: the step is an error"
has "error (undecided)" "$tmp/h2.html" "html marks the step undecided"

# ---- spend scenarios are skipped on live runs ------------------------------
run --base-url "$plain" --live --junit "$tmp/sp.xml" "$tmp/cases/spend.json" "$tmp/cases/list.json"
status 0 "spend skipped on --live"
tail -1 "$tmp/out" | grep -qx '1 passed, 0 failed, 1 skipped' && pass || fail "spend summary: $(tail -1 "$tmp/out")"
junit "$tmp/sp.xml" "spend junit"
run --base-url "$plain" --live --allow-spend --no-reports "$tmp/cases/spend.json"
status 0 "--allow-spend runs spend"
tail -1 "$tmp/out" | grep -qx '1 passed, 0 failed' && pass || fail "allow-spend summary: $(tail -1 "$tmp/out")"

# ---- the token never appears, even when the server echoes it --------------
cat >"$tmp/echo.json" <<'JSON'
{"name": "echo the token", "steps": [
 {"name": "create with the token in the name", "request": {"method": "POST", "path": "/campaigns", "body": {
   "advertiserId": 12345, "name": "x ${env:SCOPE3_API_KEY}", "campaignType": "DECISIONED",
   "flightDates": {"startDate": "${now:+1d}", "endDate": "${now:+30d}"}, "budget": {"total": 100, "currency": "USD"}}},
  "expect": {"status": 201, "body": [{"pointer": "/campaign/name", "equals": "wrong on purpose"}]}}]}
JSON
run --base-url "$plain" --junit "$tmp/t.xml" --html "$tmp/t.html" --json "$tmp/t.json" "$tmp/echo.json" cases/auth
status 1 "token echo run"
junit "$tmp/t.xml" "token junit"
leak=0
for f in "$tmp/out" "$tmp/err" "$tmp/t.xml" "$tmp/t.html" "$tmp/t.json"; do
    grep -qF "$TOKEN" "$f" && { leak=1; echo "token found in $f"; }
done
[ "$leak" = 0 ] && pass || fail "the token leaked"
has "[REDACTED]" "$tmp/t.xml" "redaction marker present"

# ---- slow responses past --timeout: error, not retried ---------------------
serve_mock slow --latency-ms 1500
run --base-url "$url" --timeout 0.3 --retries 3 --junit "$tmp/slow.xml" "$tmp/cases/list.json"
status 1 "timeout"
has "timed out after 300 ms" "$tmp/out" "timeout message"
has "<error" "$tmp/slow.xml" "timeout is an <error>"
junit "$tmp/slow.xml" "timeout junit"

# ---- 503s: a response, so a failure, never retried ------------------------
serve_mock flaky --fail-rate 1 --seed 1
run --base-url "$url" --junit "$tmp/f.xml" "$tmp/cases/list.json"
status 1 "503"
has "got 503" "$tmp/out" "503 reported"
has "<failure" "$tmp/f.xml" "503 is a <failure>"
junit "$tmp/f.xml" "503 junit"
run --base-url "$url" --retries 3 --junit "$tmp/f2.xml" --json "$tmp/f2.json" "$tmp/cases/list.json"
status 1 "503 with retries"
has "got 503" "$tmp/out" "503 with retries reported (not retried into success)"
junit "$tmp/f2.xml" "503 retries junit"

# ---- a body that is not JSON ----------------------------------------------
if command -v python3 >/dev/null 2>&1; then
    mkdir -p "$tmp/www"
    echo "<html>hello</html>" >"$tmp/www/campaigns"
    port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')
    (cd "$tmp/www" && exec python3 -m http.server "$port" --bind 127.0.0.1) >/dev/null 2>&1 &
    pids="$pids $!"
    i=0
    while [ $i -lt 50 ]; do
        python3 -c "import socket;socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
        i=$((i + 1)); sleep 0.1
    done
    cat >"$tmp/nonjson.json" <<'JSON'
{"name": "not json", "steps": [{"request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}
JSON
    run --base-url "http://127.0.0.1:$port" --junit "$tmp/nj.xml" "$tmp/nonjson.json"
    status 1 "non-JSON body"
    has "response body is not JSON" "$tmp/out" "non-JSON message"
    has "<failure" "$tmp/nj.xml" "non-JSON is a <failure>"
    junit "$tmp/nj.xml" "non-JSON junit"
fi

# ---- SIGINT mid-run: complete reports, unfinished steps marked -------------
serve_mock int --latency-ms 400
"$RUNNER" --base-url "$url" -j 2 --junit "$tmp/i.xml" --json "$tmp/i.json" --html "$tmp/i.html" cases/ >"$tmp/out" 2>"$tmp/err" &
rp=$!
sleep 1.5
kill -INT "$rp"
wait "$rp"
rc=$?
status 130 "SIGINT"
junit "$tmp/i.xml" "SIGINT junit"
grep -Eq '"interrupted":[[:space:]]*true' "$tmp/i.json" && pass || fail "json marks the interruption"
has "not run" "$tmp/i.xml" "unfinished steps marked"
has "</html>" "$tmp/i.html" "html complete"

# ---- the conformance suite passes against the mock ------------------------
run --base-url "$plain" -j 8 --junit "$tmp/suite.xml" cases/
status 0 "conformance suite against the mock"
if [ "$rc" != 0 ]; then grep -A1 '^FAIL' "$tmp/out" | head -40; fi
junit "$tmp/suite.xml" "suite junit"
tail -1 "$tmp/out" | grep -qE '^[0-9]+ passed, 0 failed$' && pass || fail "suite summary: $(tail -1 "$tmp/out")"

# ---- the mock-only route: only in scenarios tagged mock ---------------------
# Another server has no /_mock route: --exclude-tag mock must leave out every
# scenario that reads it, and what is left still passes.
"$RUNNER" --list --tag mock cases/ | sed '$d' | awk '{print $1}' >"$tmp/mocktagged"
untagged=""
for f in $(grep -rl '/_mock/' cases/); do
    grep -qxF "$f" "$tmp/mocktagged" || untagged="$untagged $f"
done
if [ -s "$tmp/mocktagged" ]; then pass; else fail "no scenario tagged mock"; fi
if [ -z "$untagged" ]; then pass; else fail "scenarios reading /_mock/ without the mock tag:$untagged"; fi
run --base-url "$plain" -j 8 --no-reports --exclude-tag mock cases/
status 0 "the suite without the mock tag"
if grep -q '_mock' "$tmp/out" "$tmp/err"; then fail "--exclude-tag mock still ran a mock-only step"; else pass; fi

finish
