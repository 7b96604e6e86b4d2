#!/bin/sh
# tests/cli/man_pages.sh - the manual pages the build writes (BUILD/man/,
# from each tool's option table through --help-man) render cleanly and
# say what --help says.  For each tool: `man -l` at 80 columns exits 0
# and writes nothing on stderr; groff with every warning on (-ww) finds
# nothing to say; the page has the sections a manual page has; every
# option of --help is in the rendered page (so a table change reaches
# both); --help-man is the built page (not stale) and is not listed in
# --help; --help-man with another argument is not taken.  A page with
# a roff error shows the groff check sees it.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=${BUILD:-build}
command -v man >/dev/null 2>&1 || abort "man is not installed (sh scripts/deps.sh installs man-db)"
command -v groff >/dev/null 2>&1 || abort "groff is not installed (sh scripts/deps.sh installs groff-base)"

# help_options BIN: "--jobs", "-j", ... one a line, from the entries of --help
help_options() {
    "$1" --help | sed -n 's/^  \(-[^ ].*\)$/\1/p' | sed 's/  .*//' | tr -s ',' '\n' |
        sed -e 's/^ *//' -e 's/ .*//'
}

for t in campaign-lint campaign-mock campaign-test campaign-probes; do
    page=$BUILD/man/$t.1
    bin=$BIN/$t
    if [ ! -f "$page" ] || [ ! -x "$bin" ]; then fail "$page or $bin not built"; continue; fi
    MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 0 "man -l $page"
    if [ -s "$tmp/err" ]; then fail "man -l $page wrote to stderr:"; head -5 "$tmp/err"; else pass; fi
    groff -ww -z -man "$page" >"$tmp/groff" 2>&1
    if [ -s "$tmp/groff" ]; then fail "groff -ww warns on $page:"; head -5 "$tmp/groff"; else pass; fi
    # rendered text: overstrike (bold, underline) taken out
    sed 's/.\x08//g' "$tmp/out" >"$tmp/text"
    for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
        if grep -q "^$s\$" "$tmp/text"; then pass; else fail "$page has no $s section"; fi
    done
    if grep -Eq "^ +$t +- " "$tmp/text"; then pass; else fail "$page has no NAME line '$t - ...'"; fi
    missing=""
    for o in $(help_options "$bin"); do
        grep -qF -- "$o" "$tmp/text" || missing="$missing $o"
    done
    if [ -z "$missing" ]; then pass; else fail "$page lacks options of --help:$missing"; fi
    "$bin" --help-man >"$tmp/now" 2>"$tmp/err"; rc=$?
    status 0 "$t --help-man"
    if cmp -s "$tmp/now" "$page"; then pass; else fail "$page is not what $t --help-man writes now"; fi
    "$bin" --help >"$tmp/help"
    hasnt "help-man" "$tmp/help" "$t --help"
    "$bin" --help-man --version >"$tmp/out" 2>"$tmp/err"; rc=$?
    status 2 "$t --help-man with another argument"
done

# the groff check sees a broken page
printf '.TH X 1\n.SH NAME\nx \\- y\n.XX undefined\n\\fQ bad font\n' >"$tmp/broken.1"
groff -ww -z -man "$tmp/broken.1" >"$tmp/groff" 2>&1
if [ -s "$tmp/groff" ]; then pass; else fail "groff -ww said nothing of a broken page"; fi
finish
