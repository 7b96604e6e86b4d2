#!/bin/sh
# tests/cli/lint.sh - campaign-lint end to end: exit codes, the four output
# formats (junit checked against the JUnit XSD), NDJSON, stdin, unreadable
# inputs, unknown schemas, --strict hints, parse-level findings, and every
# example in examples/ (valid) and examples/invalid/ (invalid, with the
# finding examples/invalid/expected.tsv names).
# Environment: BIN (default bin), JUNIT_XSD (default $SHARED/junit/junit-10.xsd,
# SHARED default ../shared; missing, it counts one failure: see lib.sh).
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
have_xsd=0
need_shared JUNIT_XSD "the JUnit XSD the junit reports are checked against" && have_xsd=1

# status, has and hasnt below replace lib.sh's: they read a stream of the
# last lint (out or err in $tmp) rather than any file.
# lint ARGS... : run campaign-lint; stdout in $tmp/out, stderr in $tmp/err, status in $rc
lint() { "$LINT" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# status WANT DESC
# has TEXT [out|err] DESC : fixed string present
# empty out|err DESC
empty() { if [ -s "$tmp/$1" ]; then fail "$2: std$1 not empty"; head -3 "$tmp/$1"; else pass; fi; }

if [ ! -x "$LINT" ]; then abort "$LINT not built"; fi

valid_create='{"advertiserId":12345,"name":"Q1","campaignType":"DECISIONED","budget":{"total":1000,"currency":"USD"},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}'
printf '%s\n' "$valid_create" >"$tmp/valid.json"
# name too long is not needed: an empty name breaks minLength at line 3
printf '{\n  "advertiserId": 1,\n  "name": "",\n  "campaignType": "ROUTED",\n  "budget": {"total": 5},\n  "flightDates": {"startDate": "2025-01-15T00:00:00Z", "endDate": "2025-01-15T00:00:00Z"}\n}\n' >"$tmp/invalid.json"

# ---- usage ---------------------------------------------------------------
lint --help; status 0 "--help"; has "usage: campaign-lint" out "--help"
lint --version; status 0 "--version"; has "campaign-lint " out "--version"
lint --list-schemas; status 0 "--list-schemas"
if [ "$(head -1 "$tmp/out")" = campaign-create-request ] && [ "$(wc -l <"$tmp/out")" -eq 9 ]; then pass; else fail "--list-schemas lists the 9 bodies"; fi
lint; status 2 "no arguments"
lint --schema campaign-create-request; status 2 "no files"
lint "$tmp/valid.json"; status 2 "no --schema"
lint --bogus --schema campaign-create-request "$tmp/valid.json"; status 2 "unknown option"
lint --format yaml --schema campaign-create-request "$tmp/valid.json"; status 2 "unknown format"
lint --schema; status 2 "--schema without value"
lint --schema no-such-body "$tmp/valid.json"; status 2 "unknown schema"
has "unknown schema 'no-such-body'" err "unknown schema"
has "campaign-create-request, campaign-update-request" err "unknown schema lists the names"
lint --schema nowhere/x.json "$tmp/valid.json"; status 2 "missing schema path"
lint --schema-dir "$tmp/none" --schema campaign-create-request "$tmp/valid.json"; status 2 "bad --schema-dir"

# ---- exit codes and text output -------------------------------------------
lint --schema campaign-create-request "$tmp/valid.json"; status 0 "valid file"
empty out "valid file prints no findings"
has "1 file, 0 invalid, 0 findings" err "summary"
lint --schema=campaign-create-request "$tmp/invalid.json"; status 1 "invalid file"
has "$tmp/invalid.json:3:11: /name: " out "text finding with line:col"
has "[minLength]" out "text finding id"
has "$tmp/invalid.json:6:" out "rule finding position"
has "/flightDates/endDate: endDate 2025-01-15T00:00:00Z must be after startDate" out "rule finding message"
has "[CR-FLIGHT-ORDER]" out "rule id"
lint --schema campaign-create-request "$tmp/valid.json" "$tmp/invalid.json"; status 1 "one of two invalid"
has "2 files, 1 invalid, 2 findings" err "summary counts"
lint --schema campaign-create-request --no-format-assert "$tmp/valid.json"; status 0 "--no-format-assert"
# numbers in messages as the payload wrote them (2^53 + 1 is no double)
printf '%s\n' "$valid_create" | sed 's/"advertiserId":12345/"advertiserId":9007199254740993/' >"$tmp/bigint.json"
lint --schema campaign-create-request "$tmp/bigint.json"; status 1 "big integer"
has "/advertiserId: expected at most 9007199254740991, got 9007199254740993 [maximum]" out "big integer shown exactly"

# ---- stdin ------------------------------------------------------------------
"$LINT" --schema campaign-create-request - <"$tmp/valid.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 0 "stdin valid"
"$LINT" --schema campaign-create-request - <"$tmp/invalid.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "stdin invalid"
has "<stdin>:3:11: /name: " out "stdin names <stdin>"

# ---- unreadable inputs ------------------------------------------------------
lint --schema campaign-create-request "$tmp/missing.json" "$tmp/invalid.json"; status 2 "missing file"
has "campaign-lint: $tmp/missing.json: No such file or directory" err "missing file message"
has "$tmp/invalid.json:3:11:" out "other files still linted"
mkdir "$tmp/dir.json"
lint --schema campaign-create-request "$tmp/dir.json"; status 2 "directory as file"
has "Is a directory" err "directory message"

# ---- parse-level findings -----------------------------------------------------
printf '{"name": "a",\n "name": "b"}' >"$tmp/dup.json"
lint --schema campaign-create-request "$tmp/dup.json"; status 1 "duplicate key"
has "$tmp/dup.json:2:2: (root): " out "duplicate key position and pointer"
has "[CR-DUPLICATE-KEY]" out "duplicate key id"
printf '{"a": {"b": [1, {"c": 1, "c": 2}]}}' >"$tmp/dup2.json"
lint --schema campaign-create-request "$tmp/dup2.json"; status 1 "nested duplicate key"
has ":1:26: /a/b/1: " out "nested duplicate key pointer"
printf '%s x\n' "$valid_create" >"$tmp/trailing.json"
lint --schema campaign-create-request "$tmp/trailing.json"; status 1 "trailing data"
has "[CR-TRAILING-DATA]" out "trailing data id"
printf '{"a": [1, 2,]}' >"$tmp/malformed.json"
lint --schema campaign-create-request "$tmp/malformed.json"; status 1 "malformed JSON"
has "$tmp/malformed.json:1:13: /a/2: " out "malformed position and pointer"
has "[json]" out "malformed id"
: >"$tmp/empty.json"
lint --schema campaign-create-request "$tmp/empty.json"; status 1 "empty file"
has "[json]" out "empty file id"
printf '\357\273\277%s' "$valid_create" >"$tmp/bom.json"
lint --schema campaign-create-request "$tmp/bom.json"; status 1 "BOM"
has "byte order mark" out "BOM message"

# ---- json format (checked by campaign-lint itself against a schema) ----------
cat >"$tmp/report-schema.json" <<'EOF'
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "array",
  "items": {
    "type": "object",
    "required": ["file", "valid", "errors"],
    "properties": {
      "file": {"type": "string"},
      "valid": {"type": "boolean"},
      "undecided": {"const": true},
      "errors": {
        "type": "array",
        "items": {
          "type": "object",
          "required": ["valid", "instanceLocation", "keywordLocation", "error", "line", "column"],
          "properties": {
            "valid": {"const": false},
            "instanceLocation": {"type": "string"},
            "keywordLocation": {"type": "string"},
            "absoluteKeywordLocation": {"type": "string", "format": "uri"},
            "error": {"type": "string"},
            "keyword": {"type": "string"},
            "ruleId": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "undecided": {"const": true}
          },
          "oneOf": [{"required": ["keyword"]}, {"required": ["ruleId"]}]
        }
      }
    },
    "if": {"properties": {"valid": {"const": true}}},
    "then": {"properties": {"errors": {"maxItems": 0}}},
    "else": {"properties": {"errors": {"minItems": 1}}}
  }
}
EOF
lint --format json --schema campaign-create-request "$tmp/valid.json" "$tmp/invalid.json" "$tmp/dup.json"
status 1 "json format"
cp "$tmp/out" "$tmp/report.json"
has '"file":"'"$tmp"'/valid.json","valid":true,"errors":[]' out "json valid entry"
has '"instanceLocation":"/name","keywordLocation":"/properties/name/' out "json schema error"
has '"keyword":"minLength"' out "json keyword"
has '"ruleId":"CR-FLIGHT-ORDER"' out "json rule id"
has '"line":3,"column":11' out "json line/column"
lint --schema "$tmp/report-schema.json" "$tmp/report.json"; status 0 "json report matches its shape"
printf '{"campaignId":"c","previousStatus":"DRAFT","newStatus":"ACTIVE","success":true,"k\u0001\"\\\u00e9":1}' >"$tmp/ctl2.json"
lint --strict --format json --schema campaign-status-change-response "$tmp/ctl2.json"; status 1 "json control characters"
cp "$tmp/out" "$tmp/report2.json"
has 'k\u0001\"\\' out "json escapes control characters"
lint --schema "$tmp/report-schema.json" "$tmp/report2.json"; status 0 "json with escapes parses"
lint --format json --schema campaign-create-request "$tmp/missing.json"; status 2 "json with no readable file"
if [ "$(tr -d '\n' <"$tmp/out")" = "[]" ]; then pass; else fail "json prints [] for no units"; fi

