#!/usr/bin/env bash
# Installs OCR for scanned PDF pages: tesseract with the simplified-Chinese data (Debian packages
# tesseract-ocr, tesseract-ocr-chi-sim), as root or through sudo. Idempotent. Exit code 2 when it
# cannot install them; yusuan still runs without OCR (a scanned page then gets a note).
set -euo pipefail
. "$(dirname "$0")/apt.sh"

if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  exit 0
fi
apt_install tesseract-ocr tesseract-ocr-chi-sim
