// store/hits.h — what a search reads of the full-text index and the tables.
//
// search/search.cpp decides how to answer a query (from the stored catalog,
// by seeks, or by a join); the reads it makes are here, so that every SQL
// statement over the project's tables is in store/:
//  - scored_matches(): the passages an FTS5 expression matches, with BM25
//    scores (index/rank.h: headings weigh 3x);
//  - PassageOwners: a passage's document and case, by seeks or one ordered
//    scan of the covering index passages_hit;
//  - hit_rows(): passages (matched, or each case's or document's first) with
//    their document's and case's facts, narrowed by filter clauses that
//    name a Field (store/fields.h) and a Compare; the SQL for each is here;
//  - TagProbe: whether a passage outside cases holds a tag (the catalog's
//    filters ask it when the catalog has no tags part);
//  - HitDetails: what a shown hit needs: titles, facts, sources, span,
//    snippet (hits marked with kMarkOpen/kMarkClose, base/marks.h).
// Each class prepares its statements once; it is used on one Database,
// which must outlive it. Errors are the database's; an FTS5 error from a
// MATCH keeps SQLite's message (search turns it into the user's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/db.h"
#include "store/fields.h"

namespace omb {

// Passage id and BM25 score (higher is better), in rowid order.
using Matches = std::vector<std::pair<std::int64_t, double>>;

// Every match of `fts` with its score. A single phrase ("…" or "…"*) is
// scored with omb_bm25_tf and its IDF applied after: the same doubles
// without bm25()'s extra pass over the phrase's rows.
Result<Matches> scored_matches(Database& db, const std::string& fts);

// The largest passage id (ids are near dense: it stands for the count).
Result<std::int64_t> max_passage_id(Database& db);

struct PassageOwner {
  std::int64_t document_id = 0;
  std::int64_t case_id = -1;  // -1: outside cases
};

class PassageOwners {
 public:
  explicit PassageOwners(Database& db) : db_(db) {}
  // The owner of passage `id`; nullopt when there is no such passage.
  Result<std::optional<PassageOwner>> seek(std::int64_t id);
  // Every passage with an id >= `from`, in id order, until `fn` returns false.
  Status scan(std::int64_t from, const std::function<bool(std::int64_t id, const PassageOwner&)>& fn);

 private:
  Database& db_;
  std::optional<Stmt> seek_;
};

// One condition: the fact `field` compares by `compare` with any of the
// values (numbers for the numeric facts, texts for the others).
struct FilterClause {
  Field field = Field::doc_year;
  Compare compare = Compare::equal;
  std::vector<std::int64_t> numbers;
  std::vector<std::string> texts;
};

// A passage with its document's and case's facts. The text fields point
// into the statement's row: valid during the callback only.
struct HitRow {
  std::int64_t passage_id = 0, document_id = 0;
  std::int64_t case_id = -1;  // -1: outside cases
  int year = 0, quarter = 0;  // 0: unknown
  std::string_view doctype, date, afdeling, themes, oordeel;  // themes as stored (a JSON list)
};

struct HitQuery {
  enum class Source {
    matches,          // the passages in `match_ids` (a JSON array)
    cases,            // every case, by its first passage
    uncased_reports,  // every document without cases, by its first passage
  } source = Source::matches;
  std::string match_ids;
  std::vector<FilterClause> filters;  // all must hold
  // Source::matches only: join the documents and the cases (else their
  // facts are empty). Filters on them need them joined.
  bool documents = true, cases = true;
};

// The rows of `q`, each passed to `fn`. With Source::matches a passage
// outside cases passes a case filter when a tag of the fact's type
// (tag_type_of) with a value compared NOCASE starts inside it; with
// Source::uncased_reports only the document filters apply.
Status hit_rows(Database& db, const HitQuery& q, const std::function<void(const HitRow&)>& fn);

class TagProbe {
 public:
  explicit TagProbe(Database& db) : db_(db) {}
  // Whether a tag of `type` whose value equals `value` (ASCII case folded)
  // starts inside passage `passage_id` of document `document_id`.
  Result<bool> holds(std::int64_t passage_id, std::int64_t document_id, std::string_view type, const std::string& value);

 private:
  Database& db_;
  std::optional<Stmt> st_;
};

// Which of `values` (afdeling tag values) the archive tags at `level`
// (store/read.h's kUnitLevels; "all": every one), in their order. For the
// afdeling facet at a level.
Result<std::vector<std::string>> units_at_level(Database& db, const std::vector<std::string>& values, std::string_view level);

class HitDetails {
 public:
  explicit HitDetails(Database& db) : db_(db) {}

  struct Span {
    std::int64_t src_start = 0, src_end = 0;  // the passage's bytes in the source text
    int page = 1, line = 1;
    std::string method;     // how the page's text was obtained (page_sources); "" if not from a PDF
    double confidence = -1;  // OCR's, 0..1; -1 if none
  };
  struct DocumentFacts {
    std::string title, organisation, doctype, date;
    std::optional<int> year, quarter;
  };
  struct CaseFacts {
    std::string zaaknummer, title, status, afdeling, oordeel;
    std::vector<std::string> themes;
  };
  Result<std::optional<Span>> span(std::int64_t passage_id);
  Result<std::optional<DocumentFacts>> document(std::int64_t id);
  Result<std::optional<CaseFacts>> case_facts(std::int64_t id);
  Result<std::optional<std::string>> document_title(std::int64_t id);
  Result<std::optional<std::string>> case_title(std::int64_t id);
  Result<std::vector<std::string>> sources(std::int64_t document_id);  // every path, sorted
  Result<std::string> body_start(std::int64_t passage_id);            // the first 240 characters
  // The passage's snippet for `fts` ("" when it does not match).
  Result<std::string> snippet(const std::string& fts, std::int64_t passage_id);
  // The snippets of the passages `ids` (all within [lo, hi]) in one
  // evaluation of `fts`: each passed to `fn`.
  Status snippets(const std::string& fts, const std::vector<std::int64_t>& ids,
                  const std::function<void(std::int64_t id, std::string snippet)>& fn);

 private:
  Result<Stmt*> get(std::optional<Stmt>& slot, std::string_view sql);
  Database& db_;
  std::optional<Stmt> span_, doc_, case_, doc_title_, case_title_, sources_, body_, snippet_;
};

}  // namespace omb
