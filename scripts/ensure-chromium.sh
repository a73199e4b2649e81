#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium through playwright-core; no tool may download its own browser.
# Installs it with apt when missing and we are root (CI, fresh machines); otherwise explains what to do.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests (one time)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/apt-chromium.log 2>&1 \
    || { echo "apt-get install chromium failed, see /tmp/apt-chromium.log" >&2; exit 1; }
  exit 0
fi
echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
