#include "search/search.h"

#include "search/fuzzy.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "index/rank.h"
#include "index/tokenizer.h"
#include "search/catalog_filter.h"
#include "search/ranked.h"
#include "store/catalog.h"
#include "store/db.h"
#include "store/hits.h"
#include "store/read.h"

namespace omb {

namespace {

using ranked::Interner;
using ranked::Row;
using ranked::Rows;

// A row of store/hits.h's hit_rows(); its text facts only when `full`
// (facets, date order): for a word in every document that is most of the work.
Row from_hit(const HitRow& h, Interner& strings, bool full) {
  Row r;
  r.passage_id = h.passage_id;
  r.document_id = h.document_id;
  r.case_id = h.case_id;
  r.year = h.year;
  r.quarter = h.quarter;
  if (!full) return r;
  r.doctype = strings.id(h.doctype);
  r.date = strings.id(h.date);
  r.afdeling = strings.id(h.afdeling);
  r.themes = strings.id(h.themes);
  r.oordeel = strings.id(h.oordeel);
  return r;
}

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

// Adds the rows of `q` to `out`, one per group (a case, or a passage outside
// cases; `documents`: by document), keeping each group's best-scoring
// passage; a row's score is its passage's in `scores` (sorted by id) when
// given, else 0.
Status collect(Database& db, const HitQuery& q, const Matches* scores, bool full, bool documents, Rows& out) {
  return hit_rows(db, q, [&](const HitRow& h) {
    Row r = from_hit(h, out.strings, full);
    if (scores) {
      auto it = std::lower_bound(scores->begin(), scores->end(), std::make_pair(r.passage_id, -HUGE_VAL));
      if (it != scores->end() && it->first == r.passage_id) r.score = it->second;
    }
    add_row(out, r, documents);
  });
}

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

Result<Matches> matches_of(Database& db, const std::string& fts) {
  auto m = scored_matches(db, fts);
  if (!m.ok()) return query_error(m.error());
  return m;
}

// Without filters, facets or date order: each match's passage row from the
// covering index passages_hit: for words in a large share of the passages one
// ordered pass over it merged with them (a seek per match costs more than
// reading the whole index once), else a seek per match.
Status collect_matches(Database& db, Matches& matches, Rows& out) {
  OMB_TRY_ASSIGN(passages, max_passage_id(db));
  out.rows.reserve(out.rows.size() + matches.size());  // no copying of rows as it grows
  auto add = [&](std::int64_t id, const PassageOwner& o, double score) {
    Row r;
    r.passage_id = id;
    r.document_id = o.document_id;
    r.case_id = o.case_id;
    r.score = score;
    add_row(out, r, false);
  };
  PassageOwners owners(db);
  if (matches.size() * 8 < static_cast<std::size_t>(passages)) {
    for (const auto& [id, score] : matches) {
      OMB_TRY_ASSIGN(owner, owners.seek(id));
      if (owner) add(id, *owner, score);  // else a match without a passage row: skip it
    }
    return {};
  }
  std::sort(matches.begin(), matches.end());
  std::size_t k = 0;
  return owners.scan(matches.empty() ? std::int64_t{0} : matches.front().first,
                     [&](std::int64_t id, const PassageOwner& o) {
                       while (k < matches.size() && matches[k].first < id) ++k;  // a match without a passage row
                       if (k == matches.size()) return false;
                       if (matches[k].first == id) add(id, o, matches[k++].second);
                       return true;
                     });
}

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
  CatalogFilter filter(db, f, cat);  // search/catalog_filter.h
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
  for (const FuzzyWord& f : q.fuzzy) wanted.insert(f.terms.begin(), f.terms.end());
  if (wanted.empty()) return {};
  HitDetails titles(db);
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
      OMB_TRY_ASSIGN(title, titles.document_title(r.document_id));
      if (title) terms_of(*title, it->second);
    }
    std::unordered_set<std::string> hit = it->second;
    if (r.case_id >= 0) {
      OMB_TRY_ASSIGN(title, titles.case_title(r.case_id));
      if (title) terms_of(*title, hit);
    }
    if (!hit.empty()) r.score *= 1.0 + static_cast<double>(hit.size()) / static_cast<double>(wanted.size());
  }
  return {};
}

// The filters as store/hits.h's clauses.
std::vector<FilterClause> clauses_of(const QueryFilters& f) {
  std::vector<FilterClause> out;
  for (const FilterDef& def : kFilters) {
    if (!filter_set(f, def)) continue;
    FilterClause c{def.field, def.compare, {}, {}};
    if (def.number) c.numbers.push_back(*(f.*def.number));
    else c.texts = f.*def.texts;
    out.push_back(std::move(c));
  }
  return out;
}

bool document_filter_set(const QueryFilters& f) {
  for (const FilterDef& def : kFilters)
    if (!is_case_field(def.field) && filter_set(f, def)) return true;
  return false;
}

