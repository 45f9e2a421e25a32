#include "search/search.h"

#include "store/catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <span>
#include <unordered_set>
#include <deque>
#include <map>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "index/rank.h"
#include "index/tokenizer.h"
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
    std::string name = "?";  // ?1 is the query's own (the matches' ids)
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

// Strings that repeat across hits (doctype, afdeling, a case's themes as
// JSON, …) are stored once; a hit row holds their numbers.
class Interner {
 public:
  Interner() { id(""); }
  std::uint32_t id(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    const auto n = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    ids_.emplace(strings_.back(), n);
    return n;
  }
  const std::string& str(std::uint32_t n) const { return strings_[n]; }
  std::size_t size() const { return strings_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  std::deque<std::string> strings_;  // stable addresses for the keys below
  std::unordered_map<std::string_view, std::uint32_t, Hash, std::equal_to<>> ids_;
};

// One hit while the result is gathered: the best passage of a case (or a
// passage outside cases, or a document), with what ranking and facets need.
struct Row {
  std::int64_t passage_id = 0, document_id = 0;
  std::int64_t case_id = -1;  // -1: none
  double score = 0;
  int year = 0, quarter = 0;  // 0: unknown
  std::uint32_t doctype = 0, date = 0, afdeling = 0, themes = 0, oordeel = 0;  // interned (full rows only)
  const char* kind = "passage";
};

struct Rows {
  Interner strings;
  std::vector<Row> rows;
  std::unordered_map<std::int64_t, std::uint32_t> index;  // group key -> 1 + index into rows
};

const char* kColumns =
    "p.id, p.document_id, p.case_id, d.year, d.quarter, d.doctype, COALESCE(d.date, ''), "
    "COALESCE(c.afdeling, ''), COALESCE(c.themes, '[]'), COALESCE(c.oordeel, '')";

std::string_view column_view(Stmt& st, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st.handle(), col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st.handle(), col))) : std::string_view();
}

// Reads a result row; the text columns only when `full` (facets, date order):
// for a word in every document that is most of the work.
void read_row(Stmt& st, Row& r, Interner& strings, int first, bool full) {
  r.passage_id = st.int64(first);
  r.document_id = st.int64(first + 1);
  if (sqlite3_column_type(st.handle(), first + 2) != SQLITE_NULL) r.case_id = st.int64(first + 2);
  if (sqlite3_column_type(st.handle(), first + 3) != SQLITE_NULL) r.year = static_cast<int>(st.int64(first + 3));
  if (sqlite3_column_type(st.handle(), first + 4) != SQLITE_NULL) r.quarter = static_cast<int>(st.int64(first + 4));
  if (!full) return;
  r.doctype = strings.id(column_view(st, first + 5));
  r.date = strings.id(column_view(st, first + 6));
  r.afdeling = strings.id(column_view(st, first + 7));
  r.themes = strings.id(column_view(st, first + 8));
  r.oordeel = strings.id(column_view(st, first + 9));
}

std::vector<std::string> parse_themes(const std::string& json) { return parse_theme_list(json); }

// Puts `r` in its group's slot (1 + its index in out.rows; 0: the group has
// no row yet), keeping each group's best-scoring passage.
void place(Rows& out, const Row& r, std::uint32_t& slot) {
  if (slot == 0) {
    out.rows.push_back(r);
    slot = static_cast<std::uint32_t>(out.rows.size());
  } else if (r.score > out.rows[slot - 1].score) {
    out.rows[slot - 1] = r;
  }
}

// Adds `r` to its group (a case; a passage outside cases; a document when
// `documents`), keeping each group's best-scoring passage.
void add_row(Rows& out, Row& r, bool documents) {
  r.kind = documents ? "document" : (r.case_id >= 0 ? "case" : "passage");
  // Keys: a case by its id, a passage by -id, a document by -(id + 2^40).
  const std::int64_t key = documents ? -(r.document_id + (std::int64_t{1} << 40))
                                     : (r.case_id >= 0 ? r.case_id : -r.passage_id);
  place(out, r, out.index[key]);
}

using Matches = std::vector<std::pair<std::int64_t, double>>;  // passage id, score (higher is better)

