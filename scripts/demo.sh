#!/bin/sh
# make demo: start campaign-mock on a free port, replay the conformance
# suite in cases/ against it, write reports/junit.xml, reports/report.html
# and reports/summary.json, stop the mock, exit with the runner's status.
# Environment: BIN (default bin), JOBS (default 4).
BIN=${BIN:-bin}
JOBS=${JOBS:-4}
# One token for both sides: the mock accepts it, the runner sends it.
SCOPE3_API_KEY=${SCOPE3_API_KEY:-demo-token}
CAMPAIGN_MOCK_TOKEN=$SCOPE3_API_KEY
export SCOPE3_API_KEY CAMPAIGN_MOCK_TOKEN

for b in campaign-mock campaign-test; do
    if [ ! -x "$BIN/$b" ]; then echo "demo: $BIN/$b is missing (run make)" >&2; exit 2; fi
done

tmp=$(mktemp -d)
mock_pid=""
cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null
        wait "$mock_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkfifo "$tmp/out"
"$BIN/campaign-mock" --port 0 >"$tmp/out" 2>"$tmp/mock.err" &
mock_pid=$!
# The mock's first stdout line is "listening on http://HOST:PORT"; keep
# draining the pipe afterwards so the mock never blocks on a full pipe.
exec 3<"$tmp/out"
if ! IFS= read -r line <&3; then
    echo "demo: campaign-mock did not start:" >&2
    cat "$tmp/mock.err" >&2
    exit 2
fi
cat <&3 >/dev/null &
url=${line#listening on }
case $url in
    http://*) ;;
    *) echo "demo: unexpected first line from campaign-mock: $line" >&2; exit 2 ;;
esac
echo "demo: campaign-mock at $url"

"$BIN/campaign-test" --base-url "$url/api/v2/buyer" -j "$JOBS" \
    --junit reports/junit.xml --html reports/report.html --json reports/summary.json \
    cases/
status=$?
exit $status
