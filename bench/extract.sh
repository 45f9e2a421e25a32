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
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-3}"
bin="$root/build/release"; work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/omb_bench_extract" ] || { echo "build first: scripts/demo (or cmake --build build/release)" >&2; exit 2; }
arch="$work/archive-${mb}mb"
if [ ! -d "$arch" ]; then
  echo "generating $arch ..." >&2
  "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
fi
taskset -c 0 "$bin/omb_bench_extract" "$arch" "$runs" --dictionaries "$root/dictionaries"