// Adds the rows of `sql_text` to `out`, one per group (a case, or a passage
// outside cases; `kind` "document" keys by document), keeping each group's
// best-scoring passage. ?1 is bound to `first` unless it is empty; a row's
// score is its passage's in `scores` (sorted by id) when given, else 0.
Status collect(Database& db, const std::string& sql_text, const std::string& first, const Sql& sql,
               const Matches* scores, bool full, const char* kind, Rows& out) {
  auto st = db.prepare(sql_text);
  if (!st.ok()) return st.error();
  if (!first.empty()) st->bind(1, first);
  bind_all(*st, sql);
  const bool documents = std::string_view(kind) == "document";
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Row r;
    read_row(*st, r, out.strings, 0, full);
    if (scores) {
      auto it = std::lower_bound(scores->begin(), scores->end(), std::make_pair(r.passage_id, -HUGE_VAL));
      if (it != scores->end() && it->first == r.passage_id) r.score = it->second;
    }
    add_row(out, r, documents);
  }
  return {};
}

// Every match of ?1 with its score (BM25, headings 3x), in rowid order.
constexpr const char* kScoredMatches =
    "SELECT rowid, omb_bm25(passages_fts, 3.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?1";

constexpr const char* kScoredMatchesTf =
    "SELECT rowid, omb_bm25_tf(passages_fts, 3.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?1";

