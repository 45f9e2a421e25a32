#!/usr/bin/env bash
# bench/search.sh — search latency on the 200 MB archive, beside two baselines.
#
#   bench/search.sh [MB] [RUNS]      (defaults: 200 MB, 5 runs)
#
# Uses the ingest benchmark's archive (build/bench/archive-MBmb). Ingests it
# into build/bench/search.db (once), builds the baseline: the sqlite3 shell's
# plain FTS5 table of the same files (unicode61, one row per file; once). Then
# for ten realistic queries, alternating RUNS times, wall time of:
#   ombudsmine search QUERY --limit 20 --format json   (cases, snippets, sources)
#   sqlite3: SELECT name, snippet(...) FROM t WHERE t MATCH ... ORDER BY rank LIMIT 20
#   rg -c -i PATTERN ARCHIVE
# and prints per query the medians and the ratios ombudsmine/FTS5 and rg/ombudsmine.
#   OMB_BASE=DIR bench/search.sh …   also times DIR/ombudsmine (an older build) in the
#                                     same alternation, over a database it ingested
#                                     itself (build/bench/search-MBmb-base.db), and
#                                     prints its medians and ombudsmine/base.
#   OMB_RECOLL=1 bench/search.sh …  then runs bench/search_recoll.sh MB MB RUNS:
#                                     this archive and a Zipf one beside bare
#                                     FTS5 and Recoll's `recollq -A` (#21).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"; runs="${2:-5}"
bin="$root/build/release"; work="$root/build/bench"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] || { echo "build first: scripts/demo" >&2; exit 2; }
arch="$work/archive-${mb}mb"
[ -d "$arch" ] || "$bin/omb_gen_archive" --out "$arch" --mb "$mb" --files $((mb * 20))
db="$work/search-${mb}mb.db"
if [ ! -f "$db" ] || ! "$bin/ombudsmine" --db "$db" search klacht --limit 1 >/dev/null 2>&1; then
  rm -f "$db" "$db-wal" "$db-shm"
  echo "ingesting $arch into $db ..." >&2
  "$bin/ombudsmine" -q --db "$db" ingest "$arch"
fi
base="${OMB_BASE:-}"
bdb="$work/search-${mb}mb-base.db"
if [ -n "$base" ] && [ ! -f "$bdb" ]; then
  echo "ingesting $arch into $bdb with $base/ombudsmine ..." >&2
  "$base/ombudsmine" -q --db "$bdb" ingest "$arch"
fi
fts="$work/fts5-${mb}mb.db"
if [ ! -f "$fts" ]; then
  echo "building the plain FTS5 baseline $fts ..." >&2
  sqlite3 "$fts" "create virtual table t using fts5(name, data); insert into t select name, data from fsdir('$arch');"
fi

# name | ombudsmine arguments | FTS5 MATCH | rg pattern
queries=(
  "two words|klantmanager excuses|klantmanager excuses|klantmanager"
  "phrase|\"geen reactie\"|\"geen reactie\"|geen reactie"
  "rarer word|schuldhulpverlening|schuldhulpverlening|schuldhulpverlening"
  "filter: year|klacht --year 2016|klacht|klacht"
  "filter: afdeling|bejegening --afdeling Werk en Re-integratie|bejegening|bejegening"
  "facets|communicatie --facets|communicatie|communicatie"
  "in every document|ombudsman|ombudsman|ombudsman"
  "prefix|klant*|klant*|klant"
  "OR|bereikbaar OR schuldhulpverlening|bereikbaar OR schuldhulpverlening|bereikbaar"
  "NEAR|NEAR(klantmanager excuses, 5)|NEAR(klantmanager excuses, 5)|klantmanager"
)
now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", a - b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-18s %10s %10s %10s %9s %9s' query ombudsmine fts5 rg omb/fts5 rg/omb
[ -n "$base" ] && printf ' %10s %9s' base omb/base
printf '\n'
all_omb=(); all_fts=(); all_rg=(); all_base=()
# One search with the binary of DIR on DB.
search_with() {
  local dir="$1" db="$2"
  case "$name" in
    "filter: afdeling") "$dir/ombudsmine" --db "$db" search bejegening --afdeling "Werk en Re-integratie" --limit 20 --format json >/dev/null ;;
    *) eval "\"$dir/ombudsmine\" --db \"$db\" search $(printf '%q ' $oargs) --limit 20 --format json" >/dev/null ;;
  esac
}
for q in "${queries[@]}"; do
  IFS='|' read -r name oargs match pat <<<"$q"
  ot=(); ft=(); rt=(); bt=()
  for i in $(seq "$runs"); do
    if [ -n "$base" ]; then
      tb=$(now)
      search_with "$base" "$bdb"
      bt+=("$(sub "$(now)" "$tb")")
    fi
    t0=$(now)
    search_with "$bin" "$db"
    t1=$(now)
    sqlite3 "$fts" "select name, snippet(t, 1, '[', ']', '…', 12) from t where t match '$(printf "%s" "$match" | sed "s/'/''/g")' order by rank limit 20" >/dev/null
    t2=$(now)
    rg -c -i -F "$pat" "$arch" >/dev/null || true
    t3=$(now)
    ot+=("$(sub "$t1" "$t0")"); ft+=("$(sub "$t2" "$t1")"); rt+=("$(sub "$t3" "$t2")")
  done
  mo=$(median "${ot[@]}"); mf=$(median "${ft[@]}"); mr=$(median "${rt[@]}")
  all_omb+=("$mo"); all_fts+=("$mf"); all_rg+=("$mr")
  awk -v n="$name" -v o="$mo" -v f="$mf" -v r="$mr" 'BEGIN { printf "%-18s %8.3f s %8.3f s %8.3f s %8.2fx %8.1fx", n, o, f, r, o/f, r/o }'
  if [ -n "$base" ]; then
    mb_=$(median "${bt[@]}"); all_base+=("$mb_")
    awk -v o="$mo" -v b="$mb_" 'BEGIN { printf " %8.3f s %8.2fx", b, o/b }'
  fi
  printf '\n'
done
awk -v o="$(median "${all_omb[@]}")" -v f="$(median "${all_fts[@]}")" -v r="$(median "${all_rg[@]}")" \
  'BEGIN { printf "%-18s %8.3f s %8.3f s %8.3f s %8.2fx %8.1fx", "median of medians", o, f, r, o/f, r/o }'
if [ -n "$base" ]; then
  awk -v o="$(median "${all_omb[@]}")" -v b="$(median "${all_base[@]}")" 'BEGIN { printf " %8.3f s %8.2fx", b, o/b }'
fi
printf '\n'
[ "${OMB_RECOLL:-}" = 1 ] && exec "$root/bench/search_recoll.sh" "$mb" "$mb" "$runs"
exit 0
