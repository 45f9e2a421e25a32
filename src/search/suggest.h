// search/suggest.h — "did you mean": a corrected query for one that finds
// nothing, or next to nothing beside what a close spelling finds.
//
// did_you_mean() looks at each plain word the user typed (search/query.h:
// QueryWord; not prefixes, fuzzy words, filters, operators or numbers, and
// words of 4 letters or more). A word is corrected
// when the index's vocabulary (store/vocab.h) holds a term within the
// word's fuzzy distance (1, or 2 for 8 letters or more; search/fuzzy.h, the
// stemmer's endings free) that is in at least kCommoner times as many
// passages as the word's own term (which may be in none). Of those, the
// commonest wins, a term one edit away counting 10x a term two edits away.
// The correction is a word, not a stem: of the forms the term stands for in
// up to 20 passages that hold it, the one closest to what was typed
// (afpsraak -> afspraak, not the stem afsprak); a capital first letter is kept.
//
// The corrected words replace the typed ones in the query text, so filters,
// operators, phrases and NEAR stay as typed. The corrected query is run
// with the same options; it is proposed when the query found nothing and it
// finds something, or when it finds at least kCommoner times as many hits.
// Only queries with fewer than kFewHits hits are looked at.
//
// Errors: the database's; a corrected query that does not parse (it
// cannot, as only words change) gives no proposal.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "base/result.h"
#include "search/search.h"

namespace omb {

class Database;

inline constexpr std::size_t kFewHits = 5;
inline constexpr std::uint32_t kCommoner = 10;

// `query` is the text the user typed, `opts` the options it was searched
// with (its parsed query and any filters given beside it), `total` its hits.
Result<std::optional<SearchResult::Proposal>> did_you_mean(Database& db, std::string_view query,
                                                           const SearchOptions& opts, std::size_t total);

}  // namespace omb