// BM25's row lengths: the given catalog's; else the stored ones, read when
// a query has enough matches to want them (a fresh process would seek or
// scan %_docsize for them). The guard drops the source at the end.
struct LengthsGuard {
  sqlite3* db;
  ~LengthsGuard() { (void)set_lengths_source(db, {}); }
};

Status choose_lengths(Database& db, const SearchOptions& opts) {
  if (opts.catalog && (opts.catalog->parts() & Catalog::kLengths))
    return adopt_row_lengths(db.handle(), opts.catalog->lengths(), opts.catalog->passage_count());
  if (opts.catalog || opts.stored_catalog_from == SIZE_MAX) return {};
  return set_lengths_source(db.handle(), [&db](std::int64_t* rows) -> std::shared_ptr<const std::vector<std::uint32_t>> {
    auto c = Catalog::load_persisted(db, Catalog::kLengths);
    if (!c.ok() || !*c) return nullptr;
    *rows = (*c)->passage_count();
    return (*c)->lengths();
  });
}

// Every match of the words with its score first; then what the hits need of
// their passages, documents and cases: from a catalog's arrays when there
// are many matches, else by seeks, else (few matches with filters, facets or
// date order) by a join.
Status gather_matches(Database& db, const SearchOptions& opts, bool full, Rows& found) {
  const ParsedQuery& q = opts.query;
  const QueryFilters& f = q.filters;
  OMB_TRY_ASSIGN(matches, matches_of(db, q.fts));
  unsigned parts = Catalog::kPassages;
  if (full || f.case_level()) parts |= Catalog::kDocuments | Catalog::kCases;
  if (f.case_level()) parts |= Catalog::kTagged;  // read when stored; without it, SQL asks (CatalogFilter)
  else if (!f.empty()) parts |= Catalog::kDocuments;
  const unsigned needed = parts & ~Catalog::kTagged;
  const bool catalog_usable = CatalogFilter::usable(f);
  const Catalog* cat = opts.catalog;
  std::shared_ptr<const Catalog> stored;
  if (!cat && catalog_usable && matches.size() >= opts.stored_catalog_from) {
    OMB_TRY_ASSIGN(c, Catalog::load_persisted(db, parts));
    stored = std::move(c);
    cat = stored.get();
  }
  if (cat && catalog_usable && (cat->parts() & needed) == needed) {
    OMB_TRY_ASSIGN(ok, collect_catalog(db, matches, f, *cat, full, found));
    if (ok) return {};
    found = Rows();  // out of date: the ways below, from nothing
  }
  if (!full && f.empty()) return collect_matches(db, matches, found);
  // The matches (not the MATCH again) joined with their passage rows from
  // the covering index passages_hit (not the table: that holds the bodies),
  // and with documents and cases only when a filter, the facets or the date
  // order need them; the scores are the ones made above.
  HitQuery hq;
  hq.source = HitQuery::Source::matches;
  hq.filters = clauses_of(f);
  hq.documents = full || document_filter_set(f);
  hq.cases = full || f.case_level();
  std::sort(matches.begin(), matches.end());  // by id, for the scores' lookup (FTS5 gave rowid order)
  hq.match_ids = "[";
  for (const auto& m : matches) (hq.match_ids += hq.match_ids.size() > 1 ? "," : "") += std::to_string(m.first);
  hq.match_ids += ']';
  return collect(db, hq, &matches, full, false, found);
}

// Filters alone: the matching cases, each with its first passage; and, when
// no filter is on cases, the documents without cases.
Status gather_filtered(Database& db, const QueryFilters& f, bool full, Rows& found) {
  if (f.empty()) return make_error(Errc::usage, "nothing to search for: give words or a filter (see --help)");
  HitQuery hq;
  hq.source = HitQuery::Source::cases;
  hq.filters = clauses_of(f);
  OMB_TRY(collect(db, hq, nullptr, full, false, found));
  if (f.case_level()) return {};
  hq.source = HitQuery::Source::uncased_reports;
  return collect(db, hq, nullptr, full, true, found);
}

// Puts the first `upto` rows (0: all) in their final order; returns how
// many are. Title hits weigh up: the best candidates (all the page needs,
// and at least kTitleCandidates) whose case or document title holds query
// words get score x (1 + the share of the query's terms in the title). A
// row further down cannot overtake them, its score being lower already.
Result<std::size_t> order_rows(Database& db, const ParsedQuery& q, bool by_date, std::size_t upto, Rows& found,
                               std::vector<std::uint32_t>& order) {
  std::vector<Row>& rows = found.rows;
  order.resize(rows.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
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
  const std::size_t want = upto == 0 ? order.size() : std::min(order.size(), upto);
  if (!by_date && !q.words.empty() && !rows.empty()) {
    const std::size_t k = std::min(order.size(), std::max(want, kTitleCandidates));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), before);
    OMB_TRY(boost_titles(db, q, rows, std::span<const std::uint32_t>(order.data(), k)));
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), before);
    return k;
  }
  if (want < order.size()) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(want), order.end(), before);
    return want;
  }
  std::sort(order.begin(), order.end(), before);
  return order.size();
}

