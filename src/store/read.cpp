#include "store/read.h"

#include "store/statements.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace omb {

Result<DocumentTexts> load_texts(Database& db, std::int64_t id) {
  DocumentTexts t;
  auto exists = db.prepare("SELECT 1 FROM documents WHERE id = ?1");
  if (!exists.ok()) return exists.error();
  exists->bind(1, id);
  auto e = exists->step();
  if (!e.ok()) return e.error();
  if (!*e) return make_error(Errc::not_found, "no document with id " + std::to_string(id), db.path());

  bool have_raw = false, have_norm = false;
  auto dt = db.prepare("SELECT norm FROM document_text WHERE document_id = ?1");
  if (!dt.ok()) return dt.error();
  dt->bind(1, id);
  auto row = dt->step();
  if (!row.ok()) return row.error();
  if (*row) { t.norm = dt->text(0); have_norm = true; }
  auto rw = db.prepare("SELECT chunk FROM document_raw WHERE document_id = ?1 ORDER BY seq");
  if (!rw.ok()) return rw.error();
  rw->bind(1, id);
  for (;;) {
    auto r = rw->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    const void* p = sqlite3_column_blob(rw->handle(), 0);
    int n = sqlite3_column_bytes(rw->handle(), 0);
    if (p) t.raw.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
    have_raw = true;
  }
  if (!have_norm) {
    auto ps = db.prepare("SELECT body FROM passages WHERE document_id = ?1 ORDER BY ordinal");
    if (!ps.ok()) return ps.error();
    ps->bind(1, id);
    for (;;) {
      auto r = ps->step();
      if (!r.ok()) return r.error();
      if (!*r) break;
      t.norm += ps->view(0);
    }
  }
  if (!have_raw) t.raw = t.norm;
  return t;
}

Result<std::string> load_source_range(Database& db, std::int64_t id, std::int64_t start, std::int64_t end) {
  SourceReader reader(db);
  return reader.range(id, start, end);
}

Result<std::string> SourceReader::range(std::int64_t id, std::int64_t start, std::int64_t end) {
  constexpr std::int64_t kChunk = std::int64_t{1} << 20;  // store/writer.cpp's rows of document_raw
  std::string out;
  if (end <= start || start < 0) return out;
  auto prepared = [&](std::optional<Stmt>& st, const char* sql) -> Result<Stmt*> {
    if (!st) {
      OMB_TRY_ASSIGN(s, db_.prepare(sql));
      st.emplace(std::move(s));
    }
    st->reset();
    return &*st;
  };
  OMB_TRY_ASSIGN(any, prepared(any_, "SELECT 1 FROM document_raw WHERE document_id = ?1 LIMIT 1"));
  any->bind(1, id);
  OMB_TRY_ASSIGN(has_raw, any->step());
  if (has_raw) {
    // Only the bytes asked for leave SQLite (substr counts from 1).
    OMB_TRY_ASSIGN(rw, prepared(raw_, "SELECT seq, substr(chunk, max(1, ?4 - seq * ?6 + 1), ?5) FROM document_raw "
                                      "WHERE document_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"));
    rw->bind(1, id).bind(2, start / kChunk).bind(3, (end - 1) / kChunk).bind(4, start).bind(5, end - start).bind(6, kChunk);
    while (true) {
      OMB_TRY_ASSIGN(row, rw->step());
      if (!row) break;
      const void* p = sqlite3_column_blob(rw->handle(), 1);
      const int n = sqlite3_column_bytes(rw->handle(), 1);
      if (p) out.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    if (out.size() > static_cast<std::size_t>(end - start)) out.resize(static_cast<std::size_t>(end - start));
    return out;
  }
  OMB_TRY_ASSIGN(ps, prepared(passages_, "SELECT start, body FROM passages WHERE document_id = ?1 AND end > ?2 AND "
                                         "start < ?3 ORDER BY ordinal"));
  ps->bind(1, id).bind(2, start).bind(3, end);
  std::int64_t first = -1;
  while (true) {
    OMB_TRY_ASSIGN(row, ps->step());
    if (!row) break;
    if (first < 0) first = ps->int64(0);
    out += ps->view(1);
  }
  if (first < 0) return std::string();
  const auto from = static_cast<std::size_t>(std::max<std::int64_t>(0, start - first));
  if (from >= out.size()) return std::string();
  return out.substr(from, static_cast<std::size_t>(end - start));
}

namespace {

// A case with its report: the columns read_case() reads, in its order.
constexpr const char* kCaseColumns =
    "SELECT c.id, c.document_id, c.zaaknummer, c.title, c.afdeling, c.status, c.oordeel, c.themes, c.start, c.end, "
    "d.title, d.organisation, d.year, d.quarter, "
    "(SELECT p.page FROM passages p WHERE p.case_id = c.id ORDER BY p.ordinal LIMIT 1) "
    "FROM cases c JOIN documents d ON d.id = c.document_id ";

std::optional<int> opt_int(const Stmt& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return static_cast<int>(st.int64(col));
}

CaseRow read_case(const Stmt& st) {
  CaseRow c;
  c.id = st.int64(0);
  c.document_id = st.int64(1);
  c.zaaknummer = st.text(2);
  c.title = st.text(3);
  c.afdeling = st.text(4);
  c.status = st.text(5);
  c.oordeel = st.text(6);
  c.themes = parse_theme_list(st.view(7));
  c.start = st.int64(8);
  c.end = st.int64(9);
  c.report_title = st.text(10);
  c.organisation = st.text(11);
  c.year = opt_int(st, 12);
  c.quarter = opt_int(st, 13);
  c.first_page = opt_int(st, 14);
  return c;
}

}  // namespace

Result<std::optional<CaseRow>> case_by_zaak(Database& db, std::string_view zaak) {
  OMB_TRY_ASSIGN(st, db.prepare(std::string(kCaseColumns) +
                                "WHERE c.zaaknummer = ?1 COLLATE NOCASE "
                                "ORDER BY d.year DESC, d.quarter DESC, c.id DESC LIMIT 1"));
  st.bind(1, zaak);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<CaseRow>();
  return std::optional<CaseRow>(read_case(st));
}

Result<std::vector<CaseRow>> cases_in(Database& db, std::int64_t id) {
  OMB_TRY_ASSIGN(st, db.prepare(std::string(kCaseColumns) + "WHERE c.document_id = ?1 ORDER BY c.ordinal"));
  st.bind(1, id);
  std::vector<CaseRow> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) return out;
    out.push_back(read_case(st));
  }
}

