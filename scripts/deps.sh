#!/bin/sh
# Install the Debian packages the project needs, only those missing; the
# first command of the README's quick start, so it needs nothing but a
# POSIX sh, dpkg and apt-get (make itself is among what it installs).
# Uses sudo when not root (root needs no sudo).  Runs apt-get update only
# when the install fails without it (a fresh system has no package lists).
# Does nothing, silently, when everything is installed.
#   sh scripts/deps.sh        what building and `make test` need (python3-yaml:
#                             tests/cli/ci_examples.sh parses the CI examples;
#                             man-db, groff-base: the manual pages rendered)
#   sh scripts/deps.sh fuzz   that, plus what `make fuzz` and .ci/run use:
#                             clang and its sanitizer/libFuzzer runtimes,
#                             valgrind, wrk (mock load test), openssl (TLS test),
#                             chromium (the HTML report rendered headless)
set -e
PKGS="make build-essential pkg-config libcjson-dev libpcre2-dev libcurl4-openssl-dev libmicrohttpd-dev libxml2-utils python3-yaml man-db groff-base"
FUZZ_PKGS="clang libclang-rt-14-dev valgrind wrk openssl chromium"
case "${1:-}" in
    "") ;;
    fuzz) PKGS="$PKGS $FUZZ_PKGS" ;;
    *) echo "usage: sh scripts/deps.sh [fuzz]" >&2; exit 2 ;;
esac
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: missing packages:$missing (not root and no sudo: run this as root)" >&2; exit 1; fi
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
fi
