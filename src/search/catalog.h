// search/catalog.h — what ranking needs of every passage, held in memory.
//
// Ranking a word found in most passages joins each match with its passage
// row (document, case, page, line) and, for facets or date order, with its
// document and case: three b-tree seeks per match, most of a query's time on
// a large archive. A Catalog reads those columns of every passage, document
// and case once (three scans) into arrays, so rank() can answer a query
// without filters from the index and the arrays alone (search/search.h,
// SearchOptions::catalog). The web server keeps one per worker connection.
//
// A Catalog is an immutable snapshot. fresh() says whether the database, as
// the given connection sees it, is still the one it was read from
// (PRAGMA data_version for other connections' commits, total changes for
// this connection's own writes); when not, load a new one.
//
// Errors: the database's errors while reading.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace omb {

class Database;

class Catalog {
 public:
  struct Passage {
    std::uint32_t document = 0;
    std::int32_t case_index = -1;  // into cases(), or -1
    std::int32_t page = 1, line = 1;
    std::uint32_t start = 0, end = 0;  // span in the normalised text
  };
  struct Document {
    std::int32_t year = 0, quarter = 0;  // 0: unknown
    std::uint32_t doctype = 0, date = 0;  // into strings()
  };
  struct Case {
    std::int64_t id = 0;
    std::uint32_t zaaknummer = 0, afdeling = 0, themes = 0, oordeel = 0;  // into strings(); themes as stored (JSON)
  };

  static Result<std::shared_ptr<const Catalog>> load(Database& db);
  bool fresh(Database& db) const;

  // Null when the id is unknown (a passage written after the snapshot).
  const Passage* passage(std::int64_t id) const {
    return id >= 0 && static_cast<std::uint64_t>(id) < passages_.size() && present_[static_cast<std::size_t>(id)]
               ? &passages_[static_cast<std::size_t>(id)]
               : nullptr;
  }
  const Document& document(std::uint32_t id) const { return documents_[id]; }
  const Case& case_at(std::int32_t index) const { return cases_[static_cast<std::size_t>(index)]; }
  const std::string& str(std::uint32_t i) const { return strings_[i]; }

 private:
  std::vector<Passage> passages_;  // by passage id
  std::vector<bool> present_;
  std::vector<Document> documents_;  // by document id
  std::vector<Case> cases_;
  std::vector<std::string> strings_;  // [0] is ""
  std::int64_t data_version_ = -1, total_changes_ = -1;
};

}  // namespace omb
