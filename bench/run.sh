#!/bin/sh
# bench/run.sh - make bench: campaign-lint, the engine, campaign-mock and
# campaign-test measured side by side with ajv 8 on a deterministic corpus.
# Writes the raw samples to bench/out/, then bench/results.md and
# bench/scaling.svg.  Run from the project root after `make build`
# (make bench does both).  See bench/README.md.
#
# Environment:
#   BIN          the tools' directory (default bin)
#   BENCH_REPS   repetitions of measurements 1, 2 and 4 (default 7)
#   BENCH_QUICK  1 = a smoke run: 3 repetitions, 3 s wrk runs
# Exit status: 0 when every measurement ran (targets missed are reported in
# results.md, not here); 1 when the corpus is not valid or a tool failed.
BIN=${BIN:-bin}
BUILD=${BUILD:-build}
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    REPS=${BENCH_REPS:-3}; CLI_REPS=10; WRK_SECS=3; WRK_REPS=2; SUITE_REPS=3
else
    REPS=${BENCH_REPS:-7}; CLI_REPS=25; WRK_SECS=10; WRK_REPS=3; SUITE_REPS=5
fi
OUT=bench/out
CORPUS=bench/corpus
T=$BUILD/bench
# One token for the mock and every client.
SCOPE3_API_KEY=demo-token
CAMPAIGN_MOCK_TOKEN=demo-token
export SCOPE3_API_KEY CAMPAIGN_MOCK_TOKEN

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }

[ -f bench/run.sh ] || die "run from the project root"
[ -x "$BIN/campaign-lint" ] || die "$BIN/campaign-lint is missing (run make)"

# ---- prerequisites ------------------------------------------------------
# Debian packages the harness uses, installed only when missing.
missing=""
command -v gnuplot >/dev/null 2>&1 || missing="$missing gnuplot-nox"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    say "installing$missing"
    $SUDO apt-get update -qq >/dev/null 2>&1
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null \
        || die "could not install$missing"
fi
# ajv from the committed lockfile.
if [ ! -d bench/node_modules/ajv ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    say "npm ci (ajv, ajv-formats, ajv-cli)"
    (cd bench && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
fi
make --no-print-directory BUILD="$BUILD" bench-tools >/dev/null \
    || die "building the bench drivers failed"

rm -rf "$OUT"
mkdir -p "$OUT" "$CORPUS"
started=$(date +%s)
# Other work on the machine skews every figure: record the load around the run.
cut -d' ' -f1-3 /proc/loadavg >"$OUT/load-start.txt"
load1=$(cut -d' ' -f1 /proc/loadavg)
case $load1 in
    0.[0-4]*) ;;
    *) say "warning: load average $load1 before starting; figures will be noisy" ;;
esac

# ---- corpus -----------------------------------------------------------------
say "corpus (deterministic) -> $CORPUS"
"$T/gen_corpus" "$CORPUS" || die "gen_corpus failed"
SIZES="1KB 10KB 100KB 1MB 10MB"
BODIES="campaign-response campaign-update-request"
RESP_BULK=$CORPUS/bulk-campaign-response.ndjson
UPD_BULK=$CORPUS/bulk-campaign-update-request.ndjson
MUTANTS=$CORPUS/mutants-campaign-response.ndjson

# Every payload must keep the contract (schemas and rules) for campaign-lint.
bad=0
for body in $BODIES; do
    for s in $SIZES; do
        "$BIN/campaign-lint" --schema "$body" "$CORPUS/$body.$s.json" >/dev/null 2>&1 \
            || { echo "bench: $CORPUS/$body.$s.json is not valid:" >&2
                 "$BIN/campaign-lint" --schema "$body" "$CORPUS/$body.$s.json" | head -5 >&2; bad=1; }
    done
done
"$BIN/campaign-lint" --schema campaign-response --ndjson "$RESP_BULK" >/dev/null 2>&1 || bad=1
"$BIN/campaign-lint" --schema campaign-update-request --ndjson "$UPD_BULK" >/dev/null 2>&1 || bad=1
[ $bad = 0 ] || die "the corpus does not keep the contract (see above)"

# ---- agreement: ajv and campaign-lint judge every payload alike -----------
say "agreement check (ajv vs campaign-lint verdicts)"
lint_verdicts() { # BODY [--ndjson] FILE...: "FILE[:LINE]<TAB>valid|invalid"
    body=$1; shift
    "$BIN/campaign-lint" --schema "$body" --format json "$@" 2>/dev/null \
        | sed -n 's/^{"file":"\(.*\)","valid":\(true\|false\),.*/\1\t\2/p' \
        | sed 's/\ttrue$/\tvalid/; s/\tfalse$/\tinvalid/'
}
: >"$OUT/agree-lint.tsv"; : >"$OUT/agree-ajv.tsv"
for body in $BODIES; do
    for s in $SIZES; do
        lint_verdicts "$body" "$CORPUS/$body.$s.json" >>"$OUT/agree-lint.tsv"
        node bench/ajv_bulk.js --verdicts "$body" "$CORPUS/$body.$s.json" >>"$OUT/agree-ajv.tsv" 2>/dev/null
    done
