// signals/detectors.h — the detectors: each asks one question (kind_question)
// of one cell of a series and gives a Test (internal to signals/).
//
// test_period() runs the per-period detectors wanted by the options on the
// cell `key` of series `s` at its period `pos`, in this order: rising (the
// period against the baseline periods before, exact Poisson rate ratio),
// unusual (above the Bayes predictive bound of the recent periods), recurring
// (present in k of the last m periods), trend (Mann-Kendall over the last 12
// quarters or 8 years) and profile (the afdeling's share of the theme against
// the rest of the organisation over the last year). test_shift() runs the
// shift detector (a lasting change, wherever it began) on the cell's whole
// series up to `last`. A cell's series starts where its afdeling first has
// cases. Each Test carries its p (not yet adjusted), whether the detector's
// condition and its guard hold (`candidate`), in words what stopped it, and
// the periods whose units are its evidence. A test that cannot be run is kept,
// with why, only when the options explain. Both append to `out`; pure.
// docs/signals.md has the formulas and guards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signals/cells.h"
#include "signals/signals.h"

namespace omb::detect {

constexpr int kRecentPeriods = 4;  // the guard's "last 4 periods"

struct Test {
  std::size_t org;  // index into Cells::series
  Key key;
  std::size_t pos;  // the period tested (shift: the series' last), an index into the series' periods
  SignalKind kind;
  double observed = 0;
  std::optional<double> expected, ratio, lo, hi, threshold;
  double p = 1;
  bool candidate = false;  // the detector's own condition and the guard hold
  bool ran = true;         // false: could not be run (explain only), `stopped` says why
  std::string stopped;     // why not a candidate: failed guards and condition
  std::string detail;
  std::vector<std::size_t> evidence_pos;  // periods whose cases are the evidence
  std::optional<ShiftFacts> shift;
};

// What every detector reads: the counts and the options.
struct Context {
  const Cells& cells;
  const SignalOptions& o;

  bool wanted(SignalKind k) const;
  // rising: periods before (--baseline; 0 = 12 quarters or 3 years).
  int baseline() const { return o.baseline > 0 ? o.baseline : (o.grain == Grain::quarter ? 12 : 3); }
  int per_year() const { return o.grain == Grain::quarter ? 4 : 1; }
  // Records why a test could not be run on a cell (only when explaining).
  void not_run(std::size_t s, const Key& key, std::size_t pos, SignalKind k, std::string why,
               std::vector<Test>& out) const;
};

void test_period(const Context& c, std::size_t s, const Key& key, std::size_t pos, std::vector<Test>& out);
void test_shift(const Context& c, std::size_t s, const Key& key, std::size_t last, std::vector<Test>& out);

// printf of one number, for the words of a test.
std::string fmt(const char* f, double v);
// "a; b", skipping empty parts.
std::string joined(const std::string& a, const std::string& b);

}  // namespace omb::detect
