#include "output/html/search_page.h"

#include <algorithm>
#include <vector>

#include "output/html/escape.h"
#include "output/html/page.h"
#include "output/html/watches_page.h"
#include "output/provenance.h"
#include "search/filters.h"

namespace omb::html {
namespace {

std::string form(const Params& p) {
  std::string out = "<form class=\"q\" role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\">Zoek in "
                    "dossiers</label><input type=\"search\" id=\"q\" name=\"q\" value=\"" +
                    html_escape(get(p, "q")) +
                    "\" placeholder='klantmanager excuses, \"geen reactie\", 2023/0456, afdeling:\"Koers naar Werk\"'>";
  for (const auto& [k, v] : p)
    if (k != "q" && k != "page" && !v.empty())
      out += "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) + "\">";
  return out + "<button type=\"submit\">Zoeken</button></form>";
}

// One facet's list: the chosen values, then the others as links that add them; "" when it has nothing to show.
std::string facet(const Params& p, const std::string& key, const std::string& label, const Facets& facets) {
  auto it = facets.find(key);
  const auto chosen = all(p, key);
  bool any = false;
  if (it != facets.end())
    for (const auto& [v, n] : it->second) any = any || v != "-";
  // The afdeling facet stays while a level is chosen, so that another can be.
  if (!any && chosen.empty() && (key != "afdeling" || get(p, "level").empty())) return {};
  std::string out = "<div class=\"facet\" data-facet=\"" + key + "\"><h2>" + label + "</h2><ul>";
  for (const auto& v : chosen)
    out += "<li class=\"on\">" + html_escape(v) + " <a href=\"" +
           html_escape(url("/search", without(without(p, key, v), "page"))) + "\" aria-label=\"Filter " +
           html_escape(v) + " wissen\">✕ wissen</a></li>";
  if (it != facets.end()) {
    std::vector<std::pair<std::string, std::size_t>> vals(it->second.begin(), it->second.end());
    if (key != "year" && key != "quarter")
      std::stable_sort(vals.begin(), vals.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [v, n] : vals) {
      if (v == "-" || std::find(chosen.begin(), chosen.end(), v) != chosen.end()) continue;
      Params np = without(p, "page");
      np.emplace(key, v);
      out += "<li><a href=\"" + html_escape(url("/search", np)) + "\">" + html_escape(v) + "</a> <span class=\"n\">(" +
             std::to_string(n) + ")</span></li>";
    }
  }
  if (key == "afdeling") {  // the level of the units counted (?level=, default afdeling)
    const std::string level = get(p, "level").empty() ? "afdeling" : get(p, "level");
    out += "</ul><p class=\"levels\">niveau:";
    for (const char* l : {"organisation", "dienst", "afdeling", "team", "all"}) {
      if (level == l) {
        out += std::string(" <strong>") + l + "</strong>";
        continue;
      }
      Params np = without(without(p, "page"), "level");
      if (std::string_view(l) != "afdeling") np.emplace("level", l);
      out += " <a href=\"" + html_escape(url("/search", np)) + "\">" + l + "</a>";
    }
    return out + "</p></div>";
  }
  return out + "</ul></div>";
}

std::string facets_aside(const Params& p, const Facets& facets) {
  std::string out = "<aside aria-label=\"Filters\">";
  for (const FilterDef& def : kFilters)  // a facet for every filter that has one (search/filters.h)
    if (!def.facet.empty()) out += facet(p, std::string(def.name), std::string(def.facet), facets);
  return out + "</aside>";
}

// "N resultaten · sorteer: … · exporteer alles: …", in a paragraph.
std::string summary(const Params& ps, std::size_t total, bool by_date) {
  std::string out = "<p class=\"meta\" id=\"total\" data-total=\"" + std::to_string(total) + "\">" +
                    std::to_string(total) + (total == 1 ? " resultaat" : " resultaten");
  Params by_date_params = without(ps, "sort");
  by_date_params.emplace("sort", "date");
  out += " · sorteer: " +
         (by_date ? "<a href=\"" + html_escape(url("/search", without(ps, "sort"))) + "\">relevantie</a>"
                  : std::string("<strong>relevantie</strong>")) +
         " · " +
         (by_date ? std::string("<strong>datum</strong>")
                  : "<a href=\"" + html_escape(url("/search", by_date_params)) + "\">datum</a>");
  out += " · exporteer alles: <a id=\"export-csv\" href=\"" + html_escape(url("/export.csv", ps)) +
         "\">CSV</a> <a id=\"export-jsonl\" href=\"" + html_escape(url("/export.jsonl", ps)) + "\">JSON Lines</a></p>";
  return out;
}

std::string hit_item(const SearchHit& h) {
  std::string link = h.case_id && !h.zaaknummer.empty() ? "/case/" + url_encode(h.zaaknummer)
                                                        : "/doc/" + std::to_string(h.document_id);
  std::string title = h.case_id ? (h.zaaknummer.empty() ? "" : "zaak " + h.zaaknummer + " – ") + h.case_title : h.title;
  if (title.empty()) title = h.title;
  std::string period = h.year ? std::to_string(*h.year) + (h.quarter ? " Q" + std::to_string(*h.quarter) : "") : "";
  std::string themes;
  for (const auto& t : h.themes) themes += (themes.empty() ? "" : ", ") + t;
  return "<li class=\"hit\" data-zaak=\"" + html_escape(h.zaaknummer) + "\"><h3><a href=\"" + html_escape(link) +
         "\">" + html_escape(title) + "</a></h3><div class=\"meta\">" + html_escape(h.title) +
         (period.empty() ? "" : " · " + html_escape(period)) + (h.afdeling.empty() ? "" : " · " + html_escape(h.afdeling)) +
         (themes.empty() ? "" : " · thema's: " + html_escape(themes)) +
         (h.oordeel.empty() ? "" : " · oordeel: " + html_escape(h.oordeel)) + "</div><p class=\"snip\">" +
         html_marked(h.snippet) + "</p><div class=\"src\">" + html_escape(h.sources.empty() ? "" : h.sources.front()) +
         ":" + std::to_string(h.line) +
         (h.page > 1 || !h.page_method.empty()
              ? " (" + html_escape(page_label(h.page, h.page_method, h.page_confidence)) + ")"
              : "") +
         "</div></li>";
}

std::string pager(const Params& ps, const SearchResult& r, const SearchPageState& s) {
  std::string out = "<nav class=\"pager\" aria-label=\"Pagina's\">";
  if (s.page > 1) {
    Params np = ps;
    if (s.page > 2) np.emplace("page", std::to_string(s.page - 1));
    out += "<a rel=\"prev\" href=\"" + html_escape(url("/search", np)) + "\">← vorige</a>";
  }
  if (s.offset + r.hits.size() < r.total) {
    Params np = ps;
    np.emplace("page", std::to_string(s.page + 1));
    out += "<a rel=\"next\" href=\"" + html_escape(url("/search", np)) + "\">volgende →</a>";
  }
  return out + "</nav>";
}

// What the fuzzy words became, and a corrected query one click away.
std::string spelling(const Params& ps, const SearchResult& r) {
  std::string out;
  for (const FuzzyWord& f : r.fuzzy) {
    out += "<p class=\"meta fuzzy\" data-word=\"" + html_escape(f.word) + "\">" + html_escape(f.word) + "~" +
           std::to_string(f.distance) + " zocht ook: ";
    if (f.terms.empty()) out += "geen woord in de index";
    for (std::size_t i = 0; i < f.terms.size(); ++i) out += (i ? ", " : "") + html_escape(f.terms[i]);
    if (f.more) out += " (en " + std::to_string(f.more) + " zeldzamere, weggelaten)";
    out += "</p>";
  }
  if (r.did_you_mean) {
    Params np = without(ps, "q");
    np.emplace("q", r.did_you_mean->query);
    out += "<p class=\"suggest\" id=\"did-you-mean\">Bedoelde u: <a href=\"" + html_escape(url("/search", np)) +
           "\">" + html_escape(r.did_you_mean->query) + "</a> (" + std::to_string(r.did_you_mean->total) +
           (r.did_you_mean->total == 1 ? " resultaat" : " resultaten") + ")?</p>";
  }
  return out;
}

}  // namespace

std::string search_page(const Params& p, const SearchResult& r, const SearchPageState& s) {
  const Params ps = without(p, "page");
  std::string res = "<section class=\"results\" aria-labelledby=\"h\"><h1 id=\"h\">Zoeken</h1>" + form(p);
  res += spelling(ps, r) + summary(ps, r.total, s.by_date) + watch_button(ps) + "<ol class=\"hits\" start=\"" +
         std::to_string(s.offset + 1) + "\">";
  for (const auto& h : r.hits) res += hit_item(h);
  res += "</ol>" + pager(ps, r, s) + "</section>";
  const std::string q = get(p, "q");
  return page(q.empty() ? "Zoeken" : q, "<main id=\"content\">" + facets_aside(p, r.facets) + res + "</main>");
}

std::string search_error_page(const Params& p, const std::string& message) {
  return page("Zoeken", "<main id=\"content\"><section class=\"results\"><h1>Zoeken</h1>" + form(p) +
                            "<p class=\"error\" role=\"alert\" id=\"query-error\">" + html_escape(message) +
                            "</p></section></main>");
}

}  // namespace omb::html
