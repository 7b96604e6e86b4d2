#!/bin/sh
# tests/cli/mock_hostile.sh - campaign-mock against hostile peers on
# loopback (played by tests/tools/nettool.c; attackers bind to other
# addresses of 127.0.0.0/8 than the ordinary client's 127.0.0.1):
#   - a malformed Content-Length gets exactly one response, a JSON error,
#     and so does a first head over 32 KiB (431);
#   - a client that writes a whole over-limit body before reading gets the
#     413 (and a 401 before a big body), not a reset or broken pipe;
#   - hundreds of slowloris heads are cut off by --header-timeout, also on
#     a kept-alive connection, while an ordinary request is answered;
#   - thousands of idle connections, and the per-address cap (on both
#     sides of the bound), never lock out an ordinary request;
#   - SIGTERM stops a saturated mock within 3 s, also with --latency-ms.
# Time bounds are generous (an ordinary request within 1 s, a stop
# within 3 s) so a loaded 2-core machine does not flake.
# Environment: BIN (default bin), CC.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
TOKEN=hostile-test-token

if [ ! -x "$MOCK" ]; then abort "$MOCK not built"; fi
build_nettool || abort "cannot build tests/tools/nettool.c"
NT=$tmp/nettool

# normal DESC [SRC] : an ordinary GET (from SRC, default 127.0.0.1) is
# answered 2xx within one second
normal() {
    _from=${2:+-s $2}
    start=$(date +%s%N)
    # shellcheck disable=SC2086  # _from is two words or none
    if timeout 5 "$NT" $_from get "$port" /api/v2/buyer/campaigns "$TOKEN" >"$tmp/body" 2>&1; then
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        echo "ordinary request $1: $ms ms"
        if [ "$ms" -lt 1000 ]; then pass; else fail "$1: an ordinary request took $ms ms"; fi
    else
        fail "$1: an ordinary request failed"; head -3 "$tmp/body"
    fi
}

# wait_ready FILE : until nettool wrote FILE (at most 20 s)
wait_ready() {
    _i=0
    while [ $_i -lt 400 ] && [ ! -s "$1" ]; do sleep 0.05; _i=$((_i + 1)); done
}

# stop_within DESC : SIGTERM the mock; it must exit 0 within 3 s
stop_within() {
    start=$(date +%s%N)
    kill -TERM "$mp"
    wait "$mp"
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    forget "$mp"
    echo "stop $1: ${ms} ms"
    if [ "$ms" -lt 3000 ]; then pass; else fail "$1: stopping took $ms ms"; fi
    if [ "$rc" = 0 ]; then pass; else fail "$1: exit $rc after SIGTERM"; fi
}

# raw_once NAME CL EXPECTED_STATUS CODE : POST with "Content-Length: CL"
# (CL may hold "\r\n" for a second header line): exactly one response,
# with the status, and a valid JSON error body with the code
raw_once() {
    printf 'POST /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %b\r\n\r\n{}' \
        "$TOKEN" "$2" | "$NT" raw "$port" 3 >"$tmp/raw.$1"
    n=$(grep -ac '^HTTP/1\.1 ' "$tmp/raw.$1")
    if [ "$n" = 1 ]; then pass; else fail "Content-Length $1: $n status lines, want 1"; head -c 600 "$tmp/raw.$1"; fi
    if head -1 "$tmp/raw.$1" | grep -q "^HTTP/1\.1 $3 "; then pass; else fail "Content-Length $1: $(head -1 "$tmp/raw.$1"), want $3"; fi
    sed '1,/^\r$/d' "$tmp/raw.$1" >"$tmp/raw.$1.json"
    if "$BIN/campaign-lint" --schema error-response "$tmp/raw.$1.json" >"$tmp/lint.out" 2>&1; then pass
    else fail "Content-Length $1: the body is not an error response"; cat "$tmp/lint.out" "$tmp/raw.$1.json"; fi
    has "\"code\":\"$4\"" "$tmp/raw.$1.json" "Content-Length $1"
}

start_mock "$tmp/mock" --quiet --token "$TOKEN" --header-timeout 2 ||
    abort "mock did not start" "$tmp/mock.stderr"

