// search/catalog_filter.h — the filters of search/filters.h, applied to the
// catalog's arrays (store/catalog.h) as store/hits.h applies them in SQL.
//
// A document fact compares as in SQL (a document without a year or quarter
// passes no filter on it). For a passage in a case, a case fact compares
// with the case's (equal_nocase as SQLite's NOCASE does: ASCII letters
// folded; a list fact holds a value). For a passage outside cases, a case
// fact with a tag type qualifies by the tags starting inside the passage
// (from the catalog's tagged part when it has one, else asked of SQL by
// store/hits.h's TagProbe); a case fact without one fails.
//
// The catalog holds neither organisations nor zaaknummers nor case status:
// usable() says whether every filter set is on a fact it holds; when not,
// search joins in SQL instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "search/filters.h"
#include "store/catalog.h"
#include "store/hits.h"

namespace omb {

class Database;

class CatalogFilter {
 public:
  // Whether the catalog holds every fact a filter set in `f` is on.
  static bool usable(const QueryFilters& f);

  // `db`, `f` and `cat` must outlive the filter.
  CatalogFilter(Database& db, const QueryFilters& f, const Catalog& cat);

  bool keep_document(const Catalog::Document& d) const;
  Result<bool> keep_passage(std::int64_t id, const Catalog::Passage& p);

 private:
  // A text filter that is set, with the catalog's strings it accepts.
  struct TextFilter {
    const FilterDef* def;
    std::vector<bool> accepts;         // by string id: the value as `def` compares it
    std::vector<bool> accepts_nocase;  // by string id: as a tag's value compares (NOCASE)
  };
  bool keep_case(const Catalog::Case& c);
  Result<bool> keep_uncased(std::int64_t id, const Catalog::Passage& p, const TextFilter& t);
  const std::vector<std::string>& themes(std::uint32_t id);

  Database& db_;
  const QueryFilters& f_;
  const Catalog& cat_;
  std::vector<TextFilter> text_;  // the set case-level text filters
  std::unordered_map<std::uint32_t, std::vector<std::string>> themes_;
  std::optional<TagProbe> probe_;
};

}  // namespace omb
