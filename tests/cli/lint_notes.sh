#!/bin/sh
# tests/cli/lint_notes.sh - campaign-lint's notes (tools/lint/README.md,
# "Unknown members and hints"): without --strict, a member of a request
# body that no schema declares where it stands and that is close to a
# declared name is a note in every format: no finding, no change to the
# exit status or the counts.  A name close to nothing, a response body (its
# objects are closed: a finding already) and --strict (a finding instead)
# get no note.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
[ -x "$LINT" ] || abort "$LINT not built"
lint() { "$LINT" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

head='{"advertiserId":12345,"name":"Q1","campaignType":"DECISIONED","flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}'
printf '%s,"budget":{"total":1000,"currency":"USD","totl":5}}' "$head" >"$tmp/typo.json"
printf '%s,"budget":{"total":1000,"currency":"USD"},"zzzqqq":1}' "$head" >"$tmp/far.json"
printf '%s,"budget":{"total":0,"currency":"USD","totl":5}}' "$head" >"$tmp/both.json"
note='/budget/totl: note: unknown property "totl" (did you mean "total"?) [unknownProperty]'

lint --schema campaign-create-request "$tmp/typo.json"
status 0 "a typo in an open object: still valid"
has "typo.json:1:" out "the note's position"
has "$note" out "the note"
has "1 file, 0 invalid, 0 findings" err "not counted"

lint --schema campaign-create-request "$tmp/far.json"
status 0 "a name close to nothing"
hasnt "note:" out "no note for a name close to nothing"

lint --schema campaign-create-request "$tmp/both.json"
status 1 "an invalid payload with a typo"
has "/budget/total:" out "its finding"
has "$note" out "and its note"
has "1 file, 1 invalid, 1 finding" err "the note is not counted"

lint --strict --schema campaign-create-request "$tmp/typo.json"
status 1 "--strict: a finding instead"
has '/budget/totl: unknown property "totl" (did you mean "total"?) [unknownProperty]' out "--strict: the finding"
hasnt "note:" out "--strict: no note"

lint --format json --schema campaign-create-request "$tmp/typo.json"
status 0 "json"
has '"valid":true,"errors":[],"notes":[{"instanceLocation":"/budget/totl","note":"unknown property \"totl\" (did you mean \"total\"?)","keyword":"unknownProperty","line":1,"column":' out "json notes"
lint --format json --schema campaign-create-request "$tmp/far.json"
hasnt '"notes"' out "json: no notes member without notes"
lint --format github --schema campaign-create-request "$tmp/typo.json"
status 0 "github"
has '::notice file='"$tmp"'/typo.json,line=1,col=' out "github notice"
hasnt "::error" out "github: no error"
lint --format junit --schema campaign-create-request "$tmp/typo.json"
status 0 "junit"
has 'failures="0" errors="0"' out "junit: no failure"
has "<system-out>$tmp/typo.json:1:" out "junit system-out"

# a response body: closed objects, the member is a finding already
printf '{"campaign":{"campaignId":"c","advertiserId":"1","name":"n","status":"DRAFT","optimizationApplyMode":"AUTO","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","nmae":"x"}}' >"$tmp/resp.json"
lint --schema campaign-response "$tmp/resp.json"
status 1 "a response with an undeclared member"
hasnt "note:" out "no note for a response"

# NDJSON: per line
printf '%s\n%s\n' "$(cat "$tmp/far.json")" "$(cat "$tmp/typo.json")" >"$tmp/two.ndjson"
lint --ndjson --schema campaign-create-request "$tmp/two.ndjson"
status 0 "ndjson"
has "two.ndjson:2:" out "the note on line 2"
hasnt "two.ndjson:1:" out "nothing on line 1"
finish
