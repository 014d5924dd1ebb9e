#!/usr/bin/env bash
# The whole test suite, from a fresh checkout: formatting, lints, every test of every crate, the
# web app end to end. Installs what it needs (scripts/setup/: Debian packages as root or through
# sudo); needs a Rust toolchain (cargo), python3 with pip and network access to the package
# registries. Each crate is compiled once for clippy and once for the tests (debug profile); the
# end-to-end test runs the binary of the test build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

# Native tools the PDF reader uses: pdfium (PDF engine) and tesseract (OCR of scanned pages).
bash scripts/setup/pdfium.sh
bash scripts/setup/ocr.sh

# Snapshots are reviewed by people: the test run never writes them.
export INSTA_UPDATE=no
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Rendering PDFs (Chromium, CJK fonts; read back with pdfium, installed above).
bash scripts/setup/render.sh

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The smallest build (no PDF, PostgreSQL, Parquet or web server) still compiles. `rust-version` is
# checked by clippy above (`incompatible_msrv` reads it).
echo "== cargo check --no-default-features"
cargo check -p yusuan --no-default-features --locked
# Licenses, banned duplicates and sources of the dependency tree (deny.toml); advisories need the
# network for their database and are not checked here.
echo "== cargo deny"
if ! cargo deny --version >/dev/null 2>&1; then
  cargo install cargo-deny --locked
fi
cargo deny --offline check licenses bans sources
# The library's tests run on SQLite and on a real PostgreSQL server started here, on a free
# port, and stopped (its folder removed) when this script ends, however it ends.
trap 'if declare -F yusuan_pg_stop >/dev/null; then yusuan_pg_stop; fi' EXIT
YUSUAN_PG_PORT=free . scripts/setup/postgres.sh
export YUSUAN_TEST_POSTGRES_URL YUSUAN_REQUIRE_POSTGRES=1

echo "== cargo test"
cargo test --workspace --locked
echo "== web app end to end (headless Chromium)"
# The binary the test build just made (same profile and features): nothing is compiled again.
YUSUAN_BIN="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/yusuan" \
  bash scripts/e2e.sh
