// search/similar.h — "have we seen this before?": the cases most like one case.
//
// similar() takes a zaaknummer, reads that case's text, and picks its most
// telling words: each word's index term weighted by (1 + ln tf) · ln(N / df),
// df from the full-text index itself (fts5vocab), leaving out words with
// digits (numbers, dates, codes) and words in more than 5% of passages. It
// searches those words (OR, BM25, through search()), keeps case hits other
// than the case itself, and ranks them by
//     score = bm25 / best bm25 + 0.5 · shared themes / its themes + 0.1 · same afdeling,
// so shared rare words count most and the same themes break near ties.
// The result says which words and themes were used.
//
// Errors: Errc::not_found when no case has that zaaknummer; the database's
// errors otherwise. Reads only.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "search/search.h"

namespace omb {

class Database;

struct SimilarOptions {
  std::string zaak;
  std::size_t limit = 10;
  std::size_t terms = 15;  // words of the case to search with
};

struct SimilarResult {
  SearchHit of;                       // the case asked about
  std::vector<std::string> words;     // the words searched, most telling first
  SearchResult result;                // the similar cases, best first; score = the combined score
  std::vector<std::vector<std::string>> shared_themes;  // per hit
};

Result<SimilarResult> similar(Database& db, const SimilarOptions& o);

}  // namespace omb
