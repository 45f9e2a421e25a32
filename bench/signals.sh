#!/usr/bin/env bash
# bench/signals.sh — `ombudsmine signals` on the 200 MB archive's database,
# beside a plain SQL GROUP BY count over the same tags.
#
#   bench/signals.sh [MB] [RUNS]      (defaults: 200 MB, 5 runs)
#
# Uses bench/search.sh's database (build/bench/search-MBmb.db; ingested once
# if missing). Alternating RUNS times, wall time of:
#   signals       ombudsmine signals --format json            (last period, all detectors, evidence)
#   signals-year  ombudsmine signals --by year --format json
#   signals-8q    ombudsmine signals --from <8 quarters back> --format json
#   group-by      sqlite3: theme tags counted per organisation, doctype, afdeling, year, quarter
# and prints the medians and each ratio to the GROUP BY.
#   OMB_BASE=DIR bench/signals.sh …   also runs DIR/ombudsmine signals (an older build)
#                                      in the same alternation, over a database it
#                                      ingested itself (bench/search.sh's -base.db).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-5}"
bin="$root/build/release"; work="$root/build/bench"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
db="$work/search-${mb}mb.db"
if [ ! -f "$db" ]; then
  arch="$work/archive-${mb}mb"
  [ -d "$arch" ] || "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
  echo "ingesting $arch into $db ..." >&2
  "$bin/ombudsmine" -q --db "$db" ingest "$arch"
fi
base="${OMB_BASE:-}"
bdb="$work/search-${mb}mb-base.db"
if [ -n "$base" ] && [ ! -f "$bdb" ]; then
  echo "ingesting into $bdb with $base/ombudsmine ..." >&2
  "$base/ombudsmine" -q --db "$bdb" ingest "$work/archive-${mb}mb"
fi
last=$(sqlite3 "$db" "select max(year*4+quarter-1) from documents where quarter is not null")
from="$(( (last - 7) / 4 ))Q$(( (last - 7) % 4 + 1 ))"
sql="SELECT d.organisation, d.doctype, c.afdeling, t.value, d.year, d.quarter, COUNT(*)
     FROM tags t JOIN cases c ON c.id = t.case_id JOIN documents d ON d.id = t.document_id
     WHERE t.type = 'theme' GROUP BY 1, 2, 3, 4, 5, 6;"
now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", a - b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
s1=(); s2=(); s3=(); g=(); b1=()
for i in $(seq "$runs"); do
  if [ -n "$base" ]; then
    t0=$(now); "$base/ombudsmine" --db "$bdb" signals --format json >/dev/null; b1+=("$(sub "$(now)" "$t0")")
  fi
  t0=$(now); "$bin/ombudsmine" --db "$db" signals --format json >"$work/signals.jsonl"; s1+=("$(sub "$(now)" "$t0")")
  t0=$(now); "$bin/ombudsmine" --db "$db" signals --by year --format json >/dev/null; s2+=("$(sub "$(now)" "$t0")")
  t0=$(now); "$bin/ombudsmine" --db "$db" signals --from "$from" --format json >/dev/null; s3+=("$(sub "$(now)" "$t0")")
  t0=$(now); sqlite3 "$db" "$sql" >"$work/groupby.txt"; g+=("$(sub "$(now)" "$t0")")
done
mg=$(median "${g[@]}")
units=$(sqlite3 "$db" "select count(*) from cases")
tags=$(sqlite3 "$db" "select count(*) from tags where type = 'theme'")
echo "database: $db ($units cases, $tags theme tags; GROUP BY gives $(wc -l <"$work/groupby.txt") rows; signals: $(wc -l <"$work/signals.jsonl") alerts)"
printf '%-14s %10s %10s\n' run median ratio
names=(signals signals-year signals-8q group-by)
[ -n "$base" ] && names+=(base-signals)
for name in "${names[@]}"; do
  case "$name" in
    base-signals) m=$(median "${b1[@]}") ;;
    signals) m=$(median "${s1[@]}") ;;
    signals-year) m=$(median "${s2[@]}") ;;
    signals-8q) m=$(median "${s3[@]}") ;;
    group-by) m=$mg ;;
  esac
  printf '%-14s %9ss %9sx\n' "$name" "$m" "$(awk -v a="$m" -v b="$mg" 'BEGIN { printf "%.2f", a / b }')"
done
echo "(--from $from: 8 quarters evaluated per cell)"
[ -n "$base" ] && awk -v a="$(median "${s1[@]}")" -v b="$(median "${b1[@]}")" 'BEGIN { printf "signals / base-signals: %.2fx\n", a / b }'
true
