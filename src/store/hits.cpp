#include "store/hits.h"

#include <variant>

#include "base/marks.h"
#include "index/rank.h"
#include "store/read.h"
#include "store/statements.h"

namespace omb {

namespace {

// Every match of ?1 with its score (BM25, headings 3x), in rowid order.
constexpr const char* kScoredMatches =
    "SELECT rowid, omb_bm25(passages_fts, 3.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?1";
constexpr const char* kScoredMatchesTf =
    "SELECT rowid, omb_bm25_tf(passages_fts, 3.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?1";

// snippet() with the marks of base/marks.h, an ellipsis and 24 tokens.
std::string snippet_call() {
  return std::string("snippet(passages_fts, -1, char(") + std::to_string(static_cast<int>(kMarkOpen)) + "), char(" +
         std::to_string(static_cast<int>(kMarkClose)) + "), '…', 24)";
}

// True when `fts` is one FTS5 string ("…" or "…"*): one phrase, whose rows
// are exactly the matches.
bool one_phrase(std::string_view fts) {
  if (fts.size() < 2 || fts.front() != '"') return false;
  std::size_t i = 1;
  for (; i < fts.size(); ++i) {
    if (fts[i] != '"') continue;
    if (i + 1 < fts.size() && fts[i + 1] == '"') {  // "" inside: a quote
      ++i;
      continue;
    }
    break;
  }
  if (i >= fts.size()) return false;
  const std::string_view rest = fts.substr(i + 1);
  return rest.empty() || rest == "*";
}

using Bind = std::variant<std::int64_t, std::string>;

// A WHERE clause being built, with its parameters from ?2 on (?1 is the
// query's own: the matches' ids).
struct Sql {
  std::string where;
  std::vector<Bind> binds;
  void add(const std::string& cond) { where += " AND " + cond; }
  std::string param(Bind b) {
    binds.push_back(std::move(b));
    return "?" + std::to_string(binds.size() + 1);
  }
  // fmt with each value for its '$', joined by OR.
  template <class T>
  std::string any_of(const std::vector<T>& values, const std::string& fmt) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string c = fmt;
      c.replace(c.find('$'), 1, param(values[i]));
      out += (i ? " OR " : "") + c;
    }
    return out + ")";
  }
};

void bind_all(Stmt& st, const Sql& sql) {
  for (std::size_t i = 0; i < sql.binds.size(); ++i) {
    const int k = static_cast<int>(i) + 2;
    if (const auto* n = std::get_if<std::int64_t>(&sql.binds[i])) st.bind(k, *n);
    else st.bind(k, std::get<std::string>(sql.binds[i]));
  }
}

// Where each fact is kept, in the joins of hit_rows() (d: documents, c: cases).
const char* column_of(Field f) {
  switch (f) {
    case Field::doc_year: return "d.year";
    case Field::doc_quarter: return "d.quarter";
    case Field::doc_doctype: return "d.doctype";
    case Field::doc_organisation: return "d.organisation";
    case Field::case_zaaknummer: return "c.zaaknummer";
    case Field::case_afdeling: return "c.afdeling";
    case Field::case_themes: return "c.themes";
    case Field::case_oordeel: return "c.oordeel";
    case Field::case_status: return "c.status";
  }
  return "NULL";
}

bool is_list(Field f) { return f == Field::case_themes; }

// The condition on `column` for one value ($).
std::string compare_sql(const std::string& column, Compare c, bool list) {
  if (list) {
    const char* op = c == Compare::equal_nocase ? "j.value = $ COLLATE NOCASE" : "j.value = $";
    return "EXISTS (SELECT 1 FROM json_each(" + column + ") j WHERE " + op + ")";
  }
  switch (c) {
    case Compare::equal: return column + " = $";
    case Compare::equal_nocase: return column + " = $ COLLATE NOCASE";
    case Compare::at_least: return column + " >= $";
    case Compare::at_most: return column + " <= $";
    case Compare::contains: return column + " LIKE '%' || $ || '%'";
  }
  return "0";
}

std::string clause_sql(const FilterClause& f, Sql& sql) {
  const std::string cond = compare_sql(column_of(f.field), f.compare, is_list(f.field));
  return f.texts.empty() ? sql.any_of(f.numbers, cond) : sql.any_of(f.texts, cond);
}

