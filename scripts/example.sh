#!/usr/bin/env bash
# The main job on the bundled example documents: builds yusuan (release), extracts every document
# of corpus/ (Hebei seeds; Shanghai budgets and final accounts as text and as PDF; the same
# documents as Word, Excel and HTML under corpus/formats/) and checks them against the rule
# catalogue, then stores them in the library and lists it. Writes
# target/example/{disclosures.json,disclosures.txt,findings.txt,findings.sarif,library.sqlite}.
# Needs a Rust toolchain (cargo) and python3 with pip (for the PDF engine); OCR (tesseract) is
# installed when possible but optional: no example document is a scan.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
bash scripts/setup/pdfium.sh
if ! bash scripts/setup/ocr.sh; then
  echo "note: OCR (tesseract) is not installed: scanned PDF pages will be noted, not read; the example needs none" >&2
fi
yusuan() { cargo run --quiet --release --locked --bin yusuan -- "$@"; }
cargo build --release --locked --bin yusuan
out="${1:-target/example}"
mkdir -p "$out"
docs=(corpus/seeds corpus/shanghai/text corpus/shanghai/pdf corpus/formats)
yusuan extract "${docs[@]}" --format json > "$out/disclosures.json"
yusuan extract "${docs[@]}" --format text > "$out/disclosures.txt"
# `check` exits 1 when it finds errors: that is its answer, not a failure of this script.
status=0
yusuan check "${docs[@]}" --color never > "$out/findings.txt" || status=$?
yusuan check "${docs[@]}" --format sarif > "$out/findings.sarif" || true
if [ "$status" -gt 1 ]; then
  echo "error: yusuan check could not run (exit $status)" >&2
  exit "$status"
fi
grep -E '^(== |department: )' "$out/disclosures.txt"
tail -n 1 "$out/findings.txt"
# The library: every document stored in an SQLite file, then listed from it.
yusuan ingest "${docs[@]}" --db "$out/library.sqlite"
yusuan list --db "$out/library.sqlite"
echo "written: $out/disclosures.json, $out/disclosures.txt, $out/findings.txt, $out/findings.sarif, $out/library.sqlite"
