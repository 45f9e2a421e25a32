#include "output/html/case_page.h"

#include <algorithm>

#include "output/html/doc_parts.h"
#include "output/html/escape.h"
#include "output/html/page.h"

namespace omb::html {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string similar_section(const SimilarResult& sim) {
  std::string list;
  for (std::size_t i = 0; i < sim.result.hits.size(); ++i) {
    const SearchHit& h = sim.result.hits[i];
    const std::string shared = joined(sim.shared_themes[i]);
    list += "<li><a href=\"/case/" + html_escape(url_encode(h.zaaknummer)) + "\">zaak " + html_escape(h.zaaknummer) +
            " – " + html_escape(h.case_title) + "</a> <span class=\"meta\">" + html_escape(h.afdeling) +
            (h.year ? " · " + std::to_string(*h.year) : "") + (h.quarter ? " Q" + std::to_string(*h.quarter) : "") +
            (shared.empty() ? "" : " · zelfde thema's: " + html_escape(shared)) + "</span></li>";
  }
  return "<h2>Vergelijkbare zaken</h2>" +
         (list.empty() ? "<p>Geen.</p>"
                       : "<p class=\"meta\">Op de woorden: " + html_escape(joined(sim.words)) +
                             "</p><ul class=\"similar\">" + list + "</ul>");
}

}  // namespace

std::string case_page(const CaseView& v) {
  const CaseRow& c = v.c;
  const std::string& zaak = c.zaaknummer;
  const auto from = static_cast<std::size_t>(c.start), to = static_cast<std::size_t>(c.end);
  const std::string themes = joined(c.themes);
  std::string body =
      "<main id=\"content\"><section class=\"results\"><h1>zaak " + html_escape(zaak) + " – " + html_escape(c.title) +
      "</h1><p class=\"meta\">" + html_escape(c.afdeling) + (themes.empty() ? "" : " · thema's: " + html_escape(themes)) +
      (c.status.empty() ? "" : " · status: " + html_escape(c.status)) +
      (c.oordeel.empty() ? "" : " · oordeel: " + html_escape(c.oordeel)) + "</p><p>In <a href=\"/doc/" +
      std::to_string(c.document_id) + "\">" + html_escape(c.report_title) + "</a> (" +
      (c.year ? std::to_string(*c.year) : "") + (c.quarter ? " Q" + std::to_string(*c.quarter) : "") +
      ")</p><h2>Bron</h2>" + sources_list(v.sources) +
      (c.first_page ? "<p class=\"meta\" id=\"page\">pagina " + std::to_string(*c.first_page) + "</p>" : "");
  const std::size_t end = std::min({to, v.text.size(), from + max_shown});
  body += "<h2>Tekst</h2><pre class=\"doc\">" + tagged_text(v.text, std::min(from, end), end, v.tags) + "</pre>";
  body += case_list(v.cases, zaak);
  if (v.similar) body += similar_section(*v.similar);
  body += "</section></main>";
  return page("zaak " + zaak, body);
}

}  // namespace omb::html