Result<std::optional<DocumentRow>> document_by_id(Database& db, std::int64_t id) {
  OMB_TRY_ASSIGN(st, db.prepare(
      "SELECT title, doctype, organisation, year, quarter, COALESCE(date, ''), page_count, p.period FROM documents "
      "LEFT JOIN document_periods p ON p.document_id = documents.id WHERE id = ?1"));
  st.bind(1, id);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<DocumentRow>();
  DocumentRow d;
  d.id = id;
  d.title = st.text(0);
  d.doctype = st.text(1);
  d.organisation = st.text(2);
  d.year = opt_int(st, 3);
  d.quarter = opt_int(st, 4);
  d.date = st.text(5);
  d.page_count = st.int64(6);
  if (!st.is_null(7)) d.period = st.text(7);
  return std::optional<DocumentRow>(std::move(d));
}

Result<std::optional<std::int64_t>> document_by_path(Database& db, std::string_view path) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT document_id FROM sources WHERE path = ?1 OR path LIKE '%/' || ?1 "
                                "ORDER BY path = ?1 DESC, path LIMIT 1"));
  st.bind(1, path);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st.int64(0));
}

namespace {

using statements::kSourcePaths;
using statements::read_source_paths;

}  // namespace

Result<std::vector<std::string>> source_paths(Database& db, std::int64_t id) {
  OMB_TRY_ASSIGN(st, db.prepare(kSourcePaths));
  return read_source_paths(st, id);
}

Result<std::vector<TagRow>> tags_in(Database& db, std::int64_t id, std::int64_t from, std::int64_t to) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT type, value, rule, start, end FROM tags "
                                "WHERE document_id = ?1 AND start >= ?2 AND end <= ?3 ORDER BY start, end DESC"));
  st.bind(1, id).bind(2, from).bind(3, to);
  std::vector<TagRow> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) return out;
    out.push_back(TagRow{st.text(0), st.text(1), st.text(2), st.int64(3), st.int64(4)});
  }
}

