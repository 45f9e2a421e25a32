#include "search/search.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>
#include <variant>

#include "store/db.h"
#include "store/read.h"

namespace omb {

namespace {

using Bind = std::variant<std::int64_t, std::string>;

struct Sql {
  std::string where;
  std::vector<Bind> binds;
  void add(const std::string& cond) { where += " AND " + cond; }
  std::string param(Bind b) {
    binds.push_back(std::move(b));
    std::string name = "?";  // ?1 is the MATCH expression
    name += std::to_string(binds.size() + 1);
    return name;
  }
  template <class T>
  std::string any_of(const std::vector<T>& values, const std::string& fmt) {  // fmt: "x = $"
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string c = fmt;
      std::size_t at = c.find('$');
      c.replace(at, 1, param(values[i]));
      out += (i ? " OR " : "") + c;
    }
    return out + ")";
  }
};

void bind_all(Stmt& st, const Sql& sql) {
  for (std::size_t i = 0; i < sql.binds.size(); ++i) {
    int k = static_cast<int>(i) + 2;
    if (auto* n = std::get_if<std::int64_t>(&sql.binds[i])) st.bind(k, *n);
    else st.bind(k, std::get<std::string>(sql.binds[i]));
  }
}

// Filters on the document (d).
void document_filters(const QueryFilters& f, Sql& sql) {
  if (f.year) sql.add("d.year = " + sql.param(std::int64_t{*f.year}));
  if (f.from) sql.add("d.year >= " + sql.param(std::int64_t{*f.from}));
  if (f.to) sql.add("d.year <= " + sql.param(std::int64_t{*f.to}));
  if (f.quarter) sql.add("d.quarter = " + sql.param(std::int64_t{*f.quarter}));
  if (!f.doctype.empty()) sql.add(sql.any_of(f.doctype, "d.doctype = $"));
  if (!f.org.empty()) sql.add(sql.any_of(f.org, "d.organisation LIKE '%' || $ || '%'"));
}

// Filters on the case (c); a passage outside cases (p.case_id IS NULL)
// qualifies by the tags inside it, when `passages` is true.
void case_filters(const QueryFilters& f, Sql& sql, bool passages) {
  auto tag_in_passage = [](const char* type) {
    return std::string("EXISTS (SELECT 1 FROM tags t WHERE t.document_id = p.document_id AND t.type = '") + type +
           "' AND t.value = $ COLLATE NOCASE AND t.start >= p.start AND t.start < p.end)";
  };
  auto either = [&](const std::vector<std::string>& values, const std::string& on_case, const char* type) {
    std::string c = "(c.id IS NOT NULL AND " + sql.any_of(values, on_case) + ")";
    if (passages) c = "(" + c + " OR (p.case_id IS NULL AND " + sql.any_of(values, tag_in_passage(type)) + "))";
    sql.add(c);
  };
  if (!f.zaak.empty()) sql.add("(c.id IS NOT NULL AND " + sql.any_of(f.zaak, "c.zaaknummer = $ COLLATE NOCASE") + ")");
  if (!f.afdeling.empty()) either(f.afdeling, "c.afdeling = $ COLLATE NOCASE", "afdeling");
  if (!f.theme.empty()) either(f.theme, "EXISTS (SELECT 1 FROM json_each(c.themes) j WHERE j.value = $)", "theme");
  if (!f.oordeel.empty()) either(f.oordeel, "c.oordeel = $ COLLATE NOCASE", "oordeel");
}

struct Group {
  SearchHit hit;
  std::string themes_json;
};

const char* kColumns =
    "p.id, p.document_id, p.case_id, d.year, d.quarter, d.doctype, COALESCE(d.date, ''), "
    "COALESCE(c.afdeling, ''), COALESCE(c.themes, '[]'), COALESCE(c.oordeel, ''), p.page, p.line";

// Reads a result row; the text columns only when `full` (facets, date order):
// for a word in every document that is most of the work.
void read_row(Stmt& st, SearchHit& h, std::string& themes, int first, bool full) {
  h.passage_id = st.int64(first);
  h.document_id = st.int64(first + 1);
  if (sqlite3_column_type(st.handle(), first + 2) != SQLITE_NULL) h.case_id = st.int64(first + 2);
  if (sqlite3_column_type(st.handle(), first + 3) != SQLITE_NULL) h.year = static_cast<int>(st.int64(first + 3));
  if (sqlite3_column_type(st.handle(), first + 4) != SQLITE_NULL) h.quarter = static_cast<int>(st.int64(first + 4));
  h.page = static_cast<int>(st.int64(first + 10));
  h.line = static_cast<int>(st.int64(first + 11));
  if (!full) return;
  h.doctype = st.text(first + 5);
  h.date = st.text(first + 6);
  h.afdeling = st.text(first + 7);
  themes = st.text(first + 8);
  h.oordeel = st.text(first + 9);
}

std::vector<std::string> parse_themes(const std::string& json) { return parse_theme_list(json); }

Status collect(Database& db, const std::string& sql_text, const std::string& fts, const Sql& sql, bool scored, bool full,
               std::unordered_map<std::int64_t, Group>& groups) {
  auto st = db.prepare(sql_text);
  if (!st.ok()) return st.error();
  if (!fts.empty()) st->bind(1, fts);
  bind_all(*st, sql);
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    SearchHit h;
    std::string themes;
    int first = scored ? 1 : 0;
    read_row(*st, h, themes, first, full);
    h.score = scored ? -st->dbl(0) : 0.0;
    std::int64_t key = h.case_id ? *h.case_id : -h.passage_id;
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh || h.score > it->second.hit.score) {
      h.kind = h.case_id ? "case" : "passage";
      it->second.hit = std::move(h);
      it->second.themes_json = std::move(themes);
    }
  }
  return {};
}

}  // namespace

