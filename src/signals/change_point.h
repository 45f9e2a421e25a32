// signals/change_point.h — tests over a count series as a whole: where it
// changed for good (the shift detector's exact single change point; the
// Poisson GLR, CUSUM and optimal partitioning beside it) and where it ran in
// bursts (Kleinberg, for the charts).
//
// Contract as signals/significance.h: pure functions, no I/O, no exceptions;
// input outside a function's domain gives `valid` false, never a crash or a
// NaN in a result that says it is valid. Checked against
// ../shared/reference/signals.md and ../shared/reference/changepoint.md in
// tests/unit/change_point_test.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace omb::significance {

// --- persistent shift: Poisson GLR for an intercept change (algo.glrpois) ---
// GLR(n) for every n of the window, μ0 constant.
std::vector<double> glr_poisson(std::span<const double> x, double mu0);

// Lucas' Poisson CUSUM from μ0 to μ1: k = (μ1 - μ0) / (ln μ1 - ln μ0),
// S_t = max(0, S_{t-1} + x_t - k). Returns S per point; `k` gets the reference value.
std::vector<double> cusum_poisson(std::span<const double> x, double mu0, double mu1, double* k = nullptr);

// Change points of a count series by optimal partitioning (exact, as PELT): segment cost
// 2·[S − S·ln(S/L)] (Poisson, S the sum and L the length), `penalty` per change, segments at
// least `min_len` long. Returns the 0-based starts of the segments after the first.
std::vector<std::size_t> change_points(std::span<const double> x, double penalty, std::size_t min_len = 2);

// --- shift: the best single change point of a rate y/n, with an exact p -----
// ../shared/reference/changepoint.md (issue #17). Periods with n = 0 are
// dropped first; T' periods are left, Y = Σy, N = Σn. A split puts the first
// k kept periods before the change, k = min_side .. T' − min_side. Binomial
// log-likelihood ratio LR(k) = 2[ll(S_k, N_k) + ll(Y − S_k, N − N_k) − ll(Y, N)]
// with ll(y, n) = y ln(y/n) + (n − y) ln((n − y)/n); one-sided, LR+(k) = LR(k)
// where the rate before is below the rate after, else 0. The p-value is exact
// and conditional: the Y theme cases shuffled over all N cases, computed by a
// dynamic program over the running sum S_t (no random numbers), so it is right
// for taking the best of many splits, also in the far tail.
struct Shift {
  bool valid = false;            // false: y > n somewhere, or fewer than 2·min_side kept periods
  std::size_t tau = 0;           // index (into the input) of the first period after the change
  double max_lr = 0;             // the statistic at tau (one- or two-sided, as asked)
  double p = 1;                  // exact conditional p of max_lr
  std::int64_t y_before = 0, n_before = 0, y_after = 0, n_after = 0;
  double rate_before = 0, lo_before = 0, hi_before = 0;  // Clopper-Pearson 95 %
  double rate_after = 0, lo_after = 0, hi_after = 0;
  std::vector<std::size_t> split_tau;  // every split's tau (input index) …
  std::vector<double> lr;              // … and its statistic
};
// With exact_p false, p is left at 1 and the rest is computed: the dynamic
// program is most of the cost, and a caller that will not alert on the
// result anyway need not pay for it (1 is a valid, conservative p).
Shift shift_test(std::span<const std::int64_t> y, std::span<const std::int64_t> n, bool one_sided,
                 std::size_t min_side = 3, bool exact_p = true);

// --- bursts (charts): Kleinberg's batched two-state automaton ---------------
struct Bursts {
  bool valid = false;
  std::vector<int> state;   // 0 or 1 per period (Viterbi path)
  double p0 = 0, p1 = 0;    // base and burst rates
  double cost = 0;          // total cost of the path
  double weight = 0;        // Σ over burst periods of cost(0) - cost(1)
};
Bursts kleinberg(std::span<const std::int64_t> r, std::span<const std::int64_t> d, double s = 2, double gamma = 1);

}  // namespace omb::significance
