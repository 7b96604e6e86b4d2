#!/bin/sh
# tests/cli/mock_slow_clients.sh - slow and stalled clients cannot pin
# campaign-mock: 200 connections that send half a request head and go
# quiet, a body trickled one byte at a time, and slowloris-style request
# heads, while an ordinary request is still answered within a second; the
# idle connections and the trickled body are cut off after --idle-timeout.
# Also: a path with bytes that are not UTF-8 is answered with valid JSON
# (a fuzzing find).  Peers are played by tests/tools/nettool.c.
# Environment: BIN (default bin), CC.  Run from the project root.
BIN=${BIN:-bin}
MOCK=$BIN/campaign-mock
TOKEN=slow-test-token
passed=0
failed=0
tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

if [ ! -x "$MOCK" ]; then echo "FAIL: $MOCK not built"; echo "RESULT 0 1"; exit 1; fi
if ! ${CC:-cc} -std=c11 -O2 -o "$tmp/nettool" tests/tools/nettool.c; then
    echo "FAIL: cannot build tests/tools/nettool.c"; echo "RESULT 0 1"; exit 1
fi
NT=$tmp/nettool

: >"$tmp/mock.out"
"$MOCK" --port 0 --quiet --idle-timeout 2 --token "$TOKEN" >"$tmp/mock.out" 2>"$tmp/mock.err" &
mp=$!
pids="$pids $mp"
i=0
while [ $i -lt 100 ] && ! grep -q listening "$tmp/mock.out"; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/mock.out")
if [ -z "$port" ]; then echo "FAIL: mock did not start"; cat "$tmp/mock.err"; echo "RESULT 0 1"; exit 1; fi

# normal DESC : an ordinary GET is answered (2xx) within one second
normal() {
    start=$(date +%s%N)
    if timeout 5 "$NT" get "$port" /api/v2/buyer/campaigns "$TOKEN" >"$tmp/body" 2>&1; then
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        if [ "$ms" -lt 1000 ]; then pass; else fail "$1: an ordinary request took $ms ms"; fi
    else
        fail "$1: an ordinary request failed"; head -3 "$tmp/body"
    fi
}

normal "before anything"

# ---- 200 idle connections -------------------------------------------------------
"$NT" idle "$port" 200 10 "$tmp/ready" >"$tmp/idle.out" 2>&1 &
ip=$!
pids="$pids $ip"
i=0
while [ $i -lt 100 ] && [ ! -f "$tmp/ready" ]; do sleep 0.05; i=$((i + 1)); done
normal "with 200 idle connections"
wait "$ip"
if grep -q "^idle: 200 opened, 200 closed by the server after [0-4]\." "$tmp/idle.out"; then pass
else fail "idle connections not closed within --idle-timeout: $(cat "$tmp/idle.out")"; fi
normal "after the idle connections"

# ---- a body trickled one byte every 200 ms --------------------------------------
"$NT" trickle "$port" "$TOKEN" 200 20 >"$tmp/trickle.out" 2>&1 &
tp=$!
pids="$pids $tp"
sleep 0.5
normal "while a body trickles in"
wait "$tp"
if grep -q "^trickle: closed by the server after [2-4]\." "$tmp/trickle.out"; then pass
else fail "trickled body not cut off after --idle-timeout: $(cat "$tmp/trickle.out")"; fi

# ---- request heads sent one byte at a time (slowloris) ---------------------------
k=0
while [ $k -lt 20 ]; do
    "$NT" trickle-head "$port" 300 4 >/dev/null 2>&1 &
    pids="$pids $!"
    k=$((k + 1))
done
sleep 0.5
normal "with 20 slowloris heads"

# ---- bytes that are not UTF-8 in the path: still a valid JSON error body ----------
timeout 5 "$NT" get "$port" '/api/v2/buyer/nothing%FF%FEhere' "$TOKEN" >"$tmp/notutf8.json"
if "$BIN/campaign-lint" --schema error-response "$tmp/notutf8.json" >"$tmp/lint.out" 2>&1; then pass
else fail "a non-UTF-8 path gives an invalid body"; head -3 "$tmp/lint.out" "$tmp/notutf8.json"; fi
if grep -q 'no route for /api/v2/buyer/nothing' "$tmp/notutf8.json"; then pass; else fail "404 message"; cat "$tmp/notutf8.json"; fi

# the server is still up and answering
if kill -0 "$mp" 2>/dev/null; then pass; else fail "campaign-mock died"; fi
normal "at the end"

echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
