#!/usr/bin/env bash
# bench/search_recoll.sh — search beside bare FTS5 and Recoll on two archives (#21).
#
#   bench/search_recoll.sh [SYNTH_MB] [ZIPF_MB] [RUNS]     (defaults: 200 200 5)
#
# Two archives, each built once under build/bench/:
#   synthetic  archive-SYNTH_MBmb: the ingest benchmark's generated reports
#              (`omb_gen_archive --out`, a few hundred distinct words);
#   zipf       zipf-ZIPF_MBmb: `omb_gen_archive --zipf`, reports of 2-200 kB
#              over Debian's wdutch list drawn by a Zipf law, 20% of words
#              OCR-damaged (needs /usr/share/dict/dutch: apt-get install wdutch).
# For each, once: ombudsmine's database (ingest), the sqlite3 shell's bare FTS5
# table of the same files (unicode61, one row per file, as bench/search.sh),
# and a Recoll index of the same files (recollcmd: apt-get install recollcmd)
# with a private configuration directory: topdirs = the archive, text/plain
# only, indexstemminglanguages = dutch.
# Then, per query, RUNS times in turn, the wall time of whole processes:
#   ombudsmine --db DB search QUERY --limit 20 --format json
#   sqlite3 FTS: SELECT name, snippet(...) ... MATCH ... ORDER BY rank LIMIT 20
#   recollq -c CONF -A -n 20 QUERY
# and prints the medians, omb/fts5 and omb/recoll, and the median of medians.
# The aims of #21: omb/fts5 <= 2, omb/recoll < 1.
#   OMB_BASE=DIR bench/search_recoll.sh …   also times DIR/ombudsmine (another
#                 build, same schema) on the same databases in the same
#                 alternation, and prints its medians and omb/base.
#
# recollq 1.34.3 (Debian 12) computes the abstract of each of the 20 results
# with -A (its log shows makeAbstract per result, from the stored text) but
# prints none; the script checks once that the index yields them (-A -p 1
# prints SNIPPETS) so that -A's time includes real abstracts.
#
# The zipf queries are picked from build/bench/zipf-MBmb.words (the
# generator's list in rank order): the first word of only a-z letters, 4 or
# more, at or after a rank, so they are words of high (rank ~1-20), middle
# (~300) and low (~20,000) frequency; plus a phrase of two drawn words, the
# ordinary phrase "geen reactie", a prefix and a year filter. Nothing fuzzy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
smb="${1:-200}"; zmb="${2:-200}"; runs="${3:-5}"
bin="$root/build/release"; work="$root/build/bench"; base="${OMB_BASE:-}"
mkdir -p "$work"
[ -x "$bin/ombudsmine" ] && [ -x "$bin/omb_gen_archive" ] || { echo "build first: scripts/demo" >&2; exit 2; }
command -v recollindex >/dev/null && command -v recollq >/dev/null ||
  { echo "Recoll is missing: apt-get install recollcmd" >&2; exit 2; }
[ -r /usr/share/dict/dutch ] || { echo "the Dutch word list is missing: apt-get install wdutch" >&2; exit 2; }

# Builds, once, the three indexes of archive $1 named $2.
prepare() {
  local arch="$1" name="$2"
  local db="$work/search-$name.db" fts="$work/fts5-$name.db" rc="$work/recoll-$name"
  if [ ! -f "$db" ] || ! "$bin/ombudsmine" --db "$db" search klacht --limit 1 >/dev/null 2>&1; then
    rm -f "$db" "$db-wal" "$db-shm"
    echo "ingesting $arch into $db ..." >&2
    "$bin/ombudsmine" -q --db "$db" ingest "$arch" >&2
  fi
  if [ ! -f "$fts" ]; then
    echo "building the plain FTS5 baseline $fts ..." >&2
    sqlite3 "$fts.tmp" "create virtual table t using fts5(name, data); insert into t select name, data from fsdir('$arch') where data is not null;"
    mv "$fts.tmp" "$fts"
  fi
  if [ ! -f "$rc/done" ]; then
    echo "building the Recoll index $rc ..." >&2
    rm -rf "$rc"; mkdir -p "$rc"
    cat >"$rc/recoll.conf" <<EOF
topdirs = $arch
indexstemminglanguages = dutch
indexedmimetypes = text/plain
loglevel = 1
EOF
    recollindex -c "$rc" >"$rc/index.log" 2>&1
    touch "$rc/done"
  fi
  recollq -c "$rc" -A -p 1 -n 1 ombudsman 2>/dev/null | grep -q '^SNIPPETS' ||
    { echo "Recoll gives no abstracts on $rc" >&2; exit 1; }
}

