// output/html/watches_page.h — the web's saved searches (watch/watch.h).
//
//  - watch_button(): for the search page, a form (id "watch-form") that
//    POSTs the search shown (q and every filter parameter, as hidden fields)
//    and a name (id "watch-name", filled with derive_watch_name()) to
//    /watch, with the button "Volg deze zoekopdracht" (id "watch-button").
//    "" when the search has neither a query nor a filter (nothing to watch).
//  - watches_page(): /watches: every watch (an <article class="watch"
//    data-watch="NAME" data-new-hits="N" data-signals="N">) with its search
//    (a link to it), when it was made and last reported, and its news as
//    `ombudsmine watch --peek` has it: the new hits (each linked to its case
//    or document, as search hits are) and the signals that appeared, changed
//    or ended (evidence linked to its case or document). `added`: the name
//    of a watch just made, announced at the top (role="status"). The page
//    marks nothing reported.
// Pure functions; all text escaped.
#pragma once

#include <string>
#include <vector>

#include "output/html/links.h"
#include "watch/watch.h"

namespace omb::html {

std::string watch_button(const Params& p);
std::string watches_page(const std::vector<WatchNews>& news, const std::string& added);

}  // namespace omb::html