// An error of the query as FTS5 saw it is the user's: Errc::usage. The
// parser (query.h) makes every query safe FTS5, so this is a gap there;
// FTS5's own words ("fts5: syntax error near …") mean nothing to a user and
// are never shown (#15).
Error query_error(Error e) {
  if (e.message.find("fts5") != std::string::npos || e.message.find("syntax") != std::string::npos)
    return make_error(Errc::usage,
                      "query: cannot be searched as written; leave out punctuation and operators, or put the words "
                      "in \"quotes\"");
  return e;
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

Result<Matches> scored_matches(Database& db, const std::string& fts) {
  // One phrase: its IDF follows from the number of matches, so the scores
  // come without the pass over its rows that bm25() makes for it
  // (index/rank.h: omb_bm25_tf), multiplied by it after: the same doubles.
  const bool single = one_phrase(fts);
  auto m = db.prepare(single ? kScoredMatchesTf : kScoredMatches);
  if (!m.ok()) return query_error(m.error());
  m->bind(1, fts);
  Matches out;
  for (;;) {
    auto row = m->step();
    if (!row.ok()) return query_error(row.error());
    if (!*row) break;
    out.emplace_back(m->int64(0), -m->dbl(1));
  }
  if (single && !out.empty()) {
    const double idf = bm25_idf(last_query_rows(db.handle()), static_cast<std::int64_t>(out.size()));
    for (auto& [id, score] : out) score = idf * score;
  }
  return out;
}

// Without filters, facets or date order: each match's passage row from the
// covering index passages_hit: for words in a large share of the passages one
// ordered pass over it merged with them (a seek per match costs more than
// reading the whole index once), else a seek per match.
Status collect_matches(Database& db, Matches& matches, Rows& out) {
  // max(id) is one seek; ids are near dense, so it stands for the count.
  OMB_TRY_ASSIGN(n, db.prepare("SELECT COALESCE(max(id), 0) FROM passages"));
  OMB_TRY_ASSIGN(nrow, n.step());
  const auto passages = nrow ? static_cast<std::size_t>(n.int64(0)) : 0;
  out.rows.reserve(out.rows.size() + matches.size());  // no copying of rows as it grows
  auto add = [&](Stmt& st, std::int64_t id, double score) {
    Row r;
    r.passage_id = id;
    r.document_id = st.int64(0);
    if (!st.is_null(1)) r.case_id = st.int64(1);
    r.score = score;
    add_row(out, r, false);
  };
  if (matches.size() * 8 < passages) {
    OMB_TRY_ASSIGN(one, db.prepare("SELECT document_id, case_id FROM passages INDEXED BY passages_hit WHERE id = ?1"));
    for (const auto& [id, score] : matches) {
      one.reset();
      one.bind(1, id);
      OMB_TRY_ASSIGN(row, one.step());
      if (row) add(one, id, score);  // else a match without a passage row: skip it
    }
    return {};
  }
  std::sort(matches.begin(), matches.end());
  OMB_TRY_ASSIGN(scan, db.prepare(
      "SELECT document_id, case_id, id FROM passages INDEXED BY passages_hit WHERE id >= ?1 ORDER BY id"));
  scan.bind(1, matches.empty() ? std::int64_t{0} : matches.front().first);
  std::size_t k = 0;
  while (k < matches.size()) {
    OMB_TRY_ASSIGN(row, scan.step());
    if (!row) break;
    const std::int64_t id = scan.int64(2);
    while (k < matches.size() && matches[k].first < id) ++k;  // a match without a passage row: skip it
    if (k == matches.size() || matches[k].first != id) continue;
    add(scan, id, matches[k].second);
    ++k;
  }
  return {};
}

// The filters, applied to a Catalog as document_filters() and case_filters() apply them
// in SQL: on the document (a NULL year passes none); on the case for a
// passage in one (afdeling and oordeel compared as COLLATE NOCASE
// does: ASCII letters folded; a theme exactly in the case's list); on the
// tags inside the passage for one outside cases (asked of SQL, as there).
// org (LIKE) and zaak (the catalog does not hold zaaknummers) are left to SQL:
// catalog_filters() says so.
bool catalog_filters(const QueryFilters& f) { return f.org.empty() && f.zaak.empty(); }

bool nocase_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

class CatalogFilter {
 public:
  CatalogFilter(Database& db, const QueryFilters& f, const Catalog& cat) : db_(db), f_(f), cat_(cat) {}

  bool keep_document(const Catalog::Document& d) const {
    if (f_.year && (d.year == 0 || d.year != *f_.year)) return false;
    if (f_.from && (d.year == 0 || d.year < *f_.from)) return false;
    if (f_.to && (d.year == 0 || d.year > *f_.to)) return false;
    if (f_.quarter && (d.quarter == 0 || d.quarter != *f_.quarter)) return false;
    if (!f_.doctype.empty() && std::find(f_.doctype.begin(), f_.doctype.end(), cat_.str(d.doctype)) == f_.doctype.end())
      return false;
    return true;
  }

  Result<bool> keep_passage(std::int64_t id, const Catalog::Passage& p) {
    if (!f_.case_level()) return true;
    if (p.case_id != 0) {
      const Catalog::Case& c = cat_.case_of(p.case_id);
      if (!f_.afdeling.empty() && !wanted(Catalog::kAfdeling)[c.afdeling]) return false;
      if (!f_.oordeel.empty() && !wanted(Catalog::kOordeel)[c.oordeel]) return false;
      if (!f_.theme.empty()) {
        const std::vector<std::string>& list = themes(c.themes);
        bool hit = false;
        for (const std::string& t : f_.theme) hit = hit || std::find(list.begin(), list.end(), t) != list.end();
        if (!hit) return false;
      }
      return true;
    }
    for (const auto& [type, name, values] :
         {std::tuple<Catalog::TagType, const char*, const std::vector<std::string>*>{Catalog::kAfdeling, "afdeling", &f_.afdeling},
          {Catalog::kTheme, "theme", &f_.theme}, {Catalog::kOordeel, "oordeel", &f_.oordeel}}) {
      if (values->empty()) continue;
      if (cat_.parts() & Catalog::kTagged) {
        if (!cat_.passage_tagged(id, type, wanted(type))) return false;
        continue;
      }
      OMB_TRY_ASSIGN(found, tag_in_passage(id, p, name, *values));
      if (!found) return false;
    }
    return true;
  }

 private:
  // The catalog's strings equal (ASCII case folded, as COLLATE NOCASE) to a
  // value asked for of `type`, by string id; worked out once.
  const std::vector<bool>& wanted(Catalog::TagType type) {
    std::vector<bool>& w = wanted_[type];
    if (w.empty()) {
      const std::vector<std::string>& values = type == Catalog::kAfdeling ? f_.afdeling
                                               : type == Catalog::kTheme  ? f_.theme
                                                                          : f_.oordeel;
      w.assign(cat_.string_count(), false);
      for (std::uint32_t i = 0; i < w.size(); ++i)
        for (const std::string& v : values) w[i] = w[i] || nocase_equal(v, cat_.str(i));
    }
    return w;
  }

  const std::vector<std::string>& themes(std::uint32_t id) {
    auto [it, fresh] = themes_.try_emplace(id);
    if (fresh) it->second = parse_theme_list(cat_.str(id));
    return it->second;
  }
  Result<bool> tag_in_passage(std::int64_t id, const Catalog::Passage& p, const char* type,
                              const std::vector<std::string>& values) {
    if (!tag_) {
      OMB_TRY_ASSIGN(st, db_.prepare("SELECT 1 FROM passages p, tags t WHERE p.id = ?4 AND t.document_id = ?1 AND "
                                     "t.type = ?2 AND t.value = ?3 COLLATE NOCASE AND t.start >= p.start AND "
                                     "t.start < p.end LIMIT 1"));
      tag_.emplace(std::move(st));
    }
    for (const std::string& v : values) {
      tag_->reset();
      tag_->bind(1, static_cast<std::int64_t>(p.document)).bind(2, std::string(type)).bind(3, v);
      tag_->bind(4, id);
      OMB_TRY_ASSIGN(row, tag_->step());
      if (row) return true;
    }
    return false;
  }

  Database& db_;
  const QueryFilters& f_;
  const Catalog& cat_;
  std::unordered_map<std::uint32_t, std::vector<std::string>> themes_;
  std::vector<bool> wanted_[3];
  std::optional<Stmt> tag_;
};

// With a Catalog (store/catalog.h): the matches and their scores from the
// index, everything else from the catalog's arrays, in the order and with the
// values the join above gives (its facts are read only when filters, facets
// or date order need them). Returns false, having added nothing, when a
// match is not in the catalog (it is out of date).
Result<bool> collect_catalog(Database& db, const Matches& matches, const QueryFilters& f, const Catalog& cat, bool full,
                             Rows& out) {
  constexpr std::uint32_t kUnset = 0xFFFFFFFF;
  std::vector<std::uint32_t> remap;  // catalog string -> out.strings
  auto str = [&](std::uint32_t i) {
    if (i >= remap.size()) remap.resize(i + 1, kUnset);
    if (remap[i] == kUnset) remap[i] = out.strings.id(cat.str(i));
    return remap[i];
  };
  const std::uint32_t no_themes = full ? out.strings.id("[]") : 0;
  const bool facts = full || !f.empty();
  CatalogFilter filter(db, f, cat);
  for (const auto& m : matches)
    if (!cat.passage(m.first)) return false;
  // Grouped as add_row() groups, by arrays indexed by id: no hash lookups.
  std::vector<std::uint32_t> by_case, by_passage;  // id -> slot (place())
  out.rows.reserve(out.rows.size() + matches.size());  // no copying of rows as it grows
  for (const auto& [id, score] : matches) {
    const Catalog::Passage* p = cat.passage(id);
    Row r;
    r.passage_id = id;
    r.document_id = p->document;
    if (p->case_id != 0) r.case_id = p->case_id;
    r.score = score;
    if (facts) {
      const Catalog::Document& d = cat.document(p->document);
      if (!filter.keep_document(d)) continue;
      OMB_TRY_ASSIGN(keep, filter.keep_passage(id, *p));
      if (!keep) continue;
      r.year = d.year;
      r.quarter = d.quarter;
      if (full) {
        r.doctype = str(d.doctype);
        r.date = str(d.date);
        r.themes = no_themes;
        if (p->case_id != 0) {
          const Catalog::Case& c = cat.case_of(p->case_id);
          r.afdeling = str(c.afdeling);
          r.themes = str(c.themes);
          r.oordeel = str(c.oordeel);
        }
      }
    }
    r.kind = r.case_id >= 0 ? "case" : "passage";
    std::vector<std::uint32_t>& slots = r.case_id >= 0 ? by_case : by_passage;
    const auto key = static_cast<std::size_t>(r.case_id >= 0 ? r.case_id : r.passage_id);
    if (key >= slots.size()) slots.resize(std::max(key + 1, slots.size() * 2), 0);
    place(out, r, slots[key]);
  }
  return true;
}

constexpr std::size_t kTitleCandidates = 200;

// Multiplies the scores of `candidates` whose case or document title holds
// terms of the query (as the index's tokenizer makes them) by 1 + their share.
Status boost_titles(Database& db, const ParsedQuery& q, std::vector<Row>& rows, std::span<const std::uint32_t> candidates) {
  Tokenizer tok(db.search_lexicon_ptr());
  std::unordered_set<std::string> wanted;
  for (const std::string& w : q.words)
    tok.tokenize(w, Tokenizer::Mode::query, [&](std::string_view term, std::size_t, std::size_t, bool) {
      wanted.emplace(term);
      return true;
    });
  if (wanted.empty()) return {};
  OMB_TRY_ASSIGN(doc, db.prepare("SELECT title FROM documents WHERE id = ?1"));
  OMB_TRY_ASSIGN(cs, db.prepare("SELECT title FROM cases WHERE id = ?1"));
  std::unordered_map<std::int64_t, std::unordered_set<std::string>> doc_terms;
  auto terms_of = [&](const std::string& text, std::unordered_set<std::string>& into) {
    tok.tokenize(text, Tokenizer::Mode::query, [&](std::string_view term, std::size_t, std::size_t, bool) {
      if (wanted.count(std::string(term))) into.emplace(term);
      return true;
    });
  };
  for (std::uint32_t i : candidates) {
    Row& r = rows[i];
    auto [it, fresh] = doc_terms.try_emplace(r.document_id);
    if (fresh) {
      doc.reset();
      doc.bind(1, r.document_id);
      OMB_TRY_ASSIGN(row, doc.step());
      if (row) terms_of(doc.text(0), it->second);
    }
    std::unordered_set<std::string> hit = it->second;
    if (r.case_id >= 0) {
      cs.reset();
      cs.bind(1, r.case_id);
      OMB_TRY_ASSIGN(row, cs.step());
      if (row) terms_of(cs.text(0), hit);
    }
    if (!hit.empty()) r.score *= 1.0 + static_cast<double>(hit.size()) / static_cast<double>(wanted.size());
  }
  return {};
}

}  // namespace

