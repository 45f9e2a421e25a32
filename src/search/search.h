// search/search.h — search the database that ingest fills.
//
// search() runs a parsed query (search/query.h) over passages_fts (the Dutch
// tokenizer, BM25 with heading hits weighted 3x) and answers at case level
// where a report has cases (the case's best passage stands for it) and at
// passage level elsewhere. Filters narrow exactly: year/from/to/quarter/
// doctype/org on the document; zaak/afdeling/theme/oordeel on the case, or,
// for a passage outside cases, on the tags inside that passage. A query of
// filters alone lists the matching cases (and, when no filter is about
// cases, the documents without cases).
//
// Results carry what an analyst needs to judge and find a hit: document
// title, period, zaaknummer, afdeling, themes, oordeel, a snippet with the
// hits marked by kMarkOpen/kMarkClose, every source path of the document (a
// copy under two paths is one hit), and the page and line in the source file.
// total is the number of hits before limit/offset; facets (on request) count
// the hits by year, quarter, afdeling, theme, oordeel and doctype (a hit
// without a value counts under "-"; themes may be several per hit).
//
// A query's fuzzy words (klantmanagr~) are expanded against the index's
// vocabulary first (search/fuzzy.h); the result says what each became.
//
// Errors: Errc::version when the index was built by another tokenizer (the
// message offers `ombudsmine reindex`), Errc::db from SQLite. The query
// parser has already turned every user input into valid FTS5.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/marks.h"  // kMarkOpen, kMarkClose around the matched words of a snippet
#include "base/result.h"
#include "search/query.h"

namespace omb {

class Database;
class Catalog;

struct SearchOptions {
  ParsedQuery query;
  std::size_t limit = 20;  // 0: all
  std::size_t offset = 0;
  enum class Sort { rank, date } sort = Sort::rank;
  bool facets = false;
  // The level of the units the afdeling facet counts (store/read.h's
  // kUnitLevels): a case counts under its afdeling where the archive tags
  // that name at this level, else under "-"; "all": every level.
  std::string level = "afdeling";
  // Optional, not owned: arrays of the passages, documents and cases read
  // once (store/catalog.h), used instead of joins unless an org filter is
  // given (the same filters, applied to the arrays).
  // The caller makes sure it is fresh for `db`.
  const Catalog* catalog = nullptr;
  // Without one: the catalog stored with the database (store/catalog.h) is
  // read when current and the query has at least this many matches (fewer
  // are joined faster than its parts are read). SIZE_MAX: never.
  std::size_t stored_catalog_from = 2048;
};

struct SearchHit {
  std::string kind;  // "case", "passage" or "document"
  double score = 0;  // BM25 (higher is better); 0 without words
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;
  std::int64_t passage_id = 0;
  std::string title, doctype, organisation, date;
  std::optional<int> year, quarter;
  std::string zaaknummer, case_title, afdeling, status, oordeel;
  std::vector<std::string> themes;
  std::string snippet;  // hits between kMarkOpen and kMarkClose
  int page = 1, line = 1;
  // How the page's text was obtained (page_sources: text, ocr, ocr-failed,
  // empty), "" for a document not read from a PDF; OCR's confidence or -1.
  std::string page_method;
  double page_confidence = -1;
  std::vector<std::string> sources;  // every path of the document
};

using Facets = std::map<std::string, std::map<std::string, std::size_t>>;

struct SearchResult {
  std::size_t total = 0;
  std::vector<SearchHit> hits;
  Facets facets;  // empty unless asked for
  std::vector<FuzzyWord> fuzzy;  // the query's fuzzy words and the terms each became
  // A corrected query and the hits it finds: set by did_you_mean()
  // (search/suggest.h) when the caller asks and there is one.
  struct Proposal {
    std::string query;
    std::size_t total = 0;
  };
  std::optional<Proposal> did_you_mean;
};

Result<SearchResult> search(Database& db, const SearchOptions& opts);

// search() in two halves, for callers that show one result set page by page
// (the web server keeps RankedHits between requests):
//  - rank(): every hit found, filtered, grouped, ranked (or dated) and, on
//    request, counted into facets; nothing is fetched for display. The first
//    `upto` hits are in their final order (title hits weighed up); 0: all.
//  - fetch_page(): the hits [offset, offset + limit) of a ranked set (limit
//    0: to the end) with titles, sources, snippets, page and line. Asking
//    for hits past ordered() is an Errc::usage error: rank again with a
//    larger `upto`.
// A RankedHits is immutable and may be shared between threads; each call
// needs its own Database.
struct HitRef;

class RankedHits {
 public:
  ~RankedHits();
  std::size_t total() const;
  std::size_t ordered() const;  // how many hits at the front are in their final order
  const Facets& facets() const;
  const std::vector<FuzzyWord>& fuzzy() const;  // the query's fuzzy words, expanded

 private:
  friend Result<std::shared_ptr<const RankedHits>> rank(Database&, const SearchOptions&, std::size_t);
  friend Result<SearchResult> fetch_page(Database&, const RankedHits&, std::size_t, std::size_t);
  friend std::vector<HitRef> hit_refs(const RankedHits&);
  struct Impl;
  explicit RankedHits(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// opts.limit and opts.offset are ignored here; opts.facets is honoured.
Result<std::shared_ptr<const RankedHits>> rank(Database& db, const SearchOptions& opts, std::size_t upto);
Result<SearchResult> fetch_page(Database& db, const RankedHits& ranked, std::size_t offset, std::size_t limit);

// What identifies each hit of a ranked set, without fetching anything: the
// first ordered() hits in their order (search/hit_refs.cpp; watch/watch.h
// keys them to tell new hits from those reported before).
struct HitRef {
  const char* kind = "passage";  // "case", "passage" or "document"
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;
  std::int64_t passage_id = 0;
};
std::vector<HitRef> hit_refs(const RankedHits& ranked);

}  // namespace omb