// A tag of the fact's type with the value inside the passage p.
std::string tag_in_passage(const char* type) {
  return std::string("EXISTS (SELECT 1 FROM tags t WHERE t.document_id = p.document_id AND t.type = '") + type +
         "' AND t.value = $ COLLATE NOCASE AND t.start >= p.start AND t.start < p.end)";
}

// The conditions of `filters`: document facts first, then case facts; a
// passage outside cases qualifies by its tags when `tags` (and the fact has
// a tag type), else a case filter needs a case.
void add_filters(const std::vector<FilterClause>& filters, Sql& sql, bool documents, bool cases, bool tags) {
  for (const FilterClause& f : filters)
    if (!is_case_field(f.field) && documents) sql.add(clause_sql(f, sql));
  if (!cases) return;
  for (const FilterClause& f : filters) {
    if (!is_case_field(f.field)) continue;
    std::string c = "(c.id IS NOT NULL AND " + clause_sql(f, sql) + ")";
    if (tags && tag_type_of(f.field))
      c = "(" + c + " OR (p.case_id IS NULL AND " + sql.any_of(f.texts, tag_in_passage(tag_type_of(f.field))) + "))";
    sql.add(c);
  }
}

constexpr const char* kColumns =
    "p.id, p.document_id, p.case_id, d.year, d.quarter, d.doctype, COALESCE(d.date, ''), "
    "COALESCE(c.afdeling, ''), COALESCE(c.themes, '[]'), COALESCE(c.oordeel, '')";

std::string hit_sql(const HitQuery& q, Sql& sql) {
  switch (q.source) {
    case HitQuery::Source::matches:
      add_filters(q.filters, sql, true, true, true);
      return std::string("WITH x(id) AS (SELECT value FROM json_each(?1)) SELECT p.id, p.document_id, p.case_id, ") +
             (q.documents ? "d.year, d.quarter, d.doctype, COALESCE(d.date, ''), " : "NULL, NULL, '', '', ") +
             (q.cases ? "COALESCE(c.afdeling, ''), COALESCE(c.themes, '[]'), COALESCE(c.oordeel, '')" : "'', '[]', ''") +
             " FROM x JOIN passages p INDEXED BY passages_hit ON p.id = x.id" +
             (q.documents ? " JOIN documents d ON d.id = p.document_id" : "") +
             (q.cases ? " LEFT JOIN cases c ON c.id = p.case_id" : "") + " WHERE 1" + sql.where;
    case HitQuery::Source::cases:
      add_filters(q.filters, sql, true, true, false);
      return std::string("SELECT ") + kColumns +
             " FROM cases c JOIN documents d ON d.id = c.document_id"
             " JOIN passages p ON p.id = (SELECT min(id) FROM passages WHERE case_id = c.id)"
             " WHERE 1" + sql.where;
    case HitQuery::Source::uncased_reports:
      add_filters(q.filters, sql, true, false, false);
      return std::string("SELECT ") + kColumns +
             " FROM documents d JOIN passages p ON p.id = (SELECT min(id) FROM passages WHERE document_id = d.id)"
             " LEFT JOIN cases c ON 0"
             " WHERE NOT EXISTS (SELECT 1 FROM cases WHERE document_id = d.id)" + sql.where;
  }
  return "";
}

}  // namespace

Result<Matches> scored_matches(Database& db, const std::string& fts) {
  const bool single = one_phrase(fts);
  OMB_TRY_ASSIGN(m, db.prepare(single ? kScoredMatchesTf : kScoredMatches));
  m.bind(1, fts);
  Matches out;
  for (;;) {
    OMB_TRY_ASSIGN(row, m.step());
    if (!row) break;
    out.emplace_back(m.int64(0), -m.dbl(1));
  }
  if (single && !out.empty()) {
    const double idf = bm25_idf(last_query_rows(db.handle()), static_cast<std::int64_t>(out.size()));
    for (auto& [id, score] : out) score = idf * score;
  }
  return out;
}

Result<std::int64_t> max_passage_id(Database& db) {
  OMB_TRY_ASSIGN(n, db.prepare("SELECT COALESCE(max(id), 0) FROM passages"));
  OMB_TRY_ASSIGN(row, n.step());
  return row ? n.int64(0) : 0;
}

