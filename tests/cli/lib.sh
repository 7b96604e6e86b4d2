# tests/cli/lib.sh - what every shell test needs; sourced (". lib.sh"),
# never run on its own.  Run the tests from the project root.
#
# Sourcing it sets BIN (default bin), MOCK and RUNNER, zeroes the counters
# passed and failed, and makes $tmp, a temporary directory that is removed
# at exit after every process listed in $pids (space-separated; add the
# background processes you start) has been killed and reaped.
#
#   pass / fail MSG          count a check (fail prints "FAIL: MSG")
#   has TEXT FILE DESC       pass when FILE contains TEXT, else fail; a FILE
#                            without a '/' is one in $tmp ("out" and "err":
#                            where the scripts keep a command's stdout and
#                            stderr)
#   hasnt TEXT FILE DESC     the reverse
#   status WANT DESC         pass when $rc is WANT (the caller ran something
#                            with stdout in $tmp/out, stderr in $tmp/err)
#   abort MSG [FILE]         a prerequisite is missing: FAIL MSG, FILE shown,
#                            one more failure, "RESULT passed failed", exit 1
#   finish                   print "RESULT passed failed"; exit 0 iff none failed
#   wait_for PATTERN FILE    wait (at most 10 s) until FILE has a line
#                            matching PATTERN; 1 when it never came
#   start_mock PREFIX ARGS   campaign-mock --port 0 ARGS in the background,
#                            stdout PREFIX.stdout, stderr PREFIX.stderr; sets
#                            mp (its pid, also in $pids), base
#                            (http://127.0.0.1:PORT), port and url (the API
#                            root); 1 when it did not announce its port
#   forget PID               drop PID from $pids (it was stopped and reaped)
#   build_nettool            compile tests/tools/nettool.c to $tmp/nettool
#   build_peakrss            compile tests/tools/peakrss.c to $tmp/peakrss, and
#                            keep a sanitizer build's quarantine small (it
#                            holds freed memory aside, which counts as RSS)
#   need_shared VAR DESC     the input from ../shared that $VAR names exists;
#                            else one "FAIL: missing ..." line saying where it
#                            comes from and how to override it, one failure
#                            counted, and status 1 (the caller skips the
#                            checks that need it)
#
# Missing shared material is counted the same way everywhere: each test
# that needs a missing input counts one failure for it, with that message,
# and runs the checks that do not need it (tests/unit/test_schema_suite.c
# prints the same line).  JUNIT_XSD defaults to $SHARED/junit/junit-10.xsd,
# SHARED to ../shared.
# shellcheck shell=sh disable=SC2034  # the variables set here are for the sourcing script

BIN=${BIN:-bin}
SHARED=${SHARED:-../shared}
JUNIT_XSD=${JUNIT_XSD:-$SHARED/junit/junit-10.xsd}
MOCK=$BIN/campaign-mock
RUNNER=$BIN/campaign-test
passed=0
failed=0
pids=""
tmp=$(mktemp -d)
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# the file named by has/hasnt's FILE, and how a message names it
_file() { case $1 in */*) echo "$1" ;; *) echo "$tmp/$1" ;; esac; }
_shown() { case $1 in out|err) echo "std$1" ;; *) echo "$1" ;; esac; }
has() { if grep -qF -- "$1" "$(_file "$2")"; then pass; else fail "$3: no '$1' in $(_shown "$2")"; head -5 "$(_file "$2")"; fi; }
hasnt() { if grep -qF -- "$1" "$(_file "$2")"; then fail "$3: unexpected '$1' in $(_shown "$2")"; else pass; fi; }
status() { if [ "$rc" = "$1" ]; then pass; else fail "$2: exit $rc, want $1"; head -8 "$tmp/out" "$tmp/err"; fi; }
abort() { echo "FAIL: $1"; [ -n "$2" ] && cat "$2"; echo "RESULT $passed $((failed + 1))"; exit 1; }
finish() { echo "RESULT $passed $failed"; [ "$failed" -eq 0 ]; exit $?; }

wait_for() {
    _i=0
    while [ $_i -lt 200 ]; do
        grep -q -- "$1" "$2" 2>/dev/null && return 0
        sleep 0.05
        _i=$((_i + 1))
    done
    return 1
}

start_mock() {
    _out=$1; shift
    : >"$_out.stdout"   # no stale line from an earlier start
    "$MOCK" --port 0 "$@" >"$_out.stdout" 2>"$_out.stderr" &
    mp=$!
    pids="$pids $mp"
    wait_for '^listening on ' "$_out.stdout" || return 1
    base=$(sed -n 's/^listening on //p' "$_out.stdout")
    port=${base##*:}
    url=$base/api/v2/buyer
}

forget() { pids=$(echo " $pids " | sed "s/ $1 / /"); }

need_shared() {
    eval "_p=\${$1}"
    [ -e "$_p" ] && return 0
    fail "missing shared input $1: $_p ($2; from ../shared, see README.md; set SHARED=DIR or $1=PATH)"
    return 1
}

build_nettool() { ${CC:-cc} -std=c11 -O2 -o "$tmp/nettool" tests/tools/nettool.c; }
build_peakrss() {
    ASAN_OPTIONS="quarantine_size_mb=4:${ASAN_OPTIONS:-}"
    export ASAN_OPTIONS
    ${CC:-cc} -std=c11 -O2 -o "$tmp/peakrss" tests/tools/peakrss.c
}
