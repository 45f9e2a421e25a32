#include "store/schema.h"

namespace omb::schema {

// Version 1. Design notes:
// - documents holds one row per distinct content (content_hash is unique);
//   sources maps every path ever ingested to the document it holds now, so a
//   copied file is stored once and both paths are known.
// - The normalised text is stored once: passages tile it, so it is the
//   concatenation of a document's passage bodies in ordinal order.
//   document_raw holds the decoded source text only where it differs from
//   the normalised text, in rows of at most 1 MB (so a 200 MB file is never
//   one 200 MB record in memory); document_text.norm only where the passages
//   do not tile the normalised text. Absent means "rebuild it".
// - passages are the unit of full-text search: passages_fts indexes them as an
//   external-content FTS5 table. The store's writer keeps it in step (no
//   triggers: a trigger makes FTS5 flush a segment for every row, 4x slower).
// - every child row cascades from documents: deleting a document (a replaced
//   version) removes its text, pages, passages, cases, tags and index entries.
// - tags(type, value, document_id) serves facet and signal queries; cases
//   carry afdeling/oordeel/zaaknummer for filters without joins.
static constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents(
  id               INTEGER PRIMARY KEY,
  content_hash     TEXT NOT NULL UNIQUE,
  byte_size        INTEGER NOT NULL,
  encoding         TEXT NOT NULL,
  replaced_chars   INTEGER NOT NULL DEFAULT 0,
  ingested_at      TEXT NOT NULL,
  pipeline_version INTEGER NOT NULL,
  title            TEXT NOT NULL DEFAULT '',
  doctype          TEXT NOT NULL DEFAULT 'overig',
  organisation     TEXT NOT NULL DEFAULT '',
  year             INTEGER,
  quarter          INTEGER,
  date             TEXT,
  page_count       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX documents_period ON documents(year, quarter);

CREATE TABLE document_text(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  norm        TEXT NOT NULL
);

CREATE TABLE document_raw(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  chunk       BLOB NOT NULL,
  PRIMARY KEY(document_id, seq)
) WITHOUT ROWID;

CREATE TABLE sources(
  path        TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  size        INTEGER NOT NULL,
  mtime       INTEGER NOT NULL,
  first_seen  TEXT NOT NULL
);
CREATE INDEX sources_document ON sources(document_id);

CREATE TABLE pages(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  PRIMARY KEY(document_id, number)
) WITHOUT ROWID;

CREATE TABLE cases(
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  zaaknummer  TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  afdeling    TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT '',
  oordeel     TEXT NOT NULL DEFAULT '',
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL
);
CREATE INDEX cases_document ON cases(document_id, ordinal);
CREATE INDEX cases_zaaknummer ON cases(zaaknummer);
CREATE INDEX cases_afdeling ON cases(afdeling);

CREATE TABLE passages(
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  case_id     INTEGER REFERENCES cases(id) ON DELETE SET NULL,
  ordinal     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  page        INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  src_start   INTEGER NOT NULL,
  src_end     INTEGER NOT NULL,
  heading     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL
);
CREATE INDEX passages_document ON passages(document_id, ordinal);
CREATE INDEX passages_case ON passages(case_id);

CREATE TABLE tags(
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  case_id     INTEGER REFERENCES cases(id) ON DELETE CASCADE,
  type        TEXT NOT NULL,
  value       TEXT NOT NULL,
  text        TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  rule        TEXT NOT NULL
);
CREATE INDEX tags_type_value ON tags(type, value, document_id);
CREATE INDEX tags_document ON tags(document_id);
CREATE INDEX tags_case ON tags(case_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
  heading, body,
  content='passages', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE ingest_runs(
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  summary     TEXT
);
CREATE TABLE ingest_problems(
  run_id INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
  path   TEXT NOT NULL,
  kind   TEXT NOT NULL,   -- skipped | failed
  reason TEXT NOT NULL
);
CREATE INDEX ingest_problems_run ON ingest_problems(run_id);
)sql";

// v2 (extraction): a tag's extra facts as JSON (unit of an afdeling, counts of
// a table row); a case's themes as a JSON array, for filters without joins.
// Version 2: tag details (unit, table counts) and case themes. Databases made
// by development builds of version 1 before the source text moved to
// document_raw lack that table; it is made here too.
static constexpr std::string_view kV2 = R"sql(
ALTER TABLE tags ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN themes TEXT NOT NULL DEFAULT '[]';
CREATE TABLE IF NOT EXISTS document_raw(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  chunk       BLOB NOT NULL,
  PRIMARY KEY(document_id, seq)
) WITHOUT ROWID;
)sql";

// Version 3: the full-text index uses the Dutch tokenizer (index/tokenizer.h:
// folding, Snowball stemming, compounds, codes kept whole), registered on every
// connection; search_lexicon holds the word lists the index was built with.
static constexpr std::string_view kV3 = R"sql(
DROP TABLE passages_fts;
CREATE VIRTUAL TABLE passages_fts USING fts5(
  heading, body,
  content='passages', content_rowid='id',
  tokenize='dutch'
);
CREATE TABLE search_lexicon(
  kind TEXT NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY(kind, word)
) WITHOUT ROWID;
DELETE FROM meta WHERE key = 'tokenizer';
-- Search reads a hit's document, case and place without touching the body.
CREATE INDEX passages_hit ON passages(id, document_id, case_id, page, line, start, end);
-- Filters on the tags inside a passage.
CREATE INDEX tags_document_type ON tags(document_id, type, value, start);
INSERT INTO passages_fts(passages_fts) VALUES('rebuild');
)sql";

