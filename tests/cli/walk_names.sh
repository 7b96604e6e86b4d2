#!/bin/sh
# tests/cli/walk_names.sh - the walks written once and compiled for two
# document forms (schema_verdict_walk.h, contract_rules_walk.h) keep every
# function under a name written in the source, so that ctags, grep and a
# debugger find them: no name is pasted or chosen by a macro, and each
# public function the library declares for a walk is defined under its
# own name.  When ctags is installed, it must list those definitions too.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

walks="lib/schema/schema_verdict_walk.h lib/schema/schema_verdict.c lib/schema/schema_verdict_tape.c
lib/contract/contract_rules_walk.h lib/contract/contract_rules.c lib/contract/contract_rules_tape.c"

# no token pasting in the walks
# shellcheck disable=SC2086  # the file list splits on purpose
hits=$(grep -ln '##' $walks)
if [ -z "$hits" ]; then pass; else fail "token pasting (##) in: $hits"; fi

# no definition whose name is a macro's result: NAME(x)(params)
for f in $walks; do
    hits=$(grep -nE '^[A-Za-z_].*\b[A-Z_][A-Z0-9_]*\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*\(' "$f")
    if [ -z "$hits" ]; then pass; else fail "$f: a function named through a macro: $hits"; fi
done

# each cr_* rule of contract_rules.h, and each verdict entry point, is
# defined under its literal name
defined() { # NAME FILE
    if grep -qE "^[a-z].*[ *]$1\(" "$2"; then pass; else fail "$1 is not defined by name in $2"; fi
}
rules=$(sed -n 's/^void \(cr_[a-z_]*\)(.*/\1/p' lib/contract/contract_rules.h)
[ -n "$rules" ] || fail "no cr_* rules found in lib/contract/contract_rules.h"
for r in $rules; do defined "$r" lib/contract/contract_rules.c; done
defined schema_verdict_run lib/schema/schema_verdict.c
defined schema_verdict_tape_run lib/schema/schema_verdict_tape.c
defined vschema lib/schema/schema_verdict_walk.h
defined rules_apply lib/contract/contract_rules_walk.h

# what ctags sees (when it is installed)
if command -v ctags >/dev/null 2>&1; then
    # shellcheck disable=SC2086  # the file list splits on purpose
    ctags -x --c-kinds=f --language-force=C $walks >"$tmp/tags" 2>/dev/null ||
        ctags -x $walks >"$tmp/tags" 2>/dev/null
    for r in $rules rule_flight_order rule_buy_refs vschema vproperties schema_verdict_run schema_verdict_tape_run; do
        if awk -v n="$r" '$1 == n { found = 1 } END { exit !found }' "$tmp/tags"; then pass
        else fail "ctags does not list $r"; fi
    done
fi

finish
