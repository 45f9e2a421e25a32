// web/watch_pages.cpp — the web's saved searches: POST /watch and /watches
// (web/web.h handle_post, watches_response; pages in output/html/watches_page.h).
#include "output/html/escape.h"
#include "output/html/links.h"
#include "output/html/page.h"
#include "output/html/watches_page.h"
#include "search/filters.h"
#include "watch/watch.h"
#include "web/web.h"

namespace omb::web {
namespace {

Response page_with(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace

Response watches_response(Database& db, const Request& req) {
  WatchRunOptions o;
  o.evidence_limit = 5;
  auto news = watch_news(db, o);
  if (!news.ok()) return page_with(500, html::error_page(500, news.error().message));
  return page_with(200, html::watches_page(*news, html::get(req.params, "added")));
}

Response handle_post(Database& db, const Request& req) {
  if (req.path != "/watch") return page_with(404, html::error_page(404, "Deze pagina bestaat niet: " + req.path));
  WatchSpec spec;
  spec.name = html::get(req.params, "name");
  spec.query = html::get(req.params, "q");
  for (const FilterDef& def : kFilters)  // ?name= for every filter, as the search page sends them
    for (const std::string& v : html::all(req.params, std::string(def.name)))
      spec.filters.emplace_back(std::string(def.name), v);
  if (spec.name.empty()) spec.name = derive_watch_name(spec.query, spec.filters);
  if (auto old = find_watch(db, spec.name); old.ok() && *old)
    return page_with(409, html::error_page(409, "Er is al een gevolgde zoekopdracht met de naam '" + spec.name +
                                                    "'; kies een andere naam."));
  auto w = create_watch(db, spec, false);
  if (!w.ok()) {
    const int status = w.error().code == Errc::usage ? 400 : 500;
    return page_with(status, html::error_page(status, w.error().message));
  }
  Response r;
  r.status = 303;
  r.location = "/watches?added=" + url_encode(w->name) + "#watch-" + url_encode(url_encode(w->name));
  r.body = html::page("Opgeslagen", "<main id=\"content\"><p><a href=\"" + html_escape(r.location) + "\">" +
                                         html_escape(w->name) + "</a></p></main>");
  return r;
}

}  // namespace omb::web
