#!/usr/bin/env bash
# Headless Chromium for the web app's end-to-end tests (and its PDF export), Chinese fonts so pages render readable
# type, and Node.js/npm to run the Playwright driver. Idempotent; installs as root or through sudo.
set -euo pipefail
. "$(dirname "$0")/apt.sh"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v curl >/dev/null 2>&1 || need+=(curl)
if ((${#need[@]})); then
  apt_install "${need[@]}"
fi
chromium --version 2>/dev/null
