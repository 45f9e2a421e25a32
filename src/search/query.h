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
//
// parse_query() turns user input into an FTS5 MATCH expression in which
// every word is a quoted string (so 2023/0456, nr. 123 and Z-2023-0456 are
// searched, never an FTS5 syntax error) and the filters it names. A
// malformed query (an unclosed quote, an operator without a term, an
// unbalanced parenthesis, an unknown filter value) is an Error with
// Errc::usage that says what is wrong and at which column (1-based).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "search/filters.h"  // QueryFilters, set_filter

namespace omb {

struct ParsedQuery {
  std::string fts;                 // FTS5 expression; empty when the query has filters only
  QueryFilters filters;            // inline filters
  std::vector<std::string> words;  // the words and phrases searched, as typed
  bool prefix = false;             // fts has a prefix term (klant*)
};

Result<ParsedQuery> parse_query(std::string_view query);

}  // namespace omb
