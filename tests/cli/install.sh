#!/bin/sh
# tests/cli/install.sh - make install and make uninstall, and the
# installed tools working with no checkout anywhere in sight.
#
# `make install DESTDIR=$tmp/root PREFIX=/opt/cc` copies the built files
# (nothing is compiled: install depends on the built files only); the
# prefix is then moved elsewhere (a relocated prefix must work: the tools
# find their data relative to themselves) and, from an empty working
# directory with CAMPAIGN_SCHEMA_DIR and CAMPAIGN_MOCK_FIXTURES unset:
# campaign-lint passes a valid example (0) and fails an invalid one (1);
# campaign-mock starts on its installed fixtures; campaign-test runs a
# copy of the suite against it and passes; campaign-probes writes its
# probes from the installed examples; a C program compiled with the
# installed pkg-config file's flags links the installed library and
# checks a body; every installed manual page is the built one and renders.
# A tool with no data beside it says what it tried and names its option
# and variable (exit 2), and the lookup order holds (option, variable,
# beside the executable).  `make uninstall` with the same DESTDIR and
# PREFIX leaves no file.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=${BUILD:-build}
root=$tmp/root
make --no-print-directory install DESTDIR="$root" PREFIX=/opt/cc BUILD="$BUILD" BIN="$BIN" \
    >"$tmp/install.log" 2>&1 || abort "make install failed" "$tmp/install.log"
pass
# nothing built by install (so a root install after a user build leaves
# no root-owned file in the tree)
if grep -q -- ' -c .*\.c -o ' "$tmp/install.log"; then
    fail "make install compiled something"; grep -- ' -c ' "$tmp/install.log" | head -3
else pass; fi

p=$root/opt/cc
for f in bin/campaign-lint bin/campaign-mock bin/campaign-test bin/campaign-probes \
         share/man/man1/campaign-lint.1 share/man/man1/campaign-mock.1 share/man/man1/campaign-test.1 \
         share/man/man1/campaign-probes.1 include/campaign/contract.h include/campaign/jsv.h \
         lib/libcampaign.a lib/pkgconfig/campaign-contract.pc \
         share/campaign-contract/schemas/campaign-create-request.json \
         share/campaign-contract/schemas/case.schema.json share/campaign-contract/schemas/contract-rows.tsv \
         share/campaign-contract/fixtures.json share/campaign-contract/docs/contract.md \
         share/campaign-contract/examples/campaign-create-request.full.json; do
    if [ -f "$p/$f" ]; then pass; else fail "make install did not write PREFIX/$f"; fi
done
if [ -x "$p/bin/campaign-lint" ]; then pass; else fail "installed campaign-lint is not executable"; fi

# relocate: the prefix moves to a directory it was not installed for
moved=$tmp/else/where
mkdir -p "$tmp/else"
mv "$p" "$moved" || abort "cannot move the installed prefix"
work=$tmp/work
mkdir -p "$work"
cp examples/campaign-create-request.json "$work/ok.json"
cp examples/invalid/campaign-create-request.name-empty.json "$work/bad.json"
cp -R cases "$work/cases"
here=$(pwd)
cd "$work" || abort "cannot enter $work"
unset CAMPAIGN_SCHEMA_DIR CAMPAIGN_MOCK_FIXTURES
PATH=$moved/bin:/usr/local/bin:/usr/bin:/bin
export PATH

run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

# ---- campaign-lint ----------------------------------------------------------
run campaign-lint --schema campaign-create-request ok.json
status 0 "installed campaign-lint on a valid example"
run campaign-lint --schema campaign-create-request bad.json
status 1 "installed campaign-lint on an invalid example"
has "name" out "installed campaign-lint names the failing member"

