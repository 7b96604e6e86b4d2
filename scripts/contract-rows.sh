#!/bin/sh
# Print the row list the conformance matrix counts (schemas/contract-rows.tsv)
# from docs/contract.md:
#   sh scripts/contract-rows.sh > schemas/contract-rows.tsv
# The rows are those a conformance case can exercise: every row of "Server
# behaviour over HTTP (mock)", every decision of "Decisions of the mock
# (HTTP behaviour)", and any other row or decision whose Test column (for a
# decision: its text) names a cases/ file.  Each line is "ID<TAB>title": a
# decision's title, or a row's behaviour cell without backticks, cut to
# about 100 characters.  The titles may be edited by hand afterwards;
# tests/unit/test_traceability.c checks only that the IDs are in step.
set -e
doc=${1:-docs/contract.md}
[ -f "$doc" ] || { echo "contract-rows: no $doc (run from the project root)" >&2; exit 2; }
echo "# Rows of docs/contract.md the conformance matrix counts as documented (see"
echo "# tools/runner/README.md, \"Conformance matrix\"); made by scripts/contract-rows.sh."
echo "# ID<TAB>short title"
awk '
function short(s,   t) {
    gsub(/`/, "", s)
    gsub(/\*\*/, "", s)
    if (length(s) <= 100) return s
    t = substr(s, 1, 100)
    sub(/ [^ ]*$/, "", t)
    return t " ..."
}
function flush_dec() {
    if (dec_id != "" && (in_dec || dec_text ~ /cases\//)) printf "%s\t%s\n", dec_id, dec_title
    dec_id = ""
}
/^#/ {
    flush_dec()
    if ($0 ~ /^### Server behaviour over HTTP/) in_http = 1
    else if ($0 ~ /^## /) in_http = 0
    in_dec = ($0 ~ /^### Decisions of the mock/)
    next
}
/^- \*\*D[0-9]+ / {
    flush_dec()
    dec_id = $2; sub(/^\*\*/, "", dec_id)
    dec_title = $0; sub(/^- \*\*D[0-9]+ /, "", dec_title); sub(/\.?\*\*.*$/, "", dec_title)
    dec_text = $0
    next
}
/^  / { if (dec_id != "") dec_text = dec_text " " $0; next }
{ flush_dec() }
/^\| C[0-9][0-9][0-9] \|/ {
    n = split($0, cell, / \| /)
    if (in_http || cell[n] ~ /cases\//) printf "%s\t%s\n", cell[1] == "" ? "" : substr(cell[1], 3), short(cell[3])
}
END { flush_dec() }
' "$doc" | sort -t "$(printf '\t')" -k1.1,1.1 -k1.2n