Result<std::optional<PassageOwner>> PassageOwners::seek(std::int64_t id) {
  if (!seek_) {
    OMB_TRY_ASSIGN(st, db_.prepare("SELECT document_id, case_id FROM passages INDEXED BY passages_hit WHERE id = ?1"));
    seek_.emplace(std::move(st));
  }
  seek_->reset();
  seek_->bind(1, id);
  OMB_TRY_ASSIGN(row, seek_->step());
  if (!row) return std::optional<PassageOwner>();
  PassageOwner o;
  o.document_id = seek_->int64(0);
  if (!seek_->is_null(1)) o.case_id = seek_->int64(1);
  return std::optional<PassageOwner>(o);
}

Status PassageOwners::scan(std::int64_t from, const std::function<bool(std::int64_t, const PassageOwner&)>& fn) {
  OMB_TRY_ASSIGN(scan, db_.prepare(
      "SELECT document_id, case_id, id FROM passages INDEXED BY passages_hit WHERE id >= ?1 ORDER BY id"));
  scan.bind(1, from);
  for (;;) {
    OMB_TRY_ASSIGN(row, scan.step());
    if (!row) break;
    PassageOwner o;
    o.document_id = scan.int64(0);
    if (!scan.is_null(1)) o.case_id = scan.int64(1);
    if (!fn(scan.int64(2), o)) break;
  }
  return {};
}

Status hit_rows(Database& db, const HitQuery& q, const std::function<void(const HitRow&)>& fn) {
  Sql sql;
  const std::string text = hit_sql(q, sql);
  OMB_TRY_ASSIGN(st, db.prepare(text));
  if (q.source == HitQuery::Source::matches) st.bind(1, q.match_ids);
  bind_all(st, sql);
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    HitRow r;
    r.passage_id = st.int64(0);
    r.document_id = st.int64(1);
    if (!st.is_null(2)) r.case_id = st.int64(2);
    if (!st.is_null(3)) r.year = static_cast<int>(st.int64(3));
    if (!st.is_null(4)) r.quarter = static_cast<int>(st.int64(4));
    r.doctype = st.view(5);
    r.date = st.view(6);
    r.afdeling = st.view(7);
    r.themes = st.view(8);
    r.oordeel = st.view(9);
    fn(r);
  }
  return {};
}

Result<bool> TagProbe::holds(std::int64_t passage_id, std::int64_t document_id, std::string_view type,
                             const std::string& value) {
  if (!st_) {
    OMB_TRY_ASSIGN(st, db_.prepare("SELECT 1 FROM passages p, tags t WHERE p.id = ?4 AND t.document_id = ?1 AND "
                                   "t.type = ?2 AND t.value = ?3 COLLATE NOCASE AND t.start >= p.start AND "
                                   "t.start < p.end LIMIT 1"));
    st_.emplace(std::move(st));
  }
  st_->reset();
  st_->bind(1, document_id).bind(2, type).bind(3, value).bind(4, passage_id);
  OMB_TRY_ASSIGN(row, st_->step());
  return row;
}

Result<Stmt*> HitDetails::get(std::optional<Stmt>& slot, std::string_view sql) {
  return statements::kept(db_, slot, sql);
}

Result<std::optional<HitDetails::Span>> HitDetails::span(std::int64_t passage_id) {
  OMB_TRY_ASSIGN(st, get(span_,
                         "SELECT p.src_start, p.src_end, p.page, p.line, COALESCE(s.method, ''), s.confidence "
                         "FROM passages p LEFT JOIN page_sources s ON s.document_id = p.document_id AND s.number = p.page "
                         "WHERE p.id = ?1"));
  st->bind(1, passage_id);
  OMB_TRY_ASSIGN(row, st->step());
  if (!row) return std::optional<Span>();
  return std::optional<Span>(Span{st->int64(0), st->int64(1), static_cast<int>(st->int64(2)), static_cast<int>(st->int64(3)),
                                  st->text(4), st->is_null(5) ? -1.0 : st->dbl(5)});
}

Result<std::vector<std::string>> units_at_level(Database& db, const std::vector<std::string>& values, std::string_view level) {
  if (level == "all") return values;
  OMB_TRY_ASSIGN(st, db.prepare("SELECT 1 FROM tags t WHERE t.type = 'afdeling' AND t.value = ?1 AND " +
                                std::string(statements::kTagLevelSql) + " = ?2 LIMIT 1"));
  std::vector<std::string> out;
  for (const std::string& v : values) {
    st.reset();
    st.bind(1, v).bind(2, level);
    OMB_TRY_ASSIGN(row, st.step());
    if (row) out.push_back(v);
  }
  return out;
}