struct RankedHits::Impl {
  Rows found;
  std::vector<std::uint32_t> order;  // the first `ordered` in their final order
  std::size_t ordered = 0;
  Facets facets;
  std::string fts;  // the query as FTS5, for snippets
  bool prefix = false;  // fts has a prefix term
};

RankedHits::RankedHits(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RankedHits::~RankedHits() = default;
std::size_t RankedHits::total() const { return impl_->found.rows.size(); }
std::size_t RankedHits::ordered() const { return impl_->ordered; }
const Facets& RankedHits::facets() const { return impl_->facets; }

Result<std::shared_ptr<const RankedHits>> rank(Database& db, const SearchOptions& opts, std::size_t upto) {
  OMB_TRY(db.check_index());
  const ParsedQuery& q = opts.query;
  const QueryFilters& f = q.filters;
  auto impl = std::make_unique<RankedHits::Impl>();
  impl->fts = q.fts;
  impl->prefix = q.prefix;
  Rows& found = impl->found;
  const bool full = opts.facets || opts.sort == SearchOptions::Sort::date || q.fts.empty();

  // One snapshot for the catalog's parts and the query.
  ReadSnapshot snap(db);
  OMB_TRY(snap.begin());
  // BM25's row lengths: the given catalog's; else the stored ones, read when
  // a query has enough matches to want them (a fresh process would seek or
  // scan %_docsize for them).
  struct SourceGuard {
    sqlite3* db;
    ~SourceGuard() { (void)set_lengths_source(db, {}); }
  } guard{db.handle()};
  if (!q.fts.empty()) {
    if (opts.catalog && (opts.catalog->parts() & Catalog::kLengths)) {
      OMB_TRY(adopt_row_lengths(db.handle(), opts.catalog->lengths(), opts.catalog->passage_count()));
    } else if (!opts.catalog && opts.stored_catalog_from != SIZE_MAX) {
      OMB_TRY(set_lengths_source(db.handle(), [&db](std::int64_t* rows) -> std::shared_ptr<const std::vector<std::uint32_t>> {
        auto c = Catalog::load_persisted(db, Catalog::kLengths);
        if (!c.ok() || !*c) return nullptr;
        *rows = (*c)->passage_count();
        return (*c)->lengths();
      }));
    }
  }
  if (!q.fts.empty()) {
    // Every match with its score first; then what the hits need of their
    // passages, documents and cases: from a catalog's arrays when there are
    // many matches, else by seeks, else (few matches with filters, facets or
    // date order) by a join.
    OMB_TRY_ASSIGN(matches, scored_matches(db, q.fts));
    unsigned parts = Catalog::kPassages;
    if (full || f.case_level()) parts |= Catalog::kDocuments | Catalog::kCases;
    if (f.case_level()) parts |= Catalog::kTagged;  // read when stored; without it, SQL asks (CatalogFilter)
    else if (!f.empty()) parts |= Catalog::kDocuments;
    const unsigned needed = parts & ~Catalog::kTagged;
    const Catalog* cat = opts.catalog;
    std::shared_ptr<const Catalog> stored;
    if (!cat && catalog_filters(f) && matches.size() >= opts.stored_catalog_from) {
      OMB_TRY_ASSIGN(c, Catalog::load_persisted(db, parts));
      stored = std::move(c);
      cat = stored.get();
    }
    bool done = false;
    if (cat && catalog_filters(f) && (cat->parts() & needed) == needed) {
      OMB_TRY_ASSIGN(ok, collect_catalog(db, matches, f, *cat, full, found));
      done = ok;
      if (!done) found = Rows();  // out of date: the ways below, from nothing
    }
    if (!done && !full && f.empty()) {
      OMB_TRY(collect_matches(db, matches, found));
      done = true;
    }
    if (!done) {
      // The matches (not the MATCH again) joined with their passage rows from
      // the covering index passages_hit (not the table: that holds the
      // bodies), and with documents and cases only when a filter, the facets
      // or the date order need them; the scores are the ones made above.
      Sql sql;
      document_filters(f, sql);
      case_filters(f, sql, true);
      const bool need_docs = full || f.year || f.from || f.to || f.quarter || !f.doctype.empty() || !f.org.empty();
      const bool need_cases = full || f.case_level();
      const std::string text =
          std::string("WITH x(id) AS (SELECT value FROM json_each(?1)) SELECT p.id, p.document_id, p.case_id, ") +
          (need_docs ? "d.year, d.quarter, d.doctype, COALESCE(d.date, ''), " : "NULL, NULL, '', '', ") +
          (need_cases ? "COALESCE(c.afdeling, ''), COALESCE(c.themes, '[]'), COALESCE(c.oordeel, '')" : "'', '[]', ''") +
          " FROM x JOIN passages p INDEXED BY passages_hit ON p.id = x.id" +
          (need_docs ? " JOIN documents d ON d.id = p.document_id" : "") +
          (need_cases ? " LEFT JOIN cases c ON c.id = p.case_id" : "") + " WHERE 1" + sql.where;
      std::sort(matches.begin(), matches.end());  // by id, for the scores' lookup (FTS5 gave rowid order)
      std::string ids = "[";
      for (const auto& m : matches) (ids += ids.size() > 1 ? "," : "") += std::to_string(m.first);
      ids += ']';
      OMB_TRY(collect(db, text, ids, sql, &matches, full, "case", found));
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
    OMB_TRY(collect(db, text, "", sql, nullptr, full, "case", found));
    if (!f.case_level()) {  // and the documents without cases
      Sql dsql;
      document_filters(f, dsql);
      std::string dtext = std::string("SELECT ") + kColumns +
                          " FROM documents d JOIN passages p ON p.id = (SELECT min(id) FROM passages WHERE document_id = d.id)"
                          " LEFT JOIN cases c ON 0"
                          " WHERE NOT EXISTS (SELECT 1 FROM cases WHERE document_id = d.id)" + dsql.where;
      OMB_TRY(collect(db, dtext, "", dsql, nullptr, full, "document", found));
    }
  }

  decltype(found.index)().swap(found.index);  // grouping is done; a kept RankedHits need not hold it
  std::vector<Row>& rows = found.rows;
  std::vector<std::uint32_t>& order = impl->order;
  order.resize(rows.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const bool by_date = opts.sort == SearchOptions::Sort::date || q.fts.empty();
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    const Row& x = rows[a];
    const Row& y = rows[b];
    if (by_date) {
      if (x.year != y.year) return x.year > y.year;
      if (x.quarter != y.quarter) return x.quarter > y.quarter;
      if (x.date != y.date) return found.strings.str(x.date) > found.strings.str(y.date);
    }
    if (x.score != y.score) return x.score > y.score;
    if (x.document_id != y.document_id) return x.document_id < y.document_id;
    return x.passage_id < y.passage_id;
  };
  // Only the rows up to the page shown need their order.
  const std::size_t want = upto == 0 ? order.size() : std::min(order.size(), upto);
  if (!by_date && !q.words.empty() && !rows.empty()) {
    // Title hits weigh up: the best candidates (all the page needs, and at
    // least kTitleCandidates) whose case or document title holds query words
    // get score x (1 + the share of the query's terms in the title). A row
    // further down cannot overtake them, its score being lower already.
    const std::size_t k = std::min(order.size(), std::max(want, kTitleCandidates));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), before);
    OMB_TRY(boost_titles(db, q, rows, std::span<const std::uint32_t>(order.data(), k)));
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), before);
    impl->ordered = k;
  } else if (want < order.size()) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(want), order.end(), before);
    impl->ordered = want;
  } else {
    std::sort(order.begin(), order.end(), before);
    impl->ordered = order.size();
  }

  if (opts.facets) {
    // Count by interned value first, then name the values.
    std::map<int, std::size_t> years, quarters;
    std::vector<std::size_t> afdeling(found.strings.size()), oordeel(found.strings.size()),
        doctype(found.strings.size()), themes(found.strings.size());
    for (const Row& r : rows) {
      ++years[r.year];
      ++quarters[r.quarter];
      ++afdeling[r.afdeling];
      ++oordeel[r.oordeel];
      ++doctype[r.doctype];
      ++themes[r.themes];
    }
    for (auto [y, n] : years) impl->facets["year"][y ? std::to_string(y) : "-"] += n;
    for (auto [k, n] : quarters) impl->facets["quarter"][k ? "Q" + std::to_string(k) : "-"] += n;
    auto named = [&](const char* facet, const std::vector<std::size_t>& counts) {
      for (std::uint32_t i = 0; i < counts.size(); ++i)
        if (counts[i]) impl->facets[facet][found.strings.str(i).empty() ? "-" : found.strings.str(i)] += counts[i];
    };
    named("afdeling", afdeling);
    named("oordeel", oordeel);
    named("doctype", doctype);
    for (std::uint32_t i = 0; i < themes.size(); ++i) {
      if (!themes[i]) continue;
      const auto list = parse_themes(found.strings.str(i));
      if (list.empty()) impl->facets["theme"]["-"] += themes[i];
      for (const std::string& t : list) impl->facets["theme"][t] += themes[i];
    }
  }

  return std::shared_ptr<const RankedHits>(new RankedHits(std::move(impl)));
}