# ---- campaign-mock and campaign-test ----------------------------------------
MOCK=$moved/bin/campaign-mock
if start_mock "$tmp/mock" --quiet; then
    pass
    SCOPE3_API_KEY=demo-token run campaign-test --base-url "$url" -j 2 --no-reports cases
    status 0 "installed campaign-test runs the suite against the installed mock"
    if grep -Eq '^[1-9][0-9]* passed, 0 failed' "$tmp/out"; then pass; else
        fail "installed campaign-test: the suite did not pass"; tail -3 "$tmp/out"; fi
    kill "$mp"; wait "$mp" 2>/dev/null; forget "$mp"
else
    fail "installed campaign-mock did not start on its installed fixtures"; cat "$tmp/mock.stderr"
fi

# ---- campaign-probes --------------------------------------------------------
run campaign-probes -q -o probes
status 0 "installed campaign-probes from the installed examples"
if ls probes/create/*.json >/dev/null 2>&1; then pass; else fail "campaign-probes wrote no create probe"; fi
hasnt "warning" err "installed campaign-probes finds the contract table"

# ---- the library through pkg-config ----------------------------------------
cat >"$work/check.c" <<'EOF'
#include <campaign/contract.h>
#include <stdio.h>
#include <string.h>
/* check.c SCHEMAS JSON: 0 when JSON keeps campaign-create-request, 1 not */
int main(int argc, char **argv)
{
    jsv_error err;
    contract *c = argc == 3 ? contract_load(argv[1], NULL, &err) : NULL;
    contract_report *r = contract_report_new();
    if (!c || !r) { fprintf(stderr, "cannot load\n"); return 2; }
    int ok = contract_check_text(c, "campaign-create-request", argv[2], strlen(argv[2]), 0, r, NULL);
    printf("verdict %d, %zu findings\n", ok, contract_report_count(r));
    contract_report_free(r);
    contract_free(c);
    return ok == 1 ? 0 : 1;
}
EOF
PKG_CONFIG_PATH=$moved/lib/pkgconfig
export PKG_CONFIG_PATH
if flags=$(pkg-config --cflags --libs --static campaign-contract 2>"$tmp/err"); then pass; else
    fail "pkg-config does not know campaign-contract"; cat "$tmp/err"; fi
# the include directory it names is the moved prefix's (the file names
# its directories relative to itself)
inc=$(echo "$flags" | tr ' ' '\n' | sed -n 's/^-I//p' | head -1)
if [ -n "$inc" ] && [ "$(cd "$inc" 2>/dev/null && pwd -P)" = "$(cd "$moved/include" && pwd -P)" ]; then pass; else
    fail "pkg-config --cflags does not name the moved prefix's include: $flags"; fi
# a sanitizer build's library needs its runtime linked too
san=""
if nm "$moved/lib/libcampaign.a" 2>/dev/null | grep -q __asan_; then san="-fsanitize=address,undefined"; fi
# shellcheck disable=SC2086  # the flags are words
if ${CC:-cc} -std=c11 -Wall -Werror $san -o check check.c $flags 2>"$tmp/err"; then pass; else
    fail "a program does not build with the installed library"; head -10 "$tmp/err"; fi
if [ -x check ]; then
    run ./check "$moved/share/campaign-contract/schemas" "$(cat ok.json)"
    status 0 "a program linked with the installed library: valid body"
    run ./check "$moved/share/campaign-contract/schemas" "$(cat bad.json)"
    status 1 "a program linked with the installed library: invalid body"
fi

# ---- manual pages -----------------------------------------------------------
for t in campaign-lint campaign-mock campaign-test campaign-probes; do
    page=$moved/share/man/man1/$t.1
    if cmp -s "$page" "$here/$BUILD/man/$t.1"; then pass; else fail "installed $t.1 is not the built page"; fi
    MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 0 "man -l the installed $t.1"
    has "$t" out "the installed $t.1 renders"
done

