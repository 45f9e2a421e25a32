#!/usr/bin/env bash
# bench/ingest.sh — ingest throughput against the bare sqlite3 FTS5 floor.
#
#   bench/ingest.sh [MB] [RUNS]        (defaults: 200 MB, 3 runs)
#
# Generates a deterministic archive (cached in build/bench/), then in the same
# run, alternating: the floor (the sqlite3 shell inserting every file into a
# plain FTS5 table: insert into t select name, data from fsdir(DIR)) and
# `ombudsmine ingest` into a fresh database. Prints the median times, their
# ratio, peak resident memory (/usr/bin/time), the re-ingest time of the
# unchanged archive, and peak memory for one single file of the same size.
#   OMB_BASE=DIR bench/ingest.sh …   also ingests with DIR/ombudsmine (an older build)
#                                     in the same alternation and prints its median
#                                     and ombudsmine/base.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"
runs="${2:-3}"
bin="$root/build/release"
work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo (or cmake --build build/release)" >&2; exit 2; }

arch="$work/archive-${mb}mb"
if [ ! -d "$arch" ]; then
  echo "generating $arch ..." >&2
  "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
fi
nfiles=$(find "$arch" -type f | wc -l)
bytes=$(du -sb "$arch" | cut -f1)

timed() {  # timed OUTVAR_SECONDS OUTVAR_KB cmd...   (wall seconds, peak RSS kB)
  local __s=$1 __k=$2; shift 2
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$tf" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$tf" >&2; exit 1; }
  read -r "$__s" "$__k" < "$tf"
  rm -f "$tf"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

base="${OMB_BASE:-}"
floor_t=(); omb_t=(); omb_kb=(); re_t=(); like_t=(); base_t=()
for i in $(seq "$runs"); do
  if [ -n "$base" ]; then
    rm -f "$work/base.db" "$work/base.db-wal" "$work/base.db-shm"
    timed s kb "$base/ombudsmine" -q --db "$work/base.db" ingest "$arch"
    base_t+=("$s")
    echo "run $i: base ${base_t[-1]} s" >&2
  fi
  rm -f "$work/floor.db"
  timed s kb sqlite3 "$work/floor.db" "create virtual table t using fts5(name, data); insert into t select name, data from fsdir('$arch');"
  floor_t+=("$s")
  rm -f "$work/omb.db" "$work/omb.db-wal" "$work/omb.db-shm"
  timed s kb "$bin/ombudsmine" -q --db "$work/omb.db" ingest "$arch"
  omb_t+=("$s"); omb_kb+=("$kb")
  timed s kb "$bin/ombudsmine" -q --db "$work/omb.db" ingest "$arch"
  re_t+=("$s")
  # Like for like: bare sqlite3 doing the storage and indexing work of our
  # writer (the same passages, a content table, external-content FTS5, WAL).
  rm -f "$work/like.db" "$work/like.db-wal" "$work/like.db-shm"
  sqlite3 "$work/like.db" "pragma journal_mode=wal; create table src(id integer primary key, heading, body);
    attach '$work/omb.db' as o; insert into src select id, heading, body from o.passages;" >/dev/null
  timed s kb sqlite3 "$work/like.db" "pragma journal_mode=wal; pragma synchronous=normal;
    create table p(id integer primary key, heading, body);
    create virtual table f using fts5(heading, body, content='p', content_rowid='id');
    begin; insert into p select * from src; insert into f(rowid, heading, body) select id, heading, body from p; commit;"
  like_t+=("$s")
  echo "run $i: like-for-like ${like_t[-1]} s," >&2
  echo "run $i: floor ${floor_t[-1]} s, ombudsmine ${omb_t[-1]} s (${omb_kb[-1]} kB), re-ingest ${re_t[-1]} s" >&2
done
ml=$(median "${like_t[@]}"); mf=$(median "${floor_t[@]}"); mo=$(median "${omb_t[@]}"); mk=$(median "${omb_kb[@]}"); mr=$(median "${re_t[@]}")

single="$work/single-${mb}mb.txt"
[ -f "$single" ] || "$bin/omb_gen_archive" --single "$single" --mb "$mb"
rm -f "$work/single.db"*
timed ss skb "$bin/ombudsmine" -q --db "$work/single.db" ingest "$single"
sbytes=$(stat -c %s "$single")

passages=$(sqlite3 "$work/omb.db" "select count(*) from passages")
awk -v l="$ml" -v np="$passages" -v f="$mf" -v o="$mo" -v k="$mk" -v r="$mr" -v n="$nfiles" -v b="$bytes" -v ss="$ss" -v skb="$skb" -v sb="$sbytes" -v runs="$runs" 'BEGIN {
  printf "archive: %d files, %.1f MB; medians of %d runs\n", n, b/1e6, runs
  printf "floor (sqlite3 fts5 fsdir): %.2f s\n", f
  printf "ombudsmine ingest:          %.2f s  (%.1f MB/s)  ratio %.2f x floor  peak RSS %.0f MB\n", o, b/1e6/o, o/f, k/1024
  printf "like-for-like floor:        %.2f s  (sqlite3 storing and indexing the same %d passages in WAL mode; ingest is %.2f x this)\n", l, np, o/l
  printf "re-ingest unchanged:        %.2f s  (%.3f of first run)\n", r, r/o
  printf "single file %.0f MB:        %.2f s  peak RSS %.0f MB (%.2f x file size)\n", sb/1e6, ss, skb/1024, skb*1024/sb
}'
if [ -n "$base" ]; then
  awk -v o="$mo" -v b="$(median "${base_t[@]}")" -v d="$base" 'BEGIN { printf "base (%s) ingest:  %.2f s  ombudsmine/base %.2f x\n", d, b, o/b }'
fi
