#include "signals/signals.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "signals/cells.h"
#include "signals/detectors.h"
#include "signals/evidence.h"
#include "signals/fdr.h"
#include "signals/series.h"
#include "store/read.h"

namespace omb {
namespace {

using detect::Cells;
using detect::Key;
using detect::Series;
using detect::Test;

Signal to_signal(const Cells& cells, const Test& t, double q, bool alert, const SignalOptions& o) {
  const Series& org = cells.series[t.org];
  Signal s;
  s.organisation = org.name;
  s.doctype = org.doctype;
  s.afdeling = t.key.first;
  s.theme = t.key.second;
  s.level = o.level;
  s.period_index = org.periods[t.pos];
  s.period = period_label(s.period_index, o.grain);
  s.kind = t.kind;
  s.observed = t.observed;
  s.expected = t.expected;
  s.ratio = t.ratio;
  s.lo = t.lo;
  s.hi = t.hi;
  s.threshold = t.threshold;
  s.p = t.p;
  s.q = q;
  s.alert = alert;
  s.ran = t.ran;
  if (!alert) s.stopped = t.stopped;
  s.detail = t.detail;
  s.shift = t.shift;
  // Context: persistence and trend over the cell, whatever the kind.
  detect::add_context(s, org, t.key, t.pos, o);
  s.series = detect::chart_series(org, t.key, o);
  detect::choose_evidence(s, cells, t.org, t.key, t.evidence_pos, o);
  return s;
}

// The periods of a series to evaluate: those within --from … --to, or its last.
std::vector<std::size_t> periods_to_test(const Series& org, std::optional<int> from, std::optional<int> to) {
  std::vector<std::size_t> eval;
  for (std::size_t i = 0; i < org.periods.size(); ++i) {
    if (!from && !to) { if (i + 1 == org.periods.size()) eval.push_back(i); continue; }
    if (from && org.periods[i] < *from) continue;
    if (to && org.periods[i] > *to) continue;
    eval.push_back(i);
  }
  return eval;
}

Result<SignalReport> run(const std::vector<SignalUnit>& units, const SignalOptions& o) {
  const Cells cells = detect::build_cells(units, o);
  SignalReport rep;
  rep.grain = o.grain;
  rep.level = o.level;
  rep.units = cells.units.size();
  rep.unplaced = cells.unplaced;
  std::optional<int> from, to;
  if (!o.from.empty()) { OMB_TRY_ASSIGN(f, parse_period(o.from, o.grain, false)); from = f; }
  if (!o.to.empty()) { OMB_TRY_ASSIGN(t, parse_period(o.to, o.grain, true)); to = t; }
  if (from && to && *from > *to)
    return make_error(Errc::usage, "signals: --from " + o.from + " is after --to " + o.to);

  const detect::Context ctx{cells, o};
  std::vector<Test> tests;
  for (std::size_t oi = 0; oi < cells.series.size(); ++oi) {
    const Series& org = cells.series[oi];
    if (org.periods.empty()) continue;
    const std::vector<std::size_t> eval = periods_to_test(org, from, to);
    for (const auto& [key, ys] : org.count) {
      // Explaining, every cell is tested (q as in a run without the names).
      if (!o.explain && !detect::named(key, o)) continue;
      ++rep.cells;
      for (std::size_t pos : eval) detect::test_period(ctx, oi, key, pos, tests);
      if (ctx.wanted(SignalKind::shift) && !eval.empty()) detect::test_shift(ctx, oi, key, eval.back(), tests);
    }
  }
  // Benjamini-Hochberg over every test that ran.
  const detect::FdrResult fdr = detect::control_fdr(tests, o.q);
  rep.tests = fdr.tests;
  rep.q_level = o.q;
  rep.bh_passed = fdr.passed;
  rep.bh_cutoff = fdr.cutoff;

  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (o.explain ? detect::named(tests[i].key, o) : (fdr.alert[i] || o.all)) keep.push_back(i);
  }
  detect::report_order(keep, tests, fdr.q);
  rep.explained = o.explain;
  for (std::size_t i : keep) rep.signals.push_back(to_signal(cells, tests[i], fdr.q[i], fdr.alert[i], o));
  if (fdr.closest) {
    rep.closest = to_signal(cells, tests[*fdr.closest], fdr.q[*fdr.closest], false, o);
    // Its cases are counted, not listed: no output shows them, and a shift's
    // are every case since the change (reading their sentences took seconds).
    rep.closest->evidence.clear();
  }