# ---- schema by path (engine only) ---------------------------------------------
lint --schema schemas/campaign-create-request.json "$tmp/invalid.json"; status 1 "schema path"
has "[minLength]" out "schema path finds schema errors"
hasnt "CR-FLIGHT-ORDER" out "schema path applies no rules"
lint --schema "$tmp/report-schema.json" "$tmp/valid.json"; status 1 "own schema file"

# ---- junit ------------------------------------------------------------------
# a value with XML specials and a control character, echoed in the message
printf '{"campaignId":"c","previousStatus":"DRAFT","newStatus":"<&\\u0001\\"]]>%%>","success":true}\n' >"$tmp/xml.json"
printf '{"campaignId":"c","previousStatus":"DRAFT","newStatus":"ACTIVE","success":true,"k\u0001<\u0008>":1}\n' >"$tmp/ctl.json"
lint --strict --format junit --schema campaign-status-change-response "$tmp/valid.json" "$tmp/xml.json" "$tmp/dup.json" "$tmp/ctl.json"
status 1 "junit format"
cp "$tmp/out" "$tmp/report.xml"
has '<testsuite name="campaign-status-change-response" tests="4" failures="4"' out "junit counts"
has '&lt;&amp;' out "junit escapes"
# what XML 1.0 cannot carry is shown as \uXXXX; DEL and ' stay, CR is a reference
printf '{"campaignId":"c","previousStatus":"DRAFT","newStatus":"ACTIVE","success":true,"k\\u0001<\\u0008>\177'"'"'\\r":1}\n' >"$tmp/ctl3.json"
lint --strict --format junit --schema campaign-status-change-response "$tmp/ctl3.json"
status 1 "junit with control characters"
has "/k\\u0001&lt;\\u0008&gt;$(printf '\177')'&#13;:" out "junit shows what XML cannot carry, keeps DEL and ', CR as a reference"
printf '%s\n\n%s\n' "$valid_create" '{"name": 5}' >"$tmp/lines.ndjson"
lint --format junit --ndjson --schema campaign-create-request "$tmp/lines.ndjson"
status 1 "junit ndjson"
cp "$tmp/out" "$tmp/ndjson.xml"
has "<testcase name=\"$tmp/lines.ndjson:1\"" out "junit testcase per line"
has "<testcase name=\"$tmp/lines.ndjson:3\"" out "junit testcase names the line"
if [ "$have_xsd" = 1 ]; then
    for x in report.xml ndjson.xml; do
        if xmllint --noout --schema "$JUNIT_XSD" "$tmp/$x" 2>"$tmp/xmllint"; then pass; else fail "$x does not validate"; cat "$tmp/xmllint"; fi
    done
