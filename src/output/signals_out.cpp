#include "output/csv.h"
#include "output/signals_out.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

namespace omb {
namespace {

std::string num(double v, const char* f = "%.3g") {
  if (!std::isfinite(v)) return v > 0 ? "inf" : "";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
std::string opt(const std::optional<double>& v, const char* f = "%.3g") { return v ? num(*v, f) : ""; }
std::string pval(double p) { return p < 1e-4 ? num(p, "%.1e") : num(p, "%.4f"); }
std::string cell_name(const Signal& s) {
  std::string t = s.theme.empty() ? "(alle thema's)" : s.theme;
  std::string a = s.afdeling.empty() ? "(alle afdelingen)" : s.afdeling;
  return t + " · " + a;
}
std::string location(const Evidence& e) {
  std::string where = e.sources.empty() ? "(no source)" : e.sources.front();
  where += ":" + std::to_string(e.line);
  if (e.page > 1) where += " (p. " + std::to_string(e.page) + ")";
  return where;
}
nlohmann::json jnum(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}
nlohmann::json jnum(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

// The evidence sentence with its marks turned into `open`/`close` (HTML-escaped first when `html`).
std::string marked(const std::string& s, const std::string& open, const std::string& close, bool html) {
  std::string out;
  for (char c : s) {
    if (c == kMarkOpen) out += open;
    else if (c == kMarkClose) out += close;
    else if (html) out += html_escape(std::string_view(&c, 1));
    else out += c;
  }
  return out;
}


nlohmann::json to_json(const RateStretch& r) {
  return {{"count", r.count}, {"exposure", r.exposure}, {"rate", jnum(r.rate)}, {"ci", {jnum(r.lo), jnum(r.hi)}}};
}

// "since 2021Q2, 31 of 44 cases (70%) against 19 of 86 (22%) before, still up in the latest quarter"
std::string shift_sentence(const ShiftFacts& f, Grain g) {
  auto pct = [](double r) { return num(100 * r, "%.0f") + "%"; };
  return "since " + f.since + ", " + std::to_string(f.after.count) + " of " + std::to_string(f.after.exposure) +
         " cases (" + pct(f.after.rate) + ") against " + std::to_string(f.before.count) + " of " +
         std::to_string(f.before.exposure) + " (" + pct(f.before.rate) + ") before, " +
         (f.still_up ? "still up" : "no longer up") + " in the latest " + (g == Grain::quarter ? "quarter" : "year") +
         " (" + f.latest + ")";
}

nlohmann::json to_json(const Signal& s) {
  nlohmann::json j;
  j["theme"] = s.theme;
  j["afdeling"] = s.afdeling;
  j["organisation"] = s.organisation;
  j["doctype"] = s.doctype;
  j["period"] = s.period;
  j["kind"] = kind_name(s.kind);
  j["question"] = kind_question(s.kind);
  j["alert"] = s.alert;
  j["ran"] = s.ran;
  j["stopped"] = s.stopped;
  if (s.shift) {
    j["since"] = s.shift->since;
    j["before"] = to_json(s.shift->before);
    j["after"] = to_json(s.shift->after);
    j["still_up"] = s.shift->still_up;
  }
  j["observed"] = s.observed;
  j["expected"] = jnum(s.expected);
  j["ratio"] = jnum(s.ratio);
  j["ci"] = {jnum(s.lo), jnum(s.hi)};
  j["threshold"] = jnum(s.threshold);
  j["p"] = jnum(s.p);
  j["q"] = jnum(s.q);
  j["persistence"] = {{"present", s.present}, {"window", s.window}};
  j["trend"] = {{"slope_per_year", jnum(s.trend_slope)}, {"p", jnum(s.trend_p)}};
  j["detail"] = s.detail;
  nlohmann::json ev = nlohmann::json::array();
  for (const auto& e : s.evidence) {
    nlohmann::json x;
    x["document_id"] = e.document_id;
    x["case_id"] = e.case_id ? nlohmann::json(*e.case_id) : nlohmann::json(nullptr);
    x["period"] = e.period;
    x["zaaknummer"] = e.zaaknummer;
    x["title"] = e.title;
    x["document_title"] = e.document_title;
    x["afdeling"] = e.afdeling;
    x["themes"] = e.themes;
    x["sentence"] = marked(e.sentence, "", "", false);
    x["highlighted"] = marked(e.sentence, "«", "»", false);
    x["rule"] = e.rule;
    x["sources"] = e.sources;
    x["page"] = e.page;
    x["line"] = e.line;
    ev.push_back(std::move(x));
  }
  j["evidence"] = std::move(ev);
  j["evidence_total"] = s.evidence_total;
  nlohmann::json se = nlohmann::json::array();
  for (const auto& p : s.series)
    se.push_back({{"period", p.period}, {"count", p.count}, {"exposure", p.exposure},
                  {"threshold", jnum(p.threshold)}, {"alarm", p.alarm}, {"burst", p.burst}});
  j["series"] = std::move(se);
  return j;
}

// A shell word for a name in a suggested command.
std::string shell_quote(const std::string& v) {
  bool plain = !v.empty();
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/')) plain = false;
  if (plain) return v;
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// One line on a test: kind, period, p and q, and its result.
std::string test_line(const Signal& s) {
  std::string kind = kind_name(s.kind);
  kind.resize(std::max<std::size_t>(kind.size(), 10), ' ');
  std::string out = "  " + kind + " " + s.period + "  ";
  if (!s.ran) return out + s.stopped + "\n";
  out += "p " + pval(s.p) + "  q " + pval(s.q) + "  ";
  out += s.alert ? std::string("ALERT") : "no alert: " + s.stopped;
  out += "\n    " + s.detail;
  if (s.shift) out += std::string(s.shift->still_up ? "; still up" : "; no longer up") + " in " + s.shift->latest;
  out += "\n";
  return out;
}

// --explain: every test of the named cells, grouped by cell, best first.
std::string render_explain(const SignalReport& r, const SignalRenderOptions& o) {
  std::string out;
  std::size_t ran = 0;
  for (const auto& s : r.signals) ran += s.ran;
  out += "Explaining " + std::to_string(ran) + " tests of the cells named" +
         (r.signals.size() > ran ? " (and " + std::to_string(r.signals.size() - ran) + " that could not be run)" : "") +
         ".\nBenjamini-Hochberg adjusted the p of all " + std::to_string(r.tests) + " tests of the run (" +
         std::to_string(r.cells) + " cells) together at q " + num(o.q, "%.2f") + ": ";
  if (r.bh_passed)
    out += std::to_string(r.bh_passed) + " passed, those with p at most " + pval(r.bh_cutoff) + ".\n";
  else
    out += "none passed.\n";
  out += "An alert needs q at most " + num(o.q, "%.2f") + " and the detector's guards (see ombudsmine signals --help).\n";
  if (r.signals.empty()) {
    out += "\nNo cell matches the names given: check them with ombudsmine stats, or drop one of --theme/--afdeling.\n";
    return out;
  }
  std::vector<std::string> cells;
  auto cell_of = [](const Signal& s) { return s.organisation + '\x1f' + s.doctype + '\x1f' + s.theme + '\x1f' + s.afdeling; };
  for (const auto& s : r.signals)
    if (std::find(cells.begin(), cells.end(), cell_of(s)) == cells.end()) cells.push_back(cell_of(s));
  for (const auto& c : cells) {
    bool head = false;
    for (const auto& s : r.signals) {
      if (cell_of(s) != c) continue;
      if (!head) {
        out += "\n" + cell_name(s) + " (" + s.organisation + ", " + s.doctype + ")\n";
        head = true;
      }
      out += test_line(s);
    }
  }
  return out;
}

// What "nothing stands out" points to: what was tested, and the test that came closest.
std::string nothing_stands_out(const SignalReport& r, const SignalRenderOptions& o) {
  std::string out = "Nothing stands out at q " + num(o.q, "%.2f") + " over " + std::to_string(r.tests) + " tests of " +
                    std::to_string(r.cells) + " cells.\n";
  if (r.closest) {
    const Signal& c = *r.closest;
    out += "Closest: " + cell_name(c) + " (" + c.organisation + ")\n" + test_line(c);
    std::string cmd = "ombudsmine signals --explain";
    if (!c.theme.empty()) cmd += " --theme " + shell_quote(c.theme);
    if (!c.afdeling.empty()) cmd += " --afdeling " + shell_quote(c.afdeling);
    out += "Every test of that cell: " + cmd + "\n";
  }
  out += "Or try --by year, a longer --from/--to, or --all to list every test.\n";
  return out;
}

std::string render_table(const SignalReport& r, const SignalRenderOptions& o) {
  if (r.explained) return render_explain(r, o);
  const std::string b = o.color ? "\033[1m" : "", n = o.color ? "\033[0m" : "";
  std::size_t alerts = 0;
  for (const auto& s : r.signals) alerts += s.alert;
  std::string out;
  out += std::to_string(alerts) + (alerts == 1 ? " signal" : " signals") + " (q ≤ " + num(o.q, "%.2f") + ") from " +
         std::to_string(r.tests) + " tests over " + std::to_string(r.cells) + " cells; " + std::to_string(r.units) +
         " cases and reports, by " + (r.grain == Grain::quarter ? "quarter" : "year");
  if (r.unplaced) out += " (" + std::to_string(r.unplaced) + " without a " + (r.grain == Grain::quarter ? "quarter" : "year") + ")";
  out += "\n";
  if (r.signals.empty()) return out + nothing_stands_out(r, o);
  std::size_t i = 0;
  for (const auto& s : r.signals) {
    ++i;
    if (s.shift)
      out += "\n" + b + std::to_string(i) + ". " + cell_name(s) + ": " + shift_sentence(*s.shift, r.grain) + " · " +
             kind_name(s.kind) + (s.alert ? "" : " (no alert)") + n + "\n";
    else
      out += "\n" + b + std::to_string(i) + ". " + cell_name(s) + " · " + s.period + " · " + kind_name(s.kind) +
             (s.alert ? "" : " (no alert)") + n + "\n";
    out += std::string("   ") + kind_question(s.kind) + "\n";
    out += "   " + s.organisation + " (" + s.doctype + ")\n";
    out += "   observed " + num(s.observed, "%.0f");
    if (s.expected) out += "  expected " + num(*s.expected, "%.2f");
    if (s.ratio) {
      out += (s.kind == SignalKind::trend ? "  × per year " : (s.kind == SignalKind::profile ? "  PRR " : "  ratio ")) +
             num(*s.ratio, "%.2f");
      if (s.lo || s.hi) out += " [" + opt(s.lo, "%.2f") + ", " + (s.hi ? num(*s.hi, "%.2f") : "inf") + "]";
    }
    if (s.threshold) out += "  bound " + num(*s.threshold, "%.0f");
    out += "  p " + pval(s.p) + "  q " + pval(s.q) + "\n";
    out += "   " + s.detail + "\n";
    out += "   persistence " + std::to_string(s.present) + " of the last " + std::to_string(s.window) + " periods";
    if (s.trend_slope) out += " · trend " + num(*s.trend_slope, "%+.3f") + " per year in the rate (p " + pval(*s.trend_p) + ")";
    out += "\n";
    const std::size_t shown = o.evidence_shown ? std::min(o.evidence_shown, s.evidence.size()) : s.evidence.size();
    out += "   evidence (" + std::to_string(s.evidence_total) + (s.evidence_total == 1 ? " case" : " cases") + "):\n";
    for (std::size_t k = 0; k < shown; ++k) {
      const auto& e = s.evidence[k];
      out += "     " + e.period + "  " + (e.zaaknummer.empty() ? "-" : "zaak " + e.zaaknummer) + "  " + e.title + "\n";
      out += "       " + location(e) + "\n";
      if (!e.sentence.empty())
        out += "       \"" + marked(e.sentence, o.color ? "\033[1m" : "«", o.color ? "\033[0m" : "»", false) + "\"" +
               (e.rule.empty() ? "" : "  [" + e.rule + "]") + "\n";
    }
    if (s.evidence_total > shown)
      out += "     … and " + std::to_string(s.evidence_total - shown) + " more (--format json lists them all)\n";
  }
  return out;
}

std::string render_csv(const SignalReport& r) {
  std::string out =
      "theme,afdeling,organisation,doctype,period,kind,alert,observed,expected,ratio,ci_low,ci_high,p,q,present,window,"
      "threshold,trend_slope_per_year,trend_p,evidence_count,evidence,detail,since,before_count,before_exposure,"
      "after_count,after_exposure,still_up,ran,stopped\r\n";
  for (const auto& s : r.signals) {
    std::string ev;
    for (const auto& e : s.evidence) {
      if (!ev.empty()) ev += ";";
      ev += e.zaaknummer.empty() ? "doc:" + std::to_string(e.document_id) : e.zaaknummer;
    }
    std::vector<std::string> f = {s.theme, s.afdeling, s.organisation, s.doctype, s.period, kind_name(s.kind),
                                  s.alert ? "1" : "0", num(s.observed, "%.0f"), opt(s.expected, "%.6g"),
                                  opt(s.ratio, "%.6g"), opt(s.lo, "%.6g"), opt(s.hi, "%.6g"), num(s.p, "%.6g"),
                                  num(s.q, "%.6g"), std::to_string(s.present), std::to_string(s.window),
                                  opt(s.threshold, "%.6g"), opt(s.trend_slope, "%.6g"), opt(s.trend_p, "%.6g"),
                                  std::to_string(s.evidence_total), ev, s.detail};
    if (s.shift) {
      const ShiftFacts& sf = *s.shift;
      for (std::string v : {sf.since, std::to_string(sf.before.count), std::to_string(sf.before.exposure),
                            std::to_string(sf.after.count), std::to_string(sf.after.exposure),
                            std::string(sf.still_up ? "1" : "0")})
        f.push_back(std::move(v));
    } else {
      f.resize(f.size() + 6);
    }
    f.push_back(s.ran ? "1" : "0");
    f.push_back(s.stopped);
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (k) out += ',';
      out += csv_field(f[k]);
    }
    out += "\r\n";
  }
  return out;
}

// --- HTML --------------------------------------------------------------------

std::string heat_color(double rate) {
  // White to deep red, by rate 0..1 (square root, so low rates still show).
  const double t = std::sqrt(std::clamp(rate, 0.0, 1.0));
  const int r = static_cast<int>(255 - t * (255 - 165));
  const int g = static_cast<int>(255 - t * 255);
  const int bl = static_cast<int>(255 - t * 255 + t * 38);
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, std::max(g, 0), std::max(std::min(bl, 255), 0));
  return buf;
}

std::string chart_svg(const Signal& s, std::size_t id) {
  const auto& pts = s.series;
  const double w = 720, h = 220, left = 40, right = 12, top = 14, bottom = 40;
  double ymax = 1;
  for (const auto& p : pts) {
    ymax = std::max(ymax, static_cast<double>(p.count));
    if (p.threshold) ymax = std::max(ymax, *p.threshold);
  }
  ymax = std::ceil(ymax * 1.1);
  const std::size_t n = pts.size();
  const double step = n > 1 ? (w - left - right) / static_cast<double>(n - 1) : 0;
  auto X = [&](std::size_t i) { return left + step * static_cast<double>(i) + (n == 1 ? (w - left - right) / 2 : 0); };
  auto Y = [&](double v) { return top + (h - top - bottom) * (1 - v / ymax); };
  std::string out = "<svg class=\"chart\" id=\"chart-" + std::to_string(id) + "\" data-points=\"" +
                    std::to_string(n) + "\" viewBox=\"0 0 " + num(w, "%.0f") + " " + num(h, "%.0f") +
                    "\" width=\"" + num(w, "%.0f") + "\" height=\"" + num(h, "%.0f") +
                    "\" role=\"img\" aria-labelledby=\"chart-" + std::to_string(id) + "-title\">";
  out += "<title id=\"chart-" + std::to_string(id) + "-title\">" +
         html_escape(cell_name(s) + ": observed per period, bound, alarms and bursts") + "</title>";
  // Burst shading: runs of burst periods.
  for (std::size_t i = 0; i < n;) {
    if (!pts[i].burst) { ++i; continue; }
    std::size_t j = i;
    while (j + 1 < n && pts[j + 1].burst) ++j;
    const double x0 = X(i) - step / 2, x1 = X(j) + step / 2;
    out += "<rect class=\"burst\" x=\"" + num(std::max(left, x0), "%.1f") + "\" y=\"" + num(top, "%.1f") +
           "\" width=\"" + num(std::min(w - right, x1) - std::max(left, x0), "%.1f") + "\" height=\"" +
           num(h - top - bottom, "%.1f") + "\"><title>burst " + html_escape(pts[i].period) + "–" +
           html_escape(pts[j].period) + "</title></rect>";
    i = j + 1;
  }
  // A lasting change: the periods since it began, shaded, with the rate before and after.
  if (s.shift) {
    std::size_t i = 0;
    while (i < n && pts[i].index < s.shift->since_index) ++i;
    if (i < n) {
      const double x0 = std::max(left, X(i) - step / 2);
      out += "<rect class=\"since\" x=\"" + num(x0, "%.1f") + "\" y=\"" + num(top, "%.1f") + "\" width=\"" +
             num(w - right - x0, "%.1f") + "\" height=\"" + num(h - top - bottom, "%.1f") + "\"><title>" +
             html_escape("since " + s.shift->since + ": " + num(100 * s.shift->after.rate, "%.0f") + "% of cases, " +
                         num(100 * s.shift->before.rate, "%.0f") + "% before") +
             "</title></rect>";
    }
  }
  // Axes and grid.
  out += "<line class=\"axis\" x1=\"" + num(left, "%.1f") + "\" y1=\"" + num(Y(0), "%.1f") + "\" x2=\"" +
         num(w - right, "%.1f") + "\" y2=\"" + num(Y(0), "%.1f") + "\"/>";
  const int ticks = static_cast<int>(std::min(5.0, ymax));
  for (int k = 0; k <= ticks; ++k) {
    const double v = ymax * k / std::max(ticks, 1);
    out += "<text class=\"ylab\" x=\"" + num(left - 6, "%.1f") + "\" y=\"" + num(Y(v) + 4, "%.1f") + "\">" +
           num(std::round(v), "%.0f") + "</text>";
  }
  const std::size_t every = std::max<std::size_t>(1, (n + 11) / 12);
  for (std::size_t i = 0; i < n; i += every)
    out += "<text class=\"xlab\" x=\"" + num(X(i), "%.1f") + "\" y=\"" + num(h - bottom + 16, "%.1f") + "\">" +
           html_escape(pts[i].period) + "</text>";
  // Threshold line.
  std::string thr;
  for (std::size_t i = 0; i < n; ++i)
    if (pts[i].threshold) thr += num(X(i), "%.1f") + "," + num(Y(*pts[i].threshold), "%.1f") + " ";
  if (!thr.empty()) out += "<polyline class=\"threshold\" points=\"" + thr + "\"><title>bound</title></polyline>";
  // Observed.
  std::string obs;
  for (std::size_t i = 0; i < n; ++i) obs += num(X(i), "%.1f") + "," + num(Y(static_cast<double>(pts[i].count)), "%.1f") + " ";
  out += "<polyline class=\"observed\" points=\"" + obs + "\"/>";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = pts[i];
    out += std::string("<circle class=\"point") + (p.alarm ? " alarm" : "") + "\" cx=\"" + num(X(i), "%.1f") +
           "\" cy=\"" + num(Y(static_cast<double>(p.count)), "%.1f") + "\" r=\"" + (p.alarm ? "5" : "3") +
           "\"><title>" + html_escape(p.period) + ": " + std::to_string(p.count) + " of " +
           std::to_string(p.exposure) + (p.threshold ? ", bound " + num(*p.threshold, "%.0f") : std::string()) +
           (p.alarm ? ", alarm" : "") + "</title></circle>";
  }
  out += "</svg>";
  return out;
}

std::string heatmap_svg(const SignalReport& r) {
  const std::size_t rows = r.heatmap.size(), cols = r.columns.size();
  // A label row above each series (organisation and kind of report).
  std::size_t groups = 0;
  for (std::size_t i = 0; i < rows; ++i)
    if (i == 0 || r.heatmap[i].organisation != r.heatmap[i - 1].organisation ||
        r.heatmap[i].doctype != r.heatmap[i - 1].doctype)
      ++groups;
  const double label = 330, cw = std::max(8.0, std::min(28.0, 640.0 / std::max<std::size_t>(cols, 1))), ch = 16,
               top = 54, gh = 22;
  const double w = label + cw * static_cast<double>(cols) + 10,
               h = top + ch * static_cast<double>(rows) + gh * static_cast<double>(groups) + 10;
  std::string out = "<svg class=\"heatmap\" data-rows=\"" + std::to_string(rows) + "\" data-cols=\"" +
                    std::to_string(cols) + "\" viewBox=\"0 0 " + num(w, "%.0f") + " " + num(h, "%.0f") +
                    "\" width=\"" + num(w, "%.0f") + "\" height=\"" + num(h, "%.0f") +
                    "\" role=\"img\" aria-labelledby=\"heatmap-title\"><title id=\"heatmap-title\">Share of cases "
                    "with each theme per afdeling and period</title>";
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(40.0 / cw)));
  for (std::size_t c = 0; c < cols; c += every)
    out += "<text class=\"xlab\" transform=\"translate(" + num(label + cw * static_cast<double>(c) + cw / 2, "%.1f") +
           "," + num(top - 6, "%.1f") + ") rotate(-45)\">" + html_escape(r.columns[c]) + "</text>";
  double y = top;
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& row = r.heatmap[i];
    if (i == 0 || row.organisation != r.heatmap[i - 1].organisation || row.doctype != r.heatmap[i - 1].doctype) {
      out += "<text class=\"glab\" x=\"4\" y=\"" + num(y + gh - 6, "%.1f") + "\">" +
             html_escape(row.organisation + " — " + row.doctype) + "</text>";
      y += gh;
    }
    std::string name = row.theme + " · " + (row.afdeling.empty() ? "(alle afdelingen)" : row.afdeling);
    out += "<text class=\"rlab\" x=\"" + num(label - 6, "%.1f") + "\" y=\"" + num(y + ch - 4, "%.1f") + "\">" +
           html_escape(name) + "</text>";
    for (std::size_t c = 0; c < cols; ++c) {
      const double x = label + cw * static_cast<double>(c);
      if (!row.rate[c]) {
        const bool none = row.count[c] < 0;  // no report then; else no case of the afdeling
        out += "<rect class=\"" + std::string(none ? "missing" : "zero") + "\" x=\"" + num(x, "%.1f") + "\" y=\"" +
               num(y, "%.1f") + "\" width=\"" + num(cw - 1, "%.1f") + "\" height=\"" + num(ch - 1, "%.1f") +
               "\"><title>" + html_escape(name + " " + r.columns[c] + (none ? ": no report" : ": no case of the afdeling")) +
               "</title></rect>";
        continue;
      }
      out += "<rect class=\"cell\" x=\"" + num(x, "%.1f") + "\" y=\"" + num(y, "%.1f") + "\" width=\"" +
             num(cw - 1, "%.1f") + "\" height=\"" + num(ch - 1, "%.1f") + "\" fill=\"" + heat_color(*row.rate[c]) +
             "\"><title>" + html_escape(name + " " + r.columns[c] + ": " + std::to_string(row.count[c]) + " (" +
                                        num(100 * *row.rate[c], "%.0f") + "%)") +
             "</title></rect>";
    }
    y += ch;
  }
  out += "</svg>";
  return out;
}

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

