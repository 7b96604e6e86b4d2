#!/bin/sh
# tests/cli/lint_refs.sh - campaign-lint --schema PATH opens the schema and
# the files its $refs reach, and no other file beside it: an unreferenced
# FIFO (which would hang if opened), invalid JSON (which would fail the
# load), huge file (which would be read) or directory is never touched,
# while the same file referenced is loaded or refused with its name.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
LINT=$BIN/campaign-lint
[ -x "$LINT" ] || abort "$LINT not built"

# lint ARGS... : campaign-lint with at most 10 s (an opened FIFO would hang)
lint() { timeout 10 "$LINT" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

d=$tmp/s
mkdir "$d" "$d/sub"
printf '{"$defs": {"A": {"type": "integer"}, "C": {"properties": {"colour": {}}}}}' >"$d/defs.json"
printf '{"properties": {"colour": {}}}' >"$d/names.json"
printf '{"type": "object", "properties": {"a": {"$ref": "defs.json#/$defs/A"}}}' >"$d/main.json"
printf '{"type": "object", "properties": {"b": {}}}' >"$d/alone.json"
printf '{"a": "x"}' >"$tmp/p.json"
printf '{"color": 1}' >"$tmp/color.json"

# ---- neighbours the schema does not reference are never opened -------------------
printf '{"broken' >"$d/broken.json"
mkdir "$d/adir.json"
have_fifo=0
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$d/fifo.json"; then have_fifo=1; fi
have_huge=0
if truncate -s 3G "$d/huge.json" 2>/dev/null; then have_huge=1; fi
lint --schema "$d/alone.json" "$tmp/p.json"; status 0 "unreferenced FIFO, invalid, huge and directory neighbours"
[ -s "$tmp/out" ] && fail "no findings expected" || pass
has "1 file, 0 invalid" err "the payload was checked"
lint --schema "$d/main.json" "$tmp/p.json"; status 1 "a referenced neighbour is loaded, the others are not"
has "p.json:1:7: /a: expected integer, got string [type]" out "the finding from the referenced file"
hasnt "broken.json" err "the invalid neighbour is not loaded"
# --strict hints: names come only from the files loaded
lint --strict --schema "$d/alone.json" "$tmp/color.json"; status 1 "--strict unknown member"
hasnt 'did you mean' out "no hint from an unreferenced neighbour"
printf '{"$ref": "defs.json#/$defs/C"}' >"$d/hinted.json"
lint --strict --schema "$d/hinted.json" "$tmp/color.json"; status 1 "--strict with a referenced file"
has '(did you mean "colour"?)' out "a hint from the referenced file"

# ---- the same files referenced: loaded or refused, by name ---------------------------
printf '{"$ref": "broken.json"}' >"$d/ref-broken.json"
lint --schema "$d/ref-broken.json" "$tmp/p.json"; status 2 "a referenced invalid file"
has "broken.json:1:9: unexpected end of input" err "names the file, line and column"
printf '{"$ref": "adir.json"}' >"$d/ref-dir.json"
lint --schema "$d/ref-dir.json" "$tmp/p.json"; status 2 "a referenced directory"
has "adir.json: Is a directory" err "names the directory"
if [ $have_fifo = 1 ]; then
    printf '{"$ref": "fifo.json"}' >"$d/ref-fifo.json"
    lint --schema "$d/ref-fifo.json" "$tmp/p.json"; status 2 "a referenced FIFO is refused, not waited on"
    has "fifo.json: not a regular file" err "names the FIFO"
else
    fail "mkfifo unavailable: the FIFO neighbour was not tested"
fi
if [ $have_huge = 1 ]; then
    printf '{"$ref": "huge.json"}' >"$d/ref-huge.json"
    lint --schema "$d/ref-huge.json" "$tmp/p.json"; status 2 "a referenced file over --max-size"
    has "huge.json: larger than 268435456 bytes" err "names the file and the limit"
    lint --max-size 100 --schema "$d/ref-broken.json" "$tmp/p.json"; status 2 "--max-size bounds schema files too"
    has "broken.json:1:9: " err "a small file under the bound is read"
    printf '{"$comment": "%084d"}' 0 >"$d/big-main.json"   # 100 bytes
    lint --max-size 100 --schema "$d/big-main.json" "$tmp/p.json"; status 0 "a 100-byte schema at --max-size 100 is read"
    lint --max-size 99 --schema "$d/big-main.json" "$tmp/p.json"; status 2 "one byte over --max-size"
    has "larger than 99 bytes" err "the schema file's refusal"
else
    fail "truncate unavailable: the huge neighbour was not tested"
fi
printf '{"$ref": "missing.json"}' >"$d/ref-missing.json"
lint --schema "$d/ref-missing.json" "$tmp/p.json"; status 2 "a referenced file that does not exist"
has 'cannot resolve $ref "missing.json"' err "names the reference"

# ---- how references resolve: chains, subdirectories, an https $id ---------------------
printf '{"$ref": "../defs.json#/$defs/A"}' >"$d/sub/up.json"
printf '{"properties": {"a": {"$ref": "sub/up.json"}}}' >"$d/chain.json"
lint --schema "$d/chain.json" "$tmp/p.json"; status 1 "a chain through a subdirectory"
has "/a: expected integer, got string [type]" out "the chain's finding"
printf '{"$id": "https://x.example/s/m.json", "properties": {"a": {"$ref": "defs.json#/$defs/A"}}}' >"$d/https-id.json"
lint --schema "$d/https-id.json" "$tmp/p.json"; status 1 "a relative reference under an https \$id names the file beside it"
has "/a: expected integer, got string [type]" out "its finding"
printf '{"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/A"}}}' >"$d/self.json"
lint --schema "$d/self.json" "$tmp/p.json"; status 1 "references inside the schema itself"
printf '{"$ref": "cycle-b.json"}' >"$d/cycle-a.json"
printf '{"anyOf": [{"$ref": "cycle-a.json"}, {"type": "integer"}]}' >"$d/cycle-b.json"
lint --schema "$d/cycle-a.json" "$tmp/p.json"; rc_ok=$rc
[ "$rc_ok" != 124 ] && pass || fail "files referring to each other: the load ends"
lint --schema schemas/campaign-create-request.json examples/campaign-create-request.json 2>/dev/null
[ -f examples/campaign-create-request.json ] || lint --schema schemas/campaign-create-request.json "$tmp/p.json"
[ "$rc" = 0 ] || [ "$rc" = 1 ] && pass || fail "a bundled schema by path loads its references (exit $rc)"
hasnt "cannot resolve" err "the bundled schema's references resolve"

finish
