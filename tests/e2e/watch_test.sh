#!/usr/bin/env bash
# End-to-end test of saved searches and watches (issue #21, part 3): the
# sample archive up to 2022Q2 is ingested, watches are saved, two quarters
# (2022Q3, 2022Q4) come in; `watch` must list exactly the new hits and the
# signals that appeared, ended or changed, then nothing after an ingest that
# adds nothing. Bad input: names with a slash or quotes, an unknown watch, a
# bad query, a database of schema 7 (writable and read-only), two ingests at
# once. The web's "watch this search" button is clicked in headless Chromium
# (DevTools over a pipe) and the /watches page read.
#   tests/e2e/watch_test.sh BUILD_DIR SOURCE_DIR
set -u
export LC_ALL=C
build="$1"; src="$2"
omb="$build/ombudsmine"
work=$(mktemp -d /tmp/omb-watch-XXXXXX)
shots="$build/screenshots"
mkdir -p "$shots"
server=""; browser_pid=""
cleanup() {
  [ -n "$browser_pid" ] && kill "$browser_pid" 2>/dev/null
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT
pass=0; fail=0
check() {
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}
run() { "$@" >"$work/out" 2>"$work/err"; rc=$?; out=$(cat "$work/out"); err=$(cat "$work/err"); }
has() { grep -qF -- "$2" <<<"$1"; }
# jl FILE SQL: SQL over the JSON Lines of FILE as the table lines(j).
jl() {
  sqlite3 :memory: "with lines(j) as (select value from json_each('[' || rtrim(replace(cast(readfile('$1') as text), char(10), ','), ',') || ']')) $2"
}
# The new hits of watch $2 in JSON Lines file $1: their zaaknummers (or titles), sorted, one a line.
new_hits() {
  jl "$1" "select coalesce(group_concat(z, char(10)), '') from (select coalesce(nullif(json_extract(h.value, '\$.zaaknummer'), ''), json_extract(h.value, '\$.title')) z
           from lines, json_each(j, '\$.new_hits') h where json_extract(j, '\$.watch') = '$2' order by 1)"
}
# The hits of the search klantcontact watches in database $1 from source files matching GLOB $2, as new_hits.
search_hits() {
  "$omb" --db "$1" search communicatie --afdeling "Werk en Re-integratie" --format json >"$work/search.json"
  jl "$work/search.json" "select coalesce(group_concat(z, char(10)), '') from (select coalesce(nullif(json_extract(j, '\$.zaaknummer'), ''), json_extract(j, '\$.title')) z
           from lines where json_extract(j, '\$.sources[0]') glob '$2' order by 1)"
}
# The signal changes of watch $2: "change theme|afdeling|kind", sorted, one per line.
signal_changes() {
  jl "$1" "select coalesce(group_concat(c, char(10)), '') from (select json_extract(s.value, '\$.change') || ' ' ||
           coalesce(json_extract(s.value, '\$.signal.theme'), json_extract(s.value, '\$.reported.theme')) || '|' ||
           coalesce(json_extract(s.value, '\$.signal.afdeling'), json_extract(s.value, '\$.reported.afdeling')) || '|' ||
           coalesce(json_extract(s.value, '\$.signal.kind'), json_extract(s.value, '\$.reported.kind')) c
           from lines, json_each(j, '\$.signals') s where json_extract(j, '\$.watch') = '$2' order by 1)"
}

# The archive in three parts: everything up to 2022Q2; 2022Q3 and 2022Q4; nothing new.
mkdir -p "$work/first" "$work/q3" "$work/q4"
cp -r "$src"/corpus/201* "$src"/corpus/2020 "$src"/corpus/2021 "$work/first/"
mkdir -p "$work/first/2022"
cp "$src"/corpus/2022/kwartaalrapportage-2022-q[12]-rve-werk.txt "$work/first/2022/"
cp "$src"/corpus/2022/kwartaalrapportage-2022-q3-rve-werk.txt "$work/q3/"
cp "$src"/corpus/2022/kwartaalrapportage-2022-q4-rve-werk.txt "$work/q4/"
db="$work/w.db"
"$omb" -q --db "$db" ingest "$work/first" >/dev/null || { echo "FAIL first ingest"; exit 1; }
cp "$db" "$work/before-watches.db"

