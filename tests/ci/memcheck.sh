#!/bin/sh
# tests/ci/memcheck.sh - valgrind memcheck of campaign-lint over examples/
# (valid and invalid), the bad-input corpus (tests/bad-inputs/, plus the
# generated deep-nesting and 10 MB inputs), and of campaign-test loading
# the conformance suite (--dry-run): 0 errors and no definite or indirect
# leak in any run.  Needs valgrind (sh scripts/deps.sh fuzz); run by
# .ci/run on the plain build.  Prints RESULT lines like the other tests.
# Environment: BIN (default bin).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/../cli/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then abort "valgrind is not installed (sh scripts/deps.sh fuzz)"; fi
VG="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-fds=no -q"

# memcheck DESC WANT_RC... -- ARGS : run ARGS under valgrind; the status
# must be one of WANT_RC (99 = memcheck found something)
memcheck() {
    desc=$1; shift
    wants=""
    while [ "$1" != "--" ]; do wants="$wants $1"; shift; done
    shift
    $VG --log-file="$tmp/vg.log" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    ok=0
    for w in $wants; do [ "$rc" = "$w" ] && ok=1; done
    if [ "$ok" = 1 ] && ! grep -q 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|indirectly lost: [1-9]' "$tmp/vg.log"; then
        pass
    else
        fail "memcheck $desc: exit $rc (want$wants)"; head -40 "$tmp/vg.log"; head -5 "$tmp/err"
    fi
}

# examples, grouped by body name (the file name up to the first dot)
for dir in examples examples/invalid; do
    names=$(ls "$dir"/*.json 2>/dev/null | sed 's|.*/||; s|\..*||' | sort -u)
    for n in $names; do
        want=0; [ "$dir" = examples/invalid ] && want=1
        memcheck "$dir/$n.*" "$want" -- "$BIN/campaign-lint" --schema "$n" "$dir/$n".*json
    done
done
for fmt in text json junit github; do
    memcheck "examples/invalid --strict --format $fmt" 1 -- "$BIN/campaign-lint" --strict --format "$fmt" \
        --schema campaign-update-request examples/invalid/campaign-update-request.*json
done

# the bad-input corpus, committed and generated
memcheck "tests/bad-inputs" 1 -- "$BIN/campaign-lint" --schema campaign-create-request tests/bad-inputs/*.json tests/bad-inputs/*.bin
cat tests/bad-inputs/*.json >"$tmp/all.ndjson"
memcheck "tests/bad-inputs as ndjson" 1 -- "$BIN/campaign-lint" --ndjson --format junit --schema campaign-create-request "$tmp/all.ndjson"
head -c 100000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
{ printf '{"advertiserId":12345,"name":"'; head -c 10485760 /dev/zero | tr '\0' a; printf '","campaignType":"x"}'; } >"$tmp/big.json"
mkdir "$tmp/dir.json"
memcheck "generated bad inputs" 2 -- "$BIN/campaign-lint" --format json --schema campaign-create-request \
    "$tmp/deep.json" "$tmp/big.json" "$tmp/dir.json" "$tmp/missing.json"
memcheck "a schema file by path" 1 -- "$BIN/campaign-lint" --schema schemas/campaign-create-request.json tests/bad-inputs/minus-zero.json
memcheck "unknown schema" 2 -- "$BIN/campaign-lint" --schema no-such-body tests/bad-inputs/empty.json

# the runner's case loader over the whole suite, and over broken cases
memcheck "campaign-test --dry-run cases/" 0 -- "$BIN/campaign-test" --dry-run cases/
mkdir "$tmp/bad"
cp tests/bad-inputs/*.json "$tmp/bad/"
memcheck "campaign-test --dry-run on bad case files" 2 -- "$BIN/campaign-test" --dry-run "$tmp/bad"

finish