# The word at or after rank $1 (1-based) of list $2 that has only a-z letters, 4 or more.
word_at() { awk -v r="$1" 'NR >= r && /^[a-z][a-z][a-z][a-z]+$/ { print; exit }' "$2"; }

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", a - b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Times the queries of the array named $2 on archive name $1.
# A query: name | ombudsmine arguments (shell words) | FTS5 MATCH | recollq query
run_archive() {
  local name="$1"; local -n qs="$2"
  local db="$work/search-$name.db" fts="$work/fts5-$name.db" rc="$work/recoll-$name"
  echo "== $name: $(find "$work/${name/#synthetic-/archive-}" -type f 2>/dev/null | wc -l) files"
  printf '%-22s %10s %10s %10s %9s %9s' query ombudsmine fts5 recollq omb/fts5 omb/rcl
  [ -n "$base" ] && printf ' %10s %9s' base omb/base
  printf '\n'
  local all_o=() all_f=() all_r=() all_b=()
  for q in "${qs[@]}"; do
    local qname oargs match rq
    IFS='|' read -r qname oargs match rq <<<"$q"
    eval "set -- $oargs"
    local ot=() ft=() rt=() bt=() t0 t1 t2 t3 tb
    local sql="select name, snippet(t, 1, '[', ']', '…', 12) from t where t match '${match//\'/\'\'}' order by rank limit 20"
    for _ in $(seq "$runs"); do
      if [ -n "$base" ]; then
        tb=$(now)
        "$base/ombudsmine" --db "$db" search "$@" --limit 20 --format json >/dev/null
        bt+=("$(sub "$(now)" "$tb")")
      fi
      t0=$(now)
      "$bin/ombudsmine" --db "$db" search "$@" --limit 20 --format json >/dev/null
      t1=$(now)
      sqlite3 "$fts" "$sql" >/dev/null
      t2=$(now)
      recollq -c "$rc" -A -n 20 "$rq" >/dev/null 2>&1
      t3=$(now)
      ot+=("$(sub "$t1" "$t0")"); ft+=("$(sub "$t2" "$t1")"); rt+=("$(sub "$t3" "$t2")")
    done
    local mo mf mr
    mo=$(median "${ot[@]}"); mf=$(median "${ft[@]}"); mr=$(median "${rt[@]}")
    all_o+=("$mo"); all_f+=("$mf"); all_r+=("$mr")
    awk -v n="$qname" -v o="$mo" -v f="$mf" -v r="$mr" \
      'BEGIN { printf "%-22s %8.3f s %8.3f s %8.3f s %8.2fx %8.2fx", n, o, f, r, o/f, o/r }'
    if [ -n "$base" ]; then
      local mb_; mb_=$(median "${bt[@]}"); all_b+=("$mb_")
      awk -v o="$mo" -v b="$mb_" 'BEGIN { printf " %8.3f s %8.2fx", b, o/b }'
    fi
    printf '\n'
  done
  awk -v o="$(median "${all_o[@]}")" -v f="$(median "${all_f[@]}")" -v r="$(median "${all_r[@]}")" \
    'BEGIN { printf "%-22s %8.3f s %8.3f s %8.3f s %8.2fx %8.2fx", "median of medians", o, f, r, o/f, o/r }'
  if [ -n "$base" ]; then
    awk -v o="$(median "${all_o[@]}")" -v b="$(median "${all_b[@]}")" 'BEGIN { printf " %8.3f s %8.2fx", b, o/b }'
  fi
  printf '\n'
}

sarch="$work/archive-${smb}mb"
[ -d "$sarch" ] || "$bin/omb_gen_archive" --out "$sarch" --mb "$smb" --files $((smb * 20))
zarch="$work/zipf-${zmb}mb"
[ -d "$zarch" ] && [ -f "$zarch.words" ] || { rm -rf "$zarch"; "$bin/omb_gen_archive" --zipf "$zarch" --mb "$zmb"; }
prepare "$sarch" "synthetic-${smb}mb"
prepare "$zarch" "zipf-${zmb}mb"

# The synthetic archive: bench/search.sh's ten queries (filters and facets
# are ombudsmine's; the baselines get the words).
synthetic=(
  "two words|klantmanager excuses|klantmanager excuses|klantmanager excuses"
  "phrase|'\"geen reactie\"'|\"geen reactie\"|\"geen reactie\""
  "rarer word|schuldhulpverlening|schuldhulpverlening|schuldhulpverlening"
  "filter: year|klacht --year 2016|klacht|klacht"
  "filter: afdeling|bejegening --afdeling 'Werk en Re-integratie'|bejegening|bejegening"
  "facets|communicatie --facets|communicatie|communicatie"
  "in every document|ombudsman|ombudsman|ombudsman"
  "prefix|'klant*'|klant*|klant*"
  "OR|bereikbaar OR schuldhulpverlening|bereikbaar OR schuldhulpverlening|bereikbaar OR schuldhulpverlening"
  "NEAR|'NEAR(klantmanager excuses, 5)'|NEAR(klantmanager excuses, 5)|\"klantmanager excuses\"p5"
)
wl="$zarch.words"
w1=$(word_at 1 "$wl"); w10=$(word_at 10 "$wl"); w20=$(word_at 20 "$wl"); w100=$(word_at 100 "$wl")
w300=$(word_at 300 "$wl"); w2k=$(word_at 2000 "$wl"); w20k=$(word_at 20000 "$wl")
p1=$(word_at 2 "$wl"); p2=$(word_at $(( $(grep -n -x "$p1" "$wl" | cut -d: -f1) + 1 )) "$wl")
pre=$(word_at 50 "$wl"); pre="${pre:0:5}"
zipf=(
  "high: $w1|$w1|$w1|$w1"
  "two high|$w10 $w20|$w10 $w20|$w10 $w20"
  "middle: $w300|$w300|$w300|$w300"
  "low: $w20k|$w20k|$w20k|$w20k"
  "high + middle|$w10 $w2k|$w10 $w2k|$w10 $w2k"
  "phrase of two drawn|'\"$p1 $p2\"'|\"$p1 $p2\"|\"$p1 $p2\""
  "phrase geen reactie|'\"geen reactie\"'|\"geen reactie\"|\"geen reactie\""
  "filter: year|$w100 --year 2016|$w100|$w100"
  "prefix: $pre*|'$pre*'|$pre*|$pre*"
  "OR: middle, low|$w300 OR $w20k|$w300 OR $w20k|$w300 OR $w20k"
)
echo "ombudsmine $(git -C "$root" rev-parse --short HEAD 2>/dev/null); sqlite3 $(sqlite3 --version | cut -d' ' -f1); recollq $(dpkg-query -W -f '${Version}' recollcmd 2>/dev/null); $runs runs${base:+; base $base}"
run_archive "synthetic-${smb}mb" synthetic
run_archive "zipf-${zmb}mb" zipf