Result<SearchResult> search(Database& db, const SearchOptions& opts) {
  OMB_TRY(db.check_index());
  const ParsedQuery& q = opts.query;
  const QueryFilters& f = q.filters;
  std::unordered_map<std::int64_t, Group> groups;
  const bool full = opts.facets || opts.sort == SearchOptions::Sort::date || q.fts.empty();

  if (!q.fts.empty()) {
    Sql sql;
    document_filters(f, sql);
    case_filters(f, sql, true);
    // The matches with their scores first, then each one's passage row from
    // the covering index passages_hit (not the table: that holds the bodies).
    std::string text = std::string(
                           "WITH x AS MATERIALIZED (SELECT rowid AS id, bm25(passages_fts, 3.0, 1.0) AS r "
                           "FROM passages_fts WHERE passages_fts MATCH ?1) "
                           "SELECT x.r, ") + kColumns +
                       " FROM x JOIN passages p INDEXED BY passages_hit ON p.id = x.id"
                       " JOIN documents d ON d.id = p.document_id LEFT JOIN cases c ON c.id = p.case_id"
                       " WHERE 1" + sql.where;
    Status s = collect(db, text, q.fts, sql, true, full, groups);
    if (!s.ok()) {
      Error e = s.error();
      if (e.message.find("fts5") != std::string::npos || e.message.find("syntax") != std::string::npos)
        return make_error(Errc::usage, "query: cannot be searched as written (" + e.message + ")");
      return e;
    }
  } else {
    if (f.empty()) return make_error(Errc::usage, "nothing to search for: give words or a filter (see --help)");
    // Filters alone: the matching cases, each with its first passage.
    Sql sql;
    document_filters(f, sql);
    case_filters(f, sql, false);
    std::string text = std::string("SELECT ") + kColumns +
                       " FROM cases c JOIN documents d ON d.id = c.document_id"
                       " JOIN passages p ON p.id = (SELECT min(id) FROM passages WHERE case_id = c.id)"
                       " WHERE 1" + sql.where;
    OMB_TRY(collect(db, text, "", sql, false, full, groups));
    if (!f.case_level()) {  // and the documents without cases
      Sql dsql;
      document_filters(f, dsql);
      std::string dtext = std::string("SELECT ") + kColumns +
                          " FROM documents d JOIN passages p ON p.id = (SELECT min(id) FROM passages WHERE document_id = d.id)"
                          " LEFT JOIN cases c ON 0"
                          " WHERE NOT EXISTS (SELECT 1 FROM cases WHERE document_id = d.id)" + dsql.where;
      std::unordered_map<std::int64_t, Group> docs;
      OMB_TRY(collect(db, dtext, "", dsql, false, full, docs));
      for (auto& [k, g] : docs) {
        g.hit.kind = "document";
        groups.emplace(k, std::move(g));
      }
    }
  }

  std::vector<Group*> order;
  order.reserve(groups.size());
  for (auto& [k, g] : groups) {
    if (opts.facets) g.hit.themes = parse_themes(g.themes_json);
    order.push_back(&g);
  }
  bool by_date = opts.sort == SearchOptions::Sort::date || q.fts.empty();
  std::sort(order.begin(), order.end(), [&](const Group* a, const Group* b) {
    const SearchHit& x = a->hit;
    const SearchHit& y = b->hit;
    if (by_date) {
      if (x.year.value_or(0) != y.year.value_or(0)) return x.year.value_or(0) > y.year.value_or(0);
      if (x.quarter.value_or(0) != y.quarter.value_or(0)) return x.quarter.value_or(0) > y.quarter.value_or(0);
      if (x.date != y.date) return x.date > y.date;
    }
    if (x.score != y.score) return x.score > y.score;
    if (x.document_id != y.document_id) return x.document_id < y.document_id;
    return x.passage_id < y.passage_id;
  });

  SearchResult out;
  out.total = order.size();
  if (opts.facets) {
    for (const Group* g : order) {
      const SearchHit& h = g->hit;
      ++out.facets["year"][h.year ? std::to_string(*h.year) : "-"];
      ++out.facets["quarter"][h.quarter ? "Q" + std::to_string(*h.quarter) : "-"];
      ++out.facets["afdeling"][h.afdeling.empty() ? "-" : h.afdeling];
      ++out.facets["oordeel"][h.oordeel.empty() ? "-" : h.oordeel];
      ++out.facets["doctype"][h.doctype.empty() ? "-" : h.doctype];
      if (h.themes.empty()) ++out.facets["theme"]["-"];
      for (const std::string& t : h.themes) ++out.facets["theme"][t];
    }
  }

  std::size_t from = std::min(opts.offset, order.size());
  std::size_t to = opts.limit == 0 ? order.size() : std::min(order.size(), from + opts.limit);
  auto doc = db.prepare("SELECT title, organisation, doctype, COALESCE(date, '') FROM documents WHERE id = ?1");
  auto src = db.prepare("SELECT path FROM sources WHERE document_id = ?1 ORDER BY path");
  auto cs = db.prepare("SELECT zaaknummer, title, status, afdeling, themes, oordeel FROM cases WHERE id = ?1");
  auto body = db.prepare("SELECT substr(body, 1, 240) FROM passages WHERE id = ?1");
  auto span = db.prepare("SELECT src_start, src_end FROM passages WHERE id = ?1");
  if (!span.ok()) return span.error();
  if (!doc.ok()) return doc.error();
  if (!src.ok()) return src.error();
  if (!cs.ok()) return cs.error();
  if (!body.ok()) return body.error();
  std::optional<Stmt> snip;
  if (!q.fts.empty()) {
    auto s = db.prepare(
        "SELECT snippet(passages_fts, -1, char(2), char(3), '…', 24) FROM passages_fts "
        "WHERE passages_fts MATCH ?1 AND rowid = ?2");
    if (!s.ok()) return s.error();
    snip.emplace(std::move(*s));
  }
  for (std::size_t i = from; i < to; ++i) {
    SearchHit h = std::move(order[i]->hit);
    doc->reset();
    doc->bind(1, h.document_id);
    if (auto r = doc->step(); r.ok() && *r) {
      h.title = doc->text(0);
      h.organisation = doc->text(1);
      h.doctype = doc->text(2);
      h.date = doc->text(3);
    }
    src->reset();
    src->bind(1, h.document_id);
    for (;;) {
      auto r = src->step();
      if (!r.ok()) return r.error();
      if (!*r) break;
      h.sources.push_back(src->text(0));
    }
    if (h.case_id) {
      cs->reset();
      cs->bind(1, *h.case_id);
      if (auto r = cs->step(); r.ok() && *r) {
        h.zaaknummer = cs->text(0);
        h.case_title = cs->text(1);
        h.status = cs->text(2);
        h.afdeling = cs->text(3);
        h.themes = parse_themes(cs->text(4));
        h.oordeel = cs->text(5);
      }
    }
    if (snip) {
      snip->reset();
      snip->bind(1, q.fts).bind(2, h.passage_id);
      if (auto r = snip->step(); r.ok() && *r) h.snippet = snip->text(0);
    }
    // The line of the hit itself: the passage's first line plus the line
    // breaks in the source before the first marked word (as written there;
    // where OCR repair changed the word, the passage's first line stays).
    if (const auto open = h.snippet.find(kMarkOpen); open != std::string::npos) {
      const auto close = h.snippet.find(kMarkClose, open);
      const std::string word = h.snippet.substr(open + 1, close == std::string::npos ? 0 : close - open - 1);
      span->reset();
      span->bind(1, h.passage_id);
      if (auto r = span->step(); !word.empty() && r.ok() && *r) {
        auto source = load_source_range(db, h.document_id, span->int64(0), span->int64(1));
        if (source.ok()) {
          std::size_t at = source->find(word);
          if (at == std::string::npos) {
            auto lower = [](std::string t) {
              for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
              return t;
            };
            at = lower(*source).find(lower(word));
          }
          if (at != std::string::npos)
            h.line += static_cast<int>(std::count(source->begin(), source->begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        }
      }
    }
    if (h.snippet.empty()) {
      body->reset();
      body->bind(1, h.passage_id);
      if (auto r = body->step(); r.ok() && *r) h.snippet = body->text(0);
    }
    out.hits.push_back(std::move(h));
  }
  return out;
}

}  // namespace omb
