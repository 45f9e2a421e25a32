// store/vocab.h — the terms of the full-text index, with how many passages
// hold each: what fuzzy terms (search/fuzzy.h) and "did you mean"
// (search/suggest.h) are matched against.
//
// The index's own vocabulary is FTS5's fts5vocab table over passages_fts,
// but scanning it takes about a second on a 200 MB archive (118,686 terms):
// more than a query. So ingest and reindex persist() the term list into
// search_vocab (one row: a sorted text blob "term\tpassages\n") when they
// have changed the database, and a query reads that row (a few ms). Which
// database the stored list belongs to is told by meta's `generation` (as for
// the search catalog, store/catalog.h): a list of another generation is out
// of date; load() then scans fts5vocab and, when the database is writable,
// stores what it read.
//
// The terms are index terms: folded and stemmed as index/tokenizer.h makes
// them (communicatie -> communicati), sorted by their UTF-8 bytes, no repeats.
//
// Errors: the database's errors while reading or writing. A stored list that
// does not decode is not an error: load() scans instead.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace omb {

class Database;

class Vocabulary {
 public:
  // The stored list of the database's generation, else a scan, stored when
  // the file is writable (through a writable connection of its own when
  // `db` only reads).
  static Result<std::shared_ptr<const Vocabulary>> load(Database& db);
  // Reads fts5vocab (one read snapshot).
  static Result<std::shared_ptr<const Vocabulary>> scan(Database& db);
  // Stores the list of the database's present generation, unless the stored
  // one is of it already. One write transaction.
  static Status persist(Database& db);

  // A list made of given terms (sorted and merged here); for tests.
  static std::shared_ptr<const Vocabulary> of(std::vector<std::pair<std::string, std::uint32_t>> terms);

  std::size_t size() const { return docs_.size(); }
  std::string_view term(std::size_t i) const { return {text_.data() + starts_[i], ends_[i] - starts_[i]}; }
  std::uint32_t docs(std::size_t i) const { return docs_[i]; }
  // The passages holding `term`; 0 when the index lacks it.
  std::uint32_t docs_of(std::string_view term) const;
  // The index of the first term >= `key` (size() when none).
  std::size_t lower_bound(std::string_view key) const;

  // The stored form ("term\tpassages\n" lines) and back; decode() fails with
  // Errc::parse on a line that is not a term, a tab and a number, or on
  // terms out of order.
  std::string encode() const;
  static Result<std::shared_ptr<const Vocabulary>> decode(std::string_view blob);

 private:
  std::string text_;  // the terms, each followed by '\n'
  std::vector<std::uint32_t> starts_, ends_, docs_;
};

// The heading and text of up to `limit` passages holding the index term
// `term` (as it is: not folded or stemmed again), for finding the words it
// stands for. Errors: the database's.
Result<std::vector<std::string>> texts_with_term(Database& db, std::string_view term, std::size_t limit);

}  // namespace omb
