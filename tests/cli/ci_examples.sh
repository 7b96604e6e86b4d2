#!/bin/sh
# tests/cli/ci_examples.sh - the CI examples (examples/ci/), the project's
# workflow and the pre-commit hooks are tested, not prose:
#   * every YAML file parses;
#   * every campaign-* command they run is in bin/ and takes the options
#     they pass (each appears in the tool's --help), and every other
#     command is a shell builtin or on PATH;
#   * the GitHub example's suite job runs here as written: two shards,
#     each against its own campaign-mock on port 0, then its report job
#     merges them, and the merged totals, scenarios and matrix are a single
#     full run's; its lint job passes valid payloads and annotates an
#     invalid one; the GitLab example's suite and report jobs likewise;
#   * campaign-test --merge-reports: exit status 1 for a failing or
#     interrupted shard, 2 for inputs it cannot merge (nothing written);
#   * each pre-commit hook (entry + args) passes a valid example (0) and
#     fails an invalid one (1), and its files: pattern matches exactly the
#     examples named after its body;
#   * .github/workflows/ci.yml runs the README's quick start and .ci/run on
#     Debian 12, with git installed before the checkout.
# YAML is read with python3's yaml module (python3-yaml, which
# scripts/deps.sh installs): a YAML parser is what CI services use, and a
# hand-written one would only show that the files fit it.
# Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

python3 -c 'import yaml' 2>/dev/null ||
    abort "python3 with the yaml module is missing (python3-yaml: sh scripts/deps.sh installs it)"
ROOT=$(pwd)
case $BIN in /*) bindir=$BIN ;; *) bindir=$ROOT/$BIN ;; esac
PY="python3 $ROOT/tests/tools/ci_yaml.py"
export BIN="$bindir"
GH=examples/ci/github-actions.yml
GL=examples/ci/gitlab-ci.yml
HOOKS=.pre-commit-hooks.yaml
FILES="$GH $GL examples/ci/.pre-commit-config.yaml examples/ci/pre-commit-config.local.yaml $HOOKS .github/workflows/ci.yml"

# count FILE: one pass or fail per "pass" / "fail MESSAGE" line
count() {
    if [ ! -s "$1" ]; then fail "no checks ran ($1 is empty)"; return; fi
    while read -r kind msg; do
        if [ "$kind" = pass ]; then pass; else fail "$msg"; fi
    done <"$1"
}

# ws DIR: a workspace as the examples' jobs see it, with the checker at
# DIR/campaign-contract (its bin/, cases/, schemas/ from this build)
ws() {
    mkdir -p "$1/campaign-contract"
    ln -s "$bindir" "$1/campaign-contract/bin"
    for d in cases schemas scripts; do ln -s "$ROOT/$d" "$1/campaign-contract/$d"; done
}

# steps FILE JOB DIR K=V...: write the job's steps to DIR/step-N.sh
steps() {
    _f=$1 _j=$2 _d=$3; shift 3
    mkdir -p "$_d/steps" && $PY steps "$_f" "$_j" "$_d/steps" "$@" 2>"$tmp/err"
}

# run_steps DIR: run DIR/steps/step-N.sh in DIR with sh -e, in order,
# stopping at the first that fails (as a CI job does); status in rc,
# output in DIR/log
run_steps() {
    rc=0
    for s in $(ls "$1/steps" | sort -t- -k2 -n); do
        (cd "$1" && sh -e "steps/$s") >>"$1/log" 2>&1 || { rc=$?; return; }
    done
}

## every file is YAML; every example is in the list
$PY parse $FILES >"$tmp/r"; count "$tmp/r"
for f in examples/ci/*.yml examples/ci/*.yaml examples/ci/.*.yaml; do
    [ -e "$f" ] || continue
    case " $FILES " in *" $f "*) pass ;; *) fail "$f is not among the files this test checks" ;; esac
done

## the commands and their options
$PY invocations $FILES >"$tmp/r"; count "$tmp/r"
# the check sees an option a tool does not have, and a missing command
sed -e 's/--shard "/--shards "/' -e 's/sleep 0.1/snooze-for 0.1/' $GH >"$tmp/doctored.yml"
$PY invocations "$tmp/doctored.yml" >"$tmp/r"
has "--shards is not an option of campaign-test --help" "$tmp/r" "a doctored option is caught"
has "command snooze-for is neither" "$tmp/r" "a doctored command is caught"

## the pre-commit hooks: file patterns
$PY patterns $HOOKS examples >"$tmp/r"; count "$tmp/r"
sed '0,/files: .*/s//files: \\.json$/' $HOOKS >"$tmp/doctored-hooks.yaml"
$PY patterns "$tmp/doctored-hooks.yaml" examples >"$tmp/r"
has "fail hook campaign-create-request: files" "$tmp/r" "a pattern matching too much is caught"

