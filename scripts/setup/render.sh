#!/usr/bin/env bash
# What `yusuan render --format pdf` needs: headless Chromium to print the HTML, and CJK fonts
# (Noto CJK, WenQuanYi) for it to embed. Debian packages, installed as root or through sudo;
# idempotent: installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/apt.sh"

need=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && [ -z "${YUSUAN_CHROMIUM:-}" ]; then
  need+=(chromium)
fi
for pkg in fonts-noto-cjk fonts-wqy-zenhei; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    need+=("$pkg")
  fi
done
if ! command -v pdftoppm >/dev/null 2>&1; then
  need+=(poppler-utils) # pdftoppm: page images of the rendered PDF, to look at them
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing ${need[*]} and no apt-get to install them; set YUSUAN_CHROMIUM to a Chromium binary" >&2
  exit 2
fi
apt_install "${need[@]}"
