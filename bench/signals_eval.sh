#!/usr/bin/env bash
# bench/signals_eval.sh — how `signals` does on archives with a known answer
# (issue #17), through the whole pipeline: the project's generator writes the
# reports (omb_gen_archive --series), `ingest` extracts the cases and their
# themes (so the tags are as imperfect as the rules make them), and `signals`
# with its defaults judges them.
#
#   bench/signals_eval.sh [SEEDS] [FLAT]      (defaults: 60 and 100)
#
# SEEDS archives with a change: from a quarter 4 to 12 periods before the end
# (drawn per seed), Jeugd gets twice its cases and about 65% of them are about
# communicatie (20% before). Counted: runs in which communicatie · Jeugd has
# an alert of any kind, runs in which its shift starts within one quarter of
# the true start, and the mean false discovery proportion (alerts on cells
# the change does not lift, over all alerts). FLAT archives without a change:
# runs with any alert (Benjamini-Hochberg at q = 0.10 promises at most 10%).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-60}"; flat="${2:-100}"
bin="${OMB_BIN:-$root/build/release}"
[ -x "$bin/ombudsmine" ] && [ -x "$bin/omb_gen_archive" ] || { echo "build first: scripts/demo" >&2; exit 2; }
work="$(mktemp -d /tmp/omb-signals-eval-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Rows "theme|afdeling|kind|since" of the alerts of one archive.
alerts() {  # alerts SEED CHANGE
  rm -rf "$work/a" "$work/a.db"*
  "$bin/omb_gen_archive" --series "$work/a" --change "$2" --seed "$1"
  "$bin/ombudsmine" -q --db "$work/a.db" ingest "$work/a" >/dev/null
  "$bin/ombudsmine" --db "$work/a.db" signals --format json >"$work/s.jsonl"
  [ -s "$work/s.jsonl" ] || return 0
  sqlite3 :memory: "SELECT json_extract(value, '\$.theme'), json_extract(value, '\$.afdeling'),
      json_extract(value, '\$.kind'), IFNULL(json_extract(value, '\$.since'), '')
    FROM json_each(json('[' || replace(trim(readfile('$work/s.jsonl'), char(10)), char(10), ',') || ']'))
    WHERE json_extract(value, '\$.alert')"
}
index_of() { local y="${1%Q*}" q="${1#*Q}"; echo $((y * 4 + q - 1)); }

start_time=$(date +%s)
flagged=0 right=0 as_shift=0 fdp_sum=0
for seed in $(seq "$seeds"); do
  change=$((44 - (4 + (seed * 7919) % 9)))
  want=$(( (2012 + change / 4) * 4 + change % 4 ))
  n=0 false_n=0 hit=0 ok=0 sh=0
  while IFS='|' read -r theme afd kind since; do
    [ -n "$kind" ] || continue
    n=$((n + 1))
    cell=0; [ "$theme" = communicatie ] && [ "$afd" = Jeugd ] && cell=1
    lifted=$cell
    { [ "$theme" = communicatie ] && [ -z "$afd" ]; } && lifted=1
    { [ -z "$theme" ] && [ "$afd" = Jeugd ]; } && lifted=1
    [ "$lifted" = 1 ] || false_n=$((false_n + 1))
    [ "$cell" = 1 ] && hit=1
    if [ "$cell" = 1 ] && [ "$kind" = shift ]; then
      sh=1
      d=$(( $(index_of "$since") - want )); [ "${d#-}" -le 1 ] && ok=1
    fi
  done < <(alerts "$seed" "$change")
  flagged=$((flagged + hit)); right=$((right + ok)); as_shift=$((as_shift + sh))
  [ "$n" -gt 0 ] && fdp_sum=$(awk -v a="$fdp_sum" -v f="$false_n" -v n="$n" 'BEGIN { print a + f / n }')
  printf 'seed %3d: change at %dQ%d, flagged %d, shift %d, start within 1 quarter %d, alerts %d (false %d)\n' \
    "$seed" $((2012 + change / 4)) $((change % 4 + 1)) "$hit" "$sh" "$ok" "$n" "$false_n" >&2
done

flat_alert=0
for seed in $(seq 5000 $((5000 + flat - 1))); do
  n=$(alerts "$seed" -1 | grep -c . || true)
  [ "$n" -gt 0 ] && flat_alert=$((flat_alert + 1))
done

echo "archives with a change: $seeds; flagged (any kind) $flagged; as a shift $as_shift; start within 1 quarter $right;" \
     "mean false discovery proportion $(awk -v a="$fdp_sum" -v n="$seeds" 'BEGIN { printf "%.3f", a / n }')"
echo "flat archives: $flat; with any alert $flat_alert"
echo "($(( $(date +%s) - start_time )) s; targets: flagged >= 55 of 60, start >= 45 of 60, flat <= 10 of 100)"
