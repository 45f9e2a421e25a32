#include "signals/fdr.h"

#include <algorithm>

#include "signals/significance.h"

namespace omb::detect {

FdrResult control_fdr(std::vector<Test>& tests, double q_level) {
  FdrResult r;
  std::vector<double> ps;
  std::vector<std::size_t> ran;
  for (std::size_t i = 0; i < tests.size(); ++i)
    if (tests[i].ran) { ps.push_back(tests[i].p); ran.push_back(i); }
  r.tests = ran.size();
  r.q.assign(tests.size(), 1.0);
  {
    const auto adjusted = significance::bh_adjust(ps);
    for (std::size_t k = 0; k < ran.size(); ++k) r.q[ran[k]] = adjusted[k];
  }
  const auto& qs = r.q;
  r.alert.assign(tests.size(), false);
  for (std::size_t i : ran) {
    Test& t = tests[i];
    r.alert[i] = t.candidate && qs[i] <= q_level;
    if (qs[i] <= q_level) { ++r.passed; r.cutoff = std::max(r.cutoff, t.p); }
    if (qs[i] > q_level) t.stopped = joined(t.stopped, "q " + fmt("%.3g", qs[i]) + " above --q " + fmt("%.3g", q_level));
    if (!r.alert[i] && (!r.closest || qs[i] < qs[*r.closest] || (qs[i] == qs[*r.closest] && t.p < tests[*r.closest].p)))
      r.closest = i;
  }
  return r;
}

void report_order(std::vector<std::size_t>& keep, const std::vector<Test>& tests, const std::vector<double>& qs) {
  std::sort(keep.begin(), keep.end(), [&](std::size_t a, std::size_t b) {
    if (tests[a].ran != tests[b].ran) return tests[a].ran;
    if (qs[a] != qs[b]) return qs[a] < qs[b];
    const double ra = tests[a].ratio.value_or(0), rb = tests[b].ratio.value_or(0);
    if (ra != rb) return ra > rb;
    return a < b;
  });
}

}  // namespace omb::detect