fi

# ---- github -------------------------------------------------------------------
cp "$tmp/invalid.json" "$tmp/a,b:c.json"
lint --format github --schema campaign-create-request "$tmp/a,b:c.json"; status 1 "github format"
has "::error file=$tmp/a%2Cb%3Ac.json,line=3,col=11::/name: " out "github line"
printf '{"campaignId":"c","previousStatus":"DRAFT","newStatus":"ACTIVE","success":true,"100%%\\nX\\r":1}' >"$tmp/gh.json"
lint --strict --format github --schema campaign-status-change-response "$tmp/gh.json"; status 1 "github escaping"
has '100%25%0AX%0D' out "github escapes %, LF and CR"
if [ "$(wc -l <"$tmp/out")" -eq 1 ]; then pass; else fail "github finding stays on one line"; fi

# ---- ndjson -------------------------------------------------------------------
{
    printf '%s\n' "$valid_create"
    printf '\n   \n'
    printf '%s\n' '{"advertiserId": 1, "name": ""}'
    printf '%s\r\n' "$valid_create"
    printf '%s' '{"a": 1, "a": 2}'
} >"$tmp/batch.ndjson"
lint --ndjson --schema campaign-create-request "$tmp/batch.ndjson"; status 1 "ndjson"
has "$tmp/batch.ndjson:4:29: /name: " out "ndjson line and column"
has "$tmp/batch.ndjson:6:10: (root): " out "ndjson duplicate key line"
hasnt "batch.ndjson:5:" out "ndjson CRLF line valid"
has "4 payloads, 2 invalid" err "ndjson summary"
lint --ndjson --format json --schema campaign-create-request "$tmp/batch.ndjson"
has "\"file\":\"$tmp/batch.ndjson:4\",\"valid\":false" out "ndjson json names FILE:LINE"
"$LINT" --ndjson --schema campaign-create-request - <"$tmp/batch.ndjson" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 1 "ndjson stdin"
has "<stdin>:4:29:" out "ndjson stdin line"
# a large batch goes through quickly
i=0
: >"$tmp/big.ndjson"
while [ $i -lt 200 ]; do printf '%s\n' "$valid_create" "$valid_create" "$valid_create" "$valid_create" "$valid_create"; i=$((i + 1)); done >"$tmp/chunk"
for j in 1 2 3 4 5 6 7 8 9 10; do cat "$tmp/chunk"; done >"$tmp/big.ndjson"
lint --ndjson --schema campaign-create-request "$tmp/big.ndjson"; status 0 "big ndjson"
has "10000 payloads, 0 invalid" err "big ndjson count"
# a large failing payload (its tape, over 4 MB, is given back before its
# tree is parsed), then a valid one and a failing one on a new tape
{
    printf '%s' "${valid_create%?}"
    awk 'BEGIN { printf ",\"storefrontIds\": ["; for (i = 0; i < 200000; i++) printf "%s%d", (i ? "," : ""), i; print "]}" }'
} >"$tmp/large.ndjson"
printf '%s\n%s\n' "$valid_create" '{"advertiserId": 1, "name": ""}' >>"$tmp/large.ndjson"
lint --ndjson --schema campaign-create-request "$tmp/large.ndjson"; status 1 "large failing payload"
has "$tmp/large.ndjson:1:" out "the large payload's finding"
has "/storefrontIds: expected at most 50 items, got 200000" out "the large payload's finding"
hasnt "large.ndjson:2:" out "the valid payload after it"
has "$tmp/large.ndjson:3:" out "the failing payload after it"
has "3 payloads, 2 invalid" err "large ndjson summary"

