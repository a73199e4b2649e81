#!/usr/bin/env bash
# ensure-debian-package.sh <executable> <package>: the tests use a few of Debian's programs (Chromium for the
# end-to-end tests, faketime for the clock runs); no tool may download its own. Installs <package> with apt when
# <executable> is missing and we are root (CI, fresh machines); otherwise says what to do.
set -euo pipefail
executable=$1 package=$2
if [ -x "$executable" ] || command -v "$executable" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's $package for the tests (one time)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package") >"/tmp/apt-$package.log" 2>&1 \
    || { echo "apt-get install $package failed, see /tmp/apt-$package.log" >&2; exit 1; }
  exit 0
fi
echo "$executable not found: install it (sudo apt-get install $package)." >&2
exit 1
