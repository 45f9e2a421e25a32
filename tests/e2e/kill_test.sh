#!/usr/bin/env bash
# Nothing is lost (issue #15): `kill -9` during ingest, `ingest --reanalyse`
# and `reindex`, at several points of each. After every kill the database
# passes SQLite's and FTS5's integrity checks, and the next run reaches
# exactly the state of a clean ingest: the same documents, sources, pages,
# passages, cases, tags, raw text and index (compared by content, not ids).
#   tests/e2e/kill_test.sh BUILD_DIR SOURCE_DIR
set -u
build="$1"; src="$2"
omb="$build/ombudsmine"
gen="$build/omb_gen_archive"
ext="$build/ombudsmine_fts"
work=$(mktemp -d /tmp/omb-kill-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() {
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}

# The state of a database, by content: one line a row, sorted, ids replaced
# by what they point at (a document by its hash, a case by its document and
# ordinal), so two databases that hold the same archive give the same text.
dump() {
  sqlite3 -batch "$1" <<'SQL' | LC_ALL=C sort
SELECT 'doc', content_hash, byte_size, encoding, replaced_chars, pipeline_version, title, doctype, organisation,
       year, quarter, date, page_count FROM documents;
SELECT 'src', s.path, d.content_hash, s.size, s.mtime FROM sources s JOIN documents d ON d.id = s.document_id;
SELECT 'page', d.content_hash, p.number, p.start, p.end FROM pages p JOIN documents d ON d.id = p.document_id;
SELECT 'case', d.content_hash, c.ordinal, c.zaaknummer, c.title, c.afdeling, c.status, c.oordeel, c.start, c.end
  FROM cases c JOIN documents d ON d.id = c.document_id;
SELECT 'psg', d.content_hash, p.ordinal, p.kind, p.page, p.line, p.start, p.end, p.src_start, p.src_end,
       coalesce(c.ordinal, ''), hex(sha3(p.heading || char(1) || p.body))
  FROM passages p JOIN documents d ON d.id = p.document_id LEFT JOIN cases c ON c.id = p.case_id;
SELECT 'tag', d.content_hash, coalesce(c.ordinal, ''), t.type, t.value, t.text, t.start, t.end, t.rule
  FROM tags t JOIN documents d ON d.id = t.document_id LEFT JOIN cases c ON c.id = t.case_id;
SELECT 'raw', d.content_hash, r.seq, hex(sha3(r.chunk)) FROM document_raw r JOIN documents d ON d.id = r.document_id;
SELECT 'text', d.content_hash, hex(sha3(t.norm)) FROM document_text t JOIN documents d ON d.id = t.document_id;
SQL
}
# SQLite's and FTS5's integrity checks, and what the index finds for a few words.
# A kill between the file's creation (journal_mode=WAL writes its header) and
# the first schema step's commit leaves a database without tables: nothing
# was stored, and the next run makes the schema; that is sound too (seen in
# CI once the analyser's start-up under ASan reached the 35 % mark).
sound() {
  [ "$(sqlite3 -batch "$1" 'PRAGMA integrity_check')" = ok ] || { echo "  integrity_check failed"; return 1; }
  if [ "$(sqlite3 -batch "$1" 'SELECT count(*) FROM sqlite_master')" = 0 ]; then
    echo "  (no tables yet: killed before the schema was made)"
    return 0
  fi
  [ "$(sqlite3 -batch "$1" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || { echo "  foreign_key_check failed"; return 1; }
  sqlite3 -batch "$1" ".load $ext" "INSERT INTO passages_fts(passages_fts) VALUES('integrity-check')" ||
    { echo "  FTS5 integrity-check failed"; return 1; }
}
index_counts() {
  local w
  for w in klacht communicatie afdeling gegrond excuses; do
    sqlite3 -batch "$1" ".load $ext" "SELECT '$w', count(*) FROM passages_fts WHERE passages_fts MATCH '\"$w\"'"
  done
}

# An archive big enough to be killed in the middle (a few seconds of ingest).
"$gen" --out "$work/archive" --mb 3 --files 60 --seed 7 >/dev/null
clean="$work/clean.db"
start=$(date +%s%N)
"$omb" -q --db "$clean" ingest "$work/archive" >/dev/null || { echo "FAIL clean ingest"; exit 1; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "note clean ingest took $ms ms"
dump "$clean" >"$work/clean.dump"
index_counts "$clean" >"$work/clean.index"
check "clean ingest is sound" sound "$clean"
check "clean dump is not empty ($(wc -l <"$work/clean.dump") rows)" test "$(wc -l <"$work/clean.dump")" -gt 1000

# kill_at DB PERCENT COMMAND...: start COMMAND, kill -9 it after PERCENT of
# the clean ingest's time (or when it ends first).
kill_at() {
  local db="$1" pct="$2"; shift 2
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$(awk -v ms="$ms" -v p="$pct" 'BEGIN { printf "%.3f", ms * p / 100000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
same_as_clean() {  # the database holds exactly what the clean ingest holds
  dump "$1" >"$work/now.dump"
  index_counts "$1" >"$work/now.index"
  cmp -s "$work/clean.dump" "$work/now.dump" && cmp -s "$work/clean.index" "$work/now.index" ||
    { diff "$work/clean.dump" "$work/now.dump" | head -5; return 1; }
}

# 1. A first ingest killed at several points; the next one completes it.
for pct in 10 35 60 85; do
  db="$work/k$pct.db"
  kill_at "$db" "$pct" "$omb" -q --db "$db" ingest "$work/archive"
  if [ -f "$db" ]; then
    check "ingest killed at $pct %: the database is sound" sound "$db"
  fi
  "$omb" -q --db "$db" ingest "$work/archive" >/dev/null
  check "ingest killed at $pct %: the next ingest reaches the clean state" same_as_clean "$db"
  check "ingest killed at $pct %: the search catalog is current again" \
    test "$("$omb" --db "$db" stats --json | grep -o '"search_catalog": *"[a-z]*"' | grep -o '[a-z]*"$')" = 'current"'
done

# 2. A re-analysis and a reindex killed half-way; running them again gives the clean state.
db="$work/r.db"
cp "$clean" "$db"
kill_at "$db" 50 "$omb" -q --db "$db" ingest --reanalyse "$work/archive"
check "ingest --reanalyse killed half-way: the database is sound" sound "$db"
"$omb" -q --db "$db" ingest --reanalyse "$work/archive" >/dev/null
check "ingest --reanalyse killed half-way: the next run reaches the clean state" same_as_clean "$db"
for pct in 10 25; do
  db="$work/x$pct.db"
  cp "$clean" "$db"
  kill_at "$db" "$pct" "$omb" -q --db "$db" reindex
  check "reindex killed at $pct %: the database is sound" sound "$db"
  "$omb" -q --db "$db" reindex >/dev/null
  check "reindex killed at $pct %: reindex again reaches the clean state" same_as_clean "$db"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
