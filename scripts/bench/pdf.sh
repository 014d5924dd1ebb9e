#!/usr/bin/env bash
# PDF reading speed in one run: yusuan-read (criterion, text layer and OCR) and pdfplumber on the
# same corpus PDFs. Prints pages per second for each.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup/pdfium.sh
bash scripts/setup/ocr.sh
cargo bench -p yusuan-read --bench pdf -- --noplot 2>&1 | grep -E "^pdf/|thrpt"
python3 scripts/bench/plumber_bench.py 3