// Version 4: two tag indexes that no query used go. Every query on tags
// names the document first (tags_document_type serves it, and the cascade
// from documents); tags_case serves the cascade from cases. Each index cost
// its share of ingest: 1.9 million tags of the 200 MB archive went in in
// 5.3 s with four indexes, 2.8 s with two (bench/RESULTS.md).
static constexpr std::string_view kV4 = R"sql(
DROP INDEX IF EXISTS tags_type_value;
DROP INDEX IF EXISTS tags_document;
)sql";

// Version 5: the search catalog (store/catalog.h) kept with the database.
// meta's `generation` tells which state of the documents a stored catalog
// belongs to: every document added, re-analysed (its row is updated with its
// cases, passages and tags) or removed raises it, by these triggers, and so
// does a rebuild of the index (Database::use_lexicon). A catalog of another
// generation is not used; ingest and reindex store a new one.
static constexpr std::string_view kV5 = R"sql(
INSERT OR IGNORE INTO meta(key, value) VALUES('generation', '1');
CREATE TRIGGER IF NOT EXISTS documents_generation_insert AFTER INSERT ON documents BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS documents_generation_update AFTER UPDATE ON documents BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS documents_generation_delete AFTER DELETE ON documents BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
CREATE TABLE IF NOT EXISTS search_catalog(
  part       TEXT PRIMARY KEY,   -- lengths | passages | documents | cases | tagged
  generation INTEGER NOT NULL,
  data       BLOB NOT NULL
);
)sql";

// Version 6: the fingerprint of the dictionaries each document was analysed
// with (ingest/analyze.h: analysis_fingerprint). After an edit of a rule or
// word file, a document stored with another fingerprint is stale: the next
// ingest of its path analyses it again, and stats counts it. A document
// without a row here was stored before version 6, with rules unknown (stale
// too). A table of its own, not a column of documents: it can be made
// whatever state a database is in.
static constexpr std::string_view kV6 = R"sql(
CREATE TABLE IF NOT EXISTS document_rules(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  rules       TEXT NOT NULL
);
)sql";

