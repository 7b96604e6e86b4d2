#!/bin/sh
# tests/cli/boundary.sh - the library's boundary is enforced by the build:
# an object of a tool, of a black-box unit test or of a benchmark is
# compiled with include/ and its own folder on the include path only, so
# including a header of lib/ does not compile, while the public headers
# (include/campaign/) do; library objects see the stage folders.  Each
# probe is compiled with the very flags make uses for a real file of that
# folder (read from `make -n`), so a Makefile change that opened the
# boundary fails here.  Also: no source outside lib/ includes a .c file.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}

# flags OBJECT SOURCE : the compile command make would run for OBJECT,
# without its -c SOURCE -o OBJECT and dependency-file options
flags() {
    make -s -n -W "$2" "$1" BUILD="$BUILD" 2>/dev/null | grep -- " -c $2 " |
        sed -e "s| -c $2 -o $1||" -e 's/ -MMD -MP//'
}

# probe DESC OBJECT SOURCE HEADER WANT : compile a file including HEADER
# with OBJECT's flags; WANT is ok or error
probe() {
    cmd=$(flags "$2" "$3")
    if [ -z "$cmd" ]; then fail "$1: make printed no compile command for $2"; return; fi
    printf '#include "%s"\nint boundary_probe;\n' "$4" >"$tmp/probe.c"
    if $cmd -fsyntax-only "$tmp/probe.c" >"$tmp/err" 2>&1; then got=ok; else got=error; fi
    if [ "$got" = "$5" ]; then pass; else fail "$1: including $4 gave $got, want $5"; head -3 "$tmp/err"; fi
}

for t in "lint tools/lint/lint_main" "mock tools/mock/mock_main" "runner tools/runner/runner_main" \
         "probes tools/probe/probe_main" \
         "black-box-test tests/unit/test_contract" "bench bench/scale_inproc"; do
    set -- $t
    name=$1 src=$2.c obj=$BUILD/$2.o
    for h in engine.h json_tape.h map.h contract_rules.h regex_simple.h siphash.h keyword.h; do
        probe "$name" "$obj" "$src" "$h" error
    done
    for h in campaign/jsv.h campaign/contract.h campaign/json_parse.h campaign/strbuf.h; do
        probe "$name" "$obj" "$src" "$h" ok
    done
done
# the library itself sees its stages
probe "library" "$BUILD/lib/contract/contract.o" lib/contract/contract.c engine.h ok
probe "library" "$BUILD/lib/contract/contract.o" lib/contract/contract.c json_tape.h ok

# no .c file is included anywhere outside the library
hits=$(grep -rln '#include "[^"]*\.c"' tools tests bench fuzz 2>/dev/null)
if [ -z "$hits" ]; then pass; else fail "a .c file is included in: $hits"; fi

finish
