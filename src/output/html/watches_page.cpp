#include "output/html/watches_page.h"

#include "output/html/escape.h"
#include "output/html/page.h"
#include "output/provenance.h"
#include "output/signals_format.h"
#include "output/watch_out.h"
#include "search/filters.h"

namespace omb::html {
namespace {

constexpr const char* kWatchCss = R"css(
form.watch{margin:.4rem 0 .8rem;font-size:.9rem}form.watch input{margin:0 .4rem}
article.watch{border:1px solid #d8dde3;border-radius:4px;padding:.6rem 1rem;margin:0 0 1rem}
article.watch h2{margin:0;font-size:1.1rem}.watch .news{font-weight:600}.watch ul.sig{padding-left:1.2rem}
.watch .change{text-transform:uppercase;font-size:.78rem;color:#20394f;margin-right:.4rem}
)css";

// A new hit as the search page shows one: title linked to its case or document, facts, snippet, source.
std::string hit_html(const SearchHit& h) {
  const std::string link = h.case_id && !h.zaaknummer.empty() ? "/case/" + url_encode(h.zaaknummer)
                                                              : "/doc/" + std::to_string(h.document_id);
  std::string title = h.case_id ? (h.zaaknummer.empty() ? "" : "zaak " + h.zaaknummer + " – ") + h.case_title : h.title;
  if (title.empty()) title = h.title;
  std::string period = h.year ? std::to_string(*h.year) + (h.quarter ? " Q" + std::to_string(*h.quarter) : "") : "";
  return "<li class=\"hit\" data-zaak=\"" + html_escape(h.zaaknummer) + "\"><h3><a href=\"" + html_escape(link) +
         "\">" + html_escape(title) + "</a></h3><div class=\"meta\">" + html_escape(h.title) +
         (period.empty() ? "" : " · " + html_escape(period)) +
         (h.afdeling.empty() ? "" : " · " + html_escape(h.afdeling)) + "</div><p class=\"snip\">" +
         html_marked(h.snippet) + "</p><div class=\"src\">" +
         html_escape(h.sources.empty() ? "" : h.sources.front()) + ":" + std::to_string(h.line) + " (" +
         html_escape(page_label(h.page, h.page_method, h.page_confidence)) + ")</div></li>";
}

std::string evidence_html(const Evidence& e) {
  const std::string link =
      !e.zaaknummer.empty() ? "/case/" + url_encode(e.zaaknummer) : "/doc/" + std::to_string(e.document_id);
  return "<li>" + html_escape(e.period) + " <a href=\"" + html_escape(link) + "\">" +
         html_escape(e.zaaknummer.empty() ? e.document_title : "zaak " + e.zaaknummer) + "</a> — " +
         html_marked(e.sentence) + "</li>";
}

std::string watch_cell(const std::string& theme, const std::string& afdeling) {
  return (theme.empty() ? std::string("(alle thema's)") : theme) + " · " +
         (afdeling.empty() ? std::string("(alle afdelingen)") : afdeling);
}

std::string signal_html(const SignalChange& c) {
  std::string out = "<li class=\"signal\" data-change=\"" + std::string(change_name(c.change)) +
                    "\"><span class=\"change\">" + change_name(c.change) + "</span>";
  if (c.now) {
    const Signal& s = *c.now;
    out += html_escape(watch_cell(s.theme, s.afdeling) + " · " + s.period + " · " + kind_name(s.kind)) +
           " <span class=\"meta\">ratio " + html_escape(sigfmt::opt(s.ratio)) + ", q " + html_escape(sigfmt::pval(s.q)) +
           "</span>";
    if (s.shift) out += "<div class=\"meta\">" + html_escape(sigfmt::shift_sentence(*s.shift, Grain::quarter)) + "</div>";
  } else if (c.reported) {
    out += html_escape(watch_cell(c.reported->theme, c.reported->afdeling) + " · " + c.reported->period + " · " +
                       c.reported->kind);
  }
  for (const std::string& w : c.what) out += "<div class=\"meta\">" + html_escape(w) + "</div>";
  if (c.change == SignalChangeKind::ended) {
    out += "<div class=\"meta\">nu: " +
           html_escape(c.now ? "geen signaal: " + c.now->stopped : std::string("de cel wordt niet meer getoetst")) +
           "</div></li>";
    return out;
  }
  if (c.now && !c.now->evidence.empty()) {
    out += "<ul class=\"evidence\">";
    for (const Evidence& e : c.now->evidence) out += evidence_html(e);
    out += "</ul>";
  }
  return out + "</li>";
}

std::string search_link(const WatchRow& w) {
  Params p;
  p.emplace("q", w.query);
  for (const auto& [k, v] : w.filters) p.emplace(k, v);
  return url("/search", p);
}

std::string watch_html(const WatchNews& n) {
  const WatchRow& w = n.watch;
  std::size_t signals = n.signals.size();
  std::string out = "<article class=\"watch\" id=\"watch-" + html_escape(url_encode(w.name)) + "\" data-watch=\"" +
                    html_escape(w.name) + "\" data-new-hits=\"" + std::to_string(n.new_keys.size()) +
                    "\" data-signals=\"" + std::to_string(signals) + "\"><h2>" + html_escape(w.name) +
                    "</h2><div class=\"meta\">zoekopdracht: <a href=\"" + html_escape(search_link(w)) + "\">" +
                    html_escape(watch_search_text(w)) + "</a> · gemaakt " + html_escape(w.created_at) +
                    " · laatst gemeld " + html_escape(w.reported_at.empty() ? "nooit" : w.reported_at) + " · " +
                    std::to_string(n.hits_total) + " resultaten nu</div>";
  if (!n.error.empty()) return out + "<p class=\"error\">" + html_escape(n.error) + "</p></article>";
  if (!n.any()) return out + "<p class=\"news\">Niets nieuws.</p></article>";
  out += "<p class=\"news\">" + std::to_string(n.new_keys.size()) +
         (n.new_keys.size() == 1 ? " nieuw resultaat" : " nieuwe resultaten") + ", " + std::to_string(signals) +
         (signals == 1 ? " signaal" : " signalen") + " verschenen, veranderd of verdwenen</p>";
  if (!n.new_hits.empty()) {
    out += "<ol class=\"hits\">";
    for (const SearchHit& h : n.new_hits) out += hit_html(h);
    out += "</ol>";
  }
  if (!n.signals.empty()) {
    out += "<ul class=\"sig\">";
    for (const SignalChange& c : n.signals) out += signal_html(c);
    out += "</ul>";
  }
  return out + "</article>";
}

}  // namespace

std::string watch_button(const Params& p) {
  std::vector<std::pair<std::string, std::string>> filters;
  for (const FilterDef& def : kFilters)
    for (const std::string& v : all(p, std::string(def.name))) filters.emplace_back(std::string(def.name), v);
  const std::string q = get(p, "q");
  if (q.empty() && filters.empty()) return {};
  std::string out = "<form class=\"watch\" id=\"watch-form\" method=\"post\" action=\"/watch\"><input type=\"hidden\" "
                    "name=\"q\" value=\"" + html_escape(q) + "\">";
  for (const auto& [k, v] : filters)
    out += "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) + "\">";
  out += "<label for=\"watch-name\">Naam</label><input id=\"watch-name\" name=\"name\" maxlength=\"64\" value=\"" +
         html_escape(derive_watch_name(q, filters)) +
         "\"><button type=\"submit\" id=\"watch-button\">Volg deze zoekopdracht</button></form>";
  return "<style>" + std::string(kWatchCss) + "</style>" + out;
}

std::string watches_page(const std::vector<WatchNews>& news, const std::string& added) {
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>Gevolgde zoekopdrachten</h1>";
  if (!added.empty())
    body += "<p class=\"meta\" role=\"status\" id=\"added\">Opgeslagen: " + html_escape(added) +
            ". Wat de zoekopdracht nu vindt is het beginpunt; nieuwe rapporten verschijnen hier.</p>";
  body += "<p class=\"meta\">Nieuw sinds de laatste melding. Deze pagina markeert niets als gemeld; "
          "<code>ombudsmine watch</code> doet dat.</p>";
  if (news.empty())
    body += "<p>Nog geen gevolgde zoekopdrachten: zoek iets en kies <em>Volg deze zoekopdracht</em>.</p>";
  for (const WatchNews& n : news) body += watch_html(n);
  body += "</section></main>";
  return page("Gevolgd", body, kWatchCss);
}

}  // namespace omb::html
