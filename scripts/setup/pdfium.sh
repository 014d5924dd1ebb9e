#!/usr/bin/env bash
# Installs the PDF engine (libpdfium.so, from the PyPI wheel pypdfium2) where yusuan looks for it:
# $XDG_DATA_HOME/yusuan/lib (default ~/.local/share/yusuan/lib). Idempotent: does nothing when the
# pinned version is already there. Needs python3 with pip.
set -euo pipefail

PYPDFIUM2_VERSION="5.15.2" # pdfium 159.0.8149 (chromium/8149)
dest="${XDG_DATA_HOME:-$HOME/.local/share}/yusuan/lib"
stamp="$dest/libpdfium.version"

if [ -f "$dest/libpdfium.so" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$PYPDFIUM2_VERSION" ]; then
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "error: python3 not found: install python3 and pip to fetch libpdfium.so" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "pypdfium2==$PYPDFIUM2_VERSION"
wheel="$(ls "$tmp"/pypdfium2-*.whl)"
python3 - "$wheel" "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    z.extract("pypdfium2_raw/libpdfium.so", sys.argv[2])
PY
mkdir -p "$dest"
install -m 0755 "$tmp/pypdfium2_raw/libpdfium.so" "$dest/libpdfium.so"
echo "$PYPDFIUM2_VERSION" > "$stamp"
echo "installed $dest/libpdfium.so (pypdfium2 $PYPDFIUM2_VERSION)"