std::string render_html(const SignalReport& r, const SignalRenderOptions& o) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><title>" +
                    html_escape(o.title) + "</title><style>" + kStyle + "</style></head><body>\n";
  out += "<header><h1>" + html_escape(o.title) + "</h1></header>\n<main>\n";
  out += signals_html_body(r, o.q, {});
  out += "</main><script>" + std::string(kScript) + "</script></body></html>\n";
  return out;
}

}  // namespace

const char* signals_html_style() { return kStyle; }
const char* signals_html_script() { return kScript; }

std::string signals_html_body(const SignalReport& r, double q, const std::function<std::string(const Evidence&)>& link) {
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
  for (const auto& s : r.signals) {
    ++id;
    out += "<section class=\"signal\" aria-labelledby=\"s" + std::to_string(id) + "\"><h2 id=\"s" +
           std::to_string(id) + "\">" + std::to_string(id) + ". " + html_escape(cell_name(s)) + " · " +
           html_escape(s.shift ? shift_sentence(*s.shift, r.grain) : s.period) + " <span class=\"kind\">" +
           kind_name(s.kind) + "</span>" + (s.alert ? "" : " <span class=\"noalert\">(no alert)</span>") + "</h2>";
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
    out += "<h3>Evidence (" + std::to_string(s.evidence_total) + ")</h3><ol class=\"evidence\">";
    for (const auto& e : s.evidence) {
      const std::string href = link ? link(e) : std::string();
      std::string name = (e.zaaknummer.empty() ? std::string() : "zaak " + html_escape(e.zaaknummer) + " — ") +
                         html_escape(e.title);
      if (!href.empty()) name = "<a href=\"" + html_escape(href) + "\">" + name + "</a>";
      out += "<li><strong>" + html_escape(e.period) + "</strong> " + name + "<br><span class=\"src\">" +
             html_escape(location(e)) + "</span>";
      if (!e.sentence.empty())
        out += "<blockquote title=\"" + html_escape(e.rule) + "\">" + marked(e.sentence, "<mark>", "</mark>", true) +
               "</blockquote>";
      out += "</li>";
    }
    if (s.evidence_total > s.evidence.size())
      out += "<li>… and " + std::to_string(s.evidence_total - s.evidence.size()) + " more</li>";
    out += "</ol></section>\n";
  }
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

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  return out;
}

std::string render_signals(const SignalReport& r, const SignalRenderOptions& o) {
  switch (o.format) {
    case SignalFormat::table: return render_table(r, o);
    case SignalFormat::csv: return render_csv(r);
    case SignalFormat::html: return render_html(r, o);
    case SignalFormat::json: {
      std::string out;
      for (const auto& s : r.signals) out += to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      return out;
    }
  }
  return {};
}

}  // namespace omb
