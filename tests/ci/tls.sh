#!/bin/sh
# tests/ci/tls.sh - TLS verification is on by default: against a
# self-signed loopback HTTPS server (openssl s_server -www, key and
# certificate made here), campaign-test fails the step with a certificate
# error and never sees a response; with --insecure it connects and gets
# the server's (HTML) answer, which then fails as "not JSON".
# Needs openssl (sh scripts/deps.sh fuzz); run by .ci/run.
# Environment: BIN (default bin).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/../cli/lib.sh"
if ! command -v openssl >/dev/null 2>&1; then abort "openssl is not installed (sh scripts/deps.sh fuzz)"; fi
if [ ! -x "$RUNNER" ]; then abort "$RUNNER not built"; fi

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$tmp/req.log" 2>&1 ||
    { fail "openssl req"; cat "$tmp/req.log"; }
: >"$tmp/srv.out"
openssl s_server -accept 127.0.0.1:0 -cert "$tmp/cert.pem" -key "$tmp/key.pem" -www -naccept 20 \
    </dev/null >"$tmp/srv.out" 2>&1 &
pids="$pids $!"
wait_for '^ACCEPT' "$tmp/srv.out"
port=$(sed -n 's/^ACCEPT 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/srv.out")
if [ -z "$port" ]; then abort "s_server did not start" "$tmp/srv.out"; fi

cat >"$tmp/list.json" <<'JSON'
{"name": "list over TLS", "steps": [{"request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}
JSON
export SCOPE3_API_KEY=tls-test-token

# verification on (the default): a certificate error, an <error>, exit 1
"$RUNNER" --base-url "https://127.0.0.1:$port" --timeout 10 --junit "$tmp/v.xml" "$tmp/list.json" >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 1 ] && pass || fail "verified run: exit $rc, want 1"
has "SSL certificate problem" "$tmp/out" "certificate error reported"
has "<error" "$tmp/v.xml" "certificate error is an <error>"
if grep -q "not JSON" "$tmp/out"; then fail "a response was read despite the bad certificate"; else pass; fi
# also by host name
"$RUNNER" --base-url "https://localhost:$port" --timeout 10 --no-reports "$tmp/list.json" >"$tmp/out" 2>&1
has "SSL certificate problem" "$tmp/out" "certificate error via localhost"

# --insecure: connects; the answer is the s_server status page (HTML)
"$RUNNER" --base-url "https://127.0.0.1:$port" --insecure --timeout 10 --junit "$tmp/i.xml" "$tmp/list.json" >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 1 ] && pass || fail "--insecure run: exit $rc, want 1"
has "response body is not JSON" "$tmp/out" "--insecure reached the server"
if grep -q "SSL certificate problem" "$tmp/out"; then fail "--insecure still verifies"; else pass; fi

finish
