// output/search_out.h — search results for people and for scripts.
//
//  - table: numbered hits, each with what it is (zaak, title, afdeling,
//    period, themes, oordeel), its snippet with the hits marked (bold on a
//    terminal, «…» otherwise) and where it stands (path, page, line);
//  - json: JSON Lines, one object per hit; with facets, fuzzy words or a
//    proposed query a last line {"total": N, "fuzzy": [{"word", "distance",
//    "term", "terms", "more"}], "did_you_mean": {"query", "total"},
//    "facets": {...}} (each key only when there is something to say);
//  - csv: RFC 4180, a header row, one row per hit; snippets marked «…».
#pragma once

#include <string>

#include "search/search.h"

namespace omb {

enum class SearchFormat { table, json, csv };

std::string render_search(const SearchResult& r, SearchFormat fmt, bool color, std::size_t offset, bool facets);

// What a fuzzy word became, for people: "klantmanagr~1 → klantmanager, …".
std::string fuzzy_note(const FuzzyWord& f);

// A snippet with kMarkOpen/kMarkClose turned into `open`/`close`, white
// space collapsed to single spaces.
std::string mark_snippet(const std::string& s, const std::string& open, const std::string& close);

}  // namespace omb