# ---- a malformed Content-Length: one response ---------------------------------
raw_once letters abc 400 VALIDATION_ERROR
raw_once negative -5 400 VALIDATION_ERROR
raw_once two-values '2\r\nContent-Length: 3' 400 VALIDATION_ERROR
raw_once overflow 99999999999999999999999 413 PAYLOAD_TOO_LARGE
raw_once empty '' 400 VALIDATION_ERROR
# the other side: valid lengths reach the API (400 for the incomplete campaign)
raw_once valid 2 400 VALIDATION_ERROR
hasnt 'Content-Length header' "$tmp/raw.valid.json" "a valid length is not refused as malformed"
has 'advertiserId' "$tmp/raw.valid.json" "a valid length reaches the schema check"
raw_once same-twice '2\r\nContent-Length: 2' 400 VALIDATION_ERROR
has 'advertiserId' "$tmp/raw.same-twice.json" "the same length twice reaches the schema check"
# on a kept-alive connection the second request is the library's to parse:
# still one answer each (libmicrohttpd's HTML 400 / 413 there)
for cl in abc 99999999999999999999999; do
    printf 'GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\nPOST /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n{}' \
        "$TOKEN" "$TOKEN" "$cl" | "$NT" raw "$port" 3 >"$tmp/raw.second"
    got=$(grep -a '^HTTP/1\.1 ' "$tmp/raw.second" | cut -d' ' -f2 | tr '\n' ' ')
    case $cl in abc) want="200 400 " ;; *) want="200 413 " ;; esac
    if [ "$got" = "$want" ]; then pass; else fail "second request with Content-Length $cl: statuses $got, want $want"; fi
done
normal "after the malformed lengths"

# ---- the first head is at most 32 KiB, both sides of the bound ---------------------
# head_of SIZE : a GET whose head (empty line included) is SIZE bytes
head_of() {
    _fixed=$(printf 'GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nX-Pad: \r\n\r\n' "$TOKEN" | wc -c)
    printf 'GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nX-Pad: ' "$TOKEN"
    head -c $(($1 - _fixed)) /dev/zero | tr '\0' a
    printf '\r\n\r\n'
}
head_of 32768 >"$tmp/head.ok"
head_of 32769 >"$tmp/head.big"
if [ "$(wc -c <"$tmp/head.ok")" = 32768 ]; then pass; else fail "the 32 KiB head is $(wc -c <"$tmp/head.ok") bytes"; fi
"$NT" raw "$port" 3 <"$tmp/head.ok" >"$tmp/raw.head-ok"
if [ "$(grep -ac '^HTTP/1\.1 ' "$tmp/raw.head-ok")" = 1 ] && head -1 "$tmp/raw.head-ok" | grep -q '^HTTP/1\.1 200 '; then pass
else fail "a 32768-byte head: $(head -1 "$tmp/raw.head-ok"), want one 200"; fi
"$NT" raw "$port" 3 <"$tmp/head.big" >"$tmp/raw.head-big"
if [ "$(grep -ac '^HTTP/1\.1 ' "$tmp/raw.head-big")" = 1 ] && head -1 "$tmp/raw.head-big" | grep -q '^HTTP/1\.1 431 '; then pass
else fail "a 32769-byte head: $(head -1 "$tmp/raw.head-big"), want one 431"; fi

