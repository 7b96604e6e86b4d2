#!/bin/sh
# tests/cli/quickstart.sh - the README's quick start on a bare Debian 12,
# simulated: its first command is `sh scripts/deps.sh`, which must work
# with no make on PATH.  deps.sh is run with a PATH of stubs only (no make,
# no compiler): dpkg-query (nothing installed, or everything), apt-get
# (records its arguments; install fails until update ran, as on a system
# without package lists), id (root or not) and, when present, sudo
# (records, then runs the rest).  Checked: as root without sudo, apt-get
# install of make and the rest, update, install again, no sudo; as a user
# with sudo, the same through sudo; as a user without sudo, a clear error
# and nothing run; with everything installed, nothing run and no output.
# Also deps.sh parses (sh -n) and is a silent no-op on this machine.
# Environment: none.  Run from the project root.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# the quick start's first command
first=$(sed -n '/^## Quick start/,/^```$/p' README.md | sed -n '/^```sh$/,/^```$/p' | sed -n 2p)
case $first in
    "sh scripts/deps.sh"*) pass ;;
    *) fail "README quick start begins with '$first', want 'sh scripts/deps.sh'" ;;
esac

if sh -n scripts/deps.sh; then pass; else fail "scripts/deps.sh does not parse"; fi

# stubs DIR UID INSTALLED SUDO : a PATH directory of stubs; commands are
# recorded in DIR/log
stubs() {
    _d=$1
    mkdir -p "$_d"
    : >"$_d/log"
    ln -s "$(command -v grep)" "$_d/grep"
    printf '#!/bin/sh\necho %s\n' "$2" >"$_d/id"
    if [ "$3" = yes ]; then
        printf '#!/bin/sh\nprintf "install ok installed"\n' >"$_d/dpkg-query"
    else
        printf '#!/bin/sh\nexit 1\n' >"$_d/dpkg-query"
    fi
    cat >"$_d/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"$_d/log"
case \$1 in
    update) : >"$_d/updated" ;;
    install) [ -e "$_d/updated" ] || { echo "E: Unable to locate package make" >&2; exit 100; } ;;
esac
EOF
    if [ "$4" = yes ]; then
        printf '#!/bin/sh\necho "sudo $*" >>"%s/log"\nexec "$@"\n' "$_d" >"$_d/sudo"
    fi
    chmod +x "$_d"/*
}
# deps DIR : run scripts/deps.sh with PATH=DIR only; status in $rc,
# output in DIR/out
deps() { PATH=$1 /bin/sh scripts/deps.sh >"$1/out" 2>&1; rc=$?; }
# calls DIR DESC WANT : the recorded commands are exactly WANT
calls() {
    if [ "$(cat "$1/log")" = "$3" ]; then pass; else fail "$2: commands run:"; cat "$1/log"; echo "want:"; echo "$3"; fi
}

pk="make build-essential pkg-config libcjson-dev libpcre2-dev libcurl4-openssl-dev libmicrohttpd-dev libxml2-utils python3-yaml man-db groff-base"
inst="install -y --no-install-recommends $pk"

stubs "$tmp/root" 0 no no
if PATH=$tmp/root command -v make >/dev/null 2>&1; then fail "the stub PATH has make"; else pass; fi
deps "$tmp/root"
status 0 "root, nothing installed"
calls "$tmp/root" "root without sudo" "apt-get $inst
apt-get update
apt-get $inst"
has "deps: installing $pk" "$tmp/root/out" "root says what it installs"

stubs "$tmp/user" 1000 no yes
deps "$tmp/user"
status 0 "user with sudo"
calls "$tmp/user" "user with sudo" "sudo apt-get $inst
apt-get $inst
sudo apt-get update
apt-get update
sudo apt-get $inst
apt-get $inst"

stubs "$tmp/nosudo" 1000 no no
deps "$tmp/nosudo"
status 1 "user without sudo"
calls "$tmp/nosudo" "user without sudo" ""
has "not root and no sudo: run this as root" "$tmp/nosudo/out" "user without sudo is told why"

stubs "$tmp/done" 0 yes no
deps "$tmp/done"
status 0 "everything installed"
calls "$tmp/done" "everything installed" ""
if [ -s "$tmp/done/out" ]; then fail "everything installed: output"; cat "$tmp/done/out"; else pass; fi

# on this machine, where make test runs, everything is there
if out=$(sh scripts/deps.sh 2>&1) && [ -z "$out" ]; then pass; else fail "deps.sh on this machine is not a silent no-op: $out"; fi
finish
