#!/usr/bin/env bash
# bench/normalize.sh — throughput of `ombudsmine normalize` alone, MB/s per core.
#
#   bench/normalize.sh [MB] [RUNS]      (defaults: 200 MB, 3 runs)
#
# Normalises the 200 MB single-file archive (omb_gen_archive --single, the
# same text as the ingest benchmark's archive) with one process on one core,
# and, in the same run, `cat` of the same file as the I/O floor.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-3}"
bin="$root/build/release"; work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
single="$work/single-${mb}mb.txt"
[ -f "$single" ] || "$bin/omb_gen_archive" --single "$single" --mb "$mb"
bytes=$(stat -c %s "$single")
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
nt=(); ct=()
for i in $(seq "$runs"); do
  s=$( { /usr/bin/time -f "%e" taskset -c 0 cat "$single" >/dev/null; } 2>&1 ); ct+=("$s")
  s=$( { /usr/bin/time -f "%e" taskset -c 0 "$bin/ombudsmine" normalize "$single" >/dev/null; } 2>&1 ); nt+=("$s")
  echo "run $i: cat ${ct[-1]} s, normalize ${nt[-1]} s" >&2
done
mn=$(median "${nt[@]}"); mc=$(median "${ct[@]}")
awk -v n="$mn" -v c="$mc" -v b="$bytes" 'BEGIN {
  printf "normalize %.1f MB on one core: %.2f s = %.1f MB/s per core (cat: %.2f s)\n", b/1e6, n, b/1e6/n, c }'