# --- saving watches ------------------------------------------------------
run "$omb" --db "$db" watch add klantcontact communicatie --afdeling "Werk en Re-integratie"
check "watch add: exit 0, says the baseline" test "$rc" = 0 -a -n "$(has "$err" "watch 'klantcontact' saved:" && echo y)"
run "$omb" --db "$db" watch add "thema communicatie" --theme communicatie
check "watch add: filters alone" test "$rc" = 0
run "$omb" --db "$db" watch add privacy privacy --afdeling Inkomen
check "watch add: a third watch" test "$rc" = 0
run "$omb" --db "$db" watch list --format json
echo "$out" >"$work/list.json"
check "watch list --format json: three watches by name" test "$(jl "$work/list.json" "select group_concat(json_extract(j, '\$.watch'), ',') from lines")" = "klantcontact,privacy,thema communicatie"
check "watch list: the filters as given" test "$(jl "$work/list.json" "select json_extract(j, '\$.filters') from lines where json_extract(j, '\$.watch') = 'klantcontact'")" = '[["afdeling","Werk en Re-integratie"]]'
run "$omb" --db "$db" watch --format json
check "watch right after add: nothing (the baseline), exit 0" test "$rc" = 0 -a -z "$out" -a "$err" = "nothing new for 3 watches"

