#!/usr/bin/env bash
# Bounded load test of the web app on loopback: a release `yusuan serve` over a fresh SQLite
# library holding the text corpus, then wrk with 50 connections for 30 s spread over the read
# pages and the API (index, status, library list and filters, a document with its model,
# its source, its findings, analysis, indicator search, the script bundle).
# Prints wrk's latency percentiles and the error count (socket errors + non-2xx answers).
# Usage: bash scripts/bench/load.sh [DURATION=30s] [CONNECTIONS=50]
# PROFILE=debug uses the development build instead of a release build; YUSUAN_BIN=PATH an
# already built binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-30s}
connections=${2:-50}
if ! command -v wrk >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null; }
fi
profile=${PROFILE:-release}
if [ -n "${YUSUAN_BIN:-}" ]; then
  bin=$YUSUAN_BIN
else
  if [ "$profile" = release ]; then cargo build --release -p yusuan --locked; else cargo build -p yusuan --locked; fi
  target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  bin="$target_dir/$profile/yusuan"
fi
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
token=bench-token
"$bin" serve --addr 127.0.0.1:0 --db "$work/library.sqlite" --token "$token" >/dev/null 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; exit 1; }

# Fill the library through the API.
args=()
for f in corpus/seeds/*.txt corpus/shanghai/text/*.txt; do args+=(-F "file=@$f"); done
for ((i = 0; i < ${#args[@]}; i += 20)); do
  curl -sf -H "X-Yusuan-Token: $token" "${args[@]:i:20}" "$base/api/documents" >/dev/null
done
id=$(curl -sf "$base/api/documents" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(max(d, key=lambda x: x["errors"]+x["warnings"])["id"])')
dept=$(curl -sf "$base/api/documents/$id" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["summary"]["department"]))')
bundle=$(curl -sf "$base/" | grep -o '/assets/index-[^"]*\.js' | head -1)
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("满意度"))')
cat > "$work/paths.lua" <<LUA
local paths = {
  "/", "/api/status", "/api/documents", "/api/documents?department=$dept", "/api/documents?year=2025",
  "/api/documents/$id", "/api/documents/$id/source", "/api/findings?document_id=$id",
  "/api/findings?severity=error", "/api/analysis", "/api/indicators?q=$q", "$bundle", "/api/rules",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, socket errors %d (connect %d, read %d, write %d, timeout %d), non-2xx %d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max %.2f ms, mean %.2f ms\n", latency.max / 1000, latency.mean / 1000))
end
LUA
wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/paths.lua" "$base"
