#!/bin/sh
# tests/cli/mock_slow_clients.sh - slow and stalled clients cannot pin
# campaign-mock: 200 connections that send half a request head and go
# quiet, a body trickled one byte at a time, and slowloris-style request
# heads, while an ordinary request is still answered within a second; the
# idle connections and the trickled body are cut off after --idle-timeout.
# Also: a path with bytes that are not UTF-8 is answered with valid JSON
# (a fuzzing find).  Peers are played by tests/tools/nettool.c.
# Environment: BIN (default bin), CC.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
TOKEN=slow-test-token

if [ ! -x "$MOCK" ]; then abort "$MOCK not built"; fi
build_nettool || abort "cannot build tests/tools/nettool.c"
NT=$tmp/nettool

start_mock "$tmp/mock" --quiet --idle-timeout 2 --token "$TOKEN" ||
    abort "mock did not start" "$tmp/mock.stderr"

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

finish