Result<std::optional<PageLine>> page_at(Database& db, std::int64_t id, std::int64_t at) {
  OMB_TRY_ASSIGN(st, db.prepare(
      "SELECT p.page, p.line, s.method, s.confidence FROM passages p LEFT JOIN page_sources s "
      "ON s.document_id = p.document_id AND s.number = p.page "
      "WHERE p.document_id = ?1 AND p.start <= ?2 ORDER BY p.start DESC LIMIT 1"));
  st.bind(1, id).bind(2, at);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<PageLine>();
  return std::optional<PageLine>(PageLine{static_cast<int>(st.int64(0)), static_cast<int>(st.int64(1)), st.text(2),
                                          st.is_null(3) ? -1.0 : st.dbl(3)});
}

bool same_zaak(std::string_view a, std::string_view b) {
  auto fold = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return fold(x) == fold(y); });
}

Result<std::string> case_text(Database& db, std::int64_t case_id, std::size_t max_bytes) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT body FROM passages WHERE case_id = ?1 ORDER BY ordinal"));
  st.bind(1, case_id);
  std::string text;
  while (text.size() < max_bytes) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    text += st.view(0);
    text += '\n';
  }
  return text;
}

Result<std::int64_t> passage_count(Database& db) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT COUNT(*) FROM passages"));
  OMB_TRY_ASSIGN(row, st.step());
  return row ? st.int64(0) : 0;
}

Result<std::vector<std::int64_t>> passages_with(Database& db, const std::vector<std::string>& terms) {
  OMB_TRY(db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.omb_vocab USING fts5vocab(main, 'passages_fts', 'row')"));
  OMB_TRY_ASSIGN(st, db.prepare("SELECT doc FROM temp.omb_vocab WHERE term = ?1"));
  std::vector<std::int64_t> out;
  out.reserve(terms.size());
  for (const auto& term : terms) {
    st.reset();
    st.bind(1, term);
    OMB_TRY_ASSIGN(row, st.step());
    out.push_back(row ? st.int64(0) : 0);
  }
  return out;
}

Result<std::optional<IngestRun>> last_ingest_run(Database& db) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT id, started_at, IFNULL(finished_at, ''), IFNULL(summary, '') "
                                "FROM ingest_runs ORDER BY id DESC LIMIT 1"));
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<IngestRun>();
  return std::optional<IngestRun>(IngestRun{st.int64(0), st.text(1), st.text(2), st.text(3)});
}

Result<std::vector<IngestProblem>> ingest_problems(Database& db, std::int64_t run_id) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT path, kind, reason FROM ingest_problems WHERE run_id = ?1 ORDER BY kind, path"));
  st.bind(1, run_id);
  std::vector<IngestProblem> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) return out;
    out.push_back(IngestProblem{st.text(0), st.text(1), st.text(2)});
  }
}

Result<std::vector<UnitRow>> unit_rows(Database& db, std::string_view level) {
  std::vector<UnitRow> out;
  auto period = [](UnitRow& u, const Stmt& s, int col) {
    u.year = opt_int(s, col);
    u.quarter = opt_int(s, col + 1);
    u.date = s.text(col + 2);
  };
  OMB_TRY_ASSIGN(cases, db.prepare(
      "SELECT c.id, c.document_id, "
      " CASE WHEN ?1 = 'all' OR EXISTS (SELECT 1 FROM tags t WHERE t.type = 'afdeling' AND t.value = c.afdeling "
      "   AND t.document_id = c.document_id AND " + std::string(statements::kTagLevelSql) + " = ?1) THEN c.afdeling ELSE '' END, "
      " c.themes, d.organisation, d.year, d.quarter, IFNULL(d.date, ''), d.doctype "
      "FROM cases c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.ordinal"));
  cases.bind(1, level);
  while (true) {
    OMB_TRY_ASSIGN(row, cases.step());
    if (!row) break;
    UnitRow u;
    u.case_id = cases.int64(0);
    u.document_id = cases.int64(1);
    u.afdeling = cases.text(2);
    u.themes = parse_theme_list(cases.view(3));
    u.organisation = cases.text(4);
    period(u, cases, 5);
    u.doctype = cases.text(8);
    out.push_back(std::move(u));
  }
  OMB_TRY_ASSIGN(docs, db.prepare(
      "SELECT d.id, d.organisation, d.year, d.quarter, IFNULL(d.date, ''), "
      " (SELECT json_group_array(value) FROM (SELECT DISTINCT value FROM tags t "
      "   WHERE t.document_id = d.id AND t.type = 'theme' ORDER BY value)), "
      " (SELECT CASE WHEN COUNT(DISTINCT value) = 1 THEN MAX(value) ELSE '' END FROM tags t "
      "   WHERE t.document_id = d.id AND t.type = 'afdeling' AND (?1 = 'all' OR " + std::string(statements::kTagLevelSql) + " = ?1)), "
      " d.doctype "
      "FROM documents d WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.document_id = d.id) ORDER BY d.id"));
  docs.bind(1, level);
  while (true) {
    OMB_TRY_ASSIGN(row, docs.step());
    if (!row) break;
    UnitRow u;
    u.document_id = docs.int64(0);
    u.organisation = docs.text(1);
    period(u, docs, 2);
    u.themes = parse_theme_list(docs.view(5));
    u.afdeling = docs.text(6);
    u.doctype = docs.text(7);
    out.push_back(std::move(u));
  }
  return out;
}

