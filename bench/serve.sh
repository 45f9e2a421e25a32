#!/usr/bin/env bash
# bench/serve.sh — the web search page under load: wrk on loopback, 8 connections.
#
#   bench/serve.sh [MB] [SECONDS]      (defaults: 200 MB, 20 s per URL)
#   OMB_BIN=DIR bench/serve.sh …       (the binaries of DIR, e.g. an older build, instead of build/release)
#
# Serves bench/search.sh's database (build/bench/search-MBmb.db) with the
# Release binary and runs wrk (Debian's, installed here if missing) with 2
# threads and 8 connections:
#   cold    a rotation of six search pages with the result cache off
#           (--cache 0): every request finds, ranks and counts its hits
#           (after one search outside the rotation has read the catalog);
#   warm    the same rotation with the cache, each query ranked once before;
#   paging  pages 1-10 of one query, the cache empty at the start;
#   one query, and the static 404 page (the server's own floor).
# Prints requests/s and the latency distribution (p50, p90, p99) of each.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"
omb_install_deps wrk curl
mb="${1:-200}"; secs="${2:-20}"
bin="${OMB_BIN:-$root/build/release}"; db="$root/build/bench/search-${mb}mb.db"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
[ -f "$db" ] || { echo "no database $db: run bench/search.sh $mb first" >&2; exit 2; }
port=$(( 20000 + RANDOM % 20000 ))
server=""
start() {  # start [serve options...]: (re)start the server
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  "$bin/ombudsmine" --db "$db" serve --port "$port" --threads 8 "$@" 2>/dev/null &
  server=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/nothing" && return; sleep 0.1; done
}
trap '[ -n "$server" ] && kill $server 2>/dev/null' EXIT
rotation() {  # rotation FILE PATH...: a wrk script that asks the paths in turn
  { echo "local paths = {"; for p in "${@:2}"; do echo "  \"$p\","; done
    echo "}"; echo "local i = 0"
    echo 'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'; } >"$1"
}
run() {  # run TITLE SECONDS [wrk args...]
  echo "== $1"
  wrk -t2 -c8 -d"$2s" --latency "${@:3}" | grep -E "50%|90%|99%|Requests/sec|requests in"
}
searches=(
  "/search?q=klantmanager+excuses"
  "/search?q=%22geen+reactie%22"
  "/search?q=bejegening&afdeling=Werk+en+Re-integratie"
  "/search?q=klacht&year=2016"
  "/search?q=schuldhulpverlening"
  "/search?q=communicatie&page=2"
)
paging=()
for n in 1 2 3 4 5 6 7 8 9 10; do paging+=("/search?q=communicatie&page=$n"); done
lua_s=$(mktemp /tmp/omb-wrk-XXXXXX.lua); lua_p=$(mktemp /tmp/omb-wrk-XXXXXX.lua)
rotation "$lua_s" "${searches[@]}"; rotation "$lua_p" "${paging[@]}"
base="http://127.0.0.1:$port"

start --cache 0
# One search outside the rotation reads the server's catalog (store/catalog.h) once, as the
# first search after a start or an ingest does; its time is printed, not part of the runs.
curl -s -o /dev/null -w "== catalog read by the first search after start: %{time_total} s\n" "$base/search?q=opwarmen"
run "cold: search pages (6 queries in rotation), no result cache: every request ranks, 8 connections, ${secs}s" "$secs" -s "$lua_s" "$base"
start
for p in "${searches[@]}" "${paging[@]}"; do curl -s -o /dev/null "$base$p"; done  # each ranked once
run "warm: the same rotation with the result cache (each query ranked once before), ${secs}s" "$secs" -s "$lua_s" "$base"
start
run "paging: /search?q=communicatie pages 1-10 in turn, result cache starting empty, ${secs}s" "$secs" -s "$lua_p" "$base"
run "one query: /search?q=klantmanager+excuses, result cache, ${secs}s" "$secs" "$base/search?q=klantmanager+excuses"
run "the server's floor: a 404 page" "$(( secs / 2 ))" "$base/nothing"
rm -f "$lua_s" "$lua_p"