done
for pair in "campaign-response $RESP_BULK" "campaign-update-request $UPD_BULK" "campaign-response $MUTANTS"; do
    set -- $pair
    lint_verdicts "$1" --ndjson "$2" >>"$OUT/agree-lint.tsv"
    node bench/ajv_bulk.js --ndjson --verdicts "$1" "$2" >>"$OUT/agree-ajv.tsv" 2>/dev/null
done
sort "$OUT/agree-lint.tsv" >"$OUT/agree-lint.sorted"
sort "$OUT/agree-ajv.tsv" >"$OUT/agree-ajv.sorted"
diff "$OUT/agree-lint.sorted" "$OUT/agree-ajv.sorted" >"$OUT/agree.diff"
say "  $(wc -l <"$OUT/agree-lint.sorted") payloads compared, $(grep -c '^<' "$OUT/agree.diff") disagreements"

# ---- 1. bulk throughput, end to end ----------------------------------------
# campaign-lint takes one schema per run, so the 10,000 payloads (7,000
# responses + 3,000 update requests) are two lint runs; ajv does both files
# in one process (one schema compile), the cheaper way for ajv.
say "1. bulk throughput ($REPS repetitions)"
"$T/timeit" -r "$REPS" -w 1 -o "$OUT/m1.tsv" -- \
    lint-response "$BIN/campaign-lint" --schema campaign-response --ndjson "$RESP_BULK" :: \
    lint-update "$BIN/campaign-lint" --schema campaign-update-request --ndjson "$UPD_BULK" :: \
    ajv node bench/ajv_bulk.js --ndjson campaign-response "$RESP_BULK" campaign-update-request "$UPD_BULK" \
    || die "measurement 1: a run failed"
# Steady state (everything in memory, no start-up): ajv passes.
node bench/ajv_bulk.js --ndjson --passes "$REPS" campaign-response "$RESP_BULK" \
    campaign-update-request "$UPD_BULK" >"$OUT/m1-ajv-steady.tsv" 2>/dev/null \
    || die "measurement 1: ajv steady state failed"

# ---- 2. engine overhead: parse only vs parse + validate ---------------------
say "2. engine overhead ($REPS repetitions)"
"$T/engine_overhead" -r "$REPS" campaign-response "$RESP_BULK" \
    campaign-update-request "$UPD_BULK" >"$OUT/m2.tsv" || die "measurement 2 failed"

# ---- 3. one-payload CLI latency ----------------------------------------------
say "3. CLI latency ($CLI_REPS repetitions)"
AJV_CLI=bench/node_modules/.bin/ajv
ajv_cli() { # SCHEMA_NAME FILE -> the ajv-cli command line
    echo "$AJV_CLI validate --spec=draft2020 --strict=false -c ajv-formats -c ./bench/ajv_cli_keywords.js -s schemas/$1.json -r schemas/common.json -d $2"
}
# shellcheck disable=SC2046
"$T/timeit" -r "$CLI_REPS" -w 3 -o "$OUT/m3.tsv" -- \
    lint-response "$BIN/campaign-lint" --schema campaign-response "$CORPUS/campaign-response.10KB.json" :: \
    ajvcli-response $(ajv_cli campaign-response "$CORPUS/campaign-response.10KB.json") :: \
    lint-update "$BIN/campaign-lint" --schema campaign-update-request "$CORPUS/campaign-update-request.1KB.json" :: \
    ajvcli-update $(ajv_cli campaign-update-request "$CORPUS/campaign-update-request.1KB.json") \
    || die "measurement 3: a run failed"

# ---- 4. scaling: time and peak memory against size -------------------------
say "4. scaling ($REPS repetitions per size)"
inproc_args=""
for body in $BODIES; do
    for s in $SIZES; do
        f=$CORPUS/$body.$s.json
        "$T/timeit" -r "$REPS" -w 1 -o "$OUT/m4-cli.tsv" -- \
            "lint:$body:$s" "$BIN/campaign-lint" --schema "$body" "$f" :: \
            "ajv:$body:$s" node bench/ajv_bulk.js "$body" "$f" \
            || die "measurement 4: a run failed ($f)"
        inproc_args="$inproc_args $body $f"
    done
done
# shellcheck disable=SC2086
"$T/scale_inproc" -r "$REPS" $inproc_args >"$OUT/m4-inproc.tsv" \
    || die "measurement 4: in-process check failed"