# ---- what is read: regular files and -, at most --max-size bytes ------------------
printf '{"data":null,"error":{"code":"X","message":"m"}}' >"$tmp/e48.json"   # 48 bytes
lint --max-size 48 --schema error-response "$tmp/e48.json"; status 0 "an input of exactly --max-size bytes"
lint --max-size 47 --schema error-response "$tmp/e48.json"; status 2 "one byte over --max-size"
has "e48.json: larger than 47 bytes (--max-size)" err "the size refusal"
lint --max-size 47 --schema error-response - <"$tmp/e48.json"; status 2 "standard input over --max-size"
has "<stdin>: larger than 47 bytes" err "stdin refusal"
lint --max-size 48 --schema error-response - <"$tmp/e48.json"; status 0 "standard input at --max-size"
lint --max-size 0 --schema error-response "$tmp/e48.json"; status 2 "--max-size 0"
lint --max-size 12k --schema error-response "$tmp/e48.json"; status 2 "--max-size 12k"
has "--max-size takes a number of bytes" err "its message"
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/fifo.json"
    timeout 10 "$LINT" --schema error-response "$tmp/fifo.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 2 "a FIFO is refused at once, not waited on"
    has "fifo.json: not a regular file" err "the FIFO named"
    # and one beside a user schema is not opened with the schema's neighbours
    printf '{"type": "object"}' >"$tmp/beside-fifo.schema.json"
    timeout 10 "$LINT" --schema "$tmp/beside-fifo.schema.json" "$tmp/e48.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 0 "a FIFO beside a user schema is passed over"
    rm -f "$tmp/fifo.json" "$tmp/beside-fifo.schema.json"