## the pre-commit hooks: entry + args on a valid and an invalid example
$PY hooks $HOOKS >"$tmp/hooks"
n=0
while IFS="$(printf '\t')" read -r id entry args _files; do
    n=$((n + 1))
    # shellcheck disable=SC2086  # args are words
    PATH="$bindir:$PATH" $entry $args "examples/$id.json" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
    status 0 "hook $id on examples/$id.json"
    bad=$(ls examples/invalid/"$id".*.json 2>/dev/null | head -1)
    [ -n "$bad" ] || continue
    # shellcheck disable=SC2086
    PATH="$bindir:$PATH" $entry $args "$bad" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
    status 1 "hook $id on $bad"
done <"$tmp/hooks"
[ "$n" -eq "$("$bindir/campaign-lint" --list-schemas | wc -l)" ] && pass || fail "not one hook per body ($n)"
# the team's local configuration calls the checker by path
ws "$tmp/hk"
$PY hooks examples/ci/pre-commit-config.local.yaml >"$tmp/hooks"
while IFS="$(printf '\t')" read -r id entry args _files; do
    # shellcheck disable=SC2086
    (cd "$tmp/hk" && $entry $args "$ROOT/examples/$id.json") >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
    status 0 "local hook $id on examples/$id.json"
    bad=$(ls "$ROOT"/examples/invalid/"$id".*.json 2>/dev/null | head -1)
    [ -n "$bad" ] || continue
    # shellcheck disable=SC2086
    (cd "$tmp/hk" && $entry $args "$bad") >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
    status 1 "local hook $id on $bad"
done <"$tmp/hooks"

