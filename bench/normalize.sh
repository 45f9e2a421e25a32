#!/usr/bin/env bash
# bench/normalize.sh — throughput of `ombudsmine normalize` alone, MB/s per core.
#
#   bench/normalize.sh [MB] [RUNS]      (defaults: 200 MB, 3 runs)
#   OMB_BASE=DIR bench/normalize.sh …   also times DIR/ombudsmine (an older
#                                       build), alternating run by run, and
#                                       prints the ratio of the medians
#
# Normalises the single-file archive (omb_gen_archive --single, the same text
# as the ingest benchmark's archive) with one process on one core, and, in the
# same run, `cat` of the same file as the I/O floor.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-3}"
bin="$root/build/release"; work="$root/build/bench"
base="${OMB_BASE:-}"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
[ -z "$base" ] || [ -x "$base/ombudsmine" ] || { echo "OMB_BASE=$base has no ombudsmine" >&2; exit 2; }
single="$work/single-${mb}mb.txt"
[ -f "$single" ] || "$bin/omb_gen_archive" --single "$single" --mb "$mb"
bytes=$(stat -c %s "$single")
dicts="$root/dictionaries"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() { { /usr/bin/time -f "%e" taskset -c 0 "$@" >/dev/null; } 2>&1; }
nt=(); ct=(); bt=()
for i in $(seq "$runs"); do
  ct+=("$(timed cat "$single")")
  nt+=("$(timed "$bin/ombudsmine" --dictionaries "$dicts" normalize "$single")")
  line="run $i: cat ${ct[-1]} s, normalize ${nt[-1]} s"
  if [ -n "$base" ]; then
    bt+=("$(timed "$base/ombudsmine" --dictionaries "$dicts" normalize "$single")")
    line="$line, base ${bt[-1]} s"
  fi
  echo "$line" >&2
done
mn=$(median "${nt[@]}"); mc=$(median "${ct[@]}")
awk -v n="$mn" -v c="$mc" -v b="$bytes" 'BEGIN {
  printf "normalize %.1f MB on one core: %.2f s = %.1f MB/s per core (cat: %.2f s)\n", b/1e6, n, b/1e6/n, c }'
if [ -n "$base" ]; then
  mb_=$(median "${bt[@]}")
  awk -v n="$mn" -v o="$mb_" -v b="$bytes" 'BEGIN {
    printf "base     %.1f MB on one core: %.2f s = %.1f MB/s per core; new/base %.2f x\n", b/1e6, o, b/1e6/o, n/o }'
fi