  // Heatmap: theme x afdeling cells (and theme overall), rate per period.
  detect::heatmap(cells, o, rep.columns, rep.heatmap);
  return rep;
}

}  // namespace

const char* kind_name(SignalKind k) {
  switch (k) {
    case SignalKind::shift: return "shift";
    case SignalKind::rising: return "rising";
    case SignalKind::unusual: return "unusual";
    case SignalKind::recurring: return "recurring";
    case SignalKind::trend: return "trend";
    case SignalKind::profile: return "profile";
  }
  return "?";
}

const char* kind_question(SignalKind k) {
  switch (k) {
    case SignalKind::shift: return "What changed for good, and since when?";
    case SignalKind::rising: return "Is the latest period higher than the periods before it?";
    case SignalKind::unusual: return "Is the latest period above what the recent past predicts?";
    case SignalKind::recurring: return "Does it keep coming back, period after period?";
    case SignalKind::trend: return "Is it climbing steadily?";
    case SignalKind::profile: return "Is it more common in this afdeling than elsewhere?";
  }
  return "?";
}

Result<SignalKind> parse_kind(std::string_view name) {
  for (SignalKind k : kAllKinds)
    if (name == kind_name(k)) return k;
  return make_error(Errc::usage, "signals: unknown kind '" + std::string(name) +
                                     "' (shift, rising, unusual, recurring, trend or profile)");
}

std::string period_label(int index, Grain g) {
  if (g == Grain::year) return std::to_string(index);
  return std::to_string(index / 4) + "Q" + std::to_string(index % 4 + 1);
}

Result<int> parse_period(std::string_view text, Grain g, bool end) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '-') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int year = 0, quarter = 0;
  char extra = 0;
  const bool ok = (s.size() == 4 && std::sscanf(s.c_str(), "%4d%c", &year, &extra) == 1) ||
                  (s.size() == 6 && std::sscanf(s.c_str(), "%4dQ%1d%c", &year, &quarter, &extra) == 2 &&
                   quarter >= 1 && quarter <= 4);
  if (!ok || year < 1900 || year > 2200)
    return make_error(Errc::usage, "signals: period '" + std::string(text) + "' is not a year (2021) or a quarter (2021Q3)");
  if (g == Grain::year) return year;
  if (quarter == 0) quarter = end ? 4 : 1;
  return year * 4 + quarter - 1;
}

Result<std::vector<SignalUnit>> load_signal_units(Database& db, std::string_view level) {
  if (!unit_level_name(level))
    return make_error(Errc::usage, "signals: --level must be organisation, dienst, afdeling, team or all");
  OMB_TRY_ASSIGN(rows, unit_rows(db, level));
  std::vector<SignalUnit> out;
  out.reserve(rows.size());
  for (UnitRow& r : rows) {
    SignalUnit u;
    u.document_id = r.document_id;
    u.case_id = r.case_id;
    u.organisation = std::move(r.organisation);
    u.doctype = std::move(r.doctype);
    u.afdeling = std::move(r.afdeling);
    u.themes = std::move(r.themes);
    u.year = r.year;
    u.quarter = r.quarter;
    u.date = std::move(r.date);
    out.push_back(std::move(u));
  }
  return out;
}

Result<SignalReport> detect_signals(const std::vector<SignalUnit>& units, const SignalOptions& options) {
  if (!(options.q > 0 && options.q <= 1)) return make_error(Errc::usage, "signals: --q must be in (0, 1]");
  if (options.recur_k < 1 || options.recur_m < options.recur_k)
    return make_error(Errc::usage, "signals: recurring needs 1 <= k <= m");
  if (!(options.alpha > 0 && options.alpha < 1)) return make_error(Errc::usage, "signals: alpha must be in (0, 1)");
  return run(units, options);
}

Result<SignalReport> find_signals(Database& db, const SignalOptions& options) {
  OMB_TRY_ASSIGN(units, load_signal_units(db, options.level));
  OMB_TRY_ASSIGN(report, detect_signals(units, options));
  OMB_TRY(attach_evidence(db, report));
  return report;
}

}  // namespace omb