Result<SearchResult> fetch_page(Database& db, const RankedHits& ranked, std::size_t offset, std::size_t limit) {
  const RankedHits::Impl& in = *ranked.impl_;
  const std::vector<Row>& rows = in.found.rows;
  const std::vector<std::uint32_t>& order = in.order;
  std::size_t from = std::min(offset, order.size());
  std::size_t to = limit == 0 ? order.size() : std::min(order.size(), from + limit);
  if (to > in.ordered)
    return make_error(Errc::usage, "hits up to " + std::to_string(to) + " asked of a result ranked up to " +
                                       std::to_string(in.ordered));
  SearchResult out;
  out.total = rows.size();
  out.facets = in.facets;
  auto doc = db.prepare("SELECT title, organisation, doctype, COALESCE(date, ''), year, quarter FROM documents WHERE id = ?1");
  auto src = db.prepare("SELECT path FROM sources WHERE document_id = ?1 ORDER BY path");
  auto cs = db.prepare("SELECT zaaknummer, title, status, afdeling, themes, oordeel FROM cases WHERE id = ?1");
  auto body = db.prepare("SELECT substr(body, 1, 240) FROM passages WHERE id = ?1");
  auto span = db.prepare(
      "SELECT p.src_start, p.src_end, p.page, p.line, s.method, s.confidence FROM passages p "
      "LEFT JOIN page_sources s ON s.document_id = p.document_id AND s.number = p.page WHERE p.id = ?1");
  if (!span.ok()) return span.error();
  if (!doc.ok()) return doc.error();
  if (!src.ok()) return src.error();
  if (!cs.ok()) return cs.error();
  if (!body.ok()) return body.error();
  std::optional<Stmt> snip;
  if (!in.fts.empty()) {
    auto s = db.prepare(
        "SELECT snippet(passages_fts, -1, char(2), char(3), '…', 24) FROM passages_fts "
        "WHERE passages_fts MATCH ?1 AND rowid = ?2");
    if (!s.ok()) return s.error();
    snip.emplace(std::move(*s));
  }
  // Snippets. A prefix term makes FTS5 merge the lists of every term it
  // covers at each evaluation (~7 ms for klant* on a 200 MB archive): then the
  // shown hits' snippets come from one evaluation over their rowid range.
  std::unordered_map<std::int64_t, std::string> snippets;
  SourceReader sources(db);
  if (snip && in.prefix && to - from > 1) {
    nlohmann::json ids = nlohmann::json::array();
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (std::size_t i = from; i < to; ++i) {
      const std::int64_t id = rows[order[i]].passage_id;
      ids.push_back(id);
      lo = std::min(lo, id);
      hi = std::max(hi, id);
    }
    OMB_TRY_ASSIGN(all, db.prepare(
        "SELECT rowid, snippet(passages_fts, -1, char(2), char(3), '…', 24) FROM passages_fts "
        "WHERE passages_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND +rowid IN (SELECT value FROM json_each(?4))"));
    all.bind(1, in.fts).bind(2, lo).bind(3, hi).bind(4, ids.dump());
    for (;;) {
      OMB_TRY_ASSIGN(row, all.step());
      if (!row) break;
      snippets.emplace(all.int64(0), all.text(1));
    }
  }
  for (std::size_t i = from; i < to; ++i) {
    const Row& r = rows[order[i]];
    SearchHit h;
    h.kind = r.kind;
    h.score = r.score;
    h.passage_id = r.passage_id;
    h.document_id = r.document_id;
    if (r.case_id >= 0) h.case_id = r.case_id;
    if (r.year) h.year = r.year;
    if (r.quarter) h.quarter = r.quarter;
    std::int64_t src_start = 0, src_end = 0;
    span->reset();
    span->bind(1, h.passage_id);
    if (auto r = span->step(); r.ok() && *r) {
      src_start = span->int64(0);
      src_end = span->int64(1);
      h.page = static_cast<int>(span->int64(2));
      h.line = static_cast<int>(span->int64(3));
      h.page_method = span->text(4);
      if (!span->is_null(5)) h.page_confidence = span->dbl(5);
    }
    doc->reset();
    doc->bind(1, h.document_id);
    if (auto r = doc->step(); r.ok() && *r) {
      h.title = doc->text(0);
      h.organisation = doc->text(1);
      h.doctype = doc->text(2);
      h.date = doc->text(3);
      if (!doc->is_null(4)) h.year = static_cast<int>(doc->int64(4));
      if (!doc->is_null(5)) h.quarter = static_cast<int>(doc->int64(5));
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
    if (auto it = snippets.find(h.passage_id); it != snippets.end()) {
      h.snippet = std::move(it->second);
    } else if (snip) {
      snip->reset();
      snip->bind(1, in.fts).bind(2, h.passage_id);
      if (auto r = snip->step(); r.ok() && *r) h.snippet = snip->text(0);
    }
    // The line of the hit itself: the passage's first line plus the line
    // breaks in the source before the first marked word (as written there;
    // where OCR repair changed the word, the passage's first line stays).
    if (const auto open = h.snippet.find(kMarkOpen); open != std::string::npos) {
      const auto close = h.snippet.find(kMarkClose, open);
      const std::string word = h.snippet.substr(open + 1, close == std::string::npos ? 0 : close - open - 1);
      if (!word.empty() && src_end > src_start) {
        auto source = sources.range(h.document_id, src_start, src_end);
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

Result<SearchResult> search(Database& db, const SearchOptions& opts) {
  const std::size_t upto = opts.limit == 0 ? 0 : opts.offset + opts.limit;
  ReadSnapshot snap(db);  // the page shown is of the database ranked
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(ranked, rank(db, opts, upto));
  return fetch_page(db, *ranked, opts.offset, opts.limit);
}

}  // namespace omb
