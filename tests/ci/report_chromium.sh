#!/bin/sh
# tests/ci/report_chromium.sh - the HTML report as a browser renders it,
# without JavaScript: headless Chromium loads the page of a failing suite
# run (cases/ against the mutant mock, pause_no_cascade on), dumps the DOM
# it built and takes a screenshot.  The DOM must hold the verdict, the
# index of failures and the marked values (so the markup parses as meant:
# an unbalanced tag or a stray '<' would move or drop them), and the
# screenshot must be a real picture.
# Needs chromium (sh scripts/deps.sh fuzz); run by .ci/run.
# Environment: BIN, BUILD (default build).  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/../cli/lib.sh"
BUILD=${BUILD:-build}
MOCK=$BUILD/mutants/campaign-mock-mutants
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null 2>&1 || abort "$CHROMIUM is not installed (sh scripts/deps.sh fuzz)"
[ -x "$RUNNER" ] || abort "$RUNNER not built"
[ -x "$MOCK" ] || abort "$MOCK not built (make build)"
TOKEN="tok-chromium-81f3"
export CAMPAIGN_MOCK_TOKEN="$TOKEN" SCOPE3_API_KEY="$TOKEN"

export CAMPAIGN_MOCK_MUTANT=pause_no_cascade
start_mock "$tmp/mut" || abort "the mutant mock did not start" "$tmp/mut.stderr"
unset CAMPAIGN_MOCK_MUTANT
"$RUNNER" --base-url "$url" -j 2 -q --html "$tmp/report.html" cases/ >"$tmp/out" 2>"$tmp/err"
rc=$?
status 1 "the suite against pause_no_cascade"

# Chromium wants a home it can write; keep it inside $tmp.
export HOME="$tmp/home"
mkdir -p "$HOME"
browse() {
    timeout 120 "$CHROMIUM" --headless --disable-gpu --no-sandbox --user-data-dir="$tmp/profile" \
        --window-size=1280,2000 "$@" "file://$tmp/report.html"
}
browse --dump-dom >"$tmp/dom.html" 2>"$tmp/dom.err"
[ -s "$tmp/dom.html" ] || abort "chromium dumped no DOM" "$tmp/dom.err"
has '<div class="verdict failed">' dom.html "the verdict in the rendered page"
has '<ol class="index">' dom.html "the index in the rendered page"
has '<li><a href="#f' dom.html "an index line links to a failing step"
# (the DOM is serialised with the quotes of text as they are)
has '"status": <mark id="v' dom.html "a marked value in the rendered page"
marks=$(grep -o '<mark id="v' "$tmp/report.html" | wc -l)
dom_marks=$(grep -o '<mark id="v' "$tmp/dom.html" | wc -l)
if [ "$marks" -gt 0 ] && [ "$marks" = "$dom_marks" ]; then pass; else fail "$dom_marks marks in the DOM, $marks in the page"; fi
hasnt '<script' dom.html "no script"

browse --screenshot="$tmp/shot.png" >"$tmp/shot.out" 2>"$tmp/shot.err"
if [ -f "$tmp/shot.png" ]; then pass; else abort "no screenshot" "$tmp/shot.err"; fi
# a PNG, and not a blank page (a blank 1280x2000 page compresses to a few KB)
if [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then pass; else fail "the screenshot is not a PNG"; fi
bytes=$(wc -c <"$tmp/shot.png" | tr -d ' ')
echo "screenshot: $bytes bytes"
if [ "$bytes" -gt 40000 ]; then pass; else fail "the screenshot is $bytes bytes: a blank page?"; fi
[ -n "${REPORT_SCREENSHOT:-}" ] && cp "$tmp/shot.png" "$REPORT_SCREENSHOT"
finish
