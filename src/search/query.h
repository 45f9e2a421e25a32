// search/query.h — the query language of `ombudsmine search`.
//
//   klantmanager excuses            words (all must occur)
//   "geen reactie"                  a phrase
//   bejegening OR toon              AND / OR / NOT (upper case), ( )
//   NEAR(klantmanager excuses, 10)  words near each other
//   klant*                          a prefix
//   afdeling:"Koers naar Werk"      inline filters: every filter of search/filters.h
//   jaar:2016 van:2015 tot:2018     by its name or an alias (jaar/year, van/from,
//   zaak:406 doctype:rapport        thema/theme, …)
//   klantmanagr~  communciatie~2    fuzzy words: the index terms within 1
//                                   edit (2 for words of 8 letters or more),
//                                   or within N (0-2) edits; in phrases and
//                                   NEAR as well
//
// parse_query() turns user input into an FTS5 MATCH expression in which
// every word is a quoted string (so 2023/0456, nr. 123 and Z-2023-0456 are
// searched, never an FTS5 syntax error) and the filters it names. A
// malformed query (an unclosed quote, an operator without a term, an
// unbalanced parenthesis, an unknown filter value, a fuzzy word with a
// distance other than 0-2, a prefix made fuzzy) is an Error with
// Errc::usage that says what is wrong and at which column (1-based).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "search/filters.h"  // QueryFilters, set_filter

namespace omb {

// A fuzzy word (klantmanagr~, communciatie~2). Until search/fuzzy.h's
// expand_fuzzy() has put the index terms it matches there, `fts` holds a
// placeholder for it (fuzzy_slot(i)), which FTS5 cannot run.
struct FuzzyWord {
  std::string word;        // as typed, without the ~N
  int distance = 1;        // edits allowed
  std::size_t column = 0;  // 1-based byte column of the word in the query
  // Set by expand_fuzzy():
  std::string term;                // the word as an index term (folded, stemmed)
  std::vector<std::string> terms;  // the index terms it matched, in most passages first
  std::size_t more = 0;            // terms within the distance left out of `terms`
};

// A word the user typed (outside filters; inside phrases and NEAR too),
// where it stands in the query: for proposing a corrected query.
struct QueryWord {
  std::size_t offset = 0, size = 0;  // bytes into the query
  bool plain = true;                 // not a prefix (klant*) nor fuzzy (klant~)
};

struct ParsedQuery {
  std::string fts;                 // FTS5 expression; empty when the query has filters only
  QueryFilters filters;            // inline filters
  std::vector<std::string> words;  // the words and phrases searched, as typed
  bool prefix = false;             // fts has a prefix term (klant*)
  std::vector<FuzzyWord> fuzzy;    // the fuzzy words, in the order typed
  bool expanded = false;           // expand_fuzzy() has run (or there is nothing to expand)
  std::vector<QueryWord> spans;    // every word typed, in order
};

// The placeholder of fuzzy word `i` in ParsedQuery::fts: a quoted FTS5
// string holding U+E001 and the number.
std::string fuzzy_slot(std::size_t i);

// The edits a fuzzy word allows when the query gives no number: 1, or 2 for
// a word of 8 letters or more.
int default_fuzzy_distance(std::string_view word);

Result<ParsedQuery> parse_query(std::string_view query);

}  // namespace omb
