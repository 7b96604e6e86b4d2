#!/bin/sh
# tests/cli/doc_examples.sh - the code examples of the public headers and
# the READMEs compile and link against the library, so they cannot drift
# from the API.  An example is a fenced ```c block: in a README as is, in a
# public header inside a comment (each line after " * ").  Each block
# becomes the body of a function of its own, in a file that includes every
# public header, compiled with the tools' include path (include/ only) and
# linked with build/libcampaign.a, and run in turn from the project root
# (they must neither crash nor fail to return).  Also checks that each
# file that should hold an example still holds one.
# Environment: BUILD (default build), CC.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
LIB=$BUILD/libcampaign.a
[ -f "$LIB" ] || abort "$LIB not built"
# the sanitizer build's library needs its runtime
SAN=
case $BUILD in *san*) SAN="-fsanitize=address,undefined" ;; esac

# blocks FILE : print each ```c block of FILE as "@@ FILE:LINE" then its lines
blocks() {
    awk -v f="$1" '
        { line = $0; if (f ~ /\.h$/) { if (line !~ /^ \*/) { inblk = 0; next } sub(/^ \* ?/, "", line) } }
        inblk && line ~ /^```/ { inblk = 0; next }
        inblk { print line; next }
        line ~ /^```c[[:space:]]*$/ { inblk = 1; print "@@ " f ":" NR }
    ' "$1"
}

out=$tmp/examples.c
{
    echo '#include <stdio.h>'
    echo '#include <stdlib.h>'
    echo '#include <string.h>'
    for h in include/campaign/*.h; do echo "#include \"campaign/${h##*/}\""; done
} >"$out"
n=0
for f in include/campaign/*.h README.md lib/README.md tools/*/README.md docs/*.md; do
    blocks "$f" >"$tmp/blk" || abort "cannot read $f"
    [ -s "$tmp/blk" ] || continue
    awk -v out="$out" '
        /^@@ / { if (open) print "}" >> out; n++; print "/* " substr($0, 4) " */" >> out
                 print "void doc_example_" n "(void);" >> out
                 print "void doc_example_" n "(void)\n{" >> out; open = 1; next }
        { print >> out }
        END { if (open) print "}" >> out }
    ' n="$n" "$tmp/blk"
    n=$((n + $(grep -c '^@@ ' "$tmp/blk")))
    echo "$f" >>"$tmp/files"
done
{
    echo 'int main(void)'
    echo '{'
    i=1
    while [ $i -le $n ]; do echo "    doc_example_$i();"; i=$((i + 1)); done
    echo '    return 0;'
    echo '}'
} >>"$out"

# the files that must hold an example
for f in include/campaign/jsv.h lib/README.md; do
    if grep -qx "$f" "$tmp/files" 2>/dev/null; then pass; else fail "$f holds no \`\`\`c example"; fi
done

# shellcheck disable=SC2046
if ${CC:-cc} $SAN -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Werror -Wno-unused-variable -Wno-unused-but-set-variable \
        -Iinclude $(pkg-config --cflags libcjson 2>/dev/null) -o "$tmp/examples" "$out" "$LIB" \
        $(pkg-config --libs libcjson libpcre2-8 2>/dev/null) -lm -lpthread >"$tmp/err" 2>&1; then
    pass
    # and they run, from the project root, to the end
    if "$tmp/examples" >"$tmp/run.out" 2>&1; then pass; else fail "the examples crashed or failed: $(tail -3 "$tmp/run.out")"; fi
else
    fail "the $n examples do not compile and link"
    head -20 "$tmp/err"
fi
echo "doc examples: $n blocks from $(wc -l <"$tmp/files") files"
finish
