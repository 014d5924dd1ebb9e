#!/usr/bin/env bash
# End-to-end test of the web app in headless Chromium: builds yusuan, starts `yusuan serve` on a
# free loopback port with a fresh library (and a second, read-only one), uploads the corpus
# through the page, reviews and exports, and saves screenshots under target/e2e-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/setup/browser.sh >/dev/null

web=crates/yusuan-web/web
if [ ! -d "$web/node_modules/playwright-core" ]; then
  (cd "$web" && npm ci --no-audit --no-fund >/dev/null)
fi

cargo build -p yusuan --locked
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target_dir/debug/yusuan"
artifacts="$root/target/e2e-artifacts"
rm -rf "$artifacts" && mkdir -p "$artifacts"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a server on a free port in the background; `wait_url LOG` prints its base URL.
start() {
  local log=$1; shift
  "$bin" serve --addr 127.0.0.1:0 "$@" >/dev/null 2>"$log" &
  pids+=($!)
}
wait_url() {
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 || true)
    [ -n "$url" ] && { echo "$url"; return; }
    sleep 0.1
  done
  echo "error: server did not start:" >&2; cat "$1" >&2; exit 1
}

token="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start "$work/serve.log" --db "$work/library.sqlite" --token "$token"
start "$work/serve-ro.log" --db "$work/readonly.sqlite"
# A library whose stored names are markup. The readers drop markup from documents, so the
# hostile department and row names are written into the stored model, as a library filled by an
# older or another tool could hold them; the page must show them as text.
hostile_dept='<img src=x onerror=alert(1)><b>x</b>'
hostile_row='<img src=y onerror=alert(2)><i>住房保障支出</i>'
"$bin" ingest --db "$work/hostile.sqlite" "$root/corpus/seeds/000_58134781a689c5f0.txt" >/dev/null 2>&1
sqlite3 "$work/hostile.sqlite" "UPDATE documents SET model_json = replace(replace(model_json, '邯郸市住房保障和房产管理局', '$hostile_dept'), '\"住房保障支出\"', '\"$hostile_row\"'); UPDATE departments SET name = '$hostile_dept';"
start "$work/serve-hostile.log" --db "$work/hostile.sqlite"
base=$(wait_url "$work/serve.log")
readonly_base=$(wait_url "$work/serve-ro.log")
hostile_base=$(wait_url "$work/serve-hostile.log")
head -c 4096 /dev/urandom > "$work/scan.bin"
printf '\x00\x01' >> "$work/scan.bin"

# The OpenAPI document the server serves is valid OpenAPI 3.
python3 -c 'import openapi_spec_validator' 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check openapi-spec-validator >/dev/null 2>&1 \
  || python3 -m pip install -q --disable-pip-version-check --break-system-packages openapi-spec-validator >/dev/null
curl -sf "$base/api/openapi.json" > "$work/openapi.json"
python3 -c 'import json,sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print("openapi.json: valid OpenAPI", json.load(open(sys.argv[1]))["openapi"])' "$work/openapi.json"

files=$(ls "$root"/corpus/seeds/*.txt "$root"/corpus/shanghai/text/*.txt | tr '\n' ' ')
(cd "$web" && BASE_URL="$base" TOKEN="$token" ARTIFACTS="$artifacts" FILES="$files" \
  BAD_FILE="$work/scan.bin" READONLY_URL="$readonly_base" \
  HOSTILE_URL="$hostile_base" HOSTILE_DEPT="$hostile_dept" HOSTILE_ROW="$hostile_row" node e2e/run.mjs)
echo "screenshots: $artifacts"