namespace {

using statements::kept;

// The columns of a QuotedPassage, in its order.
Result<std::optional<QuotedPassage>> read_quoted(Stmt& st) {
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<QuotedPassage>();
  QuotedPassage q;
  q.page = static_cast<int>(st.int64(0));
  q.line = static_cast<int>(st.int64(1));
  q.start = st.int64(2);
  q.body = st.text(3);
  q.at = st.int64(4);
  q.to = st.int64(5);
  q.rule = st.text(6);
  return std::optional<QuotedPassage>(std::move(q));
}

}  // namespace

Result<std::optional<EvidenceReader::CaseHead>> EvidenceReader::case_head(std::int64_t case_id) {
  OMB_TRY_ASSIGN(st, kept(db_, case_, "SELECT zaaknummer, title FROM cases WHERE id = ?1"));
  st->bind(1, case_id);
  OMB_TRY_ASSIGN(row, st->step());
  if (!row) return std::optional<CaseHead>();
  return std::optional<CaseHead>(CaseHead{st->text(0), st->text(1)});
}

Result<std::optional<std::string>> EvidenceReader::document_title(std::int64_t id) {
  OMB_TRY_ASSIGN(st, kept(db_, doc_, "SELECT title FROM documents WHERE id = ?1"));
  st->bind(1, id);
  OMB_TRY_ASSIGN(row, st->step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->text(0));
}

Result<std::vector<std::string>> EvidenceReader::sources(std::int64_t id) {
  OMB_TRY_ASSIGN(st, kept(db_, sources_, kSourcePaths));
  return read_source_paths(*st, id);
}

Result<std::optional<QuotedPassage>> EvidenceReader::theme_passage(std::int64_t id, std::string_view theme,
                                                                   std::optional<std::int64_t> case_id) {
  OMB_TRY_ASSIGN(st, kept(db_, tag_,
      "SELECT p.page, p.line, p.start, p.body, t.start, t.end, t.rule FROM tags t JOIN passages p "
      " ON p.document_id = t.document_id AND t.start >= p.start AND t.start < p.end "
      " LEFT JOIN cases c ON c.id = t.case_id "
      "WHERE t.document_id = ?1 AND t.type = 'theme' AND (?2 = '' OR t.value = ?2) "
      " AND (t.case_id = ?3 OR (?3 IS NULL AND t.case_id IS NULL)) "
      "ORDER BY NOT (c.id IS NULL OR (t.start >= c.start AND t.start < c.end)), p.kind <> 'paragraph', t.start "
      "LIMIT 1"));
  st->bind(1, id);
  st->bind(2, theme);
  if (case_id) st->bind(3, *case_id); else st->bind_null(3);
  return read_quoted(*st);
}

Result<std::optional<QuotedPassage>> EvidenceReader::first_paragraph(std::int64_t id,
                                                                     std::optional<std::int64_t> case_id) {
  OMB_TRY_ASSIGN(st, kept(db_, first_,
      "SELECT p.page, p.line, p.start, p.body, p.start, p.start, '' FROM passages p "
      "WHERE p.document_id = ?1 AND (?2 IS NULL OR p.case_id = ?2) AND p.kind = 'paragraph' "
      "ORDER BY p.ordinal LIMIT 1"));
  st->bind(1, id);
  if (case_id) st->bind(2, *case_id); else st->bind_null(2);
  return read_quoted(*st);
}

std::vector<std::string> parse_theme_list(std::string_view json) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace omb
