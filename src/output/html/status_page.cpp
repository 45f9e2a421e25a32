#include "output/html/status_page.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "output/html/escape.h"
#include "output/html/page.h"

namespace omb::html {
namespace {

std::string counts_table(const RowCounts* n) {
  auto shown = [&](std::int64_t RowCounts::*field) { return n ? std::to_string(n->*field) : std::string("?"); };
  const std::string years = !n                ? "?"
                            : !n->first_year ? "-"
                                             : std::to_string(*n->first_year) + "–" + std::to_string(*n->last_year);
  std::string out = "<table class=\"stats\">";
  for (const auto& [label, v] : std::vector<std::pair<std::string, std::string>>{{"documenten", shown(&RowCounts::documents)},
                                                                                {"bronbestanden", shown(&RowCounts::sources)},
                                                                                {"zaken", shown(&RowCounts::cases)},
                                                                                {"tags", shown(&RowCounts::tags)},
                                                                                {"jaren", years}})
    out += "<tr><th scope=\"row\">" + html_escape(label) + "</th><td data-stat=\"" + html_escape(label) + "\">" +
           html_escape(v) + "</td></tr>";
  return out + "</table>";
}

std::string run_section(const IngestRun& r, const std::vector<IngestProblem>* problems) {
  std::string out = "<h2>Laatste ingest</h2><p>begonnen " + html_escape(r.started_at) + ", klaar " +
                    html_escape(r.finished_at.empty() ? "(niet afgerond)" : r.finished_at) + "</p>";
  auto sum = nlohmann::json::parse(r.summary, nullptr, false);
  if (sum.is_object()) {
    out += "<table class=\"stats\">";
    for (auto& [k, v] : sum.items())
      if (v.is_number())
        out += "<tr><th scope=\"row\">" + html_escape(k) + "</th><td>" + html_escape(v.dump()) + "</td></tr>";
    out += "</table>";
  }
  if (problems) {
    std::string rows;
    for (const auto& p : *problems)
      rows += "<tr><td class=\"src\">" + html_escape(p.path) + "</td><td>" + html_escape(p.kind) + "</td><td>" +
              html_escape(p.reason) + "</td></tr>";
    out += "<h2>Overgeslagen en mislukte bestanden</h2>" +
           (rows.empty() ? "<p>Geen.</p>"
                         : "<table class=\"stats\"><tr><th>bestand</th><th>wat</th><th>reden</th></tr>" + rows +
                               "</table>");
  }
  return out;
}

}  // namespace

std::string status_page(const StatusView& v) {
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>Status</h1>" + counts_table(v.counts);
  if (v.run) body += run_section(*v.run, v.problems);
  body += "</section></main>";
  return page("Status", body);
}

}  // namespace omb::html