fi
timeout 10 "$LINT" --schema error-response /dev/zero >"$tmp/out" 2>"$tmp/err"; rc=$?
status 2 "a device is refused"
has "/dev/zero: not a regular file" err "the device named"
lint --schema error-response "$tmp"; status 2 "a directory is refused"
has "Is a directory" err "the directory named"

# ---- closed objects and --strict (D12) ------------------------------------------
# An unknown member of an open request object passes by default and --strict
# reports it; one inside a mediaBuys[] entry (closed) is an error either way.
printf '{"name": "n", "storefrontId": [42]}' >"$tmp/open.json"
lint --schema campaign-update-request "$tmp/open.json"; status 0 "an unknown top-level member passes without --strict"
lint --strict --schema campaign-update-request "$tmp/open.json"; status 1 "--strict"
has '/storefrontId: unknown property "storefrontId" (did you mean "storefrontIds"?) [unknownProperty]' out "hint storefrontIds"
has "$tmp/open.json:1:15:" out "unknown property at its key"
printf '{"mediaBuys": [{"mediaBuyId": "mb_1", "creativeIds": ["cr_1"]}], "storefrontId": [42]}' >"$tmp/strict.json"
lint --schema campaign-update-request "$tmp/strict.json"; status 1 "a closed mediaBuys[] entry rejects an unknown member"
has '/mediaBuys/0/creativeIds: property "creativeIds" is not allowed (did you mean "creative_ids"?) [additionalProperties]' out "hint creative_ids without --strict"
has "$tmp/strict.json:1:39:" out "disallowed property at its key"
hasnt '/storefrontId: unknown property' out "no unknownProperty finding without --strict"
has '/storefrontId: note: unknown property "storefrontId" (did you mean "storefrontIds"?) [unknownProperty]' out \
    "a note instead (tests/cli/lint_notes.sh)"
