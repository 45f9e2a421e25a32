#include "output/html/signals_report.h"

#include "output/html/escape.h"
#include "output/html/signals_charts.h"
#include "output/signals_format.h"

namespace omb::html {
namespace {

using sigfmt::cell_name;
using sigfmt::location;
using sigfmt::num;
using sigfmt::opt;
using sigfmt::pval;
using sigfmt::shift_sentence;

constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}
table.figures{border-collapse:collapse;margin:.5rem 0}table.figures td,table.figures th{padding:.15rem .6rem;text-align:left;border-bottom:1px solid #eee}
.kind{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#eef;font-size:.85rem}
.noalert{color:#666}
svg{max-width:100%;height:auto;display:block;margin:.5rem 0}
svg text{font-size:11px;fill:#333}svg .ylab{text-anchor:end}svg .xlab{text-anchor:middle}svg .rlab{text-anchor:end}svg .glab{font-weight:600;font-size:12px}
.heatmap .xlab{text-anchor:start}
.observed{fill:none;stroke:#1f5fa8;stroke-width:2}.threshold{fill:none;stroke:#c0392b;stroke-width:1.5;stroke-dasharray:5 4}
.point{fill:#1f5fa8}.point.alarm{fill:#c0392b;stroke:#fff;stroke-width:1.5}.burst{fill:#f5c66b;opacity:.35}.since{fill:#8e44ad;opacity:.12}
.axis{stroke:#999}.missing{fill:#e6e6e6}.zero{fill:#fff;stroke:#eee}.cell{stroke:none}
.legend span{display:inline-block;margin-right:1rem}.sw{display:inline-block;width:1.2rem;height:.7rem;vertical-align:middle;margin-right:.3rem}
ol.evidence li{margin:.4rem 0}.src{font-family:ui-monospace,monospace;font-size:.85rem;color:#444}
blockquote{margin:.2rem 0 .2rem 1rem;color:#333;font-style:italic}
)css";

constexpr const char* kScript = R"js(
// Records what the browser drew, for the test run and for anyone curious.
window.addEventListener('load', function () {
  var charts = document.querySelectorAll('svg.chart');
  charts.forEach(function (svg) {
    var drawn = 0;
    svg.querySelectorAll('circle.point').forEach(function (c) {
      var b = c.getBBox();
      if (b.width > 0 && b.height > 0) drawn++;
    });
    svg.setAttribute('data-rendered-points', String(drawn));
    var line = svg.querySelector('polyline.observed');
    svg.setAttribute('data-rendered-line', line && line.getTotalLength() > 0 ? 'yes' : 'no');
  });
  var heat = document.querySelector('svg.heatmap');
  if (heat) heat.setAttribute('data-rendered-cells', String(heat.querySelectorAll('rect.cell').length));
  document.body.setAttribute('data-rendered', String(charts.length));
});
)js";

// The evidence of one signal, as an ordered list.
std::string evidence_list(const Signal& s, const EvidenceLink& link) {
  std::string out = "<h3>Evidence (" + std::to_string(s.evidence_total) + ")</h3><ol class=\"evidence\">";
  for (const auto& e : s.evidence) {
    const std::string href = link ? link(e) : std::string();
    std::string name = (e.zaaknummer.empty() ? std::string() : "zaak " + html_escape(e.zaaknummer) + " — ") +
                       html_escape(e.title);
    if (!href.empty()) name = "<a href=\"" + html_escape(href) + "\">" + name + "</a>";
    out += "<li><strong>" + html_escape(e.period) + "</strong> " + name + "<br><span class=\"src\">" +
           html_escape(location(e)) + "</span>";
    if (!e.sentence.empty())
      out += "<blockquote title=\"" + html_escape(e.rule) + "\">" + html_marked(e.sentence) + "</blockquote>";
    out += "</li>";
  }
  if (s.evidence_total > s.evidence.size())
    out += "<li>… and " + std::to_string(s.evidence_total - s.evidence.size()) + " more</li>";
  return out + "</ol>";
}

// One signal's section: heading, question, figures, chart and evidence.
std::string signal_section(const SignalReport& r, const Signal& s, std::size_t id, const EvidenceLink& link) {
  std::string out = "<section class=\"signal\" aria-labelledby=\"s" + std::to_string(id) + "\"><h2 id=\"s" +
                    std::to_string(id) + "\">" + std::to_string(id) + ". " + html_escape(cell_name(s)) + " · " +
                    html_escape(s.shift ? shift_sentence(*s.shift, r.grain) : s.period) + " <span class=\"kind\">" +
                    kind_name(s.kind) + "</span>" + (s.alert ? "" : " <span class=\"noalert\">(no alert)</span>") +
                    "</h2>";
  out += "<p class=\"question\">" + html_escape(kind_question(s.kind)) + "</p>";
  out += "<p>" + html_escape(s.organisation + " (" + s.doctype + ")") +
         "</p><table class=\"figures\"><tr><th scope=\"row\">observed</th><td>" + num(s.observed, "%.0f") +
         "</td><th scope=\"row\">expected</th><td>" + opt(s.expected, "%.2f") +
         "</td></tr><tr><th scope=\"row\">ratio</th><td>" + (s.ratio ? num(*s.ratio, "%.2f") : "—") +
         (s.lo || s.hi ? " [" + opt(s.lo, "%.2f") + ", " + (s.hi ? num(*s.hi, "%.2f") : "inf") + "]" : "") +
         "</td><th scope=\"row\">p / q</th><td>" + pval(s.p) + " / " + pval(s.q) +
         "</td></tr><tr><th scope=\"row\">persistence</th><td>" + std::to_string(s.present) + " of " +
         std::to_string(s.window) + "</td><th scope=\"row\">trend</th><td>" +
         (s.trend_slope ? num(*s.trend_slope, "%+.3f") + " per year (p " + pval(*s.trend_p) + ")" : "—") +
         "</td></tr></table><p>" + html_escape(s.detail) + "</p>";
  out += chart_svg(s, id);
  out += evidence_list(s, link);
  return out + "</section>\n";
}

}  // namespace

const char* signals_style() { return kStyle; }
const char* signals_script() { return kScript; }

std::string signals_body(const SignalReport& r, double q, const EvidenceLink& link) {
  std::size_t alerts = 0;
  for (const auto& s : r.signals) alerts += s.alert;
  std::string out = "<p>" + std::to_string(alerts) + " signal" + (alerts == 1 ? "" : "s") + " at q ≤ " + num(q, "%.2f") +
                    " (Benjamini–Hochberg over " + std::to_string(r.tests) + " tests, " + std::to_string(r.cells) +
                    " cells), " + std::to_string(r.units) + " cases and reports, by " +
                    (r.grain == Grain::quarter ? "quarter" : "year") + ".</p>";
  out += "<p class=\"legend\"><span><span class=\"sw\" style=\"background:#1f5fa8\"></span>observed</span>"
         "<span><span class=\"sw\" style=\"background:#c0392b\"></span>bound of the unusual detector / alarm</span>"
         "<span><span class=\"sw\" style=\"background:#f5c66b\"></span>burst (Kleinberg)</span>"
         "<span><span class=\"sw\" style=\"background:#8e44ad;opacity:.3\"></span>since a lasting change</span></p>\n";
  out += "<section aria-labelledby=\"hm\"><h2 id=\"hm\">Themes per afdeling over time</h2>"
         "<p>Share of an afdeling's cases with the theme, per period; grey: no report; white: no case of the afdeling.</p>" +
         heatmap_svg(r) + "</section>\n";
  std::size_t id = 0;
  for (const auto& s : r.signals) out += signal_section(r, s, ++id, link);
  if (r.signals.empty()) {
    out += "<p>Nothing stands out at q ≤ " + num(q, "%.2f") + " over " + std::to_string(r.tests) + " tests of " +
           std::to_string(r.cells) + " cells.";
    if (r.closest) {
      const Signal& c = *r.closest;
      out += " Closest: " + html_escape(cell_name(c)) + ", " + kind_name(c.kind) + " (p " + pval(c.p) + ", q " +
             pval(c.q) + "): " + html_escape(c.stopped) + ".";
    }
    out += "</p>";
  }
  return out;
}

std::string signals_document(const SignalReport& r, const std::string& title, double q) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><title>" +
                    html_escape(title) + "</title><style>" + kStyle + "</style></head><body>\n";
  out += "<header><h1>" + html_escape(title) + "</h1></header>\n<main>\n";
  out += signals_body(r, q, {});
  out += "</main><script>" + std::string(kScript) + "</script></body></html>\n";
  return out;
}

}  // namespace omb::html
