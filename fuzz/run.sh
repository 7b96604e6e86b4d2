#!/bin/sh
# fuzz/run.sh - run libFuzzer targets for a bounded time each.
#   FUZZ_SECONDS=60 FUZZ_BUILD=build-fuzz sh fuzz/run.sh [TARGET...]
# Each target starts from its committed seeds (fuzz/corpus/TARGET/) and the
# inputs that once broke it (fuzz/regressions/TARGET/); new interesting
# inputs go to FUZZ_BUILD/corpus/TARGET/ (not committed).  A crash, leak,
# timeout or out-of-memory leaves its input in FUZZ_BUILD/artifacts/ and
# makes the script fail; copy it to fuzz/regressions/TARGET/ with the fix.
# Prints one line per target: executions, seconds, corpus size, result.
# Run from the project root.
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
[ $# -gt 0 ] || set -- contract schema case mock
# the largest input per target: bodies and case files are small documents
max_len() {
    case $1 in
        schema) echo 16384 ;;
        mock) echo 32768 ;;
        *) echo 65536 ;;
    esac
}
status=0
mkdir -p "$FUZZ_BUILD/artifacts"
for t in "$@"; do
    bin=$FUZZ_BUILD/fuzz_$t
    if [ ! -x "$bin" ]; then echo "fuzz: $bin not built (make fuzz-build)" >&2; status=1; continue; fi
    work=$FUZZ_BUILD/corpus/$t
    log=$FUZZ_BUILD/fuzz_$t.log
    mkdir -p "$work" "fuzz/regressions/$t"
    # stdin from /dev/null: an input naming /dev/stdin must not block a run
    "$bin" -max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$t")" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="$FUZZ_BUILD/artifacts/$t-" \
        "$work" "fuzz/corpus/$t" "fuzz/regressions/$t" </dev/null >"$log" 2>&1
    rc=$?
    execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
    rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
    units=$(ls "$work" 2>/dev/null | wc -l)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz $t: ${execs:-?} executions in ${FUZZ_SECONDS} s (${rate:-?}/s), working corpus $units inputs, no crash"
    else
        echo "fuzz $t: FAILED (exit $rc) after ${execs:-?} executions; log $log"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|.*runtime error)' "$log" | head -10
        status=1
    fi
done
exit $status
