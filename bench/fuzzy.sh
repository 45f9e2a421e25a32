#!/usr/bin/env bash
# bench/fuzzy.sh — fuzzy words against their expansion written out by hand.
#
#   bench/fuzzy.sh [MB] [RUNS]      (defaults: 200 MB, 10 runs)
#
# Uses the search benchmark's database (build/bench/search-MBmb.db; made by
# bench/search.sh, or here when missing). For each fuzzy query, asks
# ombudsmine once which terms the fuzzy word became (--format json, the
# summary line), writes the same search by hand as an OR of those terms,
# then alternates RUNS times, wall time of:
#   ombudsmine search FUZZY-QUERY --limit 20 --format json
#   ombudsmine search HAND-WRITTEN-OR --limit 20 --format json
# and prints the medians, the ratio fuzzy/hand (aim: at most 1.5x) and both
# totals (they differ only where a term, typed again, stems to another).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-10}"
bin="$root/build/release"; work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench/fuzzy.sh needs jq (apt-get install jq)" >&2; exit 2; }
arch="$work/archive-${mb}mb"
[ -d "$arch" ] || "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
db="$work/search-${mb}mb.db"
if [ ! -f "$db" ] || ! "$bin/ombudsmine" --db "$db" search klacht --limit 1 >/dev/null 2>&1; then
  rm -f "$db" "$db-wal" "$db-shm"
  echo "ingesting $arch into $db ..." >&2
  "$bin/ombudsmine" -q --db "$db" ingest "$arch"
fi
# The first fuzzy query after an ingest by an older ombudsmine stores the term list once.
"$bin/ombudsmine" --db "$db" search 'klacht~' --limit 1 >/dev/null

# name | fuzzy query | hand-written form, {T} standing for each term (joined
# with OR) | or the hand-written query itself, where a term typed again would
# stem to another (bejegen -> bejeg): a word of that term instead
queries=(
  "mistyped word|klantmanagr~|{T}"
  "transposed|communciatie~|{T}"
  "damaged ending|bejegenign~|{T}|bejegening"
  "long word|schuldhulpverlenign~|{T}|schuldhulpverlening"
  "one edit|excusses~1|{T}"
  "in a phrase|\"geen reactei~\"|\"geen {T}\""
  "with a word|klantmanagr~ excuses|({T}) excuses"
)
now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", a - b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-16s %6s %10s %10s %9s %8s %8s\n' query terms fuzzy hand fuzzy/hand total hand-tot
all_f=(); all_h=()
for q in "${queries[@]}"; do
  IFS='|' read -r name fq tmpl hand <<<"$q"
  summary=$("$bin/ombudsmine" --db "$db" search "$fq" --limit 20 --format json | tail -1)
  mapfile -t terms < <(jq -r '.fuzzy[0].terms[]' <<<"$summary")
  ftotal=$(jq -r '.total' <<<"$summary")
  ors=""
  for t in "${terms[@]}"; do ors+="${ors:+ OR }${tmpl//\{T\}/$t}"; done
  if [[ "$tmpl" == "({T}) excuses" ]]; then  # one group, not an OR of groups
    inner=""
    for t in "${terms[@]}"; do inner+="${inner:+ OR }$t"; done
    hq="($inner) excuses"
  else
    hq="$ors"
  fi
  [ -n "$hand" ] && hq="$hand"
  htotal=$("$bin/ombudsmine" --db "$db" search "$hq" --limit 1 --format json --facets | tail -1 | jq -r '.total')
  ft=(); ht=()
  for i in $(seq "$runs"); do
    t0=$(now); "$bin/ombudsmine" --db "$db" search "$fq" --limit 20 --format json >/dev/null
    t1=$(now); "$bin/ombudsmine" --db "$db" search "$hq" --limit 20 --format json >/dev/null
    t2=$(now)
    ft+=("$(sub "$t1" "$t0")"); ht+=("$(sub "$t2" "$t1")")
  done
  mf=$(median "${ft[@]}"); mh=$(median "${ht[@]}")
  all_f+=("$mf"); all_h+=("$mh")
  awk -v n="$name" -v k="${#terms[@]}" -v f="$mf" -v h="$mh" -v a="$ftotal" -v b="$htotal" \
    'BEGIN { printf "%-16s %6d %8.3f s %8.3f s %8.2fx %8s %8s\n", n, k, f, h, f/h, a, b }'
done
awk -v f="$(median "${all_f[@]}")" -v h="$(median "${all_h[@]}")" \
  'BEGIN { printf "%-16s %6s %8.3f s %8.3f s %8.2fx\n", "median", "", f, h, f/h }'
