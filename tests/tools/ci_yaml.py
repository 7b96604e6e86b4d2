"""ci_yaml.py - what tests/cli/ci_examples.sh needs from the CI examples' YAML.

Reads the YAML with PyYAML (python3-yaml, installed by scripts/deps.sh).
Subcommands (BIN, the built tools' directory, from the environment):

  parse FILE...                 each file is YAML holding a mapping or list
  invocations FILE...           every campaign-* command the files run
                                (GitHub run:, GitLab script:, pre-commit
                                entry+args) exists in BIN and every option it
                                passes appears in that tool's --help; every
                                other command is a shell builtin or on PATH
  steps FILE JOB DIR K=V...     the job's shell steps (GitHub: run: of the
                                steps not named "Install ..." or "Build ...";
                                GitLab: script, then after_script) as
                                DIR/step-N.sh, with ${{ K }} replaced by V,
                                each opening with the workflow's and the
                                job's env (GitLab: variables) as exports
  hooks FILE                    id, entry, args and files of each hook, a
                                line each, tab-separated, args joined by
                                spaces
  patterns HOOKS EXAMPLES       each hook's files: matches exactly the files
                                of EXAMPLES (recursively) named after its
                                body, NAME.json or NAME.*.json, and some
                                (one line per hook, one per file it gets
                                wrong)

parse, invocations and patterns print "pass" or "fail MESSAGE" lines for
the shell test to count."""
import os
import re
import shlex
import shutil
import subprocess
import sys

import yaml

BIN = os.environ.get("BIN", "bin")
TOOL = re.compile(r"(?:^|/)(campaign-(?:lint|mock|test|probes))$")
KEYWORDS = {"if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until",
            "case", "esac", "!", "{", "}"}
BUILTINS = {"[", "test", "exit", "return", "export", "set", "cd", "true", "false", ":", ".",
            "echo", "printf", "read", "kill", "wait", "continue", "break", "shift", "trap", "exec"}


def report(ok, msg):
    print("pass" if ok else "fail " + msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def scripts(path, doc):
    """(where, shell text) for every command a CI file or hooks file runs."""
    out = []
    if isinstance(doc, list):                       # .pre-commit-hooks.yaml
        for h in doc:
            out.append((h["id"], " ".join([h["entry"]] + [shlex.quote(a) for a in h.get("args", [])])))
        return out
    if "repos" in doc:                              # a .pre-commit-config.yaml
        for r in doc["repos"]:
            for h in r.get("hooks", []):
                if "entry" in h:
                    out.append((h["id"], " ".join([h["entry"]] + [shlex.quote(a) for a in h.get("args", [])])))
        return out
    if "jobs" in doc:                               # GitHub Actions
        for jn, job in doc["jobs"].items():
            for i, st in enumerate(job.get("steps", [])):
                if "run" in st:
                    out.append(("%s step %d" % (jn, i + 1), st["run"]))
        return out
    for jn, job in doc.items():                     # GitLab CI
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                if key in job:
                    out.append(("%s %s" % (jn, key), "\n".join(job[key])))
    return out


def segments(text):
    """The simple commands of a shell text, each as a list of words (rough:
    enough for the examples, which keep to plain POSIX sh)."""
    text = text.replace("\\\n", " ")
    text = re.sub(r"\$\{\{[^}]*\}\}", "X", text)     # GitHub expressions
    text = re.sub(r"\$\(\([^)]*\)\)", "0", text)     # arithmetic
    for part in re.split(r"\n|;|&&|\|\||\||&|\$\(|\)|`", text):
        part = part.strip().strip("\"'")   # the quotes around a $(...)
        try:
            words = shlex.split(part, comments=True)
        except ValueError:
            words = part.split()
        while words and (words[0] in KEYWORDS or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])):
            if words[0] in ("for", "case"):
                words = []
            else:
                words = words[1:]
        if words:
            yield words


def help_text(tool, cache={}):
    if tool not in cache:
        cache[tool] = subprocess.run([os.path.join(BIN, tool), "--help"], capture_output=True, text=True).stdout
    return cache[tool]


