#!/usr/bin/env bash
# Installs OCR for scanned PDF pages: tesseract with the simplified-Chinese data (Debian packages
# tesseract-ocr, tesseract-ocr-chi-sim). Idempotent.
set -euo pipefail

if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing tesseract needs root (apt-get install tesseract-ocr tesseract-ocr-chi-sim)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim
