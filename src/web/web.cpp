#include "web/web.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

#include "output/html/case_page.h"
#include "output/html/document_page.h"
#include "output/html/escape.h"
#include "output/html/links.h"
#include "output/html/page.h"
#include "output/html/search_page.h"
#include "output/html/signals_page.h"
#include "output/html/status_page.h"
#include "output/search_out.h"
#include "store/catalog.h"
#include "search/query.h"
#include "search/search.h"
#include "search/suggest.h"
#include "search/similar.h"
#include "signals/signals.h"
#include "store/read.h"
#include "store/counts.h"
#include "web/result_cache.h"

namespace omb::web {
namespace {

// Every page is written by output/html/; here: which page, its parameters,
// the reads it needs, the cache and the HTTP status.
using html::all;
using html::get;
using Params = html::Params;

Response error_page(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.body = html::error_page(status, message);
  return r;
}

// Parameters → search options (the same query language and filters as the CLI).
Result<SearchOptions> search_options(const Params& p) {
  auto parsed = parse_query(get(p, "q"));
  if (!parsed.ok()) return parsed.error();
  for (const FilterDef& def : kFilters)  // ?name= for every filter (search/filters.h)
    for (const auto& v : all(p, std::string(def.name))) OMB_TRY(set_filter(parsed->filters, def.name, v));
  SearchOptions so;
  so.query = std::move(*parsed);
  so.sort = get(p, "sort") == "date" ? SearchOptions::Sort::date : SearchOptions::Sort::rank;
  if (auto l = get(p, "level"); !l.empty()) so.level = l;  // the afdeling facet's level (checked by rank())
  return so;
}

// What makes a ranked result set: the query as parsed, its filters (inline
// and as parameters, however written: search/filters.h's filters_key) and the
// order; not the page.
std::string cache_key(const SearchOptions& so) {
  std::string fuzzy;  // fts holds only a placeholder per fuzzy word
  for (const FuzzyWord& f : so.query.fuzzy) fuzzy += f.word + '~' + std::to_string(f.distance) + '\x1e';
  return so.query.fts + '\x1d' + fuzzy + '\x1d' + filters_key(so.query.filters) + '\x1d' +
         (so.sort == SearchOptions::Sort::date ? "date" : "rank") + '\x1d' + so.level;
}

// The hits [offset, offset + limit) of the search, through the cache when there is one.
Result<SearchResult> cached_search(Database& db, ResultCache* cache, const SearchOptions& so) {
  const std::size_t upto = so.limit == 0 ? 0 : so.offset + so.limit;
  if (!cache) return search(db, so);
  OMB_TRY_ASSIGN(ranked, cache->get(cache_key(so), upto, [&] { return rank(db, so, upto); }));
  return fetch_page(db, *ranked, so.offset, so.limit);
}

constexpr std::size_t kPerPage = 20;

Response search_page(Database& db, ResultCache* cache, const Catalog* catalog, const Params& p) {
  auto so = search_options(p);
  if (!so.ok()) {  // the form again, with the query's error
    Response r;
    r.status = 400;
    r.body = html::search_error_page(p, so.error().message);
    return r;
  }
  std::size_t pageno = 1;
  if (auto s = get(p, "page"); !s.empty()) pageno = std::max<std::size_t>(1, std::strtoull(s.c_str(), nullptr, 10));
  so->limit = kPerPage;
  so->offset = (pageno - 1) * kPerPage;
  so->facets = true;
  so->catalog = catalog;
  // An empty search browses everything: every dossier with a year, newest first, with its facets.
  if (so->query.fts.empty() && so->query.filters.empty()) {
    so->query.filters.from = 1900;
    if (get(p, "sort").empty()) so->sort = SearchOptions::Sort::date;
  }
  auto r = cached_search(db, cache, *so);
  if (!r.ok()) return error_page(r.error().code == Errc::usage ? 400 : 500, r.error().message);
  if (auto dym = did_you_mean(db, get(p, "q"), *so, r->total); dym.ok()) r->did_you_mean = std::move(*dym);
  Response out;
  out.body = html::search_page(p, *r, {so->sort == SearchOptions::Sort::date, so->offset, pageno});
  return out;
}

Response export_page(Database& db, ResultCache* cache, const Catalog* catalog, const Params& p, bool csv) {
  auto so = search_options(p);
  if (!so.ok()) return error_page(400, so.error().message);
  so->catalog = catalog;
  so->limit = 0;  // everything: no silent cap
  so->facets = true;  // as the search page asks, so that both share one ranked set
  auto r = cached_search(db, cache, *so);
  if (!r.ok()) return error_page(r.error().code == Errc::usage ? 400 : 500, r.error().message);
  Response out;
  out.content_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  out.filename = csv ? "ombudsmine.csv" : "ombudsmine.jsonl";
  out.body = render_search(*r, csv ? SearchFormat::csv : SearchFormat::json, false, 0, false);
  return out;
}

// A report's source paths; none when they cannot be read (the page shows what it can).
std::vector<std::string> sources_of(Database& db, std::int64_t doc) {
  auto paths = source_paths(db, doc);
  return paths.ok() ? std::move(*paths) : std::vector<std::string>{};
}

// A report's cases; none when they cannot be read.
std::vector<CaseRow> cases_of(Database& db, std::int64_t doc) {
  auto cs = cases_in(db, doc);
  return cs.ok() ? std::move(*cs) : std::vector<CaseRow>{};
}

Response doc_page(Database& db, std::int64_t id) {
  auto found = document_by_id(db, id);
  if (!found.ok()) return error_page(500, found.error().message);
  if (!*found) return error_page(404, "Geen document " + std::to_string(id) + ".");
  const auto sources = sources_of(db, id);
  const auto cases = cases_of(db, id);
  auto texts = load_texts(db, id);
  auto tags = tags_in(db, id);
  if (!texts.ok()) return error_page(500, texts.error().message);
  if (!tags.ok()) return error_page(500, tags.error().message);
  Response out;
  out.body = html::document_page({**found, sources, cases, texts->norm, *tags});
  return out;
}

Response case_page(Database& db, const std::string& asked) {
  // The same case as `ombudsmine show` and similar (store/read.h): any case
  // of the letters, the newest report first.
  auto found = case_by_zaak(db, asked);
  if (!found.ok()) return error_page(500, found.error().message);
  if (!*found) return error_page(404, "Geen zaak " + asked + ".");
  const CaseRow& c = **found;
  const std::int64_t doc = c.document_id;
  const auto sources = sources_of(db, doc);
  auto texts = load_texts(db, doc);
  auto tags = tags_in(db, doc, c.start, c.end);
  if (!texts.ok()) return error_page(500, texts.error().message);
  if (!tags.ok()) return error_page(500, tags.error().message);
  const auto cases = cases_of(db, doc);
  // Similar cases: the same function as `ombudsmine similar`.
  SimilarOptions so;
  so.zaak = c.zaaknummer;
  so.limit = 5;
  auto sim = similar(db, so);
  Response out;
  out.body = html::case_page({c, sources, cases, texts->norm, *tags, sim.ok() ? &*sim : nullptr});
  return out;
}

Response signals_page(Database& db, const Params& p) {
  SignalOptions o;
  if (get(p, "by") == "year") o.grain = Grain::year;
  o.themes = all(p, "theme");
  o.afdelingen = all(p, "afdeling");
  if (auto l = get(p, "level"); !l.empty()) o.level = l;  // checked by find_signals (400 when unknown)
  o.from = get(p, "from");
  o.to = get(p, "to");
  for (const auto& k : all(p, "kind")) {
    auto kind = parse_kind(k);
    if (!kind.ok()) return error_page(400, kind.error().message);
    o.kinds.push_back(*kind);
  }
  if (auto q = get(p, "q"); !q.empty()) o.q = std::atof(q.c_str());
  o.evidence_limit = 25;
  auto r = find_signals(db, o);
  if (!r.ok()) return error_page(r.error().code == Errc::usage ? 400 : 500, r.error().message);
  auto link = [](const Evidence& e) {
    return !e.zaaknummer.empty() ? "/case/" + url_encode(e.zaaknummer) : "/doc/" + std::to_string(e.document_id);
  };
  Response out;
  out.body = html::signals_page({o.grain == Grain::year, get(p, "theme"), get(p, "afdeling"), o.from, o.to, o.level}, *r, o.q, link);
  return out;
}

Response status_page(Database& db) {
  auto n = count_rows(db);
  auto run = last_ingest_run(db);
  const IngestRun* last = run.ok() && *run ? &**run : nullptr;
  std::optional<std::vector<IngestProblem>> problems;
  if (last)
    if (auto found = ingest_problems(db, last->id); found.ok()) problems = std::move(*found);
  Response out;
  out.body = html::status_page({n.ok() ? &*n : nullptr, last, problems ? &*problems : nullptr});
  return out;
}

}  // namespace

Response handle(Database& db, const Request& req, ResultCache* cache, const Catalog* catalog) {
  const std::string& p = req.path;
  if (p == "/" || p == "/search") return search_page(db, cache, catalog, req.params);
  if (p == "/export.csv") return export_page(db, cache, catalog, req.params, true);
  if (p == "/export.jsonl") return export_page(db, cache, catalog, req.params, false);
  if (p == "/signals") return signals_page(db, req.params);
  if (p == "/status") return status_page(db);
  if (p == "/watches") return watches_response(db, req);
  if (p.rfind("/doc/", 0) == 0) {
    const std::string id = p.substr(5);
    if (id.empty() || id.size() > 18 || !std::all_of(id.begin(), id.end(), ::isdigit)) return error_page(404, "Geen document " + id + ".");
    return doc_page(db, std::stoll(id));
  }
  if (p.rfind("/case/", 0) == 0 && p.size() > 6) return case_page(db, p.substr(6));
  return error_page(404, "Deze pagina bestaat niet: " + p);
}

Response error_response(int status, const std::string& message) { return error_page(status, message); }

}  // namespace omb::web
