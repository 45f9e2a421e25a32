// search/query.h — the query language of `ombudsmine search`.
//
//   klantmanager excuses            words (all must occur)
//   "geen reactie"                  a phrase
//   bejegening OR toon              AND / OR / NOT (upper case), ( )
//   NEAR(klantmanager excuses, 10)  words near each other
//   klant*                          a prefix
//   afdeling:"Koers naar Werk"      inline filters: afdeling, thema/theme, oordeel,
//   jaar:2016 van:2015 tot:2018     jaar/year, van/from, tot/to, kwartaal/quarter,
//   zaak:406 doctype:rapport        zaak, doctype/type, org/organisatie
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

namespace omb {

struct QueryFilters {
  std::optional<int> year, from, to, quarter;
  // Each list: any of its values (OR); different fields: all (AND).
  std::vector<std::string> afdeling, theme, oordeel, doctype, org, zaak;
  bool empty() const;
  bool case_level() const { return !afdeling.empty() || !theme.empty() || !oordeel.empty() || !zaak.empty(); }
};

struct ParsedQuery {
  std::string fts;                 // FTS5 expression; empty when the query has filters only
  QueryFilters filters;            // inline filters
  std::vector<std::string> words;  // the words and phrases searched, as typed
  bool prefix = false;             // fts has a prefix term (klant*)
};

Result<ParsedQuery> parse_query(std::string_view query);

// Sets a filter from a field name as a user writes it (afdeling, jaar, van, …);
// used by the parser and by command-line options. Errc::usage on an unknown
// field or a bad number.
Status set_filter(QueryFilters& f, std::string_view field, const std::string& value);

}  // namespace omb
