#!/usr/bin/env bash
# bench/serve.sh — the web search page under load: wrk on loopback, 8 connections.
#
#   bench/serve.sh [MB] [SECONDS]      (defaults: 200 MB, 20 s per URL)
#
# Serves bench/search.sh's database (build/bench/search-MBmb.db) with the
# Release binary and runs wrk (Debian's, installed here if missing) with 2
# threads and 8 connections against a rotation of search URLs and, for scale,
# the static 404 page (the server's own floor). Prints requests/s and the
# latency distribution (p50, p90, p99) per URL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"
omb_install_deps wrk
mb="${1:-200}"; secs="${2:-20}"
bin="$root/build/release"; db="$root/build/bench/search-${mb}mb.db"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
[ -f "$db" ] || { echo "no database $db: run bench/search.sh $mb first" >&2; exit 2; }
port=$(( 20000 + RANDOM % 20000 ))
"$bin/ombudsmine" --db "$db" serve --port "$port" --threads 8 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
lua=$(mktemp /tmp/omb-wrk-XXXXXX.lua)
cat >"$lua" <<'LUA'
local paths = {
  "/search?q=klantmanager+excuses",
  "/search?q=%22geen+reactie%22",
  "/search?q=bejegening&afdeling=Werk+en+Re-integratie",
  "/search?q=klacht&year=2016",
  "/search?q=schuldhulpverlening",
  "/search?q=communicatie&page=2",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
echo "== search pages (6 queries in rotation), 8 connections, ${secs}s"
wrk -t2 -c8 -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port" | sed -n '/Latency Distribution/,$p;/Requests\/sec/p' | grep -E "50%|90%|99%|Requests/sec|requests in"
echo "== one query: /search?q=klantmanager+excuses"
wrk -t2 -c8 -d"${secs}s" --latency "http://127.0.0.1:$port/search?q=klantmanager+excuses" | grep -E "50%|90%|99%|Requests/sec|requests in"
echo "== the server's floor: a 404 page"
wrk -t2 -c8 -d"$(( secs / 2 ))s" --latency "http://127.0.0.1:$port/nothing" | grep -E "50%|90%|99%|Requests/sec|requests in"
rm -f "$lua"
