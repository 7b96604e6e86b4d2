#!/bin/sh
# tests/cli/bench_tools.sh - the C drivers of make bench on small inputs.
# A driver that stops working would otherwise show up only in a full
# `make bench`; here each one runs on the examples in well under a second.
# shellcheck disable=SC1091
. tests/cli/lib.sh
T=${BUILD:-build}/bench

for tool in engine_overhead scale_inproc timeit gen_corpus; do
    [ -x "$T/$tool" ] || abort "$T/$tool is not built (make build builds it)"
done

# Two valid responses, one per line (raw newlines in JSON are whitespace).
for f in examples/campaign-response.json examples/campaign-response.active.json; do
    tr -d '\n\r' <"$f"
    echo
done >"$tmp/bulk.ndjson"
bytes=$(wc -c <"$tmp/bulk.ndjson")
lines=2

# engine_overhead: every mode, one line per mode and repetition, each
# counting both payloads and the bytes without the newlines.
"$T/engine_overhead" -r 2 campaign-response "$tmp/bulk.ndjson" >"$tmp/out" 2>"$tmp/err"
rc=$?
status 0 "engine_overhead on valid payloads"
for mode in cjson cjson_validate parse parse_dup validate contract tape tape_validate tape_contract; do
    n=$(awk -v m="$mode" -v p="$lines" -v b="$((bytes - lines))" \
        '$1 == m && $4 == p && $5 == b && $3 > 0 { n++ } END { print n + 0 }' "$tmp/out")
    if [ "$n" -eq 2 ]; then pass; else fail "engine_overhead: $n good lines for mode $mode, want 2"; fi
done
"$T/engine_overhead" -r 1 -m cjson_validate campaign-response "$tmp/bulk.ndjson" >"$tmp/out" 2>"$tmp/err"
rc=$?
status 0 "engine_overhead -m cjson_validate"
if [ "$(awk '{ print $1 }' "$tmp/out" | sort -u)" = cjson_validate ]; then pass; else fail "-m times one mode only"; fi

# A payload that breaks the contract must make the run fail, not count,
# on a tree and on a tape.
sed 's/"status": *"[A-Z_]*"/"status": "NOT_A_STATUS"/' "$tmp/bulk.ndjson" >"$tmp/bad.ndjson"
"$T/engine_overhead" -r 1 campaign-response "$tmp/bad.ndjson" >"$tmp/out" 2>"$tmp/err"
rc=$?
status 1 "engine_overhead on an invalid payload"
for mode in validate contract tape_validate tape_contract; do
    "$T/engine_overhead" -r 1 -m "$mode" campaign-response "$tmp/bad.ndjson" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    status 1 "engine_overhead -m $mode on an invalid payload"
done
"$T/engine_overhead" -r 1 -m nonsense campaign-response "$tmp/bulk.ndjson" >"$tmp/out" 2>"$tmp/err"
rc=$?
status 2 "engine_overhead with an unknown mode"
has "usage" "$tmp/err" "the usage names the modes"

# scale_inproc: one line per sample, with the payload's size and the
# document's bytes, the tape's (by default) or the tree's (-T, larger).
size=$(wc -c <examples/campaign-response.json)
"$T/scale_inproc" -r 2 campaign-response examples/campaign-response.json >"$tmp/out" 2>"$tmp/err"
rc=$?
status 0 "scale_inproc"
n=$(awk -v s="$size" '$3 == s && $5 > 0 && $6 > 0 { n++ } END { print n + 0 }' "$tmp/out")
if [ "$n" -eq 2 ]; then pass; else fail "scale_inproc: $n good samples, want 2"; fi
tape_bytes=$(awk 'NR == 1 { print $6 }' "$tmp/out")
"$T/scale_inproc" -r 1 -T campaign-response examples/campaign-response.json >"$tmp/out" 2>"$tmp/err"
rc=$?
status 0 "scale_inproc -T"
tree_bytes=$(awk 'NR == 1 { print $6 }' "$tmp/out")
if [ "$tree_bytes" -gt "$((2 * tape_bytes))" ]; then pass
else fail "scale_inproc: tree $tree_bytes bytes, tape $tape_bytes: the tree should be over twice the tape"; fi
sed 's/"status": *"[A-Z_]*"/"status": "NOT_A_STATUS"/' examples/campaign-response.json >"$tmp/bad.json"
for flag in "" -T; do
    # shellcheck disable=SC2086
    "$T/scale_inproc" -r 1 $flag campaign-response "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    status 1 "scale_inproc $flag on an invalid payload"
done

# timeit: records each run and reports a failing command.
"$T/timeit" -r 2 -w 0 -- ok true :: no false >"$tmp/out" 2>"$tmp/err"
rc=$?
status 1 "timeit exits 1 when a command fails"
if [ "$(awk '$1 == "ok" && $7 == 0' "$tmp/out" | wc -l)" -eq 2 ] &&
   [ "$(awk '$1 == "no" && $7 == 1' "$tmp/out" | wc -l)" -eq 2 ]; then pass
else fail "timeit: two runs per label with their exit status"; fi

finish
