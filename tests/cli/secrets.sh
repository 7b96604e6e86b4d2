#!/bin/sh
# tests/cli/secrets.sh - no secret is ever written out.  campaign-mock
# (CAMPAIGN_MOCK_TOKEN) and campaign-test (SCOPE3_API_KEY) run with a
# recognisable token through the whole conformance suite plus scenarios
# that push the token everywhere a client can: a body the server echoes,
# a query parameter, a header, the path (echoed in a 404 and in the
# mock's request log), a wrong token and a malformed Authorization header.
# The mock's answers are also fetched directly (tests/tools/nettool.c).
# Then every file either wrote (reports, any stray temp file) and all
# they printed are searched for the token in every form (raw, JSON- and
# percent-encoded, any case): zero hits.
# Environment: BIN (default bin).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
CORE=zqSECRETk7
TOKEN="$CORE/9f+e=d"
if [ ! -x "$RUNNER" ] || [ ! -x "$MOCK" ]; then abort "tools not built"; fi

export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"
mkdir "$tmp/out" "$tmp/cases"
# the mock logs every request (no --quiet) and self-checks its answers
start_mock "$tmp/out/mock" --self-check || fail "campaign-mock did not start"

cat >"$tmp/cases/echo.json" <<'JSON'
{"name": "the token everywhere", "steps": [
 {"name": "create with the token in the name",
  "request": {"method": "POST", "path": "/campaigns",
              "query": {"note": "${env:SCOPE3_API_KEY}"},
              "headers": {"X-Note": "${env:SCOPE3_API_KEY}"},
              "body": {"advertiserId": 12345, "name": "n ${env:SCOPE3_API_KEY}", "campaignType": "DECISIONED",
                       "flightDates": {"startDate": "${now:+1d}", "endDate": "${now:+30d}"},
                       "budget": {"total": 100, "currency": "USD"}}},
  "expect": {"status": 201, "body": [{"pointer": "/campaign/name", "equals": "wrong on purpose ${env:SCOPE3_API_KEY}"}]}},
 {"name": "never reached", "request": {"method": "GET", "path": "/campaigns"}}]}
JSON
cat >"$tmp/cases/path.json" <<'JSON'
{"name": "the token in the path", "steps": [
 {"request": {"method": "GET", "path": "/campaigns/${env:SCOPE3_API_KEY}"}, "expect": {"status": 200}},
 {"request": {"method": "GET", "path": "/no-such-route/${env:SCOPE3_API_KEY}"}, "expect": {"status": 200}}]}
JSON
cat >"$tmp/cases/wrong.json" <<'JSON'
{"name": "wrong and malformed tokens", "steps": [
 {"request": {"method": "GET", "path": "/campaigns", "headers": {"Authorization": "Bearer x${env:SCOPE3_API_KEY}"}}, "expect": {"status": 200}},
 {"request": {"method": "GET", "path": "/campaigns", "headers": {"Authorization": "${env:SCOPE3_API_KEY}"}}, "expect": {"status": 200}}]}
JSON
cat >"$tmp/cases/bad.json" <<'JSON'
{"name": "the token in a case error", "steps": [{"request": {"method": "GET", "path": "/x ${env:SCOPE3_API_KEY} ${nope"}}]}
JSON

run() { "$RUNNER" "$@" >>"$tmp/out/runner.stdout" 2>>"$tmp/out/runner.stderr"; echo "$?" >>"$tmp/out/rcs"; }
run --base-url "$url" -j 4 --report-dir "$tmp/out/r1" cases/ "$tmp/cases/echo.json" "$tmp/cases/path.json" "$tmp/cases/wrong.json"
run --base-url "$url" --junit "$tmp/out/r2.xml" --json "$tmp/out/r2.json" --html "$tmp/out/r2.html" --fail-fast "$tmp/cases/echo.json"
run --base-url "$url" --report-dir "$tmp/out/r3" "$tmp/cases/bad.json"
run --base-url "$url" --dry-run --list "$tmp/cases"
# the mock's own answers, without the runner's redactor in between
if build_nettool; then
    "$tmp/nettool" get "$port" "/api/v2/buyer/campaigns/$TOKEN" "$TOKEN" >"$tmp/out/direct-404.json"
    "$tmp/nettool" get "$port" "/api/v2/buyer/x$TOKEN" "$TOKEN" >"$tmp/out/direct-route.json"
    "$tmp/nettool" get "$port" "/api/v2/buyer/campaigns/$TOKEN" "x$TOKEN" >"$tmp/out/direct-401.json"
    if grep -q 'REDACTED' "$tmp/out/direct-404.json" "$tmp/out/direct-route.json"; then pass; else fail "the mock's 404 does not quote the (masked) path"; cat "$tmp/out/direct-404.json"; fi
else
    fail "cannot build tests/tools/nettool.c"
fi
kill -INT "$mp"; wait "$mp"; forget "$mp"

# the runs did happen: the suite ran and the echo came back (redacted)
if [ -s "$tmp/out/r1/junit.xml" ] && [ -s "$tmp/out/r2.json" ]; then pass; else fail "reports missing"; ls -R "$tmp/out"; fi
if grep -q '\[REDACTED\]' "$tmp/out/r1/junit.xml"; then pass; else fail "no redaction marker: the echo did not happen"; fi
if grep -q 'GET /api/v2/buyer/campaigns/' "$tmp/out/mock.stderr"; then pass; else fail "the mock logged no request"; fi

# every form of the token, in every file written and everything printed
pct=$(printf '%s' "$TOKEN" | sed 's|/|%2F|g; s|+|%2B|g; s|=|%3D|g')
for needle in "$CORE" "$(printf '%s' "$CORE" | tr 'a-z' 'A-Z')" "$(printf '%s' "$CORE" | tr 'A-Z' 'a-z')" "$pct"; do
    hits=$(grep -rlF -- "$needle" "$tmp/out" 2>/dev/null)
    [ -n "$hits" ] && grep -rnF -- "$needle" "$tmp/out" | head -5
    if [ -z "$hits" ]; then pass; else fail "the token ($needle) appears in: $hits"; grep -rhoF -m3 -- "$needle" "$tmp/out" | head -3; fi
done
# no stray files (a report's temp file left behind would be one)
stray=$(find "$tmp/out" -type f ! -name '*.xml' ! -name '*.json' ! -name '*.html' ! -name '*.stdout' ! -name '*.stderr' ! -name rcs)
if [ -z "$stray" ]; then pass; else fail "unexpected files: $stray"; fi

finish
