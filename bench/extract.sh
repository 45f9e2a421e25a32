#!/usr/bin/env bash
# bench/extract.sh — extraction throughput on the generated archive, MB/s per core.
#
#   bench/extract.sh [MB] [RUNS]      (defaults: 200 MB, 3 runs)
#
# Uses the ingest benchmark's archive (omb_gen_archive --out DIR --mb MB,
# cached in build/bench/). omb_bench_extract normalises every file once (not
# timed), then on one core (taskset -c 0), alternating RUNS times: the fold
# pass alone (the floor every rule set pays) and Extractor::extract with all
# dictionaries loaded. Prints medians in MB/s of normalised text.
#
#   OMB_BASE=DIR bench/extract.sh …   also runs DIR/omb_bench_extract (an older
#                                      build), alternating with this one, RUNS
#                                      times each, and prints both medians and
#                                      their ratio (the extraction's seconds).
#   OMB_BASE_DICTIONARIES=DIR …       the base's own dictionaries (default:
#                                      this tree's; an older binary may not
#                                      read keys a newer rule file has)
set -euo pipefail
shopt -s inherit_errexit  # a failing run inside $(...) stops the script
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-3}"
[[ "$mb" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/extract.sh [MB] [RUNS] (whole numbers from 1)" >&2; exit 2; }
bin="$root/build/release"; work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/omb_bench_extract" ] || { echo "build first: scripts/demo (or cmake --build build/release)" >&2; exit 2; }
arch="$work/archive-${mb}mb"
if [ ! -d "$arch" ]; then
  echo "generating $arch ..." >&2
  "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
fi
base="${OMB_BASE:-}"
if [ -z "$base" ]; then
  taskset -c 0 "$bin/omb_bench_extract" "$arch" "$runs" --dictionaries "$root/dictionaries"
  exit 0
fi
[ -x "$base/omb_bench_extract" ] || { echo "OMB_BASE=$base has no omb_bench_extract" >&2; exit 2; }
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
base_dicts="${OMB_BASE_DICTIONARIES:-$root/dictionaries}"
[ -d "$base_dicts" ] || { echo "OMB_BASE_DICTIONARIES=$base_dicts is no directory" >&2; exit 2; }
seconds() {  # the extraction's seconds, of build $1 with dictionaries $2; keeps the output in $out
  taskset -c 0 "$1/omb_bench_extract" "$arch" 1 --dictionaries "$2" >"$out"
  local t
  t=$(awk '/^extract /{print $2}' "$out")
  [[ "$t" =~ ^[0-9.]+$ ]] || { echo "$1/omb_bench_extract gave no extraction time:" >&2; cat "$out" >&2; exit 1; }
  echo "$t"
}
new=() old=()
for ((i = 1; i <= runs; i++)); do
  new+=("$(seconds "$bin" "$root/dictionaries")")
  mb_text=$(awk '/normalised text/{print $3}' "$out")
  old+=("$(seconds "$base" "$base_dicts")")
  echo "run $i: extract ${new[-1]} s, base ${old[-1]} s"
done
median() { printf '%s\n' "$@" | LC_ALL=C sort -n | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mn=$(median "${new[@]}") mo=$(median "${old[@]}")
awk -v n="$mn" -v o="$mo" -v mb="$mb_text" 'BEGIN{printf "median: extract %.2f s (%.1f MB/s), base %.2f s (%.1f MB/s): %.3f x the time\n", n, mb/n, o, mb/o, n/o}'
