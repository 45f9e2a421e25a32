#!/usr/bin/env bash
# bench/extract_dense.sh — extraction on dense text (issue #15): is the time
# linear in the text's size however close together the hits are?
#
#   bench/extract_dense.sh [SHAPE...]      (default: line lines table)
#
# (prose, wrapped lines without a blank line, is left out by default: at
# 50 MB the normaliser, before extraction, takes minutes on its one
# paragraph; give SIZES="1 4" to time it.)
#
# Environment:
#   OMB_BIN=DIR       binaries to time (default build/release)
#   OMB_BASE_BIN=DIR  a second build to time beside it (the baseline), on the
#                     sizes in BASE_SIZES only (before #15 a 50 MB line took
#                     over 300 s)
#   SIZES="1 4 50"    MB of text per shape;  BASE_SIZES="1 4"
#   RUNS=3            runs per figure (the median is shown)
#
# For each shape and size, omb_gen_archive --dense SHAPE makes one file
# (cached in build/bench/dense/); omb_bench_extract normalises it once (not
# timed) and times Extractor::extract RUNS times on one core (taskset -c 0);
# `ombudsmine extract --json` is timed end to end (load, read, normalise,
# extract, print) RUNS times. The times are CPU seconds (medians): the
# thread's for extract, user + system for the command, so that other work on
# a shared machine does not count. Prints them, the peak RSS of the command,
# and each size's time over the previous size's with the size ratio beside
# it: linear time gives ratios near the size ratio.
# Targets (#15): 4 MB within 4.5x of 1 MB, 50 MB within 15x of 4 MB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(cd "${OMB_BIN:-$root/build/release}" && pwd)"
base="${OMB_BASE_BIN:-}"
[ -n "$base" ] && base="$(cd "$base" && pwd)"
sizes="${SIZES:-1 4 50}"; base_sizes="${BASE_SIZES:-1 4}"; runs="${RUNS:-3}"
shapes=("$@"); [ ${#shapes[@]} -gt 0 ] || shapes=(line lines table)
work="$root/build/bench/dense"; mkdir -p "$work"
for b in "$bin" ${base:+"$base"}; do
  for p in ombudsmine omb_bench_extract; do
    [ -x "$b/$p" ] || { echo "no $b/$p: build it first (cmake --build $b)" >&2; exit 2; }
  done
done
[ -x "$bin/omb_gen_archive" ] || { echo "no $bin/omb_gen_archive" >&2; exit 2; }

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# extract_s BIN DIR: median CPU seconds of Extractor::extract over RUNS runs
# (wall seconds from an omb_bench_extract that does not print extract_cpu).
extract_s() {
  taskset -c 0 "$1/omb_bench_extract" "$2" "$runs" --dictionaries "$root/dictionaries" |
    awk '$1 == "extract" {w = $2} $1 == "extract_cpu" {c = $2} END {print (c != "" ? c : w)}'
}
# cli_s BIN FILE: median CPU seconds (user + system) of `ombudsmine extract
# --json`, and the largest peak RSS (MB).
cli_s() {
  local t rss=0 times=()
  for ((i = 0; i < runs; i++)); do
    t=$( { /usr/bin/time -f "%U %S %M" taskset -c 0 "$1/ombudsmine" --dictionaries "$root/dictionaries" extract --json "$2" > /dev/null; } 2>&1 | tail -1)
    read -r u sy m <<< "$t"
    times+=("$(awk -v u="$u" -v s="$sy" 'BEGIN {print u + s}')"); m=$(( m / 1024 )); (( m > rss )) && rss=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }

printf '%-6s %6s  %-9s %10s %7s %9s %10s %8s  %s\n' shape MB binary extract_s ratio cli_s cli_ratio rss_MB "(size ratio)"
for shape in "${shapes[@]}"; do
  for who in new ${base:+base}; do
    b="$bin"; [ "$who" = base ] && b="$base"
    prev_mb="" prev_x="" prev_c=""
    for mb in $sizes; do
      if [ "$who" = base ] && ! [[ " $base_sizes " == *" $mb "* ]]; then continue; fi
      d="$work/$shape-${mb}mb"
      if [ ! -f "$d/dense.txt" ]; then
        mkdir -p "$d"; "$bin/omb_gen_archive" --dense "$shape" --single "$d/dense.txt" --mb "$mb"
      fi
      x=$(extract_s "$b" "$d")
      read -r c rss < <(cli_s "$b" "$d/dense.txt")
      xr="" cr="" sr=""
      if [ -n "$prev_mb" ]; then xr=$(ratio "$x" "$prev_x"); cr=$(ratio "$c" "$prev_c"); sr="(${mb}/${prev_mb} MB = $(ratio "$mb" "$prev_mb"))"; fi
      printf '%-6s %6s  %-9s %10s %7s %9s %10s %8s  %s\n' "$shape" "$mb" "$who" "$x" "$xr" "$c" "$cr" "$rss" "$sr"
      prev_mb=$mb prev_x=$x prev_c=$c
    done
  done
done