lint --strict --schema campaign-update-request "$tmp/strict.json"; status 1 "--strict, closed and open"
has '(did you mean "creative_ids"?) [additionalProperties]' out "--strict keeps the closed-object finding"
has '(did you mean "storefrontIds"?) [unknownProperty]' out "--strict adds the open-object finding"
printf '{"campaign": {"campaignId": "c", "advertiserId": "1", "name": "n", "status": "DRAFT", "optimizationApplyMode": "AUTO", "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "mediaBuyStatus": "ACTIVE"}}' >"$tmp/closed-response.json"
lint --schema campaign-response "$tmp/closed-response.json"; status 1 "a response member the contract does not declare"
has '/campaign/mediaBuyStatus: property "mediaBuyStatus" is not allowed [additionalProperties]' out "closed response"
lint --strict --schema campaign-create-request "$tmp/valid.json"; status 0 "--strict valid"
printf '{"mediaBuys": [{"mediaBuyId": "mb_1", "zzzzzzzz": 1}]}' >"$tmp/strict2.json"
lint --strict --schema campaign-update-request "$tmp/strict2.json"; status 1 "--strict far name"
hasnt "did you mean" out "no hint for a far name"

# ---- payloads that cannot be decided: exit 3 -------------------------------------
# A pattern that backtracks without end on a long run of a's followed by
# another character: a short run gives its normal verdict, a long one
# reaches PCRE2's match limit; "not" and "anyOf" must not turn that into a
# verdict.
cat >"$tmp/hostile.json" <<'EOF'
{"$schema": "https://json-schema.org/draft/2020-12/schema",
 "properties": {
   "p": {"pattern": "^(a+)+$"},
   "n": {"not": {"pattern": "^(a+)+$"}},
   "any": {"anyOf": [{"pattern": "^(a+)+$"}, {"minLength": 1000}]},
   "k": {"type": "integer"}}}
EOF
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
printf '{"p": "%s"}\n' "$long" >"$tmp/undecided.json"
printf '{"n": "%s"}\n' "$long" >"$tmp/undecided-not.json"
printf '{"any": "%s"}\n' "$long" >"$tmp/undecided-any.json"
printf '{"p": "aaaa!"}\n' >"$tmp/decided-short.json"
printf '{"p": "%s", "k": "x"}\n' "$long" >"$tmp/undecided-and-invalid.json"
printf '{"p": "aaaa"}\n' >"$tmp/decided-valid.json"
lint --schema "$tmp/hostile.json" "$tmp/undecided.json"; status 3 "undecided payload"
has "$tmp/undecided.json:1:7: /p: pattern could not be evaluated: regex match limit reached (schema /properties/p/pattern, instance /p) [pattern] (undecided)" out "undecided text line"
has "1 file, 0 invalid, 1 undecided, 1 finding" err "undecided summary"
lint --schema "$tmp/hostile.json" "$tmp/undecided-not.json"; status 3 "undecided under not (not valid)"
has "(schema /properties/n/not/pattern, instance /n) [pattern] (undecided)" out "not names the inner pattern"
lint --schema "$tmp/hostile.json" "$tmp/undecided-any.json"; status 3 "undecided under anyOf (not invalid)"
has "[pattern] (undecided)" out "anyOf keeps the undecided reason"
hasnt "[minLength]" out "the failed branch is no reason"
lint --schema "$tmp/hostile.json" "$tmp/decided-short.json"; status 1 "under the limit: the normal verdict"
has '/p: "aaaa!" does not match the pattern ^(a+)+$ [pattern]' out "no match under the limit"
lint --schema "$tmp/hostile.json" "$tmp/decided-valid.json"; status 0 "a match"
lint --schema "$tmp/hostile.json" "$tmp/undecided-and-invalid.json"; status 1 "a violation decides"
has "[type]" out "the violation"
has "[pattern] (undecided)" out "the undecided one listed too"
lint --schema "$tmp/hostile.json" "$tmp/decided-valid.json" "$tmp/undecided.json"; status 3 "valid and undecided"
lint --schema "$tmp/hostile.json" "$tmp/undecided.json" "$tmp/decided-short.json"; status 1 "invalid wins over undecided"
has "2 files, 1 invalid, 1 undecided, 2 findings" err "both counted"
lint --schema "$tmp/hostile.json" "$tmp/undecided.json" "$tmp/missing.json"; status 2 "unreadable wins over undecided"
# every output format shows it
lint --format json --schema "$tmp/hostile.json" "$tmp/undecided.json" "$tmp/decided-short.json"; status 1 "json undecided"
cp "$tmp/out" "$tmp/undecided-report.json"
has '"valid":false,"undecided":true,"errors":[{"valid":false,' out "json payload undecided"
has '"keyword":"pattern","line":1,"column":7,"undecided":true}' out "json error undecided"
lint --schema "$tmp/report-schema.json" "$tmp/undecided-report.json"; status 0 "json report with undecided matches its shape"
lint --format github --schema "$tmp/hostile.json" "$tmp/undecided.json"; status 3 "github undecided"
has "::warning file=$tmp/undecided.json,line=1,col=7::/p: pattern could not be evaluated" out "github warning"
has "[pattern] (undecided)" out "github marks it"
lint --format junit --schema "$tmp/hostile.json" "$tmp/undecided.json" "$tmp/decided-short.json" "$tmp/decided-valid.json"
status 1 "junit undecided"
cp "$tmp/out" "$tmp/undecided.xml"
has 'tests="3" failures="1" errors="1"' out "junit counts the undecided payload as an error"
has '<error type="undecided" message="1 finding, could not be decided">' out "junit error element"
if [ "$have_xsd" = 1 ]; then
    if xmllint --noout --schema "$JUNIT_XSD" "$tmp/undecided.xml" 2>"$tmp/xmllint"; then pass; else fail "undecided junit does not validate"; cat "$tmp/xmllint"; fi
