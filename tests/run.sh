#!/bin/sh
# Run every test program and script; print their output and, last, the
# total as "N passed, N failed".  Each test prints "RESULT P F" lines; a
# test that exits non-zero without a failing RESULT counts as one failure.
# Environment: BUILD, BIN (build dirs), SHARED (path to ../shared).
BUILD=${BUILD:-build}
BIN=${BIN:-bin}
SHARED=${SHARED:-../shared}
export BUILD BIN SHARED
: "${JSON_SCHEMA_TEST_SUITE:=$SHARED/JSON-Schema-Test-Suite}"
: "${JSON_SCHEMA_META:=$SHARED/json-schema-2020-12}"
: "${JUNIT_XSD:=$SHARED/junit/junit-10.xsd}"
: "${CONTRACT_REFERENCE:=$SHARED/reference}"
export JSON_SCHEMA_TEST_SUITE JSON_SCHEMA_META JUNIT_XSD CONTRACT_REFERENCE

# The inputs from ../shared the tests read.  Missing ones are said here,
# at the start and again before the total; each test that needs one counts
# one failure for it ("FAIL: missing shared input VAR: PATH ...").
shared_note() {
    _m=""
    [ -d "$JSON_SCHEMA_TEST_SUITE" ] || _m="$_m
  JSON_SCHEMA_TEST_SUITE=$JSON_SCHEMA_TEST_SUITE (the official JSON-Schema-Test-Suite)"
    [ -d "$JSON_SCHEMA_META" ] || _m="$_m
  JSON_SCHEMA_META=$JSON_SCHEMA_META (the draft 2020-12 metaschemas)"
    [ -f "$JUNIT_XSD" ] || _m="$_m
  JUNIT_XSD=$JUNIT_XSD (the JUnit XSD)"
    [ -z "$_m" ] && return 0
    _s="SHARED=$SHARED"
    [ -d "$SHARED" ] || _s="$_s, which does not exist"
    echo "shared material missing ($_s):$_m"
    echo "It comes from ../shared next to the project (see README.md); set SHARED=DIR"
    echo "to a copy, or set the variables above one by one.  Each test that needs"
    echo "a missing input counts one failure for it."
}
shared_note

total_p=0
total_f=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

run_one() {
    name=$1; shift
    echo "== $name"
    "$@" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    p=$(awk '$1=="RESULT"{s+=$2} END{print s+0}' "$tmp")
    f=$(awk '$1=="RESULT"{s+=$3} END{print s+0}' "$tmp")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name exited with status $rc"
        f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
}

for t in "$BUILD"/tests/*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    run_one "$(basename "$t")" "$t"
done
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    [ "$s" = tests/cli/lib.sh ] && continue   # sourced by the others, not a test
    run_one "$(basename "$s")" sh "$s"
done

shared_note
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
