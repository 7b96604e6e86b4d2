#!/bin/sh
# tests/cli/options_docs.sh - each tool's README says what its --help says.
# --help is written from the tool's option table (include/campaign/
# options.h), so checking --help against the README's option table keeps
# the table, the parser and the README in step: every option of --help is
# a row of the README's "| option | meaning |" table, with the same
# argument name, and every row is an option of --help; the README's
# synopsis block is the help's "usage:" lines.  --help itself writes to
# stdout only and exits 0.  A doctored README shows the check sees drift.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# help_options BIN: "-j", "--jobs N", ... one a line, sorted, from the
# option entries of BIN --help ("  -j, --jobs N   text" / "  --quiet")
help_options() {
    "$1" --help | sed -n 's/^  \(-[^ ].*\)$/\1/p' | sed 's/  .*//' |
        tr -s ',' '\n' | sed 's/^ *//' | sort
}

# readme_options README: the same, from the first cell of each row of the
# table headed "| option | meaning |" (backquoted spellings starting with
# "-", except the lone "-" operand; "\|" is a "|")
readme_options() {
    awk '/^\| option \| meaning \|/ { on = 1; next }
         on && !/^\|/ { exit }
         on && !/^\|---/ { print }' "$1" |
        sed 's/\\|/\x01/g' | awk -F '|' '{ print $2 }' |
        grep -o '`[^`]*`' | tr -d '`' | tr '\001' '|' | grep '^-.' | sort
}

# help_synopsis BIN: the "usage:" lines as a README writes them (no
# "usage: ", continuation lines 7 columns less indented)
help_synopsis() {
    "$1" --help | awk '/^$/ { exit } { print }' | sed -e 's/^usage: //' -e 's/^       //'
}

# readme_synopsis README NAME: the first code block opening with NAME
readme_synopsis() {
    awk -v name="$2" '/^```/ { if (on) exit; start = 1; next }
                      start && index($0, name " ") == 1 { on = 1 }
                      start { start = 0 }
                      on { print }' "$1"
}

# compare NAME BIN README: one pass per agreeing side, one fail per
# option missing from either side
compare() {
    help_options "$2" >"$tmp/help"
    readme_options "$3" >"$tmp/readme"
    if [ ! -s "$tmp/help" ]; then fail "$1: no options found in --help"; return; fi
    if [ ! -s "$tmp/readme" ]; then fail "$1: no option table found in $3"; return; fi
    comm -23 "$tmp/help" "$tmp/readme" >"$tmp/only-help"
    comm -13 "$tmp/help" "$tmp/readme" >"$tmp/only-readme"
    if [ -s "$tmp/only-help" ]; then
        while read -r o; do fail "$1: '$o' is in --help but not in the option table of $3"; done <"$tmp/only-help"
    else
        pass
    fi
    if [ -s "$tmp/only-readme" ]; then
        while read -r o; do fail "$1: '$o' is in the option table of $3 but not in --help"; done <"$tmp/only-readme"
    else
        pass
    fi
    help_synopsis "$2" >"$tmp/hsyn"
    readme_synopsis "$3" "$1" >"$tmp/rsyn"
    if cmp -s "$tmp/hsyn" "$tmp/rsyn"; then pass; else
        fail "$1: the synopsis in $3 is not the one of --help"
        diff "$tmp/rsyn" "$tmp/hsyn" | head -10
    fi
}

for t in lint:campaign-lint mock:campaign-mock runner:campaign-test probe:campaign-probes; do
    dir=${t%%:*} name=${t#*:}
    bin=$BIN/$name
    if [ ! -x "$bin" ]; then fail "$bin not built"; continue; fi
    "$bin" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 0 "$name --help"
    if [ -s "$tmp/err" ]; then fail "$name --help wrote to stderr"; else pass; fi
    has "usage: $name " "$tmp/out" "$name --help on stdout"
    compare "$name" "$bin" "tools/$dir/README.md"
done

# the check sees drift: a row dropped, an argument renamed, a row added
if [ -x "$BIN/campaign-test" ]; then
    grep -v '^| `--insecure`' tools/runner/README.md |
        sed -e 's/^| `--shard K\/N`/| `--shard SLICE`/' \
            -e 's/^| `--no-reports` |/| `--no-reports` | x |\n| `--sideways` |/' >"$tmp/drift.md"
    out=$(compare campaign-test "$BIN/campaign-test" "$tmp/drift.md")
    for want in "'--insecure' is in --help but not" "'--shard K/N' is in --help but not" \
                "'--shard SLICE' is in the option table" "'--sideways' is in the option table"; do
        case $out in
        *"$want"*) pass ;;
        *) fail "a doctored README: no \"$want\" (got: $out)" ;;
        esac
    done
fi
finish
