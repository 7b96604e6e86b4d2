#!/bin/sh
# tests/cli/runner_readback.sh - campaign-test's read-back invariants
# (tools/runner/README.md, "Read-back invariants") against servers that
# say one thing and show another (tests/tools/nettool.c "serve seq" answers
# each request with the next prepared answer): an update whose answer
# the next read does not show (RB1), a refused update that still changed
# the campaign (RB3), a status change the reads around it contradict
# (RB2), createdAt changing between reads (RB4).  Each such run fails in
# the console and in all three reports, naming the invariant, the pointer
# and both values; a truthful server passes; --no-read-back sends no
# read and passes; the reads carry the token, which no output shows.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
build_nettool || abort "cannot build tests/tools/nettool.c"
TOKEN=rb-token-4711
export SCOPE3_API_KEY=$TOKEN

# answers DIR STATUS:NAME... : DIR/1, DIR/2, ... in turn; NAME is a
# campaign name (a campaign-response body from examples/ renamed),
# "refused" an error body, or a status-change body "DRAFT>ACTIVE"
answers() {
    dir=$tmp/$1; shift
    mkdir -p "$dir"
    k=0
    for a in "$@"; do
        k=$((k + 1))
        st=${a%%:*} what=${a#*:}
        {
            echo "$st"
            case $what in
            refused) cat examples/error-response.json ;;
            *'>'*) printf '{"campaignId": "cmp_987654321", "previousStatus": "%s", "newStatus": "%s", "success": true}' \
                       "${what%%>*}" "${what#*>}" ;;
            created=*) sed "s/2026-04-20T09:00:00Z/${what#created=}/" examples/campaign-response.json ;;
            *) sed "s/\"Q2 2026 Tech Launch\"/\"$what\"/" examples/campaign-response.json ;;
            esac
        } >"$dir/$k"
    done
}
# serve DIR : nettool serve seq DIR; sets $url
serve() {
    : >"$tmp/srv.out"
    "$tmp/nettool" serve seq "$tmp/$1" >"$tmp/srv.out" 2>"$tmp/srv.err" &
    pids="$pids $!"
    wait_for listening "$tmp/srv.out"
    url=$(sed -n 's/^listening on //p' "$tmp/srv.out")/api/v2/buyer
}
run() {
    name=$1; shift
    timeout 60 "$RUNNER" --junit "$tmp/$name.xml" --json "$tmp/$name.json" --html "$tmp/$name.html" "$@" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# in_all NAME TEXT DESC : TEXT in the console and the three reports (the
# XML and HTML reports write '"' as &quot; and "'" as &#39;)
in_all() {
    has "$2" out "$3 (console)"
    esc=$(printf '%s' "$2" | sed 's/"/\&quot;/g; s/'"'"'/\&#39;/g')
    has "$esc" "$1.xml" "$3 (junit)"
    has "$esc" "$1.html" "$3 (html)"
    has "$(printf '%s' "$2" | sed 's/"/\\"/g')" "$1.json" "$3 (json)"
}

mkdir "$tmp/cases"
cat >"$tmp/cases/rename.json" <<'EOF2'
{"name": "rename", "steps": [{"name": "rename", "request": {"method": "PUT", "path": "/campaigns/cmp_987654321",
  "body": {"name": "Renamed"}}, "expect": {"status": 200}}]}
EOF2
cat >"$tmp/cases/refused.json" <<'EOF2'
{"name": "refused", "steps": [{"name": "refused rename", "request": {"method": "PUT", "path": "/campaigns/cmp_987654321",
  "body": {"name": "Renamed"}}, "expect": {"status": 400}}]}
EOF2
cat >"$tmp/cases/execute.json" <<'EOF2'
{"name": "execute", "steps": [{"name": "execute", "request": {"method": "POST", "path": "/campaigns/cmp_987654321/execute"},
  "expect": {"status": 200}}]}
EOF2
cat >"$tmp/cases/reads.json" <<'EOF2'
{"name": "two reads", "steps": [
  {"name": "first read", "request": {"method": "GET", "path": "/campaigns/cmp_987654321"}, "expect": {"status": 200}},
  {"name": "second read", "request": {"method": "GET", "path": "/campaigns/cmp_987654321"}, "expect": {"status": 200}}]}
EOF2

# ---- RB1: the answer shows the rename, the next read does not ----------------
answers rb1 200:Before 200:Renamed 200:Before
serve rb1
run rb1 --base-url "$url" "$tmp/cases/rename.json"
status 1 "RB1: an update the next read does not show"
in_all rb1 'read-back RB1: the answer and the campaign read right after it differ at /campaign/name: answered "Renamed", read "Before"' "RB1"
hasnt "$TOKEN" out "RB1: the token"
for f in rb1.xml rb1.json rb1.html err; do hasnt "$TOKEN" "$f" "RB1: the token in $f"; done

# the truthful server: the read after shows the rename
answers ok 200:Before 200:Renamed 200:Renamed
serve ok
run ok --base-url "$url" "$tmp/cases/rename.json"
status 0 "RB1: a truthful server"
has "1 passed, 0 failed" out "RB1: passes"

# --no-read-back: the one answer is the step's; nothing else is asked
answers off 200:Renamed
serve off
run off --no-read-back --base-url "$url" "$tmp/cases/rename.json"
status 0 "--no-read-back"
hasnt "read-back" out "--no-read-back: no read-back finding"
run off2 --read-back --no-read-back --base-url "$url" "$tmp/cases/rename.json"
status 2 "--read-back with --no-read-back"
has "exclude each other" err "the conflict named"

# ---- RB3: a refused update that still renamed the campaign --------------------
answers rb3 200:Before 400:refused 200:Renamed
serve rb3
run rb3 --base-url "$url" "$tmp/cases/refused.json"
status 1 "RB3: a refused request that changed the campaign"
in_all rb3 'read-back RB3: the refused request (400) changed the campaign at /campaign/name: before "Before", after "Renamed"' "RB3"
answers rb3ok 200:Before 400:refused 200:Before
serve rb3ok
run rb3ok --base-url "$url" "$tmp/cases/refused.json"
status 0 "RB3: a refusal that changed nothing"

# ---- RB2: execute says ACTIVE, the read after still shows the example's DRAFT --
answers rb2 200:Before '200:DRAFT>ACTIVE' 200:After
serve rb2
run rb2 --base-url "$url" "$tmp/cases/execute.json"
status 1 "RB2: a status change the next read contradicts"
in_all rb2 'read-back RB2: the answer'"'"'s newStatus is "ACTIVE", the campaign read right after has status "DRAFT"' "RB2"

# ---- RB4: createdAt changes between two GET steps -----------------------------
answers rb4 200:Before 200:created=2026-04-21T09:00:00Z
serve rb4
run rb4 --base-url "$url" "$tmp/cases/reads.json"
status 1 "RB4: createdAt changed between reads"
in_all rb4 'read-back RB4: createdAt changed: the step'"'"'s answer shows "2026-04-21T09:00:00Z", the first read "2026-04-20T09:00:00Z"' "RB4"

finish