## the GitHub example's lint job
ws "$tmp/lint"
mkdir "$tmp/lint/payloads"
cp examples/*.json "$tmp/lint/payloads/"
steps $GH lint "$tmp/lint" || fail "steps of the lint job: $(cat "$tmp/err")"
run_steps "$tmp/lint"
status 0 "lint job on valid payloads"
hasnt "::error" "$tmp/lint/log" "lint job on valid payloads"
cp examples/invalid/campaign-create-request.name-empty.json "$tmp/lint/payloads/"
: >"$tmp/lint/log"
run_steps "$tmp/lint"
status 1 "lint job with an invalid payload"
has "::error file=payloads/campaign-create-request.name-empty.json,line=3" "$tmp/lint/log" "lint job annotates"

## the GitHub example's suite (2 shards) and report jobs
for k in 1 2; do
    ws "$tmp/gh$k"
    steps $GH suite "$tmp/gh$k" matrix.shard=$k strategy.job-total=2 || fail "steps of the suite job: $(cat "$tmp/err")"
    run_steps "$tmp/gh$k"
    status 0 "suite job, shard $k/2"
    [ -f "$tmp/gh$k/reports/shard-$k/summary.json" ] && pass || { fail "shard $k wrote no summary"; cat "$tmp/gh$k/log"; }
done
ws "$tmp/ghr"
for k in 1 2; do   # what actions/download-artifact leaves
    mkdir -p "$tmp/ghr/shards/reports-shard-$k"
    cp "$tmp/gh$k/reports/shard-$k/"* "$tmp/ghr/shards/reports-shard-$k/"
done
steps $GH report "$tmp/ghr" || fail "steps of the report job: $(cat "$tmp/err")"
run_steps "$tmp/ghr"
status 0 "report job"
has "merged: 2 summaries" "$tmp/ghr/log" "report job merges both shards"
for f in junit.xml report.html summary.json; do
    [ -s "$tmp/ghr/reports/merged/$f" ] && pass || fail "report job wrote no $f"
done

# a single full run of the suite, in a workspace of the same layout
ws "$tmp/full"
start_mock "$tmp/full/mock" || abort "campaign-mock did not start" "$tmp/full/mock.stderr"
(cd "$tmp/full" && SCOPE3_API_KEY=demo-token campaign-contract/bin/campaign-test -q --base-url "$url" -j 4 \
    --report-dir reports/full campaign-contract/cases/) >"$tmp/out" 2>"$tmp/err"; rc=$?
status 0 "a full run"

# compare.py MERGED FULL SHARD...: the merged summary is the full run's
# (totals, scenario files in order, their results, the matrix) and the
# shards' totals add up to it
cat >"$tmp/compare.py" <<'PY'
import json, sys
def load(p):
    with open(p) as f: return json.load(f)
merged, full, shards = load(sys.argv[1]), load(sys.argv[2]), [load(p) for p in sys.argv[3:]]
def check(ok, msg): print("pass" if ok else "fail " + msg)
check(merged["totals"] == full["totals"], "merged totals %s, a full run's %s" % (merged["totals"], full["totals"]))
for k in ("scenarios", "steps"):
    for kk in merged["totals"][k]:
        s = sum(sh["totals"][k][kk] for sh in shards)
        check(s == merged["totals"][k][kk], "totals.%s.%s: shards add to %d, merged says %d" % (k, kk, s, merged["totals"][k][kk]))
key = lambda d: [(s["file"], s["result"], len(s["steps"])) for s in d["scenarios"]]
check(key(merged) == key(full), "merged scenarios differ from a full run's")
files = [s["file"] for sh in shards for s in sh["scenarios"]]
check(len(files) == len(set(files)) and all(sh["scenarios"] for sh in shards), "shards overlap or one is empty")
check(merged["matrix"] == full["matrix"], "merged matrix differs from a full run's")
PY
python3 "$tmp/compare.py" "$tmp/ghr/reports/merged/summary.json" "$tmp/full/reports/full/summary.json" \
    "$tmp/gh1/reports/shard-1/summary.json" "$tmp/gh2/reports/shard-2/summary.json" >"$tmp/r"
count "$tmp/r"
t_merged=$(sed -n 's/.*<testsuites[^>]* tests="\([0-9]*\)".*/\1/p' "$tmp/ghr/reports/merged/junit.xml" | head -1)
t_full=$(sed -n 's/.*<testsuites[^>]* tests="\([0-9]*\)".*/\1/p' "$tmp/full/reports/full/junit.xml" | head -1)
[ -n "$t_full" ] && [ "$t_merged" = "$t_full" ] && pass || fail "merged JUnit has tests=$t_merged, a full run's $t_full"

## the GitLab example's suite (2 parallel jobs) and report jobs
for k in 1 2; do
    ws "$tmp/gl$k"
    steps $GL suite "$tmp/gl$k" || fail "steps of the GitLab suite job: $(cat "$tmp/err")"
    CI_NODE_INDEX=$k CI_NODE_TOTAL=2 run_steps "$tmp/gl$k"
    status 0 "GitLab suite job $k/2"
done
ws "$tmp/glr"
mkdir -p "$tmp/glr/reports"
cp -r "$tmp/gl1/reports/shard-1" "$tmp/gl2/reports/shard-2" "$tmp/glr/reports/"
steps $GL report "$tmp/glr" || fail "steps of the GitLab report job: $(cat "$tmp/err")"
run_steps "$tmp/glr"
status 0 "GitLab report job"
python3 "$tmp/compare.py" "$tmp/glr/reports/merged/summary.json" "$tmp/full/reports/full/summary.json" \
    "$tmp/gl1/reports/shard-1/summary.json" "$tmp/gl2/reports/shard-2/summary.json" >"$tmp/r"