// The facets of the filters that have one (search/filters.h), keyed by the
// filter's name: counted by interned value first, then named ("-": none).
Facets count_facets(const Rows& found) {
  const std::size_t n = found.strings.size();
  std::map<int, std::size_t> years, quarters;
  std::vector<std::size_t> afdeling(n), oordeel(n), doctype(n), themes(n);
  for (const Row& r : found.rows) {
    ++years[r.year];
    ++quarters[r.quarter];
    ++afdeling[r.afdeling];
    ++oordeel[r.oordeel];
    ++doctype[r.doctype];
    ++themes[r.themes];
  }
  Facets out;
  auto named = [&](std::string_view facet, const std::vector<std::size_t>& counts) {
    for (std::uint32_t i = 0; i < counts.size(); ++i)
      if (counts[i]) out[std::string(facet)][found.strings.str(i).empty() ? "-" : found.strings.str(i)] += counts[i];
  };
  for (const FilterDef& def : kFilters) {
    if (def.facet.empty()) continue;
    const std::string key(def.name);
    switch (def.field) {
      case Field::doc_year:
        for (auto [y, k] : years) out[key][y ? std::to_string(y) : "-"] += k;
        break;
      case Field::doc_quarter:
        for (auto [q, k] : quarters) out[key][q ? "Q" + std::to_string(q) : "-"] += k;
        break;
      case Field::case_afdeling: named(key, afdeling); break;
      case Field::case_oordeel: named(key, oordeel); break;
      case Field::doc_doctype: named(key, doctype); break;
      case Field::case_themes:
        for (std::uint32_t i = 0; i < themes.size(); ++i) {
          if (!themes[i]) continue;
          const auto list = parse_theme_list(found.strings.str(i));
          if (list.empty()) out[key]["-"] += themes[i];
          for (const std::string& t : list) out[key][t] += themes[i];
        }
        break;
      default: break;  // a fact a hit row does not carry has no facet
    }
  }
  return out;
}

// The afdeling facet at `level`: names the archive does not tag at that level
// count under "-".
Status facet_at_level(Database& db, const std::string& level, Facets& facets) {
  if (!unit_level_name(level)) return make_error(Errc::usage, "search: --level must be organisation, dienst, afdeling, team or all");
  auto it = facets.find("afdeling");
  if (level == "all" || it == facets.end()) return {};
  std::vector<std::string> names;
  for (const auto& [name, n] : it->second)
    if (name != "-") names.push_back(name);
  OMB_TRY_ASSIGN(kept, units_at_level(db, names, level));
  std::map<std::string, std::size_t> at;
  for (const auto& [name, n] : it->second)
    at[std::binary_search(kept.begin(), kept.end(), name) ? name : "-"] += n;
  it->second = std::move(at);
  return {};
}

}  // namespace

RankedHits::RankedHits(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RankedHits::~RankedHits() = default;
std::size_t RankedHits::total() const { return impl_->found.rows.size(); }
std::size_t RankedHits::ordered() const { return impl_->ordered; }
const Facets& RankedHits::facets() const { return impl_->facets; }
const std::vector<FuzzyWord>& RankedHits::fuzzy() const { return impl_->fuzzy; }

Result<std::shared_ptr<const RankedHits>> rank(Database& db, const SearchOptions& given, std::size_t upto) {
  OMB_TRY(db.check_index());
  SearchOptions expanded;  // the options with the query's fuzzy words expanded, when it has any
  if (!given.query.expanded) {
    expanded = given;
    OMB_TRY(expand_fuzzy(db, expanded.query));
  }
  const SearchOptions& opts = given.query.expanded ? given : expanded;
  const ParsedQuery& q = opts.query;
  auto impl = std::make_unique<RankedHits::Impl>();
  impl->fts = q.fts;
  impl->prefix = q.prefix || !q.fuzzy.empty();  // a term list, like a prefix, is several terms' lists merged
  impl->fuzzy = q.fuzzy;
  const bool full = opts.facets || opts.sort == SearchOptions::Sort::date || q.fts.empty();

  ReadSnapshot snap(db);  // one snapshot for the catalog's parts and the query
  OMB_TRY(snap.begin());
  LengthsGuard guard{db.handle()};
  if (!q.fts.empty()) {
    OMB_TRY(choose_lengths(db, opts));
    OMB_TRY(gather_matches(db, opts, full, impl->found));
  } else {
    OMB_TRY(gather_filtered(db, q.filters, full, impl->found));
  }
  decltype(impl->found.index)().swap(impl->found.index);  // grouping is done; a kept RankedHits need not hold it

  const bool by_date = opts.sort == SearchOptions::Sort::date || q.fts.empty();
  OMB_TRY_ASSIGN(ordered, order_rows(db, q, by_date, upto, impl->found, impl->order));
  impl->ordered = ordered;
  if (opts.facets) {
    impl->facets = count_facets(impl->found);
    OMB_TRY(facet_at_level(db, opts.level, impl->facets));
  }
  return std::shared_ptr<const RankedHits>(new RankedHits(std::move(impl)));
}

}  // namespace omb
