#!/bin/sh
# tests/cli/fuzz_replay.sh - every fuzz seed (fuzz/corpus/TARGET/) and every
# input that once broke a target (fuzz/regressions/TARGET/) through the
# fuzz targets, linked without libFuzzer ($BUILD/fuzz/replay_TARGET, built
# by `make build`; under SANITIZE=1 with ASan and UBSan).  A crash, a
# sanitizer report, a leak or a hang fails the target.
# Environment: BUILD (default build).  Run from the project root.
BUILD=${BUILD:-build}
passed=0
failed=0
for t in contract schema case mock; do
    bin=$BUILD/fuzz/replay_$t
    if [ ! -x "$bin" ]; then echo "FAIL: $bin not built"; failed=$((failed + 1)); continue; fi
    dirs="fuzz/corpus/$t"
    [ -d "fuzz/regressions/$t" ] && dirs="$dirs fuzz/regressions/$t"   # only targets that ever broke have one
    # shellcheck disable=SC2086
    out=$(timeout 300 "$bin" $dirs </dev/null 2>&1)
    rc=$?
    if [ "$rc" = 0 ]; then
        echo "$t: $(echo "$out" | tail -1)"
        passed=$((passed + 1))
    else
        echo "FAIL: replay_$t exited with status $rc"
        echo "$out" | tail -30
        failed=$((failed + 1))
    fi
done
echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