count "$tmp/r"
for k in 1 2; do   # the after_script stopped each job's mock
    p=$(cat "$tmp/gl$k/mock.pid" 2>/dev/null)
    i=0
    while [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    if [ -n "$p" ] && ! kill -0 "$p" 2>/dev/null; then pass; else fail "GitLab job $k left its mock running"; kill "$p" 2>/dev/null; fi
done

## --merge-reports: exit status and what it refuses
s1=$tmp/gh1/reports/shard-1
s2=$tmp/gh2/reports/shard-2
merge() { out=$1; shift; "$RUNNER" --merge-reports --report-dir "$tmp/$out" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# a failing shard: shard 1 again with a token the mock refuses
(cd "$tmp/full" && SCOPE3_API_KEY=wrong-token campaign-contract/bin/campaign-test -q --base-url "$url" \
    --shard 1/2 --report-dir reports/bad campaign-contract/cases/) >/dev/null 2>&1
merge m-bad "$tmp/full/reports/bad" "$s2"
status 1 "merge with a failing shard"
python3 - "$tmp/m-bad/summary.json" "$tmp/full/reports/bad/summary.json" >"$tmp/r" <<'PY'
import json, sys
m, b = (json.load(open(p)) for p in sys.argv[1:3])
f = b["totals"]["scenarios"]["failed"]
print("pass" if f > 0 and m["totals"]["scenarios"]["failed"] == f else "fail merged failures %d, the failing shard's %d" % (m["totals"]["scenarios"]["failed"], f))
PY
count "$tmp/r"
merge m-twice "$s1" "$s1"
status 2 "the same shard twice"
has "is in more than one summary" err "the same shard twice"
[ -e "$tmp/m-twice/summary.json" ] && fail "a refused merge wrote reports" || pass
merge m-xml "$s1/junit.xml"
status 2 "a JUnit file is not a summary"
has "not JSON" err "a JUnit file is not a summary"
merge m-none "$tmp/nowhere"
status 2 "a missing summary"
has "cannot read" err "a missing summary"
sed 's/"result":[[:space:]]*"passed"/"result": "great"/' "$s1/summary.json" >"$tmp/badresult.json"
merge m-res "$tmp/badresult.json" "$s2"
status 2 "an unknown result"
has "is not one of passed, failed" err "an unknown result"
sed 's/"interrupted":[[:space:]]*false/"interrupted": true/' "$s1/summary.json" >"$tmp/intr.json"
merge m-intr "$tmp/intr.json" "$s2/summary.json"
status 1 "an interrupted shard"
has "a shard was interrupted" out "an interrupted shard"
merge m-again "$tmp/ghr/reports/merged"
status 0 "a merged summary merges again"
cmp -s "$tmp/m-again/junit.xml" "$tmp/ghr/reports/merged/junit.xml" && pass || fail "merging a merged summary changed the JUnit report"
"$RUNNER" --merge-reports --base-url http://127.0.0.1:1/ "$s1" >"$tmp/out" 2>"$tmp/err"; rc=$?
status 2 "--merge-reports with --base-url"
if [ -f "$JUNIT_XSD" ]; then
    xmllint --noout --schema "$JUNIT_XSD" "$tmp/ghr/reports/merged/junit.xml" >/dev/null 2>&1 && pass ||
        fail "the merged JUnit report does not validate against $JUNIT_XSD"
fi

## the project's own workflow: Debian 12, git before checkout, the quick start, .ci/run
python3 - .github/workflows/ci.yml README.md >"$tmp/r" <<'PY'
import re, sys, yaml
wf, readme = yaml.safe_load(open(sys.argv[1])), open(sys.argv[2]).read()
def check(ok, msg): print("pass" if ok else "fail " + msg)
(job,) = wf["jobs"].values()
check(job.get("container") == "debian:12", "ci.yml: the job does not run in debian:12")
steps = job["steps"]
first_checkout = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/checkout"))
check(any("git" in s.get("run", "").split() for s in steps[:first_checkout]), "ci.yml: git is not installed before the checkout")
runs = [s["run"].strip() for s in steps if "run" in s]
block = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.S).group(1)
quick = [l.split("#")[0].strip() for l in block.splitlines() if l.split("#")[0].strip()]
ci = open(".ci/run").read()
for c in quick:
    check(c in runs or (c == "make test" and "sh .ci/run" in runs and 'step "make test" make test' in ci),
          "ci.yml does not run the quick start's %r" % c)
check("sh .ci/run" in runs, "ci.yml does not run .ci/run")
PY
count "$tmp/r"
finish