fi
cat "$tmp/decided-valid.json" "$tmp/undecided.json" "$tmp/undecided-any.json" >"$tmp/undecided.ndjson"
lint --ndjson --schema "$tmp/hostile.json" "$tmp/undecided.ndjson"; status 3 "ndjson undecided"
has "3 payloads, 0 invalid, 2 undecided, 2 findings" err "ndjson summary"
has "$tmp/undecided.ndjson:2:7: /p:" out "ndjson line"
lint --ndjson --format json --schema "$tmp/hostile.json" "$tmp/undecided.ndjson"
has "\"file\":\"$tmp/undecided.ndjson:3\",\"valid\":false,\"undecided\":true" out "ndjson json undecided"
# a contract body, from schemas with a hostile pattern (--schema-dir)
cp -r schemas "$tmp/hostile-contract"
sed 's|"error": { "$ref": "common.json#/$defs/ErrorObject" }|"error": { "$ref": "common.json#/$defs/ErrorObject", "properties": { "message": { "pattern": "(a+)+$" } } }|' \
    schemas/error-response.json >"$tmp/hostile-contract/error-response.json"
printf '{"data": null, "error": {"code": "NOT_FOUND", "message": "%s"}}\n' "$long" >"$tmp/error-undecided.json"
lint --schema-dir "$tmp/hostile-contract" --schema error-response "$tmp/error-undecided.json"; status 3 "contract body undecided"
has "/error/message: pattern could not be evaluated: regex match limit reached" out "contract undecided finding"
lint --help; has "3 none invalid but some could not be decided" out "help documents exit status 3"
# one regex budget for the whole run (--regex-budget): once hostile payloads
# have spent it, the rest are undecided at once, and the run ends
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat "$tmp/undecided.json"; done >"$tmp/hostile.ndjson"
lint --regex-budget 0.001 --ndjson --schema "$tmp/hostile.json" "$tmp/hostile.ndjson"; status 3 "a spent run budget: undecided"
has "12 payloads, 0 invalid, 12 undecided" err "every payload undecided"
has "the regex time budget is spent" out "the budget named"
lint --regex-budget 0.001 --schema "$tmp/hostile.json" "$tmp/decided-short.json"; status 1 "an unspent budget decides"
lint --regex-budget 0 --schema "$tmp/hostile.json" "$tmp/decided-short.json"; status 2 "--regex-budget 0"
has "--regex-budget takes seconds" err "its message"
lint --regex-budget x --schema "$tmp/hostile.json" "$tmp/decided-short.json"; status 2 "--regex-budget x"
lint --help; has "--regex-budget SECONDS" out "help documents --regex-budget"
# ---- names holding U+0000 --------------------------------------------------------
# a member "name\u0000..." is not name: unknown under --strict, named whole
# with \u0000 (never cut, never a raw NUL), at its key
printf '{"advertiserId":12345,"name\\u0000xx":"%s","name":"Q1","campaignType":"DECISIONED","budget":{"total":1000},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}\n' \
    "$(head -c 300 /dev/zero | tr '\0' y)" >"$tmp/nul-key.json"
