#!/usr/bin/env bash
# The whole test suite, from a fresh checkout: formatting, lints, every test of every crate.
# Installs what it needs; needs only a Rust toolchain (cargo) on the machine.
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

# Snapshots are reviewed by people: the test run never writes them.
export INSTA_UPDATE=no
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Rendering PDFs (Chromium, CJK fonts) and reading them back (pdfium).
bash scripts/setup/render.sh
bash scripts/setup/pdfium.sh

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