# ---- not found: the message names the option and the variable -------------
mkdir -p "$tmp/lonely/bin"
cp "$moved/bin/campaign-lint" "$moved/bin/campaign-mock" "$moved/bin/campaign-test" \
   "$moved/bin/campaign-probes" "$tmp/lonely/bin/"
L=$tmp/lonely/bin
run "$L/campaign-lint" --schema campaign-create-request ok.json
status 2 "campaign-lint with no schemas to find"
has "campaign-lint: cannot find the contract schemas: tried $L/../share/campaign-contract/schemas, $L/../schemas, ./schemas; use --schema-dir DIR or set CAMPAIGN_SCHEMA_DIR" \
    err "campaign-lint's message when no schemas are found"
run "$L/campaign-mock" --port 0
status 2 "campaign-mock with no fixtures to find"
has "campaign-mock: cannot find the fixtures: tried $L/../share/campaign-contract/fixtures.json" err \
    "campaign-mock's message when no fixtures are found"
has "; use --fixtures FILE or set CAMPAIGN_MOCK_FIXTURES" err "campaign-mock's message names --fixtures and the variable"
CAMPAIGN_MOCK_FIXTURES=$moved/share/campaign-contract/fixtures.json run "$L/campaign-mock" --port 0
status 2 "campaign-mock with fixtures but no schemas"
has "use --schema-dir DIR or set CAMPAIGN_SCHEMA_DIR" err "campaign-mock's message when no schemas are found"
run "$L/campaign-test" --dry-run cases
status 2 "campaign-test with no schemas to find"
has "campaign-test: cannot find the contract schemas: tried" err "campaign-test's message"
has "use --schemas DIR or set CAMPAIGN_SCHEMA_DIR" err "campaign-test's message names --schemas"
run "$L/campaign-probes" -o lonely-probes
status 2 "campaign-probes with no schemas to find"
has "use --schemas DIR or set CAMPAIGN_SCHEMA_DIR" err "campaign-probes' message names --schemas"

# the order: the variable is used when set; the option wins over it
CAMPAIGN_SCHEMA_DIR=$moved/share/campaign-contract/schemas run "$L/campaign-lint" --schema campaign-create-request ok.json
status 0 "campaign-lint with CAMPAIGN_SCHEMA_DIR"
CAMPAIGN_SCHEMA_DIR=$tmp/nowhere run "$L/campaign-lint" --schema-dir "$moved/share/campaign-contract/schemas" \
    --schema campaign-create-request ok.json
status 0 "campaign-lint: --schema-dir wins over CAMPAIGN_SCHEMA_DIR"
CAMPAIGN_SCHEMA_DIR=$tmp/nowhere run "$moved/bin/campaign-lint" --schema campaign-create-request ok.json
status 2 "campaign-lint: a set CAMPAIGN_SCHEMA_DIR wins over the installed schemas"
has "$tmp/nowhere" err "campaign-lint names the directory the variable set"
# the working directory comes last: ./schemas is found when nothing is beside bin/
mkdir -p cwd && cp -R "$moved/share/campaign-contract/schemas" cwd/schemas
cd cwd || abort "cannot enter cwd"
run "$L/campaign-lint" --schema campaign-create-request ../ok.json
status 0 "campaign-lint finds ./schemas last"
cd "$here" || abort "cannot go back to $here"

# ---- uninstall --------------------------------------------------------------
mv "$moved" "$p" || abort "cannot move the prefix back"
make --no-print-directory uninstall DESTDIR="$root" PREFIX=/opt/cc BUILD="$BUILD" BIN="$BIN" \
    >"$tmp/uninstall.log" 2>&1 || abort "make uninstall failed" "$tmp/uninstall.log"
pass
left=$(find "$root" ! -type d)
if [ -z "$left" ]; then pass; else fail "make uninstall left files:"; echo "$left" | head -10; fi
for d in share/campaign-contract include/campaign; do
    if [ -e "$p/$d" ]; then fail "make uninstall left PREFIX/$d"; else pass; fi
done
finish