Result<std::optional<HitDetails::DocumentFacts>> HitDetails::document(std::int64_t id) {
  OMB_TRY_ASSIGN(st, get(doc_, "SELECT title, organisation, doctype, COALESCE(date, ''), year, quarter FROM documents "
                               "WHERE id = ?1"));
  st->bind(1, id);
  OMB_TRY_ASSIGN(row, st->step());
  if (!row) return std::optional<DocumentFacts>();
  DocumentFacts d{st->text(0), st->text(1), st->text(2), st->text(3), {}, {}};
  if (!st->is_null(4)) d.year = static_cast<int>(st->int64(4));
  if (!st->is_null(5)) d.quarter = static_cast<int>(st->int64(5));
  return std::optional<DocumentFacts>(std::move(d));
}

Result<std::optional<HitDetails::CaseFacts>> HitDetails::case_facts(std::int64_t id) {
  OMB_TRY_ASSIGN(st, get(case_, "SELECT zaaknummer, title, status, afdeling, themes, oordeel FROM cases WHERE id = ?1"));
  st->bind(1, id);
  OMB_TRY_ASSIGN(row, st->step());
  if (!row) return std::optional<CaseFacts>();
  CaseFacts c{st->text(0), st->text(1), st->text(2), st->text(3), st->text(5), parse_theme_list(st->view(4))};
  return std::optional<CaseFacts>(std::move(c));
}

Result<std::optional<std::string>> HitDetails::document_title(std::int64_t id) {
  OMB_TRY_ASSIGN(st, get(doc_title_, "SELECT title FROM documents WHERE id = ?1"));
  st->bind(1, id);
  OMB_TRY_ASSIGN(row, st->step());
  return row ? std::optional<std::string>(st->text(0)) : std::nullopt;
}

Result<std::optional<std::string>> HitDetails::case_title(std::int64_t id) {
  OMB_TRY_ASSIGN(st, get(case_title_, "SELECT title FROM cases WHERE id = ?1"));
  st->bind(1, id);
  OMB_TRY_ASSIGN(row, st->step());
  return row ? std::optional<std::string>(st->text(0)) : std::nullopt;
}

Result<std::vector<std::string>> HitDetails::sources(std::int64_t document_id) {
  OMB_TRY_ASSIGN(st, get(sources_, statements::kSourcePaths));
  return statements::read_source_paths(*st, document_id);
}

Result<std::string> HitDetails::body_start(std::int64_t passage_id) {
  OMB_TRY_ASSIGN(st, get(body_, "SELECT substr(body, 1, 240) FROM passages WHERE id = ?1"));
  st->bind(1, passage_id);
  OMB_TRY_ASSIGN(row, st->step());
  return row ? st->text(0) : std::string();
}

Result<std::string> HitDetails::snippet(const std::string& fts, std::int64_t passage_id) {
  OMB_TRY_ASSIGN(st, get(snippet_, "SELECT " + snippet_call() +
                                       " FROM passages_fts WHERE passages_fts MATCH ?1 AND rowid = ?2"));
  st->bind(1, fts).bind(2, passage_id);
  OMB_TRY_ASSIGN(row, st->step());
  return row ? st->text(0) : std::string();
}

Status HitDetails::snippets(const std::string& fts, const std::vector<std::int64_t>& ids,
                            const std::function<void(std::int64_t, std::string)>& fn) {
  if (ids.empty()) return {};
  std::int64_t lo = ids.front(), hi = ids.front();
  std::string list = "[";
  for (std::int64_t id : ids) {
    lo = std::min(lo, id);
    hi = std::max(hi, id);
    (list += list.size() > 1 ? "," : "") += std::to_string(id);
  }
  list += ']';
  OMB_TRY_ASSIGN(all, db_.prepare("SELECT rowid, " + snippet_call() +
                                  " FROM passages_fts WHERE passages_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND "
                                  "+rowid IN (SELECT value FROM json_each(?4))"));
  all.bind(1, fts).bind(2, lo).bind(3, hi).bind(4, list);
  for (;;) {
    OMB_TRY_ASSIGN(row, all.step());
    if (!row) break;
    fn(all.int64(0), all.text(1));
  }
  return {};
}

}  // namespace omb
