#!/bin/sh
# tests/cli/bad_inputs.sh - campaign-lint over the bad-input corpus
# (tests/bad-inputs/, table in its README.md): each input gets its defined
# exit status and message, within a time and memory bound, and never
# crashes.  Large inputs (100,000-deep nesting, a 10 MB string), a
# directory and a file that vanishes mid-run are made here in a temp dir.
# Memory: `ulimit -v` (256 MB) for the plain build; under ASan (which
# reserves terabytes of address space) ASAN_OPTIONS=hard_rss_limit_mb.
# Environment: BIN (default bin).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
CORPUS=tests/bad-inputs
LIMIT_MB=256
TIME_S=30

if [ ! -x "$LINT" ]; then abort "$LINT not built"; fi
if nm "$LINT" 2>/dev/null | grep -q __asan_init; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$LIMIT_MB"
    export ASAN_OPTIONS
    vlimit=unlimited
else
    vlimit=$((LIMIT_MB * 1024))
fi

# bounded ARGS... : campaign-lint under the time and memory bound
bounded() {
    ( ulimit -v "$vlimit" 2>/dev/null; exec timeout "$TIME_S" "$LINT" "$@" ) >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# expect NAME WANT_RC MESSAGE : check the last run
expect() {
    if [ "$rc" = "$2" ]; then pass; else
        fail "$1: exit $rc, want $2"; head -c 400 "$tmp/out"; head -c 400 "$tmp/err"; return; fi
    if grep -qF -- "$3" "$tmp/out" "$tmp/err"; then pass; else
        fail "$1: no '$3' in the output"; head -c 400 "$tmp/out"; head -c 400 "$tmp/err"; fi
}

# ---- committed inputs: name, status, message ------------------------------
while IFS='|' read -r file want msg; do
    case $file in ''|'#'*) continue ;; esac
    bounded --schema campaign-create-request "$CORPUS/$file"
    expect "$file" "$want" "$msg"
done <<'TABLE'
invalid-utf8.json|1|invalid UTF-8 byte 0xE9 (truncated sequence) [json]
nul-byte.json|1|raw control character U+0000 in string (escape it as \u0000) [json]
bom.json|1|byte order mark (U+FEFF), which JSON text must not contain [json]
number-1e400.json|1|/budget/total: number out of range: 1e400 [json]
minus-zero.json|1|/budget/total: expected greater than 0, got -0 [exclusiveMinimum]
duplicate-keys.json|1|duplicate key "name" (first at line 1, column 23) [CR-DUPLICATE-KEY]
trailing-garbage.json|1|unexpected data after the JSON value [CR-TRAILING-DATA]
empty.json|1|empty input: no JSON value [json]
binary.bin|1|unexpected character U+007F, expected a JSON value [json]
TABLE

# the same through standard input and as NDJSON lines
bounded --schema campaign-create-request - <"$CORPUS/nul-byte.json"
expect "nul byte on stdin" 1 "<stdin>:1:32: /name: raw control character U+0000"
cat "$CORPUS"/invalid-utf8.json "$CORPUS"/number-1e400.json "$CORPUS"/binary.bin >"$tmp/mixed.ndjson"
bounded --ndjson --schema campaign-create-request "$tmp/mixed.ndjson"
expect "ndjson of bad lines" 1 "3 payloads, 3 invalid"

# ---- generated inputs -------------------------------------------------------
head -c 100000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
bounded --schema campaign-create-request "$tmp/deep.json"
expect "100,000-deep nesting" 1 "nesting deeper than 512 levels [json]"
head -c 100000 /dev/zero | tr '\0' '{' | sed 's/{/{"a":/g' >"$tmp/deep-objects.json"
bounded --schema campaign-update-request "$tmp/deep-objects.json"
expect "100,000-deep objects" 1 "nesting deeper than 512 levels [json]"

big() {   # big PREFIX SUFFIX : a 10 MB string between them
    { printf '%s' "$1"; head -c 10485760 /dev/zero | tr '\0' a; printf '%s' "$2"; }
}
big '{"advertiserId":12345,"name":"' '","campaignType":"DECISIONED","budget":{"total":100},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}' >"$tmp/big-name.json"
bounded --schema campaign-create-request "$tmp/big-name.json"
expect "10 MB string" 1 "/name: expected at most 255 characters, got 10485760 [maxLength]"
big '{"advertiserId":12345,"name":"n","campaignType":"' '","budget":{"total":100},"flightDates":{"startDate":"2025-01-15T00:00:00Z","endDate":"2025-03-31T23:59:59Z"}}' >"$tmp/big-enum.json"
bounded --format json --schema campaign-create-request "$tmp/big-enum.json"
expect "10 MB string in an enum" 1 '"instanceLocation":"/campaignType"'
if [ "$(wc -c <"$tmp/out")" -lt 4096 ]; then pass; else fail "a 10 MB value is echoed in full ($(wc -c <"$tmp/out") bytes)"; fi
big '{"advertiserId":12345,"name":"n"} "' '"' >"$tmp/big-trailing.json"
bounded --schema campaign-create-request "$tmp/big-trailing.json"
expect "10 MB of trailing data" 1 "[CR-TRAILING-DATA]"

mkdir "$tmp/a-directory.json"
bounded --schema campaign-create-request "$tmp/a-directory.json"
expect "directory as a file" 2 "campaign-lint: $tmp/a-directory.json: Is a directory"

bounded --schema campaign-create-request "$tmp/never-existed.json"
expect "missing file" 2 "campaign-lint: $tmp/never-existed.json: No such file or directory"

# A file that vanishes mid-run, deterministically: the first input is
# standard input, fed through a FIFO, so campaign-lint blocks reading it
# (a FIFO given as a file is refused; standard input is the one stream it
# reads).  The second input is deleted, and only then is the FIFO fed.
mkfifo "$tmp/gate"
cp "$CORPUS/duplicate-keys.json" "$tmp/vanishes.json"
( ulimit -v "$vlimit" 2>/dev/null
  exec timeout "$TIME_S" "$LINT" --schema campaign-create-request - "$tmp/vanishes.json" <"$tmp/gate" ) \
    >"$tmp/out" 2>"$tmp/err" &
lp=$!
exec 3>"$tmp/gate"
rm "$tmp/vanishes.json"
cat "$CORPUS/duplicate-keys.json" >&3
exec 3>&-
wait "$lp"
rc=$?
expect "file vanished mid-run" 2 "campaign-lint: $tmp/vanishes.json: No such file or directory"
expect "the input before it is still linted" 2 "<stdin>:1:62: (root): duplicate key"

finish
