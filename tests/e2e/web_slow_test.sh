#!/usr/bin/env bash
# Regression test for issue #15: slow and idle clients blocked `ombudsmine
# serve` for everyone. Eight clients sending a byte a second (eight being the
# default --threads), or eight idle keep-alive connections, took every thread
# of cpp-httplib's pool, so the next request waited until they let go.
#
# Starts the server with --threads 2 and opens 12 connections that give it
# nothing to work on: 4 sending a request a byte a second, 4 idle keep-alive
# connections (one request answered, then silence) and 4 that never send a
# byte. While they are open, fast requests must get their 200 and the same
# page as before, each within curl --max-time 3 (the slow ones would hold a
# thread for 45 s and more). Then each slow client must have been cut off by
# the server before its request was whole (its 45 bytes take 45 s; the server
# allows 10 s to receive a request).
#   tests/e2e/web_slow_test.sh BUILD_DIR SOURCE_DIR
# Only bash (its /dev/tcp) and curl.
set -u
build="$1"; src="$2"
omb="$build/ombudsmine"
work=$(mktemp -d /tmp/omb-web-slow-XXXXXX)
server=""
clients=()
cleanup() {
  for p in "${clients[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
pass=0; fail=0
check() {
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}
command -v curl >/dev/null || { echo "FAIL curl is not installed (scripts/test installs it)"; exit 1; }

db="$work/w.db"
"$omb" -q --db "$db" ingest "$src"/corpus/20* >/dev/null || { echo "FAIL ingest"; exit 1; }
port=$(( 20000 + RANDOM % 20000 ))
"$omb" --db "$db" serve --port "$port" --threads 2 2>"$work/serve.err" &
server=$!
for _ in $(seq 50); do grep -q "serving" "$work/serve.err" 2>/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"

# The pages as they are with nobody else connected.
pages=("/search?q=klacht" "/search?q=communicatie&page=2" "/status" "/export.csv?q=klacht")
for i in "${!pages[@]}"; do
  curl -s --max-time 10 -o "$work/before.$i" -w "%{http_code}" "$base${pages[$i]}" >"$work/before.$i.code"
done
check "before: the search page answers 200" test "$(cat "$work/before.0.code")" = 200
check "before: the search page lists hits" grep -q 'data-total="[1-9]' "$work/before.0"

# slow N: sends a 45-byte request a byte a second; writes to slow.N "cut" when
# the server ends the connection (or refuses the request) first, "answered"
# when it answered it, "whole" when all of it went out unanswered.
slow() {
  trap '' PIPE
  local req=$'GET /search?q=klacht HTTP/1.1\r\nX-Slow: 1\r\n\r\n' fd i line rc
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { echo noconnect >"$work/slow.$1"; return; }
  for ((i = 0; i < ${#req}; i++)); do
    printf '%s' "${req:i:1}" >&"$fd" 2>/dev/null || { echo cut >"$work/slow.$1"; return; }
    read -t 1 -r -u "$fd" line; rc=$?
    ((rc > 128)) && continue  # a timeout: nothing from the server yet
    case "$line" in "HTTP/1.1 200"*) echo answered ;; *) echo cut ;; esac >"$work/slow.$1"
    return
  done
  echo whole >"$work/slow.$1"
}
# idle N: one request, its answer read, then silence until the server closes.
idle() {
  local fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return
  printf 'GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
  while read -t 60 -r -u "$fd" line; do :; done
}
# silent N: connects and never sends a byte.
silent() {
  local fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return
  read -t 60 -r -u "$fd" line
}
for n in 1 2 3 4; do slow "$n" & clients+=($!); done
for n in 1 2 3 4; do silent "$n" & clients+=($!); done
for n in 1 2 3 4; do idle "$n" & clients+=($!); done
sleep 1.5  # all of them connected and holding on

for round in 1 2; do
  for i in "${!pages[@]}"; do
    code=$(curl -s --max-time 3 -o "$work/during.$i" -w "%{http_code}" "$base${pages[$i]}")
    check "round $round, 12 slow/idle connections open: ${pages[$i]} answers 200 in time ($code)" test "$code" = 200
    check "round $round: ${pages[$i]} is the page served before" cmp -s "$work/before.$i" "$work/during.$i"
  done
done
# Keep-alive between fast requests still works while they are open.
curl -s --max-time 3 -o /dev/null -o /dev/null -w "%{http_code} %{num_connects}\n" \
  "$base/status" "$base/status" >"$work/ka" 2>/dev/null
check "a fast keep-alive client: two requests, one connection" test "$(tail -1 "$work/ka")" = "200 0"

# The slow senders were cut off before their request was whole.
for _ in $(seq 40); do [ "$(cat "$work"/slow.* 2>/dev/null | wc -l)" -ge 4 ] && break; sleep 1; done
for n in 1 2 3 4; do
  check "slow sender $n: cut off by the server before its 45 bytes were sent" \
    test "$(cat "$work/slow.$n" 2>/dev/null)" = cut
done
check "the server is still running" kill -0 "$server"

echo "web_slow: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
