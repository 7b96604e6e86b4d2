#!/bin/sh
# tests/cli/runner_files.sh - what campaign-test reads from disk: a case's
# bodyFile stays below the cases tree (a CASES directory, a case file's own
# directory, or a --body-dir), whatever the path says (.., an absolute path,
# a symlink), and only regular files are read, so a FIFO among the cases or
# as a body file is an error, not a hang.  Everything runs with --dry-run:
# nothing is sent.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

run() { timeout 20 "$RUNNER" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

if [ ! -x "$RUNNER" ]; then abort "$RUNNER not built"; fi

# tree/cases/a.json reads a body file; tree/bodies and tree/outside.body.json
# sit beside the cases directory
mkdir -p "$tmp/tree/cases/sub" "$tmp/tree/bodies"
echo '{"name": "n"}' >"$tmp/tree/bodies/b.body.json"
echo '{"name": "o"}' >"$tmp/tree/outside.body.json"
echo '{"name": "s"}' >"$tmp/tree/cases/sub/in.body.json"
case_with() {
    printf '{"name": "uses %s", "steps": [{"request": {"method": "POST", "path": "/campaigns", "bodyFile": "%s"}, "expect": {"status": 201}}]}\n' "$2" "$2" >"$1"
}

# inside the tree: allowed
case_with "$tmp/tree/cases/a.json" "sub/in.body.json"
run --dry-run "$tmp/tree/cases"
status 0 "a body file below the case's directory"

# .. out of the tree: refused, and the message says how to allow it
case_with "$tmp/tree/cases/a.json" "../bodies/b.body.json"
run --dry-run "$tmp/tree/cases"
status 2 "a body file above the cases directory"
has "is outside the cases tree" "$tmp/err" "the refusal"
has "--body-dir" "$tmp/err" "the way to allow it"
run --dry-run --body-dir "$tmp/tree/bodies" "$tmp/tree/cases"
status 0 "--body-dir allows it"
run --dry-run "$tmp/tree"
status 0 "a CASES directory above both allows it"
run --dry-run --body-dir "$tmp/no/such/dir" "$tmp/tree/cases"
status 2 "--body-dir that does not exist"
has "--body-dir $tmp/no/such/dir" "$tmp/err" "names the directory"

# a case file given alone: its own directory is the tree
case_with "$tmp/tree/cases/sub/one.json" "in.body.json"
run --dry-run "$tmp/tree/cases/sub/one.json"
status 0 "a case file alone reads beside itself"
case_with "$tmp/tree/cases/sub/one.json" "../../outside.body.json"
run --dry-run "$tmp/tree/cases/sub/one.json"
status 2 "a case file alone cannot read above itself"

# an absolute path and a symlink that lead out: refused
case_with "$tmp/tree/cases/a.json" "/etc/passwd"
run --dry-run "$tmp/tree/cases"
status 2 "an absolute body file outside the tree"
has "is outside the cases tree" "$tmp/err" "absolute path refused"
hasnt "root:" "$tmp/out" "nothing of the file shown"
hasnt "root:" "$tmp/err" "nothing of the file shown on stderr"
ln -s "$tmp/tree/outside.body.json" "$tmp/tree/cases/sub/link.body.json"
case_with "$tmp/tree/cases/a.json" "sub/link.body.json"
run --dry-run "$tmp/tree/cases"
status 2 "a symlink out of the tree"
has "is outside the cases tree" "$tmp/err" "symlink resolved"
rm -f "$tmp/tree/cases/a.json" "$tmp/tree/cases/sub/one.json"

# only regular files: a FIFO as a case or as a body file is an error, at once
if command -v mkfifo >/dev/null 2>&1; then
    mkdir -p "$tmp/fifo/cases"
    mkfifo "$tmp/fifo/cases/stuck.json"
    run --dry-run "$tmp/fifo/cases"
    status 2 "a FIFO among the cases"
    has "stuck.json:1:1: cannot read: not a regular file" "$tmp/err" "the FIFO named"
    rm -f "$tmp/fifo/cases/stuck.json"
    mkfifo "$tmp/fifo/cases/stuck.body.json"
    case_with "$tmp/fifo/cases/c.json" "stuck.body.json"
    run --dry-run "$tmp/fifo/cases"
    status 2 "a FIFO as a body file"
    has "not a regular file" "$tmp/err" "the body FIFO named"
    case_with "$tmp/fifo/cases/c.json" "/dev/zero"
    run --dry-run --body-dir /dev "$tmp/fifo/cases"
    status 2 "a device as a body file, even where allowed"
    has "not a regular file" "$tmp/err" "the device named"
else
    fail "mkfifo is missing"
fi

# discovery: directories searched for *.json, subdirectories too; hidden
# files and directories, *.body.json and dangling links left out; sorted;
# a directory given with a trailing slash adds none
mkdir -p "$tmp/disc/c/sub" "$tmp/disc/c/.hid"
listed() {
    printf '{"name": "%s", "steps": [{"request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200}}]}\n' "$2" >"$1"
}
listed "$tmp/disc/c/b.json" "b"
listed "$tmp/disc/c/sub/a.json" "sub a"
listed "$tmp/disc/c/.hid/h.json" "hidden dir"
listed "$tmp/disc/c/.dot.json" "hidden file"
listed "$tmp/disc/c/x.body.json" "body file"
listed "$tmp/disc/c/a.txt" "not json"
ln -s "$tmp/disc/nowhere.json" "$tmp/disc/c/z.json"
run --list "$tmp/disc/c/"
status 0 "discovery lists the cases"
printf '%s\n' "$tmp/disc/c/b.json  b  []  1 step" "$tmp/disc/c/sub/a.json  sub a  []  1 step" \
    "2 scenarios, 2 steps" >"$tmp/disc/want"
if cmp -s "$tmp/out" "$tmp/disc/want"; then pass; else fail "discovery: got"; cat "$tmp/out"; fi

# a body assertion's pointer is checked when the case loads (jp_valid)
mkdir -p "$tmp/ptr"
pointer_case() {
    printf '{"name": "p", "steps": [{"request": {"method": "GET", "path": "/campaigns"}, "expect": {"status": 200, "body": [{"pointer": "%s", "exists": true}]}}]}\n' "$1" >"$tmp/ptr/p.json"
}
pointer_case "/a~0b~1c/0"
run --dry-run "$tmp/ptr"
status 0 "a well-formed pointer loads"
pointer_case "/a~2"
run --dry-run "$tmp/ptr"
status 2 "a pointer with ~2 is a case error"
has 'invalid JSON Pointer "/a~2"' "$tmp/err" "the bad pointer named"
pointer_case "a"
run --dry-run "$tmp/ptr"
status 2 "a pointer without the leading / is a case error"

finish