// Version 7: PDFs (ingest/pdf.h). page_sources says, for each page of a
// document read from a PDF, how its text was obtained (text layer, OCR,
// OCR that failed, empty) and Tesseract's mean confidence (0..1) for OCR'd
// pages; documents from .txt/.md files have no rows (their pages are "text
// file"). A separate table rather than columns on pages: pages has a row only
// up to the last page with text, and every PDF page is counted here.
// ocr_cache keeps what Tesseract read, by the hash of the rendered page image,
// so a re-ingest or --reanalyse never runs OCR on the same page twice; it is
// not tied to a document (a page shared by two PDFs is read once).
static constexpr std::string_view kV7 = R"sql(
CREATE TABLE IF NOT EXISTS page_sources(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  method      TEXT NOT NULL,   -- text | ocr | ocr-failed | empty
  confidence  REAL,            -- ocr only: Tesseract's mean word confidence, 0..1
  PRIMARY KEY(document_id, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ocr_cache(
  image_hash TEXT PRIMARY KEY,
  text       TEXT NOT NULL,
  confidence REAL NOT NULL
) WITHOUT ROWID;
)sql";

// Version 8: the index's term list with passage counts (store/vocab.h), for
// fuzzy terms and "did you mean": one row, of the generation it was read at
// (fts5vocab takes a second to scan on a large archive; this row, a few ms).
static constexpr std::string_view kV8 = R"sql(
CREATE TABLE IF NOT EXISTS search_vocab(
  id         INTEGER PRIMARY KEY CHECK(id = 1),
  generation INTEGER NOT NULL,
  data       BLOB NOT NULL     -- "term\tpassages\n" lines, sorted by term
);
)sql";

// Version 9: saved searches and watches (watch/watch.h, store/watches.h).
// watches holds each watch's name, its query as typed and its filters (a
// JSON array of [name, value] pairs, as given), when it was made and last
// reported, and the `generation` (meta) of the state it last reported.
// AUTOINCREMENT: a removed or replaced watch's id is never used again, so a
// report computed for it can never be recorded against its successor.
// watch_seen: the key of every hit a watch has reported (or found when it was
// made), stable across re-ingest (store/watches.h: hit_keys). watch_signals:
// the alerts of the watch's cells as last reported, with the figures that
// "changed" compares. Both cascade from watches.
static constexpr std::string_view kV9 = R"sql(
CREATE TABLE IF NOT EXISTS watches(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL UNIQUE,
  query       TEXT NOT NULL,
  filters     TEXT NOT NULL DEFAULT '[]',
  created_at  TEXT NOT NULL,
  reported_at TEXT,
  generation  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS watch_seen(
  watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
  hit_key  TEXT NOT NULL,
  PRIMARY KEY(watch_id, hit_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watch_signals(
  watch_id     INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
  organisation TEXT NOT NULL,
  doctype      TEXT NOT NULL,
  afdeling     TEXT NOT NULL,
  theme        TEXT NOT NULL,
  kind         TEXT NOT NULL,
  period       TEXT NOT NULL,
  ratio        REAL,
  q            REAL NOT NULL,
  since        TEXT NOT NULL DEFAULT '',
  still_up     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(watch_id, organisation, doctype, afdeling, theme, kind)
) WITHOUT ROWID;
)sql";

// Version 10: the period each report covers (extract/facts.h: "2021",
// "2021-Q3", "2021-H2", or '' for a single case or a newsletter), beside
// documents' year and quarter, which date it for filters and signals. A
// document without a row was stored before version 10 (period unknown); the
// dictionaries' fingerprint changed with the period rules, so the next ingest
// of its path analyses it again. A table of its own, as document_rules.
static constexpr std::string_view kV10 = R"sql(
CREATE TABLE IF NOT EXISTS document_periods(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  period      TEXT NOT NULL
);
)sql";

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> all = {kV1, kV2, kV3, kV4, kV5, kV6, kV7, kV8, kV9, kV10};
  return all;
}

}  // namespace omb::schema
