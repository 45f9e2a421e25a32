// search/ranked.h — inside search: the rows a ranking gathers, shared by
// search.cpp (rank(): gather, group, order, count facets) and page.cpp
// (fetch_page(): what is shown of a page of them). Not a contract for
// other stages: search/search.h is.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/search.h"

namespace omb {

namespace ranked {

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

}  // namespace ranked

struct RankedHits::Impl {
  using Rows = ranked::Rows;
  Rows found;
  std::vector<std::uint32_t> order;  // the first `ordered` in their final order
  std::size_t ordered = 0;
  Facets facets;
  std::string fts;  // the query as FTS5, for snippets
  bool prefix = false;  // fts has a prefix term
  std::vector<FuzzyWord> fuzzy;  // the query's fuzzy words, expanded
};

}  // namespace omb
