// output/html/search_page.h — the search page (/ and /search).
//
//  - search_page(): the query form (q as typed; every other parameter but
//    page kept as a hidden field), the facets (year, quarter, afdeling,
//    theme, oordeel, doctype; chosen values first, each with a link that
//    removes it; then the others, by count, years and quarters in their own
//    order, each a link that adds it; "-" never shown; a facet with nothing
//    to show left out), the total with links to the other order and to the exports,
//    the hits numbered from `offset` + 1 (title linked to its case or
//    document, facts, snippet with its marks, first source:line and page)
//    and links to the previous and next page. `page` counts from 1. Above
//    the total: what each fuzzy word became (p.fuzzy) and, when the result
//    has one, the corrected query as a link with the same filters
//    (p#did-you-mean).
//  - search_error_page(): the same form with `message` (a query that does not
//    parse) in a role="alert" paragraph, id "query-error".
// `p` is the request's parameters; every link is built from them
// (output/html/links.h). Pure functions; all text escaped.
#pragma once

#include <cstddef>
#include <string>

#include "output/html/links.h"
#include "search/search.h"

namespace omb::html {

struct SearchPageState {
  bool by_date = false;     // sorted by date (else by relevance)
  std::size_t offset = 0;   // of the first hit shown
  std::size_t page = 1;     // its page number
};

std::string search_page(const Params& p, const SearchResult& r, const SearchPageState& s);
std::string search_error_page(const Params& p, const std::string& message);

}  // namespace omb::html