# --- bad input ------------------------------------------------------------
run "$omb" --db "$db" watch add "a/b" klacht
check "name with a slash: exit 2, the character and its column" test "$rc" = 2 -a "$err" = "ombudsmine: watch name 'a/b': '/' at column 2 is not allowed (letters, digits, spaces, '-', '_', '.')"
run "$omb" --db "$db" watch add 'zaak "406"' klacht
check "name with a double quote: exit 2" test "$rc" = 2 -a "$err" = "ombudsmine: watch name 'zaak \"406\"': '\"' at column 6 is not allowed (letters, digits, spaces, '-', '_', '.')"
run "$omb" --db "$db" watch add "o'neill" klacht
check "name with a single quote: exit 2" test "$rc" = 2 -a -n "$(has "$err" "''' at column 2 is not allowed" && echo y)"
run "$omb" --db "$db" watch add nieuw '"geen reactie'
check "a bad query: exit 2 with the parser's message" test "$rc" = 2 -a "$err" = "ombudsmine: query: unclosed quote (column 1)"
run "$omb" --db "$db" watch add nieuw
check "neither query nor filter: exit 2" test "$rc" = 2 -a "$err" = "ombudsmine: a watch needs a query or a filter (it would follow every report)"
run "$omb" --db "$db" watch add klantcontact klacht
check "a name taken: exit 2, --replace offered" test "$rc" = 2 -a "$err" = "ombudsmine: $db: a watch named 'klantcontact' exists (--replace to replace it)"
run "$omb" --db "$db" watch rm bestaat-niet
check "rm of an unknown watch: exit 1" test "$rc" = 1 -a "$err" = "ombudsmine: no watch named 'bestaat-niet' (ombudsmine watch list)"
run "$omb" --db "$db" watch --name bestaat-niet
check "watch --name of an unknown watch: exit 1" test "$rc" = 1 -a "$err" = "ombudsmine: no watch named 'bestaat-niet' (ombudsmine watch list)"
run "$omb" --db "$work/none.db" watch add x klacht
check "watch add without a database: exit 1, nothing made" test "$rc" = 1 -a ! -e "$work/none.db"
check "nothing was saved by the bad input" test "$("$omb" --db "$db" watch list --format json | grep -c .)" = 3

# --- two quarters come in --------------------------------------------------
cp "$db" "$work/three-watches.db"
run "$omb" --db "$db" ingest "$work/q3" "$work/q4"
check "ingest: exit 0" test "$rc" = 0
printf '%s\n' "$out" | grep '^watch ' >"$work/lines"
want=$(printf '%s\n' "watch klantcontact: 3 new hits, 3 signals appeared (ombudsmine watch)" \
  "watch thema communicatie: 9 new hits, 5 signals appeared (ombudsmine watch)")
check "ingest ends with one line per watch with news" test "$(cat "$work/lines")" = "$want"
run "$omb" --db "$db" -q ingest "$work/q3"
check "ingest --quiet: no watch lines" test "$rc" = 0 -a -z "$(printf '%s\n' "$out" | grep '^watch ')"

run "$omb" --db "$db" watch --peek --format json
peek="$out"; echo "$out" >"$work/news.json"
check "watch --peek --format json: one line per watch with news" test "$(jl "$work/news.json" "select group_concat(json_extract(j, '\$.watch'), ',') from lines")" = "klantcontact,thema communicatie"
want=$(search_hits "$db" '*kwartaalrapportage-2022-q[34]-*')
got=$(new_hits "$work/news.json" klantcontact)
check "klantcontact: the new hits are exactly the search's hits in the two new quarters" test -n "$got" -a "$got" = "$want"
check "klantcontact: case 307 and a passage of each new report" test "$got" = "307
Kwartaalrapportage 2022 Q3, Ombudsman Amstelveld
Kwartaalrapportage 2022 Q4, Ombudsman Amstelveld"
check "thema communicatie: the planted cases of 2022Q3 (4) and 2022Q4 (5)" test "$(new_hits "$work/news.json" "thema communicatie" | paste -sd' ')" = "305 306 307 309 313 314 315 316 317"
check "klantcontact: the planted signal's shift, recurrence and trend appeared" test "$(signal_changes "$work/news.json" klantcontact)" = "appeared communicatie|Werk en Re-integratie|recurring
appeared communicatie|Werk en Re-integratie|shift
appeared communicatie|Werk en Re-integratie|trend"
check "thema communicatie: those and the theme's overall shift and trend" test "$(signal_changes "$work/news.json" "thema communicatie")" = "appeared communicatie|Werk en Re-integratie|recurring
appeared communicatie|Werk en Re-integratie|shift
appeared communicatie|Werk en Re-integratie|trend
appeared communicatie||shift
appeared communicatie||trend"
check "the shift comes with all 21 cases since the change" test "$(jl "$work/news.json" "select json_extract(s.value, '\$.signal.since') || ' ' || json_array_length(s.value, '\$.signal.evidence') from lines, json_each(j, '\$.signals') s where json_extract(j, '\$.watch') = 'klantcontact' and json_extract(s.value, '\$.signal.kind') = 'shift'")" = "2021Q3 21"
check "every signal that is not ended has its evidence" test "$(jl "$work/news.json" "select count(*) from lines, json_each(j, '\$.signals') s where json_extract(s.value, '\$.change') != 'ended' and json_array_length(s.value, '\$.signal.evidence') = 0")" = 0
check "new hits link to their report's path" test "$(jl "$work/news.json" "select count(*) from lines, json_each(j, '\$.new_hits') h where json_extract(h.value, '\$.sources[0]') not like '%kwartaalrapportage-2022-q%'")" = 0

run "$omb" --db "$db" watch --format json
check "watch: the same news as the peek, now marked" test "$rc" = 0 -a "$out" = "$peek"
run "$omb" --db "$db" watch
check "a second watch right after: nothing" test "$rc" = 0 -a -z "$out" -a "$err" = "nothing new for 3 watches"

# --- a third ingest that adds nothing ----------------------------------------
run "$omb" --db "$db" ingest "$work/first" "$work/q3" "$work/q4"
check "third ingest: nothing added, no watch lines" test "$rc" = 0 -a -z "$(printf '%s\n' "$out" | grep '^watch ')" -a -n "$(has "$out" "added            0" && echo y)"
run "$omb" --db "$db" watch --format json
check "watch after an ingest that adds nothing: nothing" test "$rc" = 0 -a -z "$out"

# --- changed and ended, against a state as if reported earlier -----------------
# The reported state of klantcontact is set back: its shift began in 2021Q2,
# and a rising signal was an alert. Now the shift's start moved and the
# rising test is no alert: `watch` says so, with what stops it.
sqlite3 "$db" "UPDATE watch_signals SET since = '2021Q2' WHERE kind = 'shift' AND watch_id = (SELECT id FROM watches WHERE name = 'klantcontact');
  INSERT INTO watch_signals(watch_id, organisation, doctype, afdeling, theme, kind, period, ratio, q, since, still_up)
  SELECT id, 'Ombudsman Amstelveld', 'kwartaalrapportage', 'Werk en Re-integratie', 'communicatie', 'rising', '2022Q2', 2.5, 0.05, '', 0
  FROM watches WHERE name = 'klantcontact'"
run "$omb" --db "$db" watch --format json
echo "$out" >"$work/changed.json"
check "a moved shift is changed, a rising signal that is no alert now ended" test "$(signal_changes "$work/changed.json" klantcontact)" = "changed communicatie|Werk en Re-integratie|shift
ended communicatie|Werk en Re-integratie|rising"
check "changed: says what changed" test "$(jl "$work/changed.json" "select json_extract(s.value, '\$.what') from lines, json_each(j, '\$.signals') s where json_extract(s.value, '\$.change') = 'changed'")" = '["since 2021Q2 → 2021Q3"]'
check "ended: the test now, no alert, with what stops it" test "$(jl "$work/changed.json" "select json_extract(s.value, '\$.signal.alert') || ' ' || (length(json_extract(s.value, '\$.signal.stopped')) > 0) || ' ' || json_extract(s.value, '\$.reported.period') from lines, json_each(j, '\$.signals') s where json_extract(s.value, '\$.change') = 'ended'")" = "0 1 2022Q2"
check "no new hits with them" test "$(jl "$work/changed.json" "select json_array_length(j, '\$.new_hits') from lines")" = 0
run "$omb" --db "$db" watch --format json
check "after that report: nothing" test "$rc" = 0 -a -z "$out"

# --- text output ---------------------------------------------------------
"$omb" --db "$work/three-watches.db" -q ingest "$work/q3" "$work/q4" >/dev/null
run "$omb" --db "$work/three-watches.db" watch --peek --name klantcontact
check "watch (text): a heading per watch with its counts" has "$out" "== klantcontact — communicatie afdeling:\"Werk en Re-integratie\""
check "watch (text): the new hits as search lists them" has "$out" "kwartaalrapportage-2022-q4-rve-werk.txt"
check "watch (text): the signals with their evidence" has "$out" "signals:"

# --- two ingests at once --------------------------------------------------------
cp "$work/before-watches.db" "$work/c.db"
"$omb" -q --db "$work/c.db" watch add klantcontact communicatie --afdeling "Werk en Re-integratie"
"$omb" -q --db "$work/c.db" watch add "thema communicatie" --theme communicatie
"$omb" -q --db "$work/c.db" watch add privacy privacy --afdeling Inkomen
"$omb" --db "$work/c.db" ingest "$work/q3" >"$work/c1.out" 2>&1 &
p1=$!
"$omb" --db "$work/c.db" ingest "$work/q4" >"$work/c2.out" 2>&1 &
p2=$!
wait "$p1"; rc1=$?; wait "$p2"; rc2=$?
check "two ingests at once: both exit 0 ($rc1 $rc2)" test "$rc1" = 0 -a "$rc2" = 0
run "$omb" --db "$work/c.db" watch --format json
echo "$out" >"$work/c.json"
check "two ingests at once: the same new hits as one after the other" test "$(new_hits "$work/c.json" klantcontact)" = "$(new_hits "$work/news.json" klantcontact)"
check "two ingests at once: the same signal changes" test "$(signal_changes "$work/c.json" klantcontact)" = "$(signal_changes "$work/news.json" klantcontact)"
# A `watch` while an ingest runs marks only what it reported: the rest comes next time.
cp "$work/before-watches.db" "$work/d.db"
"$omb" -q --db "$work/d.db" watch add klantcontact communicatie --afdeling "Werk en Re-integratie"
"$omb" -q --db "$work/d.db" ingest "$work/q3" >/dev/null 2>&1 &
p1=$!
"$omb" --db "$work/d.db" watch --format json >"$work/d1.json" 2>/dev/null
wait "$p1"
"$omb" --db "$work/d.db" watch --format json >"$work/d2.json" 2>/dev/null
both=$( { new_hits "$work/d1.json" klantcontact; echo; new_hits "$work/d2.json" klantcontact; } | grep . | sort)
want3=$(search_hits "$work/d.db" '*kwartaalrapportage-2022-q3-*')
check "watch during an ingest: every new hit reported once, none lost" test -n "$want3" -a "$both" = "$want3"

# --- a database of an older version -------------------------------------------
cp "$work/before-watches.db" "$work/v7.db"
sqlite3 "$work/v7.db" "DROP TABLE watch_signals; DROP TABLE watch_seen; DROP TABLE watches; PRAGMA user_version=7"
cp "$work/v7.db" "$work/v7-ro.db"
run "$omb" --db "$work/v7.db" watch list
current=$(sqlite3 "$work/d.db" 'PRAGMA user_version')  # made by this binary: the current schema
check "schema 7: watch list upgrades it, exit 0" test "$rc" = 0 -a "$(sqlite3 "$work/v7.db" 'PRAGMA user_version')" = "$current" -a "$current" -gt 7
run "$omb" --db "$work/v7.db" watch add klantcontact communicatie
check "schema 7: a watch can be added after" test "$rc" = 0
chmod a-w "$work/v7-ro.db"
run "$omb" --db "$work/v7-ro.db" watch list
check "schema 7, read-only file: exit 1 with a clear message" test "$rc" = 1 -a "$err" = "ombudsmine: $work/v7-ro.db: database needs a schema upgrade; run any writing command (ingest) first"
run "$omb" --db "$work/v7-ro.db" watch
check "schema 7, read-only file, watch: exit 1, cannot write" test "$rc" = 1 -a -n "$(has "$err" "read-only" && echo y)"

# --- the web: "watch this search" and /watches in headless Chromium ----------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL chromium is not installed (scripts/test installs it)"; fail=$((fail + 1))
else
  wdb="$work/web.db"
  cp "$work/before-watches.db" "$wdb"
  port=$(( 20000 + RANDOM % 20000 ))
  "$omb" --db "$wdb" serve --port "$port" 2>"$work/serve.err" &
  server=$!
  for i in $(seq 50); do grep -q "serving" "$work/serve.err" 2>/dev/null && break; sleep 0.2; done
  base="http://127.0.0.1:$port"
  # Chromium driven over the DevTools protocol on a pipe: messages end with NUL.
  mkfifo "$work/cdp-in" "$work/cdp-out"
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-dev-shm-usage \
    --user-data-dir="$work/profile" --remote-debugging-pipe about:blank 3<"$work/cdp-in" 4>"$work/cdp-out" 2>"$work/chromium.err" &
  browser_pid=$!
  exec 5>"$work/cdp-in"
  exec 6<"$work/cdp-out"
  n=0; session=""
  # cdp METHOD PARAMS: sends a command (to the page once attached), prints its reply.
  cdp() {
    n=$((n + 1))
    local msg="{\"id\":$n,${session:+\"sessionId\":\"$session\",}\"method\":\"$1\",\"params\":$2}" m
    printf '%s\0' "$msg" >&5
    while IFS= read -r -d '' -t 30 m <&6; do
      case "$m" in *"\"id\":$n,"*) printf '%s\n' "$m"; return 0 ;; esac
    done
    return 1
  }
  # js EXPR: the value of a JavaScript expression in the page, as JSON.
  js() { cdp Runtime.evaluate "{\"expression\":$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/"/'),\"returnByValue\":true}" |
         grep -o '"value":.*' | sed 's/^"value"://; s/}}.*$//'; }
  # until_js EXPR: waits (up to 10 s) until EXPR is true in the page.
  until_js() { local i; for i in $(seq 50); do [ "$(js "$1")" = true ] && return 0; sleep 0.2; done; return 1; }
  target=$(cdp Target.createTarget "{\"url\":\"$base/search?q=communicatie&afdeling=Werk+en+Re-integratie\"}" | grep -o '"targetId":"[^"]*"' | cut -d'"' -f4)
  session=$(cdp Target.attachToTarget "{\"targetId\":\"$target\",\"flatten\":true}" | grep -o '"sessionId":"[^"]*"' | head -1 | cut -d'"' -f4)
  until_js "document.readyState === 'complete' && !!document.getElementById('watch-button')"
  check "web: the search page has the 'watch this search' button" test "$(js "document.getElementById('watch-button').textContent")" = '"Volg deze zoekopdracht"'
  check "web: the button's name is derived from the search" test "$(js "document.getElementById('watch-name').value")" = '"communicatie Werk en Re-integratie"'
  js "document.getElementById('watch-name').value = 'web klantcontact'; document.getElementById('watch-button').click(); 1" >/dev/null
  until_js "location.pathname === '/watches' && document.readyState === 'complete'"
  check "web: the click lands on /watches, which announces the watch" test "$(js "document.getElementById('added') && document.getElementById('added').textContent.startsWith('Opgeslagen: web klantcontact')")" = true
  check "web: the watch is saved with the search's query and filter" test "$("$omb" --db "$wdb" watch list --format json | grep -c '"watch":"web klantcontact","query":"communicatie","filters":\[\["afdeling","Werk en Re-integratie"\]\]')" = 1
  check "web: /watches lists it with nothing new yet" test "$(js "document.querySelector('article.watch[data-watch=\"web klantcontact\"]').dataset.newHits")" = '"0"'
  "$omb" -q --db "$wdb" ingest "$work/q3" "$work/q4" >/dev/null
  js "location.href = '/watches?after=ingest'; 1" >/dev/null
  until_js "location.search === '?after=ingest' && document.readyState === 'complete'"
  got=$(js "document.querySelector('article.watch[data-watch=\"web klantcontact\"]').dataset.newHits")
  check "web: after the ingest /watches shows the new hits ($got)" test "$got" = '"3"'
  links=$(js "Array.from(document.querySelectorAll('article.watch[data-watch=\"web klantcontact\"] li.hit a')).map(a => a.getAttribute('href')).join(' ')" | tr -d '"')
  check "web: each new hit links to its case ($links)" test -n "$links" -a "$(for l in $links; do curl -s -o /dev/null -w '%{http_code}\n' "$base$l"; done | grep -vc '^200$')" = 0
  check "web: the signals that appeared, with evidence links" test "$(js "document.querySelectorAll('article.watch[data-watch=\"web klantcontact\"] li.signal ul.evidence a').length > 0")" = true
  cdp Page.captureScreenshot '{}' | grep -o '"data":"[^"]*"' | cut -d'"' -f4 | base64 -d >"$shots/web-watches.png" 2>/dev/null
  check "web: a screenshot of /watches ($shots/web-watches.png)" test -s "$shots/web-watches.png"
  check "web: /watches marked nothing reported" test "$("$omb" --db "$wdb" watch --peek --format json | grep -c '"watch":"web klantcontact"')" = 1
  # A POST from another site's page is refused; a second watch of the same name is 409.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: http://evil.example" --data 'name=x&q=klacht' "$base/watch")
  check "web: a POST from another site is refused (403)" test "$code" = 403
  code=$(curl -s -o "$work/taken.html" -w '%{http_code}' --data 'name=web+klantcontact&q=klacht' "$base/watch")
  check "web: a name taken is 409" test "$code" = 409
  code=$(curl -s -o "$work/bad.html" -w '%{http_code}' --data-urlencode 'name=a/b' --data 'q=klacht' "$base/watch")
  check "web: a name with a slash is 400 with the message" test "$code" = 400 -a -n "$(grep -o "is not allowed" "$work/bad.html")"
  session=""
  cdp Browser.close '{}' >/dev/null
  [ "$fail" -eq 0 ] || { tail -n 5 "$work/chromium.err"; tail -n 5 "$work/serve.err"; }
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