# ---- bodies written whole before reading ---------------------------------------
# big NAME BYTES MODE STATUS CODE [TOKEN] : nettool big-body gets a complete
# answer with the status and a JSON error body with the code
big() {
    if "$NT" big-body "$port" "${6:-$TOKEN}" "$2" "$3" >"$tmp/big.$1" 2>"$tmp/big.$1.err"; then pass
    else fail "$1: $(cat "$tmp/big.$1.err")"; fi
    if head -1 "$tmp/big.$1" | grep -q "^HTTP/1\.1 $4 "; then pass; else fail "$1: $(head -1 "$tmp/big.$1"), want $4"; fi
    sed '1,/^\r$/d' "$tmp/big.$1" >"$tmp/big.$1.json"
    if "$BIN/campaign-lint" --schema error-response "$tmp/big.$1.json" >"$tmp/lint.out" 2>&1; then pass
    else fail "$1: the body is not an error response"; cat "$tmp/lint.out"; fi
    has "\"code\":\"$5\"" "$tmp/big.$1.json" "$1"
}
big 4MiB-declared 4194304 length 413 PAYLOAD_TOO_LARGE
big 4MiB-chunked 4194304 chunked 413 PAYLOAD_TOO_LARGE
big limit+1 1048577 length 413 PAYLOAD_TOO_LARGE
big limit 1048576 length 400 VALIDATION_ERROR          # spaces only: read, then malformed JSON
big 2MiB-wrong-token 2097152 length 401 UNAUTHORIZED wrong-token
big 8MiB-declared 8388608 length 413 PAYLOAD_TOO_LARGE     # the most that is read and dropped
# past that the connection is cut (the client may see a reset); the server lives on
"$NT" big-body "$port" "$TOKEN" 12582912 length >/dev/null 2>&1
if command -v python3 >/dev/null 2>&1; then
    # the client of the report: urllib writes the whole body, then reads
    python3 - "$port" "$TOKEN" >"$tmp/urllib.out" 2>&1 <<'PY'
import sys, urllib.request, urllib.error
req = urllib.request.Request("http://127.0.0.1:%s/api/v2/buyer/campaigns/cmp_000001" % sys.argv[1],
    data=b" " * (4 << 20), method="PUT",
    headers={"Authorization": "Bearer " + sys.argv[2], "Content-Type": "application/json"})
try:
    urllib.request.urlopen(req, timeout=20)
    print("no error")
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
PY
    has '413 {"data":null,"error":{"code":"PAYLOAD_TOO_LARGE"' "$tmp/urllib.out" "python urllib, 4 MiB"
fi
normal "after the big bodies"

# ---- 300 slowloris heads from 10 other addresses ------------------------------
"$NT" -s 127.0.0.2+10 trickle-heads "$port" 300 100 10 "$tmp/tready" >"$tmp/trickle.out" 2>&1 &
tp=$!
pids="$pids $tp"
wait_ready "$tmp/tready"
sleep 0.5
normal "with 300 slowloris heads"
normal "with 300 slowloris heads, from one of their addresses" 127.0.0.2
wait "$tp"
forget "$tp"
# all cut off by --header-timeout 2 (not idle: a byte every 100 ms)
if grep -q "^trickle-heads: 300 opened, 300 closed by the server, the last after [2-3]\." "$tmp/trickle.out"; then pass
else fail "slowloris heads not cut off after --header-timeout: $(cat "$tmp/trickle.out")"; fi
# the next head on a kept-alive connection has the same deadline
"$NT" trickle-next "$port" "$TOKEN" 100 10 >"$tmp/next.out" 2>&1
if grep -q "^trickle-next: closed by the server after [2-3]\." "$tmp/next.out"; then pass
else fail "a slow second head not cut off: $(cat "$tmp/next.out")"; fi
normal "after the slowloris heads"

# ---- the per-address cap, on both sides ----------------------------------------
stop_within "after the tests above"
start_mock "$tmp/mock" --quiet --token "$TOKEN" --max-connections-per-address 50 ||
    abort "mock did not start" "$tmp/mock.stderr"
# idle_from NAME SRC N : N idle connections from SRC; after 1 s the count
# of those the server closed is in $closed
idle_from() {
    rm -f "$tmp/iready.$1"
    "$NT" -s "$2" idle "$port" "$3" 1 "$tmp/iready.$1" >"$tmp/idle.$1" 2>&1
    closed=$(sed -n 's/^idle: [0-9]* opened, \([0-9]*\) closed.*/\1/p' "$tmp/idle.$1")
}
idle_from at-cap 127.0.0.3 50
if [ "$closed" = 0 ]; then pass; else fail "50 connections from one address (the cap): $closed closed"; fi
idle_from over-cap 127.0.0.4 51
if [ "$closed" = 1 ]; then pass; else fail "51 connections from one address (cap 50): $closed closed, want 1"; fi
"$NT" -s 127.0.0.2 idle "$port" 300 8 "$tmp/iready" >"$tmp/idle.out" 2>&1 &
ip=$!
pids="$pids $ip"
wait_ready "$tmp/iready"
sleep 0.5
normal "while one address holds 300 idle connections"
normal "from the attacker's address (its oldest idle connection makes room)" 127.0.0.2
kill "$ip"; wait "$ip" 2>/dev/null; forget "$ip"

