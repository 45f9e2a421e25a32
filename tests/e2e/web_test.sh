#!/usr/bin/env bash
# End-to-end test of `ombudsmine serve` in headless Chromium: a search with a
# filter, a facet followed, a case page with its tags, the signals page's
# charts, the CSV export's row count, an injected <script> that must not run,
# readers during an ingest, and a screenshot of each page.
#   tests/e2e/web_test.sh BUILD_DIR SOURCE_DIR
set -u
build="$1"; src="$2"
omb="$build/ombudsmine"
work=$(mktemp -d /tmp/omb-web-XXXXXX)
shots="$build/screenshots"
mkdir -p "$shots"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pass=0; fail=0
check() {
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "FAIL chromium is not installed (scripts/test installs it)"; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-dev-shm-usage
       --user-data-dir="$work/profile" --virtual-time-budget=3000)
dom() { timeout 60 "$browser" "${flags[@]}" --dump-dom "$1" 2>>"$work/chromium.err"; }
shot() { timeout 60 "$browser" "${flags[@]}" --window-size=1200,1600 --screenshot="$shots/$1.png" "$2" >/dev/null 2>>"$work/chromium.err"; }
attr() { grep -o "$1=\"[^\"]*\"" | head -1 | sed "s/^$1=\"//; s/\"\$//"; }
unhtml() { sed 's/&amp;/\&/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g'; }

# The sample archive, plus a document that tries to inject a script.
db="$work/w.db"
mkdir -p "$work/evil"
printf 'Kwartaalrapportage eerste kwartaal 2019\n\nDe klager schreef <script>document.body.setAttribute("data-pwned","1")</script> en <img src=x onerror="document.body.setAttribute(%s)"> in zijn brief over de gemeente.\n' "'data-pwned','2'" >"$work/evil/injectie.txt"
"$omb" -q --db "$db" ingest "$src"/corpus/20* "$work/evil" >/dev/null || { echo "FAIL ingest"; exit 1; }

port=$(( 20000 + RANDOM % 20000 ))
"$omb" --db "$db" serve --port "$port" 2>"$work/serve.err" &
server=$!
for i in $(seq 50); do grep -q "serving" "$work/serve.err" 2>/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
check "serve: says where it listens, on loopback" grep -q "at http://127.0.0.1:$port/" "$work/serve.err"

# 1. A search with a filter returns the expected cases.
u="$base/search?q=communicatie&afdeling=Werk+en+Re-integratie&from=2022"
dom "$u" >"$work/search.html"
total=$(attr data-total <"$work/search.html")
zaken=$(grep -o 'class="hit" data-zaak="[^"]*"' "$work/search.html" | sed 's/.*data-zaak="//; s/"//' | sort -n | paste -sd' ')
want=$("$omb" --db "$db" search communicatie --afdeling "Werk en Re-integratie" --from 2022 --format csv | tail -n +2 | cut -d, -f3 | sort -n | paste -sd' ')
check "search page: filter gives the CLI's cases ($total: $zaken)" test -n "$zaken" -a "$zaken" = "$want"
shot web-search "$u"

# 2. A facet link narrows the results.
facet=$(grep -o '<div class="facet" data-facet="quarter">.*' "$work/search.html" | grep -o 'href="[^"]*"' | head -1 | sed 's/href="//; s/"$//' | unhtml)
dom "$base$facet" >"$work/facet.html"
total2=$(attr data-total <"$work/facet.html")
check "facet click: $facet narrows $total to $total2" test -n "$facet" -a -n "$total2" -a "${total2:-0}" -lt "${total:-0}" -a "${total2:-0}" -gt 0
check "facet click: the chosen value can be cleared" grep -q 'wissen</a>' "$work/facet.html"

# 2b. A mistyped query proposes the corrected one, one click away, its filter
# kept (#21); a fuzzy word says what it became.
dom "$base/search?q=klantmanagr&afdeling=Werk+en+Re-integratie" >"$work/dym.html"
dym=$(grep -o 'id="did-you-mean">Bedoelde u: <a href="[^"]*"' "$work/dym.html" | sed 's/.*href="//; s/"$//' | unhtml)
check "did you mean: a link to the corrected query, filter kept ($dym)" test "$dym" = "/search?afdeling=Werk+en+Re-integratie&q=klantmanager"
dom "$base$dym" >"$work/dym2.html"
n=$(attr data-total <"$work/dym2.html")
want=$("$omb" --db "$db" search klantmanager --afdeling "Werk en Re-integratie" --format csv | tail -n +2 | wc -l)
check "did you mean: one click gives the corrected query's $want hits ($n)" test "${n:-0}" -gt 0 -a "${n:-0}" = "$want"
dom "$base/search?q=klantmanagr~" >"$work/fuzzy.html"
check "fuzzy word: the page says which terms it searched" grep -q 'class="meta fuzzy" data-word="klantmanagr">klantmanagr~2 zocht ook: klantmanager' "$work/fuzzy.html"

