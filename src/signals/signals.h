// signals/signals.h — recurring and rising themes per afdeling, with the evidence.
//
// find_signals() reads the units of analysis from a database that `ingest`
// filled (a case is a unit; a report without cases is one unit), counts them
// per cell and period with their exposure (signals/cells.h), runs the
// detectors (signals/detectors.h, on the tests of signals/significance.h and
// signals/change_point.h), adjusts all p-values of the run with
// Benjamini-Hochberg (signals/fdr.h), and returns the signals with the cases
// behind them (signals/evidence.h; store/read.h reads for it).
// docs/signals.md states the design and the formulas.
//
// Cells are per series, the reports of one kind of one organisation (afdeling
// names belong to one organisation; a quarterly report's cases and single
// investigation reports are not one series):
// theme T x afdeling A (exposure: all units of A), theme T overall (exposure:
// all units of the organisation) and afdeling A overall (units of A against all
// units). A period in which the organisation published nothing is missing, not
// zero. The database is only read; it is not changed. Fails with Errc::usage
// for a bad option (a period that does not parse, from after to) and with the
// database's error when a read fails.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/marks.h"
#include "base/result.h"
#include "store/db.h"

namespace omb {

enum class Grain { quarter, year };
// shift looks at a cell's whole series (a lasting change wherever it began);
// the others at one period (the latest, or each of --from … --to).
enum class SignalKind { shift, rising, unusual, recurring, trend, profile };
inline constexpr SignalKind kAllKinds[] = {SignalKind::shift, SignalKind::rising, SignalKind::unusual,
                                           SignalKind::recurring, SignalKind::trend, SignalKind::profile};
const char* kind_name(SignalKind k);
// The question a kind of signal answers, as an analyst would ask it.
const char* kind_question(SignalKind k);
Result<SignalKind> parse_kind(std::string_view name);

// Periods are numbered: year * 4 + quarter - 1 by quarter, the year by year.
std::string period_label(int index, Grain g);
// "2021", "2021Q3", "2021-Q3", "2021 q3". By quarter a bare year is its first
// quarter (`end`: its last); by year a quarter is its year.
Result<int> parse_period(std::string_view text, Grain g, bool end);

struct SignalOptions {
  Grain grain = Grain::quarter;
  std::vector<std::string> themes;      // only these themes (empty: all, and the afdeling-overall cells)
  std::vector<std::string> afdelingen;  // only these afdelingen (empty: all, and the theme-overall cells)
  std::string level = "afdeling";       // the units counted as afdelingen: store/read.h's kUnitLevels
  std::vector<std::string> orgs;        // organisations whose name contains one of these (folded)
  std::string from, to;                 // periods to evaluate; both empty: each organisation's last
  std::vector<SignalKind> kinds;        // empty: all
  double q = 0.10;                      // Benjamini-Hochberg level
  int min_count = 3;                    // guard: cases in the period at least
  int min_recent = 5;                   // guard: cases in the last 4 periods at least
  int baseline = 0;                     // rising: periods before; 0 = 12 quarters or 3 years
  int recur_k = 5, recur_m = 6;         // recurring: present in k of the last m periods
  double alpha = 0.05;                  // unusual: level of the predictive bound
  bool all = false;                     // return every test, not only the alerts
  // Explain the cells named by `themes` and `afdelingen` instead of filtering
  // the run by them: every cell is tested as in a run without them (so q is
  // that run's q), and every test of the named cells comes back, alert or not,
  // with what stopped it, and each test that could not be run, with why.
  bool explain = false;
  std::size_t evidence_limit = 0;       // cases per signal; 0 = all
};


struct Evidence {
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;  // absent: a report without cases
  std::string period, zaaknummer, title, document_title, afdeling;
  std::vector<std::string> themes;
  std::string sentence;                 // a sentence carrying the theme (or the case's first); its words
                                        // marked with kMarkOpen/kMarkClose (base/marks.h)
  std::string rule;                     // the rule that tagged the theme there
  std::vector<std::string> sources;     // every path of the document
  int page = 1, line = 1;               // of the passage holding that sentence
};

struct SeriesPoint {
  std::string period;
  int index = 0;
  std::int64_t count = 0, exposure = 0;
  std::optional<double> threshold;      // the unusual detector's bound, where it has a reference
  bool alarm = false;                   // count above the bound
  bool burst = false;                   // Kleinberg's burst state
};

// A rate over a stretch of periods: count of exposure, with its Clopper-Pearson 95% interval.
struct RateStretch {
  std::int64_t count = 0, exposure = 0;
  double rate = 0, lo = 0, hi = 0;
};

// What the shift detector found: since when, the rate before and after.
struct ShiftFacts {
  std::string since;                    // the first period after the change
  int since_index = 0;
  RateStretch before, after;
  double statistic = 0;                 // the one-sided likelihood ratio at the change
  std::string latest;                   // the series' last period
  bool still_up = false;                // its rate above the upper bound of the rate before
};

struct Signal {
  std::string organisation, doctype;          // the series: one organisation's reports of one kind
  std::string afdeling, theme;                // "" = all
  std::string level = "afdeling";             // the level of units counted as afdelingen (SignalOptions::level)
  std::string period;
  int period_index = 0;
  SignalKind kind = SignalKind::rising;
  double observed = 0;
  std::optional<double> expected, ratio, lo, hi;  // lo/hi: the ratio's 95% interval
  std::optional<double> threshold;                // unusual: the predictive bound
  double p = 1, q = 1;
  bool alert = false;
  bool ran = true;                      // false: the test could not be run (explain only); see `stopped`
  // Why there is no alert: each guard that failed and a q above the level, in
  // words ("2 cases in the period, under --min-count 3"); for a test not run,
  // why not. Empty for an alert.
  std::string stopped;
  std::string detail;                   // the detector's own figures, one line
  // Context, whatever the kind.
  int present = 0, window = 0;          // periods with the theme among the last `window`
  std::optional<double> trend_slope;    // Sen's slope of the rate, per year
  std::optional<double> trend_p;        // Mann-Kendall one-sided
  std::vector<Evidence> evidence;
  std::size_t evidence_total = 0;       // before evidence_limit
  std::vector<SeriesPoint> series;      // the cell's whole series
  std::optional<ShiftFacts> shift;      // kind shift only
};

struct HeatmapRow {
  std::string organisation, doctype, afdeling, theme;
  std::vector<std::optional<double>> rate;  // per column of SignalReport::columns; absent: no rate
  std::vector<std::int64_t> count;          // -1: no report of the series then; 0 with no rate: no case of the afdeling
};

struct SignalReport {
  Grain grain = Grain::quarter;
  std::string level = "afdeling";        // the level of units counted as afdelingen (SignalOptions::level)
  std::size_t units = 0, unplaced = 0;   // units, and those without a period at this grain
  std::size_t cells = 0, tests = 0;      // cells examined, p-values adjusted together
  double q_level = 0.10;                 // the Benjamini-Hochberg level of the run
  std::size_t bh_passed = 0;             // tests with q at or under the level
  double bh_cutoff = 0;                  // the largest p among them (0: none passed)
  bool explained = false;                // signals are the named cells' tests (SignalOptions::explain)
  // The test nearest to an alert that is not one (smallest q, then p), with
  // what stopped it: where "nothing stands out" points to.
  std::optional<Signal> closest;
  std::vector<Signal> signals;           // sorted by q, then ratio (descending)
  std::vector<std::string> columns;      // period labels of the heatmap
  std::vector<HeatmapRow> heatmap;       // theme x afdeling cells with any count
};

// A unit of analysis: a case, or a report without cases.
struct SignalUnit {
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;
  std::string organisation, doctype, afdeling;
  std::vector<std::string> themes;
  std::optional<int> year, quarter;
  std::string date;                     // YYYY-MM-DD or "", places a report without a quarter
};

// The three steps of find_signals, for tests and other callers:
// every unit in the database (read only);
Result<std::vector<SignalUnit>> load_signal_units(Database& db, std::string_view level = "afdeling");
// the statistics, in memory; evidence holds document, case, period and themes only;
Result<SignalReport> detect_signals(const std::vector<SignalUnit>& units, const SignalOptions& options);
// zaaknummer, titles, sources, sentence, page and line of every evidence item.
Status attach_evidence(Database& db, SignalReport& report);

Result<SignalReport> find_signals(Database& db, const SignalOptions& options);

}  // namespace omb
