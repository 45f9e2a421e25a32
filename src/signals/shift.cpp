// The shift detector of signals/detectors.h: a lasting change wherever it
// began (issue #17).
#include <span>

#include "signals/change_point.h"
#include "signals/detectors.h"

namespace omb::detect {

// The best single change point of the cell's rate over its whole series up
// to `last`, one-sided (a rise), with the exact conditional p of
// significance::shift_test. At least 3 periods with cases on each side. Its
// guard: cases in the whole series (blind to where the change lies), some
// cases after it, and a rate after at least 1.5 times the rate before; the
// evidence is the cases since.
void test_shift(const Context& c, std::size_t oi, const Key& key, std::size_t last, std::vector<Test>& out) {
  const SignalOptions& o = c.o;
  const Series& org = c.cells.series[oi];
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const std::size_t start = org.first(key);
  if (last < start) return;
  const std::span<const std::int64_t> ys = std::span(y).subspan(start, last + 1 - start);
  const std::span<const std::int64_t> ns = std::span(n).subspan(start, last + 1 - start);
  // The exact p only where an alert is possible: the guard below first.
  significance::Shift sh = significance::shift_test(ys, ns, true, 3, false);
  if (!sh.valid) return c.not_run(oi, key, last, SignalKind::shift, "fewer than 6 periods with cases (3 on each side)", out);
  if (sh.max_lr <= 0) return c.not_run(oi, key, last, SignalKind::shift, "the rate rises at no split", out);
  std::int64_t total = 0;
  for (auto v : ys) total += v;
  const std::size_t tau = start + sh.tau;
  Test t{oi, key, last, SignalKind::shift};
  t.observed = static_cast<double>(sh.y_after);
  t.expected = sh.rate_before * static_cast<double>(sh.n_after);
  if (sh.rate_before > 0) t.ratio = sh.rate_after / sh.rate_before;
  // On a large archive a rise from 6.1% to 7.3% is significant and of no
  // interest to anyone: an alert also needs the rate to rise by half.
  t.candidate = total >= o.min_recent && sh.y_after >= o.min_count && sh.rate_after >= 1.5 * sh.rate_before;
  // A test that cannot alert enters Benjamini-Hochberg with p = 1 instead of
  // its exact p: a larger p never lowers another test's q, and the exact p's
  // dynamic program was two thirds of a run on a large archive (#17).
  if (t.candidate) sh.p = significance::shift_test(ys, ns, true, 3, true).p;
  t.p = sh.p;
  if (total < o.min_recent)
    t.stopped = std::to_string(total) + " cases in the whole series, under --min-recent " + std::to_string(o.min_recent);
  if (sh.y_after < o.min_count)
    t.stopped = joined(t.stopped, std::to_string(sh.y_after) + " cases since the change, under --min-count " +
                                      std::to_string(o.min_count));
  if (sh.rate_after < 1.5 * sh.rate_before)
    t.stopped = joined(t.stopped, "the rate rose only x" + fmt("%.2f", sh.rate_before > 0 ? sh.rate_after / sh.rate_before : 0) +
                                      ", under x1.5");
  if (!t.candidate) t.stopped = joined(t.stopped, "so its exact p was not computed (p taken as 1)");
  ShiftFacts f;
  f.since_index = org.periods[tau];
  f.since = period_label(f.since_index, o.grain);
  f.before = {sh.y_before, sh.n_before, sh.rate_before, sh.lo_before, sh.hi_before};
  f.after = {sh.y_after, sh.n_after, sh.rate_after, sh.lo_after, sh.hi_after};
  f.statistic = sh.max_lr;
  f.latest = period_label(org.periods[last], o.grain);
  f.still_up = n[last] > 0 && static_cast<double>(y[last]) / static_cast<double>(n[last]) > sh.hi_before;
  t.detail = "since " + f.since + " " + std::to_string(sh.y_after) + " of " + std::to_string(sh.n_after) + " (" +
             fmt("%.0f%%", 100 * sh.rate_after) + ") against " + std::to_string(sh.y_before) + " of " +
             std::to_string(sh.n_before) + " (" + fmt("%.0f%%", 100 * sh.rate_before) + ") before; LR " +
             fmt("%.2f", sh.max_lr) + " over " + std::to_string(sh.lr.size()) + " possible changes, exact p";
  for (std::size_t i = tau; i <= last; ++i)
    if (y[i] > 0) t.evidence_pos.push_back(i);
  t.shift = std::move(f);
  out.push_back(std::move(t));
}

}  // namespace omb::detect