def check_command(where, words):
    m = TOOL.search(words[0])
    if m:
        tool = m.group(1)
        if not os.access(os.path.join(BIN, tool), os.X_OK):
            report(False, "%s: %s is not in %s" % (where, tool, BIN))
            return
        report(True, "")
        for w in words[1:]:
            if not w.startswith("-") or w == "-" or w == "--":
                continue
            opt = w.split("=", 1)[0]
            pat = r"(^|[ ,])" + re.escape(opt) + r"([ ,=]|$)"
            found = any(re.search(pat, line) for line in help_text(tool).splitlines())
            report(found, "%s: %s %s is not an option of %s --help" % (where, tool, opt, tool))
        return
    cmd = words[0]
    ok = cmd in BUILTINS or ("/" not in cmd and shutil.which(cmd) is not None)
    report(ok, "%s: command %s is neither a shell builtin nor on PATH" % (where, cmd))


def cmd_parse(files):
    for f in files:
        try:
            doc = load(f)
            report(isinstance(doc, (dict, list)), "%s: not a YAML mapping or list" % f)
        except (OSError, yaml.YAMLError) as e:
            report(False, "%s: %s" % (f, str(e).replace("\n", " ")))


def cmd_invocations(files):
    for f in files:
        for where, text in scripts(f, load(f)):
            for words in segments(text):
                check_command("%s (%s)" % (f, where), words)


def cmd_steps(path, job, outdir, pairs):
    doc = load(path)
    subst = dict(p.split("=", 1) for p in pairs)
    j = doc["jobs"][job] if "jobs" in doc else doc[job]
    texts = []
    if "steps" in j:
        for st in j["steps"]:
            name = st.get("name", "")
            if "run" in st and not name.startswith(("Install", "Build")):
                texts.append(st["run"])
    else:
        texts = ["\n".join(j["script"]), "\n".join(j.get("after_script", []))]
    env = dict(doc.get("env") or doc.get("variables") or {})
    env.update(j.get("env") or j.get("variables") or {})
    exports = "".join("export %s=%s\n" % (k, shlex.quote(str(v))) for k, v in env.items())
    for i, t in enumerate(texts):
        t = re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: subst[m.group(1)], t)
        with open(os.path.join(outdir, "step-%d.sh" % (i + 1)), "w", encoding="utf-8") as f:
            f.write(exports + t + "\n")


def cmd_hooks(path):
    doc = load(path)
    hooks = doc if isinstance(doc, list) else [h for r in doc["repos"] for h in r["hooks"]]
    for h in hooks:
        print("\t".join([h["id"], h["entry"], " ".join(h.get("args", [])), h["files"]]))


def cmd_patterns(path, examples):
    names = []
    for root, _, files in os.walk(examples):
        names += [os.path.join(root, n) for n in files]
    for h in load(path):
        body, wrong, hits = h["id"], 0, 0
        for n in sorted(names):
            base = os.path.basename(n)
            want = base == body + ".json" or (base.startswith(body + ".") and base.endswith(".json"))
            got = re.search(h["files"], n) is not None
            hits += got
            if got != want:
                wrong += 1
                report(False, "hook %s: files %s %s %s" % (body, h["files"], "matches" if got else "misses", n))
        if not wrong:
            report(hits > 0, "hook %s: files %s matches no example" % (body, h["files"]))


def main(argv):
    sub = argv[1]
    if sub == "parse":
        cmd_parse(argv[2:])
    elif sub == "invocations":
        cmd_invocations(argv[2:])
    elif sub == "steps":
        cmd_steps(argv[2], argv[3], argv[4], argv[5:])
    elif sub == "hooks":
        cmd_hooks(argv[2])
    elif sub == "patterns":
        cmd_patterns(argv[2], argv[3])
    else:
        sys.exit("ci_yaml.py: unknown subcommand " + sub)


if __name__ == "__main__":
    main(sys.argv)
