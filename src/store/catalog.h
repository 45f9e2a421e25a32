// store/catalog.h — what ranking needs of every passage, held in memory and
// kept with the database.
//
// Ranking a word found in most passages joins each match with its passage
// row (document, case) and, for filters, facets or date order, with its
// document and case: b-tree seeks per match, most of a query's time on a
// large archive; and BM25 needs every matching row's length. A Catalog holds
// those as arrays, in five parts:
//  - lengths:   every passage's length in the index (BM25's row length);
//  - passages:  every passage's document and case;
//  - documents: every document's year, quarter, doctype and date (and the
//               strings the cases part names);
//  - cases:     every case's afdeling, themes and oordeel (not its
//               zaaknummer: a filter on it is left to SQL, which seeks it);
//  - tagged:    for passages outside cases, the afdeling, theme and oordeel
//               tags that start inside them (filters on those fields narrow
//               such passages by their tags).
// so search's rank() can answer a query from the index and the arrays alone
// (search/search.h, SearchOptions::catalog).
//
// Reading them from the tables takes five scans (~0.2 s on a 200 MB
// archive): more than a query. So ingest and reindex persist() the catalog
// into the table search_catalog, one row a part, when they have changed the
// database, and a short-lived process (the CLI) reads just the parts a query
// needs (load_persisted()). Which database a stored catalog belongs to is
// told by meta's `generation`, which triggers on documents raise with every
// document added, re-analysed or removed (reindex raises it too); a part of
// another generation is out of date and is not used.
//
// A Catalog is an immutable snapshot. fresh() says whether the database, as
// the given connection sees it, is still the one it was read from
// (PRAGMA data_version for other connections' commits, total changes for
// this connection's own writes); when not, load a new one.
//
// Errors: the database's errors while reading or writing. A stored part that
// does not decode (damaged, or of another format) is not an error:
// load_persisted() then has no catalog and load() scans, until the next
// change of generation (an ingest that changes something, or reindex) makes
// persist() store every part anew.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace omb {

class Database;

class Catalog {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFF;
  struct Passage {
    std::uint32_t document = kAbsent;  // kAbsent: no passage of this id
    std::uint32_t case_id = 0;         // 0: outside cases
  };
  struct Document {
    std::int32_t year = 0, quarter = 0;  // 0: unknown
    std::uint32_t doctype = 0, date = 0;  // into strings()
  };
  struct Case {
    std::uint32_t afdeling = 0, themes = 0, oordeel = 0;  // into strings(); themes as stored (JSON)
  };
  // A tag in a passage outside cases: its passage, type and value.
  enum TagType : std::uint32_t { kAfdeling = 0, kTheme = 1, kOordeel = 2 };
  struct Tagged {
    std::uint32_t passage = 0;
    TagType type = kAfdeling;
    std::uint32_t value = 0;  // into strings()
  };
  // kCases and kTagged need kDocuments (their strings are there).
  enum Parts : unsigned { kLengths = 1, kPassages = 2, kDocuments = 4, kCases = 8, kTagged = 16, kAll = 31 };

  // The persisted catalog when it is of the database's generation, else
  // scan() without the tagged part (it reads every tag: ~0.6 s on a 200 MB
  // archive, too long for a web request; filters on passages outside cases
  // then ask SQL).
  static Result<std::shared_ptr<const Catalog>> load(Database& db);
  // The persisted `parts` of the database's generation; nullptr when one is
  // missing (an older ombudsmine wrote the database, an ingest was cut off
  // before it wrote them) or does not decode.
  static Result<std::shared_ptr<const Catalog>> load_persisted(Database& db, unsigned parts = kAll);
  // Reads the tables (one read snapshot): all parts, or all but kTagged.
  static Result<std::shared_ptr<const Catalog>> scan(Database& db, unsigned parts = kAll);
  // Whether every part is stored for the database's present generation.
  static Result<bool> stored_current(Database& db);
  // Stores the catalog of the database's present generation, unless the
  // stored one is of it already (then nothing is read or written). One
  // write transaction; on failure the stored catalog is as it was.
  static Status persist(Database& db);

  unsigned parts() const { return parts_; }
  bool fresh(Database& db) const;

  // Null when the id is unknown (a passage written after the snapshot).
  const Passage* passage(std::int64_t id) const {
    return id >= 0 && static_cast<std::uint64_t>(id) < passages_.size() &&
                   passages_[static_cast<std::size_t>(id)].document != kAbsent
               ? &passages_[static_cast<std::size_t>(id)]
               : nullptr;
  }
  // A document or case the catalog does not know (or whose part it lacks) has no facts.
  const Document& document(std::uint32_t id) const { return id < documents_.size() ? documents_[id] : none_doc_; }
  const Case& case_of(std::uint32_t id) const { return id < cases_.size() ? cases_[id] : none_case_; }
  const std::string& str(std::uint32_t i) const { return strings_[i]; }
  std::size_t string_count() const { return strings_.size(); }
  // Whether passage `id` (outside cases) holds a tag of `type` whose value is
  // one of the strings marked in `values` (indexed by string id).
  bool passage_tagged(std::int64_t id, TagType type, const std::vector<bool>& values) const;
  // Every passage's length in the index (tokens, as BM25 counts them), by
  // passage id; 0 where unknown. For omb_bm25 (index/rank.h).
  const std::shared_ptr<const std::vector<std::uint32_t>>& lengths() const { return lengths_; }
  std::int64_t passage_count() const { return passage_count_; }

  // A part's stored form (a tag, then little-endian arrays) and back.
  // decode() checks every index against the arrays it points into: Errc::parse
  // for a blob that is not a whole part of this format.
  std::string encode(Parts part) const;
  Status decode(Parts part, std::string_view blob);
  bool operator==(const Catalog& o) const;

 private:
  class Input;  // catalog.cpp: a part's bytes, in memory or in the database
  Status decode_from(Parts part, Input& in);
  // An empty catalog stamped with the database as `db` sees it now.
  static Result<std::shared_ptr<Catalog>> stamped(Database& db);

  unsigned parts_ = 0;
  std::vector<Passage> passages_;    // by passage id
  std::vector<Document> documents_;  // by document id
  std::vector<Case> cases_;          // by case id
  std::vector<Tagged> tagged_;       // by passage, type, value; no repeats
  std::vector<std::string> strings_ = {std::string()};  // [0] is ""
  std::shared_ptr<const std::vector<std::uint32_t>> lengths_ = std::make_shared<const std::vector<std::uint32_t>>();
  std::int64_t passage_count_ = 0;
  std::int64_t data_version_ = -1, total_changes_ = -1;
  Document none_doc_;
  Case none_case_;
};

}  // namespace omb