# 3. The export link downloads a CSV whose row count equals the hit count.
exp=$(grep -o 'id="export-csv" href="[^"]*"' "$work/search.html" | sed 's/.*href="//; s/"$//' | unhtml)
curl -s -o "$work/export.csv" -D "$work/export.h" "$base$exp"
rows=$(( $(wc -l <"$work/export.csv") - 1 ))
check "export link: CSV download with $rows rows = $total hits" test "$rows" = "$total"
check "export link: served as an attachment" grep -qi 'content-disposition: attachment' "$work/export.h"
jl=$(curl -s "$base${exp/export.csv/export.jsonl}" | grep -c .)
check "export JSON Lines: one line per hit" test "$jl" = "$total"

# 4. A case page shows its tags.
zaak=$(echo "$zaken" | tr ' ' '\n' | grep . | head -1)
dom "$base/case/$zaak" >"$work/case.html"
check "case page: tags of several types marked" test "$(grep -o 'data-type="[a-z]*"' "$work/case.html" | sort -u | wc -l)" -ge 2
check "case page: hovering a tag names its rule" grep -q 'title="theme = [^"]*· regel theme\.' "$work/case.html"
check "case page: the source path" grep -q "kwartaalrapportage-2022" "$work/case.html"
check "case page: similar cases" grep -q '<ul class="similar">' "$work/case.html"
shot web-case "$base/case/$zaak"

# 5. The signals page renders its charts.
dom "$base/signals" >"$work/signals.html"
charts=$(grep -o '<svg class="chart"' "$work/signals.html" | wc -l)
check "signals page: charts rendered ($charts)" test "$charts" -ge 1 -a -n "$(grep -o "data-rendered=\"$charts\"" "$work/signals.html")"
want=$(grep -o 'data-points="[0-9]*"' "$work/signals.html" | tr -dc '0-9 \n' | paste -sd' ')
got=$(grep -o 'data-rendered-points="[0-9]*"' "$work/signals.html" | tr -dc '0-9 \n' | paste -sd' ')
check "signals page: one point per period in every chart" test -n "$want" -a "$want" = "$got"
check "signals page: evidence links to cases" grep -q 'href="/case/' "$work/signals.html"
check "signals page: the lasting change, since when, with its periods shaded (#17)" grep -q 'communicatie · Werk en Re-integratie · since 2021Q3, 21 of 27 cases' "$work/signals.html"
check "signals page: the shift's chart shades the periods since the change" grep -q '<rect class="since"' "$work/signals.html"
shot web-signals "$base/signals"

# 6. An injected <script> in a document never runs; it shows as text.
doc=$(curl -s "$base/search?q=klager+brief" | grep -o 'href="/doc/[0-9]*"' | head -1 | tr -dc 0-9)
dom "$base/doc/$doc" >"$work/doc.html"
check "injected script: the document page loaded" grep -q 'in zijn brief' "$work/doc.html"
check "injected script: never ran" test -z "$(grep -o '<body[^>]*data-pwned' "$work/doc.html")"
check "injected script: shown as text" grep -q '&lt;script&gt;document.body' "$work/doc.html"
dom "$base/search?q=klager+brief" >"$work/evil-search.html"
check "injected script: not in search results either" test -z "$(grep -o '<body[^>]*data-pwned' "$work/evil-search.html")"
shot web-document "$base/doc/$doc"

# 7. Status, errors, limits.
dom "$base/status" >"$work/status.html"
check "status page: counts and the last ingest" grep -q 'Laatste ingest' "$work/status.html"
shot web-status "$base/status"
code=$(curl -s -o "$work/bad.html" -w '%{http_code}' "$base/search?q=%22unbalanced")
check "malformed query: HTTP 400 with the CLI's message" test "$code" = 400 -a -n "$(grep -o 'query: unclosed quote (column 1)' "$work/bad.html")"
check "unknown case: 404" test "$(curl -s -o /dev/null -w '%{http_code}' "$base/case/nope")" = 404
check "path outside the site: 404, nothing opened" test "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$base/../../etc/passwd")" = 404
head -c 100000 /dev/zero | tr '\0' a >"$work/big"
check "a request body over 64 KB is refused" test "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$work/big" "$base/search")" -ge 400

# 8. Readers while an ingest runs in another process (WAL).
mkdir -p "$work/more"
for i in $(seq 30); do printf 'Kwartaalrapportage 2020\n\nKlacht %s over de communicatie van de afdeling.\n' "$i" >"$work/more/n$i.txt"; done
"$omb" -q --db "$db" ingest "$work/more" >/dev/null 2>&1 &
ing=$!
ok=0
for i in $(seq 40); do
  curl -s -o /dev/null -w '%{http_code}\n' "$base/search?q=communicatie&page=$((i % 3 + 1))" &
done >"$work/codes"
wait "$ing"; ingest_rc=$?
wait_for=0; while [ "$(wc -l <"$work/codes")" -lt 40 ] && [ $wait_for -lt 100 ]; do sleep 0.1; wait_for=$((wait_for + 1)); done
check "40 concurrent readers during an ingest: all 200 (ingest exit $ingest_rc)" test "$(grep -c '^200$' "$work/codes")" = 40 -a "$ingest_rc" = 0

[ "$fail" -eq 0 ] || { tail -n 5 "$work/chromium.err"; tail -n 5 "$work/serve.err"; }
echo "$pass passed, $fail failed (screenshots in $shots)"
[ "$fail" -eq 0 ]
