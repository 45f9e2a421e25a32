#include "output/signals_out.h"

#include "output/csv.h"
#include "output/html/signals_report.h"
#include "output/signals_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace omb {
namespace {

using sigfmt::cell_name;
using sigfmt::location;
using sigfmt::num;
using sigfmt::opt;
using sigfmt::pval;
using sigfmt::shift_sentence;

nlohmann::json jnum(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}
nlohmann::json jnum(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

// The evidence sentence with its marks turned into `open`/`close` (plain text;
// HTML's is output/html/escape.h's html_marked).
std::string marked(const std::string& s, const std::string& open, const std::string& close) {
  std::string out;
  for (char c : s) {
    if (c == kMarkOpen) out += open;
    else if (c == kMarkClose) out += close;
    else out += c;
  }
  return out;
}

nlohmann::json to_json(const RateStretch& r) {
  return {{"count", r.count}, {"exposure", r.exposure}, {"rate", jnum(r.rate)}, {"ci", {jnum(r.lo), jnum(r.hi)}}};
}

nlohmann::json to_json(const Signal& s) {
  nlohmann::json j;
  j["theme"] = s.theme;
  j["afdeling"] = s.afdeling;
  j["level"] = s.level;
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
    x["sentence"] = marked(e.sentence, "", "");
    x["highlighted"] = marked(e.sentence, "«", "»");
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
        out += "\n" + cell_name(s) + " (" + s.organisation + ", " + s.doctype + "; units at level " + s.level + ")\n";
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
  if (r.level != "afdeling") out += ", units at level " + r.level;
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
        out += "       \"" + marked(e.sentence, o.color ? "\033[1m" : "«", o.color ? "\033[0m" : "»") + "\"" +
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

}  // namespace

std::string render_signals(const SignalReport& r, const SignalRenderOptions& o) {
  switch (o.format) {
    case SignalFormat::table: return render_table(r, o);
    case SignalFormat::csv: return render_csv(r);
    case SignalFormat::html: return html::signals_document(r, o.title, o.q);
    case SignalFormat::json: {
      std::string out;
      for (const auto& s : r.signals) out += to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      return out;
    }
  }
  return {};
}

}  // namespace omb
