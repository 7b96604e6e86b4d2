#!/bin/sh
# tests/cli/secrets.sh - no secret is ever written out.  campaign-mock
# (CAMPAIGN_MOCK_TOKEN) and campaign-test (SCOPE3_API_KEY) run with a
# recognisable token through the whole conformance suite plus scenarios
# that push the token everywhere a client can: a body the server echoes,
# a query parameter, a header, the path (echoed in a 404 and in the
# mock's request log), a wrong token and a malformed Authorization header.
# The mock's answers are also fetched directly (tests/tools/nettool.c),
# and a stub server (nettool serve file) echoes the token in every
# encoding (as is, percent-encoded in upper or lower case, every byte or
# only the reserved ones, JSON \u00XX escapes in either case, "\/",
# mixed) in values longer than the display cuts.
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

# A hostile server: every answer echoes the token in every encoding a
# server or a JSON encoder may give it, each in a value longer than a
# finding's display cut (200 bytes, the token across it), and again and
# again past the 64 KiB echo cut.  Nothing of it may come out.
mkdir "$tmp/stub"
hex=$(printf '%s' "$TOKEN" | od -An -tx1 | tr -d ' \n')
HEX=$(printf '%s' "$hex" | tr 'a-f' 'A-F')
set -- \
    "$TOKEN" \
    "$(printf '%s' "$TOKEN" | sed 's|/|\\/|g')" \
    "$(printf '%s' "$TOKEN" | sed 's|/|%2F|g; s|+|%2B|g; s|=|%3D|g')" \
    "$(printf '%s' "$TOKEN" | sed 's|/|%2f|g; s|+|%2b|g; s|=|%3d|g')" \
    "$(printf '%s' "$hex" | sed 's/../%&/g')" \
    "$(printf '%s' "$HEX" | sed 's/../%&/g')" \
    "$(printf '%s' "$hex" | sed 's/../\\u00&/g')" \
    "$(printf '%s' "$HEX" | sed 's/../\\u00&/g')" \
    "$(printf '%s' "$TOKEN" | sed 's|S|\\u0053|; s|/|\\/|; s|+|\\u002B|; s|=|%3d|')"