# ---- kept-alive connections idle between requests make room too -------------------
stop_within "with the per-address cap"
start_mock "$tmp/mock" --quiet --token "$TOKEN" --max-connections 10 --header-timeout 30 ||
    abort "mock did not start" "$tmp/mock.stderr"
k=0
kp=""
while [ $k -lt 10 ]; do         # one request each, then quiet (a byte a minute)
    "$NT" -s 127.0.0.$((k + 2)) trickle-next "$port" "$TOKEN" 60000 20 >"$tmp/kept.$k" 2>&1 &
    kp="$kp $!"
    k=$((k + 1))
done
pids="$pids$kp"
sleep 1
normal "with 10 kept-alive connections idle (--max-connections 10)"
sleep 0.5
# shellcheck disable=SC2086  # a list of pids
kill $kp 2>/dev/null
# shellcheck disable=SC2086
wait $kp 2>/dev/null
for p in $kp; do forget "$p"; done
n=$(cat "$tmp"/kept.* | grep -c "^trickle-next: closed by the server after [01]\.")
if [ "$n" = 1 ]; then pass; else fail "kept-alive idle connections closed to make room: $n, want 1"; cat "$tmp"/kept.*; fi
stop_within "with kept-alive connections"

# ---- thousands of idle connections from 40 addresses ------------------------------
# shellcheck disable=SC3045  # -H is not POSIX; dash and bash have it, else assume little
hard=$(ulimit -Hn 2>/dev/null || echo 1024)
n=2000
if [ "$hard" != unlimited ] && [ "$hard" -lt 5000 ]; then n=600; fi   # descriptors for both ends
max=$((n / 2))
start_mock "$tmp/mock" --quiet --token "$TOKEN" --max-connections "$max" ||
    abort "mock did not start" "$tmp/mock.stderr"
rm -f "$tmp/iready"
"$NT" -s 127.0.0.2+40 idle "$port" "$n" 20 "$tmp/iready" >"$tmp/idle.out" 2>&1 &
ip=$!
pids="$pids $ip"
wait_ready "$tmp/iready"
normal "with $n idle connections (--max-connections $max)"
normal "again with $n idle connections"
"$NT" -s 127.0.0.50+10 trickle-heads "$port" 200 100 20 "$tmp/tready2" >"$tmp/trickle2.out" 2>&1 &
tp=$!
pids="$pids $tp"
wait_ready "$tmp/tready2"
normal "with $n idle connections and 200 slowloris heads"
# a request in flight when the stop comes
"$NT" get "$port" /api/v2/buyer/campaigns "$TOKEN" >/dev/null 2>&1 &
pids="$pids $!"
stop_within "saturated ($n idle, 200 slowloris)"
kill "$ip" "$tp" 2>/dev/null; wait "$ip" "$tp" 2>/dev/null; forget "$ip"; forget "$tp"

# ---- the same with --latency-ms (a thread per connection) --------------------------
start_mock "$tmp/mock" --quiet --token "$TOKEN" --latency-ms 5000 ||
    abort "mock did not start" "$tmp/mock.stderr"
rm -f "$tmp/iready" "$tmp/tready"
"$NT" -s 127.0.0.2+10 idle "$port" 300 20 "$tmp/iready" >"$tmp/idle.out" 2>&1 &
ip=$!
"$NT" -s 127.0.0.20+4 trickle-heads "$port" 100 100 20 "$tmp/tready" >"$tmp/trickle.out" 2>&1 &
tp=$!
pids="$pids $ip $tp"
wait_ready "$tmp/iready"
wait_ready "$tmp/tready"
k=0
while [ $k -lt 20 ]; do            # 20 requests waiting out their 5 s latency
    "$NT" get "$port" /api/v2/buyer/campaigns "$TOKEN" >/dev/null 2>&1 &
    pids="$pids $!"
    k=$((k + 1))
done
sleep 0.5
stop_within "with --latency-ms 5000, 20 requests in flight, 300 idle, 100 slowloris"
kill "$ip" "$tp" 2>/dev/null; wait "$ip" "$tp" 2>/dev/null; forget "$ip"; forget "$tp"

finish
