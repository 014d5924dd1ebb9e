#!/usr/bin/env bash
# Bounded fuzzing of every reader and of extraction: each cargo-fuzz target runs for
# FUZZ_SECONDS (default 30) seeded with the corpus and the test fixtures. A crash fails the run;
# libFuzzer leaves the input in fuzz/artifacts/<target>/ — keep it as a regression test
# (crates/yusuan-read/tests/fixtures/fuzz/ and tests/fuzz_regressions.rs).
#
# Only a stable toolchain is assumed: RUSTC_BOOTSTRAP=1 lets it take the flags cargo-fuzz
# passes, and the fuzzers are built without a sanitizer (`--sanitizer none`): panics, aborts,
# timeouts and memory past -rss_limit_mb are caught, memory errors in C code are not.
#
#   scripts/fuzz.sh                 # every target, FUZZ_SECONDS each
#   FUZZ_SECONDS=3600 scripts/fuzz.sh read_html
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
all=(read_text read_pdf read_docx read_xlsx read_html extract_lines extract)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Seeds: the real documents of each kind (libFuzzer adds what it finds in the same folder).
seed() {
  local target="$1"; shift
  local dir="fuzz/corpus/$target"
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$dir/" 2>/dev/null || true
  done
}
shopt -s nullglob
regressions=(crates/yusuan-read/tests/fixtures/fuzz/*)
seed read_text corpus/seeds/*.txt corpus/shanghai/text/*.txt "${regressions[@]}"
seed read_pdf corpus/shanghai/pdf/putuo-welfare-home-2024-unit-budget.pdf \
  corpus/shanghai/pdf/shanghai-final-accounts-TEMPLATE.pdf crates/yusuan-read/tests/fixtures/*.pdf "${regressions[@]}"
seed read_docx corpus/formats/*.docx "${regressions[@]}"
seed read_xlsx corpus/formats/*.xlsx corpus/formats/*.xls "${regressions[@]}"
seed read_html corpus/formats/*.html "${regressions[@]}"
seed extract_lines corpus/seeds/*.txt corpus/shanghai/text/*.txt
seed extract corpus/seeds/*.txt corpus/shanghai/text/*.txt

# OCR runs tesseract per scanned page: one page per input keeps a run fast.
export YUSUAN_OCR_MAX_PAGES="${YUSUAN_OCR_MAX_PAGES:-1}" YUSUAN_READ_TIMEOUT="${YUSUAN_READ_TIMEOUT:-20}"

echo "== building the fuzz targets"
cargo fuzz build --sanitizer none

status=0
for t in "${targets[@]}"; do
  echo "== fuzz $t (${seconds}s)"
  log="fuzz/artifacts/$t.log"
  mkdir -p "fuzz/artifacts/$t"
  if cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=1048576 \
      -print_final_stats=1 >"$log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | tr '\n' ' '; echo
  else
    echo "fuzz $t failed: see $log and fuzz/artifacts/$t/" >&2
    tail -n 30 "$log" >&2
    status=1
  fi
done
exit $status
