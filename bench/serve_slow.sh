#!/usr/bin/env bash
# bench/serve_slow.sh — the web server while slow and idle clients hold connections (issue #15).
#
#   bench/serve_slow.sh [MB] [SECONDS] [BIN_DIR...]    (defaults: 200 MB, 20 s, build/release)
#
# Serves bench/search.sh's database (build/bench/search-MBmb.db, made here the
# same way when missing) with the default --threads 8, and puts 100 clients on
# it at once for SECONDS:
#   20 slow ones (bash, /dev/tcp), started first and kept up all along:
#      10 send a request of 200 bytes a byte a second; when the server cuts one
#         off, it connects again and starts over;
#      10 idle keep-alive ones: a request, its answer read, then silence until
#         the server closes the connection; then again;
#   80 fast ones: wrk -t2 -c80, each connection asking the next of six
#      /search?q=… pages as soon as it has its answer (each query ranked once
#      before, as a server that has run a while has them).
# Reports for the fast requests: how many were answered, their latency p50,
# p99 and max, wrk's timeouts (a request seen unanswered after 30 s, counted
# every 2 s while it waits) and errors, and whether every one was answered
# within 1 s; and how the slow senders fared. Then the same 80 fast clients
# alone, as the floor. Each BIN_DIR (holding ombudsmine and ombudsmine-serve)
# is run in turn, so an old and a new server can be compared in one run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib.sh"
omb_install_deps wrk curl
mb="${1:-200}"; secs="${2:-20}"
bins=("${@:3}"); [ ${#bins[@]} -gt 0 ] || bins=("$root/build/release")
work="$root/build/bench"; db="$work/search-${mb}mb.db"
for b in "${bins[@]}"; do
  [ -x "$b/ombudsmine" ] && [ -x "$b/ombudsmine-serve" ] || { echo "no ombudsmine and ombudsmine-serve in $b (build first: scripts/demo)" >&2; exit 2; }
done
if [ ! -f "$db" ]; then  # as bench/search.sh makes it
  gen="${bins[0]}/omb_gen_archive"; arch="$work/archive-${mb}mb"
  mkdir -p "$work"
  [ -d "$arch" ] || { [ -x "$gen" ] || { echo "no database $db: run bench/search.sh $mb first" >&2; exit 2; }
                      "$gen" --out "$arch" --mb "$mb" --files $((mb * 20)); }
  echo "ingesting $arch into $db ..." >&2
  "${bins[0]}/ombudsmine" -q --db "$db" ingest "$arch"
fi
tmp=$(mktemp -d /tmp/omb-serve-slow-XXXXXX)
server=""; slow_pids=()
stop_slow() { for p in "${slow_pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${slow_pids[@]}" 2>/dev/null || true; slow_pids=(); }
stop_server() { [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; server=""; }
trap 'stop_slow; stop_server; rm -rf "$tmp"' EXIT

searches=(
  "/search?q=klantmanager+excuses"
  "/search?q=%22geen+reactie%22"
  "/search?q=bejegening&afdeling=Werk+en+Re-integratie"
  "/search?q=klacht&year=2016"
  "/search?q=schuldhulpverlening"
  "/search?q=communicatie&page=2"
)
{ echo "local paths = {"; for p in "${searches[@]}"; do echo "  \"$p\","; done; echo "}"
  cat <<'EOF'
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
done = function(summary, latency, requests)
  -- the share of answers over 1 s: the percentile where latency crosses it
  local lo, hi = 0, 100
  if latency.max <= 1000000 then lo = 100 else
    for _ = 1, 40 do local mid = (lo + hi) / 2
      if latency:percentile(mid) > 1000000 then hi = mid else lo = mid end end
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.1f %.1f %d %d %d %.2f\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.timeout, e.connect + e.read + e.write, e.status, 100 - lo))
end
EOF
} >"$tmp/rotation.lua"

# slow_sender N: a 200-byte request a byte a second, over and over; each time
# the server ends the connection first, a line "cut SECONDS" in slow.N.
slow_sender() {
  set +e; trap '' PIPE
  local req fd i t0 line rc
  req=$'GET /search?q=klacht HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '"$(printf 'a%.0s' $(seq 150))"$'\r\n\r\n'
  while :; do
    exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { sleep 1; continue; }
    t0=$SECONDS
    for ((i = 0; i < ${#req}; i++)); do
      printf '%s' "${req:i:1}" >&"$fd" 2>/dev/null || break
      read -t 1 -r -u "$fd" line; rc=$?
      ((rc > 128)) || break  # not a timeout: the server answered or closed
    done
    if ((i < ${#req})); then echo "cut $((SECONDS - t0))" >>"$tmp/slow.$1"; else echo "whole" >>"$tmp/slow.$1"; fi
    exec {fd}>&-
  done
}
# idle_client: a request, its answer, then silence until the server closes; again.
idle_client() {
  set +e
  local fd line
  while :; do
    exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { sleep 1; continue; }
    printf 'GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd" 2>/dev/null || true
    while read -t 120 -r -u "$fd" line; do :; done
    exec {fd}>&-
  done
}

fast() {  # fast TITLE: 80 wrk connections for $secs; one line of figures
  local r
  r=$(wrk -t2 -c80 -d"${secs}s" --timeout 30s -s "$tmp/rotation.lua" "http://127.0.0.1:$port" | grep '^RESULT') || true
  read -r _ n p50 p99 max tmo err non2xx over <<<"${r:-RESULT 0 0 0 0 0 0 0 0}"
  local ok=no
  [ "$n" -gt 0 ] && [ "$tmo" -eq 0 ] && [ "$err" -eq 0 ] && [ "$non2xx" -eq 0 ] && awk "BEGIN{exit !($max < 1000)}" && ok=yes
  printf '%-44s %9s %9s %9s %10s %9s %7s %7s  %s\n' "$1" "$n" "$p50" "$p99" "$max" "$over" "$tmo" "$((err + non2xx))" "$ok"
}

echo "== ${secs} s per run; fast = wrk -t2 -c80 over six search pages (warm); the server: --threads 8"
printf '%-44s %9s %9s %9s %10s %9s %7s %7s  %s\n' "" answered "p50 ms" "p99 ms" "max ms" "% > 1 s" timeouts errors "all < 1 s"
for b in "${bins[@]}"; do
  port=$(( 20000 + RANDOM % 20000 ))
  "$b/ombudsmine" --db "$db" serve --port "$port" --threads 8 2>/dev/null &
  server=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/nothing" && break; sleep 0.1; done
  for p in "${searches[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$port$p"; done  # each ranked once
  rm -f "$tmp"/slow.*
  for n in $(seq 10); do slow_sender "$n" & slow_pids+=($!); done
  for n in $(seq 10); do idle_client & slow_pids+=($!); done
  sleep 3  # all 20 connected and holding on
  fast "$b: 80 fast + 20 slow"
  stop_slow
  cuts=$({ cat "$tmp"/slow.* 2>/dev/null || true; } | awk '$1 == "cut" {n++; s += $2} $1 == "whole" {w++}
    END {printf "%d cut off (after %.1f s on average), %d sent whole", n, n ? s / n : 0, w}')
  echo "    slow senders during the run: $cuts"
  sleep 6  # what they held is let go (old server: keep-alive 5 s)
  fast "$b: 80 fast alone"
  stop_server
done
