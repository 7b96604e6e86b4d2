#!/bin/sh
# tests/ci/suite_repeat.sh - the conformance suite is deterministic: run
# against one campaign-mock many times in a row (its state growing with
# every run, as a long-lived server's does) it passes every time, in the
# ways CI and implementers run it: 20 times at -j 8 with read-backs (the
# default), 5 times in differential mode against the bundled mock, and
# the contract-derived probes twice.  Also `make demo`'s path (the suite
# at -j 4 with all three reports) within its time budget.  Prints RESULT
# lines like the other tests.  Environment: BIN (default bin).  Run from
# the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/../cli/lib.sh"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
export SCOPE3_API_KEY=demo-token
start_mock "$tmp/mock" --quiet || abort "campaign-mock did not start" "$tmp/mock.stderr"
n=$("$RUNNER" --list cases/ | tail -1 | awk '{print $1}')

# repeat COUNT DESC ARGS... : the suite COUNT times; every run passes whole
repeat() {
    count=$1 desc=$2; shift 2
    i=1
    while [ "$i" -le "$count" ]; do
        timeout 120 "$RUNNER" --no-reports --base-url "$url" "$@" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        if [ "$rc" = 0 ] && grep -q "^$want passed, 0 failed" "$tmp/out"; then
            pass
        else
            fail "$desc: run $i of $count: exit $rc"; grep -v '^PASS' "$tmp/out" | head -8
        fi
        i=$((i + 1))
    done
}

want=$n
start=$(date +%s)
repeat 20 "the suite at -j 8" -j 8 cases/
repeat 5 "the suite against the bundled mock as reference" -j 4 --reference-mock cases/
if [ -x "$BIN/campaign-probes" ]; then
    "$BIN/campaign-probes" --out "$tmp/probes" >/dev/null 2>"$tmp/perr" || { fail "campaign-probes"; cat "$tmp/perr"; }
    want=$("$RUNNER" --list "$tmp/probes" | tail -1 | awk '{print $1}')
    repeat 2 "the probes" -j 4 "$tmp/probes"
else
    fail "$BIN/campaign-probes not built"
fi
echo "suite_repeat: 27 runs in $(( $(date +%s) - start )) s"

# make demo's run: the suite at -j 4 writing the three reports, well under a minute
t0=$(date +%s)
timeout 60 "$RUNNER" -j 4 --base-url "$url" --report-dir "$tmp/reports" cases/ >"$tmp/out" 2>"$tmp/err"
rc=$?
t=$(( $(date +%s) - t0 ))
status 0 "the demo's run"
[ "$t" -le 10 ] && pass || fail "the demo's run took $t s (budget 10 s)"
for f in junit.xml report.html summary.json; do [ -s "$tmp/reports/$f" ] && pass || fail "no $f"; done
finish