lint --schema campaign-create-request "$tmp/nul-key.json"; status 0 "a long value under a name holding U+0000 is not the name"
lint --strict --schema campaign-create-request "$tmp/nul-key.json"; status 1 "--strict: a name holding U+0000 is unknown"
has "$tmp/nul-key.json:1:23: /name\\u0000xx: unknown property \"name\\u0000xx\" [unknownProperty]" out "the whole name, shown"
lint --strict --format json --schema campaign-create-request "$tmp/nul-key.json"
has '"instanceLocation":"/name\\u0000xx"' out "json output names it too"
if [ "$(tr -d '\000' <"$tmp/out" | wc -c)" = "$(wc -c <"$tmp/out")" ]; then pass; else fail "a raw NUL in the output"; fi
# a parse error below such a member: its pointer shows it
printf '{"flightDates\\u0000x": {"startDate": 01}}' >"$tmp/nul-parse.json"
lint --schema campaign-create-request "$tmp/nul-parse.json"; status 1 "parse error below a name holding U+0000"
has '/flightDates\u0000x/startDate: leading zeros' out "the parse error's pointer"

# ---- the examples ---------------------------------------------------------------
for f in examples/*.json; do
    [ -f "$f" ] || continue
    b=$(basename "$f"); name=${b%%.*}
    lint --schema "$name" "$f"
    if [ "$rc" = 0 ] && [ ! -s "$tmp/out" ]; then pass; else fail "$f should be valid ($name)"; head -5 "$tmp/out" "$tmp/err"; fi
done
for f in examples/invalid/*.json; do
    [ -f "$f" ] || continue
    b=$(basename "$f"); name=${b%%.*}
    lint --schema "$name" "$f"
    if [ "$rc" = 1 ]; then pass; else fail "$f should be invalid ($name): exit $rc"; fi
done
if [ -f examples/invalid/expected.tsv ]; then
    # '|' as the separator: IFS would merge the two tabs around an empty pointer
    awk -F '\t' '!/^#/ && NF >= 3 { print $1 "|" $2 "|" $3 }' examples/invalid/expected.tsv |
    while IFS='|' read -r file pointer id; do
        [ -n "$file" ] || continue
        name=${file%%.*}
        shown=${pointer:-(root)}
        "$LINT" --schema "$name" "examples/invalid/$file" 2>/dev/null |
            grep -F -- ": $shown: " | grep -qF -- "[$id]" && echo ok || echo "bad $file: $id at $shown"
    done >"$tmp/expected"
    passed=$((passed + $(grep -c '^ok$' "$tmp/expected")))
    n=$(grep -c '^bad' "$tmp/expected")
    failed=$((failed + n))
    grep '^bad' "$tmp/expected" | sed 's/^bad/FAIL: expected finding missing:/'
fi

finish