# ---- mock helpers (measurements 5 and 6) -------------------------------------
MOCK_PID=""
MOCK_URL=""
TMP=$(mktemp -d)
stop_mock() {
    if [ -n "$MOCK_PID" ]; then
        kill "$MOCK_PID" 2>/dev/null
        wait "$MOCK_PID" 2>/dev/null
        MOCK_PID=""
    fi
}
cleanup() { stop_mock; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
start_mock() { # extra mock options; sets MOCK_PID and MOCK_URL
    rm -f "$TMP/mock.out"
    mkfifo "$TMP/mock.out"
    "$BIN/campaign-mock" --port 0 --quiet "$@" >"$TMP/mock.out" 2>"$TMP/mock.err" &
    MOCK_PID=$!
    exec 3<"$TMP/mock.out"
    if ! IFS= read -r line <&3; then
        cat "$TMP/mock.err" >&2
        die "campaign-mock did not start"
    fi
    cat <&3 >/dev/null &
    exec 3<&-
    MOCK_URL=${line#listening on }
    case $MOCK_URL in http://*) ;; *) die "unexpected first line from campaign-mock: $line" ;; esac
}
AUTH="Authorization: Bearer demo-token"
API=/api/v2/buyer

# ---- 5. campaign-mock under wrk ----------------------------------------------
if [ -x "$BIN/campaign-mock" ] && command -v wrk >/dev/null 2>&1; then
    say "5. campaign-mock under wrk (${WRK_REPS} x ${WRK_SECS}s per request kind)"
    start_mock
    # One ACTIVE campaign with media buys: create, then execute.
    id=$(curl -sf -X POST -H "$AUTH" -H 'Content-Type: application/json' \
            --data @examples/campaign-create-request.full.json "$MOCK_URL$API/campaigns" \
        | sed -n 's/^{"campaign":{"campaignId":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || die "measurement 5: could not create a campaign"
    curl -sf -o /dev/null -X POST -H "$AUTH" -H 'Content-Type: application/json' \
        --data @examples/campaign-execute-request.json "$MOCK_URL$API/campaigns/$id/execute" \
        || die "measurement 5: could not execute the campaign"
    curl -sf -o "$OUT/m5-get-body.json" -H "$AUTH" "$MOCK_URL$API/campaigns/$id" \
        || die "measurement 5: GET failed"
    for r in $(seq 1 "$WRK_REPS"); do
        timeout $((WRK_SECS + 30)) wrk -t2 -c32 -d"${WRK_SECS}s" --latency -H "$AUTH" \
            "$MOCK_URL$API/campaigns/$id" >"$OUT/m5-get-$r.txt" 2>&1
        BODY_FILE=examples/campaign-update-request.rename-and-settings.json \
            timeout $((WRK_SECS + 30)) wrk -t2 -c32 -d"${WRK_SECS}s" --latency -H "$AUTH" \
            -s bench/wrk_put.lua "$MOCK_URL$API/campaigns/$id" >"$OUT/m5-put-$r.txt" 2>&1
    done
    stop_mock
else
    say "5. skipped: $BIN/campaign-mock or wrk not available"
    echo "campaign-mock or wrk not available" >"$OUT/m5-skipped.txt"
fi

# ---- 6. campaign-test on the conformance suite ------------------------------
# Against a mock answering at once (loopback: the suite is CPU-bound) and
# against one that delays every response by 10 ms (a server's own latency,
# which is what parallel scenarios overlap).
if [ -x "$BIN/campaign-mock" ] && [ -x "$BIN/campaign-test" ]; then
    say "6. campaign-test -j 1/4/8/16 ($SUITE_REPS repetitions)"
    for lat in 0 10; do
        start_mock --latency-ms "$lat"
        base="$MOCK_URL$API"
        "$T/timeit" -r "$SUITE_REPS" -w 1 -o "$OUT/m6.tsv" -- \
            "lat$lat:j1" "$BIN/campaign-test" --base-url "$base" --no-reports -j 1 cases/ :: \
            "lat$lat:j4" "$BIN/campaign-test" --base-url "$base" --no-reports -j 4 cases/ :: \
            "lat$lat:j8" "$BIN/campaign-test" --base-url "$base" --no-reports -j 8 cases/ :: \
            "lat$lat:j16" "$BIN/campaign-test" --base-url "$base" --no-reports -j 16 cases/ \
            || say "  some campaign-test runs failed at latency $lat ms (see results.md)"
        stop_mock
    done
    "$BIN/campaign-test" --list cases/ 2>/dev/null | grep -c "\.json " >"$OUT/m6-scenarios.txt"
else
    say "6. skipped: $BIN/campaign-mock or $BIN/campaign-test not available"
    echo "campaign-mock or campaign-test not available" >"$OUT/m6-skipped.txt"
fi

# ---- report --------------------------------------------------------------
echo $(( $(date +%s) - started )) >"$OUT/elapsed.txt"
cut -d' ' -f1-3 /proc/loadavg >"$OUT/load-end.txt"
node bench/report.js "$OUT" bench/results.md "$OUT/scaling.dat" || die "report failed"
gnuplot bench/scaling.gp || die "gnuplot failed"
say "wrote bench/results.md and bench/scaling.svg ($(cat "$OUT/elapsed.txt") s)"
