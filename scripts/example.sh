#!/usr/bin/env bash
# The main job on the bundled example documents: builds yusuan and extracts every text document
# of corpus/ (Hebei seeds and Shanghai budgets and final accounts), printing the tables found.
# Needs only a Rust toolchain (cargo) on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
cargo build --release --locked --bin yusuan
out="${1:-target/example}"
mkdir -p "$out"
./target/release/yusuan extract corpus/seeds corpus/shanghai/text --format json > "$out/disclosures.json"
./target/release/yusuan extract corpus/seeds corpus/shanghai/text --format text > "$out/disclosures.txt"
echo "extracted $(grep -c '^== ' "$out/disclosures.txt") documents: $out/disclosures.json, $out/disclosures.txt"
grep -E '^(== |department: )' "$out/disclosures.txt"