pad=$(printf '%0184d' 0 | tr 0 x)
{
    printf '{'
    i=0
    for form in "$@"; do
        [ -n "$form" ] || continue
        i=$((i + 1))
        printf '"m%d": "%s%s tail", ' "$i" "$pad" "$form"
    done
    printf '"fill": ['
    n=0
    while [ $n -lt 200 ]; do
        for form in "$@"; do [ -n "$form" ] && printf '"%s", ' "$form"; done
        n=$((n + 1))
    done
    printf '"end"]}'
} >"$tmp/stub/echo.json"
nforms=$i
{
    printf '{"name": "a server that echoes the token in every encoding", "steps": [\n'
    printf ' {"request": {"method": "GET", "path": "/echo"}, "expect": {"body": ['
    i=1
    while [ $i -le "$nforms" ]; do
        printf '{"pointer": "/m%d", "equals": "no"}, ' "$i"
        i=$((i + 1))
    done
    printf '{"pointer": "/fill", "length": 1}]}}]}\n'
} >"$tmp/cases/hostile.json"
if [ -x "$tmp/nettool" ]; then
    "$tmp/nettool" serve file "$tmp/stub/echo.json" >"$tmp/stub/srv.out" 2>"$tmp/stub/srv.err" &
    pids="$pids $!"
    if wait_for listening "$tmp/stub/srv.out"; then
        stub=$(sed -n 's/^listening on //p' "$tmp/stub/srv.out")
        run --base-url "$stub/api/v2/buyer" --junit "$tmp/out/r4.xml" --json "$tmp/out/r4.json" --html "$tmp/out/r4.html" "$tmp/cases/hostile.json"
        # the findings were made, quoting the echoed values (masked)
        got=$(grep -o 'got \\*"x*\[REDACTED\]' "$tmp/out/r4.json" | wc -l)
        if [ "$got" -ge "$nforms" ]; then pass; else fail "hostile echo: $got of $nforms findings quote a masked value"; grep -o '"findings".\{0,600\}' "$tmp/out/r4.json" | head -3; fi
        if [ "$(grep -o '\[REDACTED\]' "$tmp/out/r4.xml" | wc -l)" -gt 100 ]; then pass; else fail "hostile echo: the response echo is not masked in the JUnit report"; fi
    else
        fail "nettool serve file did not start"; cat "$tmp/stub/srv.err"
    fi
    # Member names that end in the token, of every length around the
    # validator's message bound (1024 bytes), which cuts them unmarked:
    # "property \"xxx…zqSEC" must not come out.
    {
        printf '{"campaign": {'
        n=990
        while [ $n -le 1020 ]; do printf '"%s%s": 1, ' "$(printf "%0${n}d" 0 | tr 0 x)" "$TOKEN"; n=$((n + 1)); done
        printf '"end": 1}}'
    } >"$tmp/stub/names.json"
    printf '{"name": "a server that echoes the token in member names", "steps": [{"request": {"method": "GET", "path": "/names"}, "expect": {"schema": "campaign-response"}}]}\n' >"$tmp/cases/names.json"
    "$tmp/nettool" serve file "$tmp/stub/names.json" >"$tmp/stub/srv2.out" 2>"$tmp/stub/srv2.err" &
    pids="$pids $!"
    if wait_for listening "$tmp/stub/srv2.out"; then
        stub=$(sed -n 's/^listening on //p' "$tmp/stub/srv2.out")
        run --base-url "$stub/api/v2/buyer" --junit "$tmp/out/r5.xml" --json "$tmp/out/r5.json" --html "$tmp/out/r5.html" "$tmp/cases/names.json"
        got=$(grep -o 'x\[REDACTED\]' "$tmp/out/r5.json" | wc -l)
        if [ "$got" -ge 31 ]; then pass; else fail "hostile names: $got findings quote a masked name"; grep -o '"findings".\{0,600\}' "$tmp/out/r5.json" | head -3; fi
        # not even the token's first byte after the padding
        hits=$(grep -liF -- 'xz' "$tmp/out"/r4.* "$tmp/out"/r5.* "$tmp/out/runner.stdout" "$tmp/out/runner.stderr")
        if [ -z "$hits" ]; then pass; else fail "the token's first bytes appear in: $hits"; grep -hoi '.\{10\}xz.\{10\}' $hits | head -3; fi
    else
        fail "nettool serve file did not start"; cat "$tmp/stub/srv2.err"
    fi
    # A body that is the token itself, not JSON: the parse error must not
    # quote the character it stopped at (the token's first byte).
    printf '%s' "$TOKEN" >"$tmp/stub/raw.txt"
    "$tmp/nettool" serve file "$tmp/stub/raw.txt" >"$tmp/stub/srv3.out" 2>"$tmp/stub/srv3.err" &
    pids="$pids $!"
    if wait_for listening "$tmp/stub/srv3.out"; then
        stub=$(sed -n 's/^listening on //p' "$tmp/stub/srv3.out")
        run --base-url "$stub/api/v2/buyer" --junit "$tmp/out/r6.xml" --json "$tmp/out/r6.json" --html "$tmp/out/r6.html" "$tmp/cases/names.json"
        if grep -q 'response body is not JSON (line 1, column 1); campaign-response expected' "$tmp/out/r6.json"; then pass; else fail "raw token body: no parse finding"; grep -o '"findings".\{0,300\}' "$tmp/out/r6.json"; fi
        hits=$(grep -lF -- "'z'" "$tmp/out"/r6.* "$tmp/out/runner.stdout")
        if [ -z "$hits" ]; then pass; else fail "the parse error quotes the token's first byte in: $hits"; fi
    else
        fail "nettool serve file did not start"; cat "$tmp/stub/srv3.err"
    fi
fi

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
# a part of the token (its first bytes, in any encoding, any case) left
# by a cut made before masking
for needle in zqSEC '%7a%71%53' '\u007a\u0071\u0053' 'zq\u0053'; do
    hits=$(grep -rliF -- "$needle" "$tmp/out" 2>/dev/null)
    if [ -z "$hits" ]; then pass; else fail "part of the token ($needle) appears in: $hits"; grep -rhoiF -m3 -- "$needle" "$tmp/out" | head -3; fi
done
# no stray files (a report's temp file left behind would be one)
stray=$(find "$tmp/out" -type f ! -name '*.xml' ! -name '*.json' ! -name '*.html' ! -name '*.stdout' ! -name '*.stderr' ! -name rcs)
if [ -z "$stray" ]; then pass; else fail "unexpected files: $stray"; fi

finish
