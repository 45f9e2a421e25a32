#include "web/web.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "output/search_out.h"
#include "output/signals_out.h"
#include "store/catalog.h"
#include "search/query.h"
#include "search/search.h"
#include "search/similar.h"
#include "signals/signals.h"
#include "store/read.h"
#include "store/stats.h"
#include "web/result_cache.h"

namespace omb::web {
namespace {

using Params = std::multimap<std::string, std::string>;
std::string esc(std::string_view s) { return html_escape(s); }

std::string pct(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else { out += '%'; out += hex[c >> 4]; out += hex[c & 15]; }
  }
  return out;
}
std::string url(const std::string& path, const Params& p) {
  std::string out = path;
  char sep = '?';
  for (const auto& [k, v] : p) {
    if (v.empty()) continue;
    out += sep + pct(k) + "=" + pct(v);
    sep = '&';
  }
  return out;
}
std::string get(const Params& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? std::string() : it->second;
}
std::vector<std::string> all(const Params& p, const std::string& k) {
  std::vector<std::string> out;
  for (auto [a, b] = p.equal_range(k); a != b; ++a)
    if (!a->second.empty()) out.push_back(a->second);
  return out;
}
Params without(Params p, const std::string& k, const std::string& v = {}) {
  for (auto it = p.begin(); it != p.end();)
    if (it->first == k && (v.empty() || it->second == v)) it = p.erase(it);
    else ++it;
  return p;
}

constexpr const char* kCss = R"css(
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}
header.top{background:#20394f;color:#fff;padding:.6rem 1rem}header.top a{color:#fff;margin-right:1.2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.3rem}
main{display:flex;gap:1.5rem;padding:1rem;max-width:76rem;margin:auto}
aside{flex:0 0 15rem}section.results{flex:1;min-width:0}
form.q input[type=search]{width:100%;font-size:1.05rem;padding:.4rem}form.q button{margin-top:.4rem}
.facet h2{font-size:.95rem;margin:1rem 0 .2rem}.facet ul{list-style:none;padding:0;margin:0}.facet li{font-size:.9rem}
.facet .on{font-weight:600}.hit{border-bottom:1px solid #e3e3e3;padding:.6rem 0}.hit h3{margin:0;font-size:1.05rem}
.meta{color:#555;font-size:.88rem}.snip{margin:.2rem 0}mark{background:#fff0a8}
.src{font-family:ui-monospace,monospace;font-size:.85rem;color:#444}.pager a{margin-right:1rem}
.error{background:#fde8e6;border:1px solid #e4a29b;padding:.6rem}
pre.doc{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace}
.tag{border-bottom:2px solid #999;background:#f2f2f2}.tag-theme{background:#e4f0ff;border-color:#1f5fa8}
.tag-afdeling{background:#eaf7e6;border-color:#3a8f2a}.tag-oordeel{background:#fde8e6;border-color:#c0392b}
.tag-zaaknummer{background:#fff4d6;border-color:#b7870b}.tag-period,.tag-date{background:#f1eafb;border-color:#7a4fb5}
table.stats td,table.stats th{padding:.15rem .8rem;text-align:left}
)css";

std::string page(const std::string& title, const std::string& body, const std::string& extra_head = {},
                 const std::string& script = {}) {
  return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         esc(title) + " — ombudsmine</title><style>" + kCss + extra_head +
         "</style></head><body><a class=\"skip\" href=\"#content\">Naar de inhoud</a><header class=\"top\"><nav "
         "aria-label=\"Hoofdmenu\"><a href=\"/\">Zoeken</a><a href=\"/signals\">Signalen</a><a "
         "href=\"/status\">Status</a></nav></header>" +
         body + (script.empty() ? "" : "<script>" + script + "</script>") + "</body></html>\n";
}

Response error_page(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.body = page("Fout", "<main id=\"content\"><section class=\"results\"><h1>" +
                            std::string(status == 404 ? "Niet gevonden" : "Dat ging niet") +
                            "</h1><p class=\"error\" role=\"alert\">" + esc(message) + "</p></section></main>");
  return r;
}

std::string marks(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == kMarkOpen) out += "<mark>";
    else if (c == kMarkClose) out += "</mark>";
    else out += esc(std::string_view(&c, 1));
  }
  return out;
}

// Parameters → search options (the same query language and filters as the CLI).
Result<SearchOptions> search_options(const Params& p) {
  auto parsed = parse_query(get(p, "q"));
  if (!parsed.ok()) return parsed.error();
  for (const char* f : {"year", "from", "to", "quarter", "afdeling", "theme", "oordeel", "doctype", "org", "zaak"})
    for (const auto& v : all(p, f)) OMB_TRY(set_filter(parsed->filters, f, v));
  SearchOptions so;
  so.query = std::move(*parsed);
  so.sort = get(p, "sort") == "date" ? SearchOptions::Sort::date : SearchOptions::Sort::rank;
  return so;
}

// What makes a ranked result set: the query, the filters and the order (not
// the page). Values of a repeated filter are sorted: their order means nothing.
std::string cache_key(const Params& p) {
  std::string key;
  for (const char* k : {"q", "year", "from", "to", "quarter", "afdeling", "theme", "oordeel", "doctype", "org", "zaak", "sort"}) {
    auto vals = all(p, k);
    std::sort(vals.begin(), vals.end());
    key += k;
    for (const auto& v : vals) key += '\x1f' + v;
    key += '\x1e';
  }
  return key;
}

// The hits [offset, offset + limit) of the search, through the cache when there is one.
Result<SearchResult> cached_search(Database& db, ResultCache* cache, const Params& p, const SearchOptions& so) {
  const std::size_t upto = so.limit == 0 ? 0 : so.offset + so.limit;
  if (!cache) return search(db, so);
  OMB_TRY_ASSIGN(ranked, cache->get(cache_key(p), upto, [&] { return rank(db, so, upto); }));
  return fetch_page(db, *ranked, so.offset, so.limit);
}

constexpr std::size_t kPerPage = 20;
const std::pair<const char*, const char*> kFacetNames[] = {{"year", "Jaar"},         {"quarter", "Kwartaal"},
                                                           {"afdeling", "Afdeling"}, {"theme", "Thema"},
                                                           {"oordeel", "Oordeel"},   {"doctype", "Soort rapport"}};

Response search_page(Database& db, ResultCache* cache, const Catalog* catalog, const Params& p) {
  auto so = search_options(p);
  const std::string q = get(p, "q");
  std::string form = "<form class=\"q\" role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\">Zoek in "
                     "dossiers</label><input type=\"search\" id=\"q\" name=\"q\" value=\"" +
                     esc(q) + "\" placeholder='klantmanager excuses, \"geen reactie\", 2023/0456, afdeling:\"Koers naar Werk\"'>";
  for (const auto& [k, v] : p)
    if (k != "q" && k != "page" && !v.empty())
      form += "<input type=\"hidden\" name=\"" + esc(k) + "\" value=\"" + esc(v) + "\">";
  form += "<button type=\"submit\">Zoeken</button></form>";
  if (!so.ok()) {
    Response r = error_page(400, so.error().message);
    r.body = page("Zoeken", "<main id=\"content\"><section class=\"results\"><h1>Zoeken</h1>" + form +
                                "<p class=\"error\" role=\"alert\" id=\"query-error\">" + esc(so.error().message) +
                                "</p></section></main>");
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
  auto r = cached_search(db, cache, p, *so);
  if (!r.ok()) return error_page(r.error().code == Errc::usage ? 400 : 500, r.error().message);

  std::string facets = "<aside aria-label=\"Filters\">";
  for (const auto& [key, label] : kFacetNames) {
    auto it = r->facets.find(key);
    const auto chosen = all(p, key);
    bool any = false;
    if (it != r->facets.end())
      for (const auto& [v, n] : it->second) any = any || v != "-";
    if (!any && chosen.empty()) continue;
    facets += "<div class=\"facet\" data-facet=\"" + std::string(key) + "\"><h2>" + label + "</h2><ul>";
    for (const auto& v : chosen)
      facets += "<li class=\"on\">" + esc(v) + " <a href=\"" + esc(url("/search", without(without(p, key, v), "page"))) +
                "\" aria-label=\"Filter " + esc(v) + " wissen\">✕ wissen</a></li>";
    if (it != r->facets.end()) {
      std::vector<std::pair<std::string, std::size_t>> vals(it->second.begin(), it->second.end());
      if (std::string(key) != "year" && std::string(key) != "quarter")
        std::stable_sort(vals.begin(), vals.end(), [](auto& a, auto& b) { return a.second > b.second; });
      for (const auto& [v, n] : vals) {
        if (v == "-" || std::find(chosen.begin(), chosen.end(), v) != chosen.end()) continue;
        Params np = without(p, "page");
        np.emplace(key, v);
        facets += "<li><a href=\"" + esc(url("/search", np)) + "\">" + esc(v) + "</a> <span class=\"n\">(" +
                  std::to_string(n) + ")</span></li>";
      }
    }
    facets += "</ul></div>";
  }
  facets += "</aside>";

  std::string res = "<section class=\"results\" aria-labelledby=\"h\"><h1 id=\"h\">Zoeken</h1>" + form;
  res += "<p class=\"meta\" id=\"total\" data-total=\"" + std::to_string(r->total) + "\">" + std::to_string(r->total) +
         (r->total == 1 ? " resultaat" : " resultaten");
  Params ps = without(p, "page");
  res += " · sorteer: " +
         std::string(so->sort == SearchOptions::Sort::rank ? "<strong>relevantie</strong>"
                                                           : "<a href=\"" + esc(url("/search", without(ps, "sort"))) + "\">relevantie</a>") +
         " · " +
         (so->sort == SearchOptions::Sort::date
              ? std::string("<strong>datum</strong>")
              : "<a href=\"" + esc(url("/search", [&] { Params x = without(ps, "sort"); x.emplace("sort", "date"); return x; }())) +
                    "\">datum</a>");
  res += " · exporteer alles: <a id=\"export-csv\" href=\"" + esc(url("/export.csv", ps)) + "\">CSV</a> <a id=\"export-jsonl\" href=\"" +
         esc(url("/export.jsonl", ps)) + "\">JSON Lines</a></p><ol class=\"hits\" start=\"" +
         std::to_string(so->offset + 1) + "\">";
  for (const auto& h : r->hits) {
    std::string link = h.case_id && !h.zaaknummer.empty() ? "/case/" + pct(h.zaaknummer) : "/doc/" + std::to_string(h.document_id);
    std::string title = h.case_id ? (h.zaaknummer.empty() ? "" : "zaak " + h.zaaknummer + " – ") + h.case_title : h.title;
    if (title.empty()) title = h.title;
    std::string period = h.year ? std::to_string(*h.year) + (h.quarter ? " Q" + std::to_string(*h.quarter) : "") : "";
    std::string themes;
    for (const auto& t : h.themes) themes += (themes.empty() ? "" : ", ") + t;
    res += "<li class=\"hit\" data-zaak=\"" + esc(h.zaaknummer) + "\"><h3><a href=\"" + esc(link) + "\">" + esc(title) +
           "</a></h3><div class=\"meta\">" + esc(h.title) + (period.empty() ? "" : " · " + esc(period)) +
           (h.afdeling.empty() ? "" : " · " + esc(h.afdeling)) + (themes.empty() ? "" : " · thema's: " + esc(themes)) +
           (h.oordeel.empty() ? "" : " · oordeel: " + esc(h.oordeel)) + "</div><p class=\"snip\">" + marks(h.snippet) +
           "</p><div class=\"src\">" + esc(h.sources.empty() ? "" : h.sources.front()) + ":" + std::to_string(h.line) +
           (h.page > 1 || !h.page_method.empty() ? " (" + esc(page_label(h.page, h.page_method, h.page_confidence)) + ")" : "") + "</div></li>";
  }
  res += "</ol><nav class=\"pager\" aria-label=\"Pagina's\">";
  if (pageno > 1) {
    Params np = ps;
    if (pageno > 2) np.emplace("page", std::to_string(pageno - 1));
    res += "<a rel=\"prev\" href=\"" + esc(url("/search", np)) + "\">← vorige</a>";
  }
  if (so->offset + r->hits.size() < r->total) {
    Params np = ps;
    np.emplace("page", std::to_string(pageno + 1));
    res += "<a rel=\"next\" href=\"" + esc(url("/search", np)) + "\">volgende →</a>";
  }
  res += "</nav></section>";
  Response out;
  out.body = page(q.empty() ? "Zoeken" : q, "<main id=\"content\">" + facets + res + "</main>");
  return out;
}

Response export_page(Database& db, ResultCache* cache, const Catalog* catalog, const Params& p, bool csv) {
  auto so = search_options(p);
  if (!so.ok()) return error_page(400, so.error().message);
  so->catalog = catalog;
  so->limit = 0;  // everything: no silent cap
  so->facets = true;  // as the search page asks, so that both share one ranked set
  auto r = cached_search(db, cache, p, *so);
  if (!r.ok()) return error_page(r.error().code == Errc::usage ? 400 : 500, r.error().message);
  Response out;
  out.content_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  out.filename = csv ? "ombudsmine.csv" : "ombudsmine.jsonl";
  out.body = render_search(*r, csv ? SearchFormat::csv : SearchFormat::json, false, 0, false);
  return out;
}

// Normalised text [from, to) with its tags marked by type, the rule as the hover title.
std::string tagged_text(const std::string& text, std::size_t from, std::size_t to, const std::vector<TagRow>& tags) {
  std::string out;
  std::size_t at = from;
  for (const TagRow& t : tags) {
    const auto s = static_cast<std::size_t>(t.start), e = static_cast<std::size_t>(t.end);
    if (s < at || e > to || e <= s) continue;  // overlapping or outside: the first one wins
    out += esc(std::string_view(text).substr(at, s - at));
    out += "<span class=\"tag tag-" + esc(t.type) + "\" data-type=\"" + esc(t.type) + "\" title=\"" +
           esc(t.type + " = " + t.value + " · regel " + t.rule) + "\">" + esc(std::string_view(text).substr(s, e - s)) +
           "</span>";
    at = e;
  }
  if (at < to) out += esc(std::string_view(text).substr(at, to - at));
  return out;
}

std::string sources_html(Database& db, std::int64_t doc) {
  std::string out = "<ul class=\"sources\">";
  if (auto paths = source_paths(db, doc); paths.ok())
    for (const auto& p : *paths) out += "<li class=\"src\">" + esc(p) + "</li>";
  return out + "</ul>";
}

// The case list of report `doc`, the case `current` marked.
std::string cases_html(Database& db, std::int64_t doc, const std::string& current) {
  auto cs = cases_in(db, doc);
  if (!cs.ok()) return {};
  std::string list;
  for (const CaseRow& c : *cs) {
    const std::string& z = c.zaaknummer;
    std::string name = z.empty() ? esc(c.title)
                                 : "<a href=\"/case/" + esc(pct(z)) + "\"" + (z == current ? " aria-current=\"page\"" : "") +
                                       ">zaak " + esc(z) + "</a> – " + esc(c.title);
    if (!z.empty() && z == current) name = "<strong>" + name + "</strong>";
    list += "<li>" + name + (c.afdeling.empty() ? "" : " · " + esc(c.afdeling)) +
            (c.oordeel.empty() ? "" : " · " + esc(c.oordeel)) + "</li>";
  }
  return list.empty() ? std::string() : "<h2>Zaken in dit rapport</h2><ul class=\"cases\">" + list + "</ul>";
}

constexpr std::size_t kMaxShown = 2 << 20;  // bytes of text on one page

Response doc_page(Database& db, std::int64_t id) {
  auto found = document_by_id(db, id);
  if (!found.ok()) return error_page(500, found.error().message);
  if (!*found) return error_page(404, "Geen document " + std::to_string(id) + ".");
  const DocumentRow& d = **found;
  const std::string& title = d.title;
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>" + esc(title.empty() ? "(zonder titel)" : title) +
                     "</h1><p class=\"meta\">" + esc(d.doctype) + " · " + esc(d.organisation) + " · " +
                     (d.year ? std::to_string(*d.year) : "") + (d.quarter ? " Q" + std::to_string(*d.quarter) : "") +
                     " · " + std::to_string(d.page_count) + " pagina's</p>";
  body += "<h2>Bron</h2>" + sources_html(db, id);
  body += cases_html(db, id, "");
  auto texts = load_texts(db, id);
  auto tags = tags_in(db, id);
  if (!texts.ok()) return error_page(500, texts.error().message);
  if (!tags.ok()) return error_page(500, tags.error().message);
  const std::size_t to = std::min(texts->norm.size(), kMaxShown);
  body += "<h2>Tekst (genormaliseerd, tags gemarkeerd)</h2><pre class=\"doc\">" + tagged_text(texts->norm, 0, to, *tags) + "</pre>";
  if (to < texts->norm.size()) body += "<p>(De eerste 2 MB van " + std::to_string(texts->norm.size() >> 20) + " MB.)</p>";
  body += "</section></main>";
  Response out;
  out.body = page(title, body);
  return out;
}

Response case_page(Database& db, const std::string& asked) {
  // The same case as `ombudsmine show` and similar (store/read.h): any case
  // of the letters, the newest report first.
  auto found = case_by_zaak(db, asked);
  if (!found.ok()) return error_page(500, found.error().message);
  if (!*found) return error_page(404, "Geen zaak " + asked + ".");
  const CaseRow& c = **found;
  const std::string& zaak = c.zaaknummer;
  const std::int64_t doc = c.document_id;
  const auto from = static_cast<std::size_t>(c.start), to = static_cast<std::size_t>(c.end);
  std::string themes;
  for (const auto& t : c.themes) themes += (themes.empty() ? "" : ", ") + t;
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>zaak " + esc(zaak) + " – " + esc(c.title) +
                     "</h1><p class=\"meta\">" + esc(c.afdeling) + (themes.empty() ? "" : " · thema's: " + esc(themes)) +
                     (c.status.empty() ? "" : " · status: " + esc(c.status)) +
                     (c.oordeel.empty() ? "" : " · oordeel: " + esc(c.oordeel)) + "</p><p>In <a href=\"/doc/" +
                     std::to_string(doc) + "\">" + esc(c.report_title) + "</a> (" +
                     (c.year ? std::to_string(*c.year) : "") + (c.quarter ? " Q" + std::to_string(*c.quarter) : "") +
                     ")</p><h2>Bron</h2>" + sources_html(db, doc) +
                     (c.first_page ? "<p class=\"meta\" id=\"page\">pagina " + std::to_string(*c.first_page) + "</p>" : "");
  auto texts = load_texts(db, doc);
  auto tags = tags_in(db, doc, c.start, c.end);
  if (!texts.ok()) return error_page(500, texts.error().message);
  if (!tags.ok()) return error_page(500, tags.error().message);
  const std::size_t end = std::min({to, texts->norm.size(), from + kMaxShown});
  body += "<h2>Tekst</h2><pre class=\"doc\">" + tagged_text(texts->norm, std::min(from, end), end, *tags) + "</pre>";
  body += cases_html(db, doc, zaak);
  // Similar cases: the same function as `ombudsmine similar`.
  SimilarOptions so;
  so.zaak = zaak;
  so.limit = 5;
  auto sim = similar(db, so);
  if (sim.ok()) {
    std::string list;
    for (std::size_t i = 0; i < sim->result.hits.size(); ++i) {
      const SearchHit& h = sim->result.hits[i];
      std::string shared;
      for (const auto& t : sim->shared_themes[i]) shared += (shared.empty() ? "" : ", ") + t;
      list += "<li><a href=\"/case/" + esc(pct(h.zaaknummer)) + "\">zaak " + esc(h.zaaknummer) + " – " + esc(h.case_title) +
              "</a> <span class=\"meta\">" + esc(h.afdeling) + (h.year ? " · " + std::to_string(*h.year) : "") +
              (h.quarter ? " Q" + std::to_string(*h.quarter) : "") +
              (shared.empty() ? "" : " · zelfde thema's: " + esc(shared)) + "</span></li>";
    }
    std::string words;
    for (const auto& w : sim->words) words += (words.empty() ? "" : ", ") + w;
    body += "<h2>Vergelijkbare zaken</h2>" +
            (list.empty() ? "<p>Geen.</p>"
                          : "<p class=\"meta\">Op de woorden: " + esc(words) + "</p><ul class=\"similar\">" + list + "</ul>");
  }
  body += "</section></main>";
  Response out;
  out.body = page("zaak " + zaak, body);
  return out;
}

Response signals_page(Database& db, const Params& p) {
  SignalOptions o;
  if (get(p, "by") == "year") o.grain = Grain::year;
  o.themes = all(p, "theme");
  o.afdelingen = all(p, "afdeling");
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
  std::string form =
      "<form class=\"q\" action=\"/signals\" method=\"get\"><label for=\"by\">Per</label> <select id=\"by\" name=\"by\">"
      "<option value=\"quarter\"" + std::string(o.grain == Grain::quarter ? " selected" : "") + ">kwartaal</option>"
      "<option value=\"year\"" + std::string(o.grain == Grain::year ? " selected" : "") + ">jaar</option></select> "
      "<label for=\"theme\">thema</label> <input id=\"theme\" name=\"theme\" value=\"" + esc(get(p, "theme")) + "\" size=\"12\"> "
      "<label for=\"afdeling\">afdeling</label> <input id=\"afdeling\" name=\"afdeling\" value=\"" + esc(get(p, "afdeling")) + "\" size=\"16\"> "
      "<label for=\"from\">van</label> <input id=\"from\" name=\"from\" value=\"" + esc(o.from) + "\" size=\"7\" placeholder=\"2021Q1\"> "
      "<label for=\"to\">tot</label> <input id=\"to\" name=\"to\" value=\"" + esc(o.to) + "\" size=\"7\"> "
      "<button type=\"submit\">Toon</button></form>";
  auto link = [](const Evidence& e) {
    return !e.zaaknummer.empty() ? "/case/" + pct(e.zaaknummer) : "/doc/" + std::to_string(e.document_id);
  };
  Response out;
  out.body = page("Signalen", "<main id=\"content\"><section class=\"results\"><h1>Signalen</h1>" + form +
                                  signals_html_body(*r, o.q, link) + "</section></main>",
                  signals_html_style(), signals_html_script());
  return out;
}

Response status_page(Database& db) {
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>Status</h1><table class=\"stats\">";
  auto n = count_rows(db);
  auto shown = [&](std::int64_t RowCounts::*field) { return n.ok() ? std::to_string((*n).*field) : std::string("?"); };
  const std::string years = !n.ok()           ? "?"
                            : !n->first_year ? "-"
                                             : std::to_string(*n->first_year) + "–" + std::to_string(*n->last_year);
  for (const auto& [label, v] : std::vector<std::pair<std::string, std::string>>{{"documenten", shown(&RowCounts::documents)},
                                                                                {"bronbestanden", shown(&RowCounts::sources)},
                                                                                {"zaken", shown(&RowCounts::cases)},
                                                                                {"tags", shown(&RowCounts::tags)},
                                                                                {"jaren", years}})
    body += "<tr><th scope=\"row\">" + esc(label) + "</th><td data-stat=\"" + esc(label) + "\">" + esc(v) + "</td></tr>";
  body += "</table>";
  auto run = last_ingest_run(db);
  if (run.ok() && *run) {
    const IngestRun& r = **run;
    body += "<h2>Laatste ingest</h2><p>begonnen " + esc(r.started_at) + ", klaar " +
            esc(r.finished_at.empty() ? "(niet afgerond)" : r.finished_at) + "</p>";
    auto sum = nlohmann::json::parse(r.summary, nullptr, false);
    if (sum.is_object()) {
      body += "<table class=\"stats\">";
      for (auto& [k, v] : sum.items())
        if (v.is_number()) body += "<tr><th scope=\"row\">" + esc(k) + "</th><td>" + esc(v.dump()) + "</td></tr>";
      body += "</table>";
    }
    if (auto problems = ingest_problems(db, r.id); problems.ok()) {
      std::string rows;
      for (const auto& p : *problems)
        rows += "<tr><td class=\"src\">" + esc(p.path) + "</td><td>" + esc(p.kind) + "</td><td>" + esc(p.reason) + "</td></tr>";
      body += "<h2>Overgeslagen en mislukte bestanden</h2>" +
              (rows.empty() ? "<p>Geen.</p>" : "<table class=\"stats\"><tr><th>bestand</th><th>wat</th><th>reden</th></tr>" + rows + "</table>");
    }
  }
  body += "</section></main>";
  Response out;
  out.body = page("Status", body);
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
