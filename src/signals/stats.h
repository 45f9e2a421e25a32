// signals/stats.h — the statistics behind `ombudsmine signals`, as plain functions.
//
// Contract: pure functions of their arguments (no I/O, no global state, no
// exceptions: distribution functions come from Boost.Math with a policy that
// returns NaN instead of throwing). Inputs outside a function's domain (negative
// counts, zero exposure, too few points) give a result whose `valid` is false
// or a NaN, never a crash. Every function is checked against the reference
// values of ../shared/reference/signals.md (R `surveillance`, base R) in
// tests/unit/stats_test.cpp; docs/signals.md explains the choices.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace omb::stats {

// --- distributions -------------------------------------------------------
double normal_cdf(double z);
double normal_quantile(double p);
// P(X >= k), X ~ Binomial(n, p).
double binom_tail_ge(std::int64_t k, std::int64_t n, double p);
// R's binom.test(x, n, p) two-sided p-value (sum of outcomes no more likely than x).
double binom_two_sided(std::int64_t x, std::int64_t n, double p);
// X ~ NegBin(size, prob) as R's dnbinom: P(X = x) = Γ(x+size)/(Γ(size) x!) prob^size (1-prob)^x.
double negbin_tail_ge(std::int64_t x, double size, double prob);
// The smallest x with P(X <= x) >= q (R's qnbinom).
std::int64_t negbin_quantile(double q, double size, double prob);
// One-sided Fisher exact p for the 2x2 table [[a, b], [c, d]]: P(A >= a).
double fisher_greater(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

// --- rising: exact conditional Poisson rate-ratio test (R poisson.test) -----
struct RateRatio {
  bool valid = false;       // false when an exposure is 0 or both counts are 0
  double ratio = 0;         // (x1/t1) / (x0/t0)
  double lo = 0, hi = 0;    // exact CI (Clopper-Pearson on x1 | x1+x0, mapped to the ratio)
  double p_greater = 1;     // one-sided, H1: ratio > 1
  double p_two = 1;         // two-sided (binom.test rule)
  double mid_p = 1;         // one-sided mid-p
  double expected = 0;      // x0 * t1 / t0
};
RateRatio rate_ratio_test(std::int64_t x1, double t1, std::int64_t x0, double t0, double conf = 0.95);

// --- unusual: EARS C1/C2 and the Bayes negative-binomial predictive bound ----
struct Ears {
  bool valid = false;
  double mean = 0, sd = 0;  // of the reference counts (sd with n-1)
  double upper = 0;         // mean + z(1-alpha) * max(sd, min_sigma)
  double stat = 0;          // (x - mean) / max(sd, min_sigma)
  bool alarm = false;       // x > upper
};
Ears ears(std::span<const double> reference, double x, double alpha, double min_sigma = 0);

struct Bayes {
  bool valid = false;
  double size = 0, prob = 0;  // the predictive NegBin
  std::int64_t upper = 0;     // its (1-alpha) quantile
  double p = 1;               // P(X >= x)
  double expected = 0;        // predictive mean
  bool alarm = false;         // x > upper
};
// algo.bayes: reference counts summing to `ref_sum` over `ref_periods` periods.
Bayes bayes(double ref_sum, double ref_periods, std::int64_t x, double alpha);
// With exposure: a Gamma(S + 1/2, N) posterior on the rate per unit of exposure,
// N the reference exposure, predicts NegBin(S + 1/2, N / (N + n_t)) for exposure
// n_t. Equal exposures give algo.bayes; rescaling all exposures changes nothing.
Bayes bayes_exposure(double ref_sum, double ref_exposure, double exposure, std::int64_t x, double alpha);

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
// Clopper-Pearson interval for x successes of n (R binom.test's conf.int).
void clopper_pearson(std::int64_t x, std::int64_t n, double conf, double* lo, double* hi);

// --- trend: Mann-Kendall with Sen's slope -----------------------------------
struct MannKendall {
  bool valid = false;       // false under 5 points (no trend claim is possible)
  int n = 0;
  double s = 0, var = 0, z = 0;
  double p_greater = 1;     // one-sided, increasing trend
  double p_two = 1;
  bool exact = false;       // permutation p (ties kept), used for n <= 10
  double sen = 0;           // median of pairwise slopes, per unit of t
  double tau_b = 0;
};
// t: the positions (period indices, gaps allowed); y: the values (rates).
MannKendall mann_kendall(std::span<const double> t, std::span<const double> y, int min_points = 5);

// Poisson GLM log E[y] = b0 + b1 t + log(n) by IRLS.
struct PoissonTrend {
  bool valid = false;
  double b0 = 0, b1 = 0, se = 0, z = 0, p = 1;  // Wald, two-sided
  double lr = 0, lr_p = 1;                      // likelihood ratio against b1 = 0
  double dispersion = 0;                        // Pearson χ² / (n - 2)
  double quasi_se = 0;                          // se * sqrt(dispersion)
};
PoissonTrend poisson_trend(std::span<const double> t, std::span<const double> y, std::span<const double> n);

// --- profile: disproportionality of a 2x2 table ------------------------------
// a = units of afdeling A with theme T, b = of A without T, c = other units with T, d = the rest.
struct Disproportion {
  bool valid = false;
  double prr = 0, prr_lo = 0, prr_hi = 0;
  double ror = 0, ror_lo = 0, ror_hi = 0;
  double expected = 0;                   // E = (a+b)(a+c)/N
  double ic = 0, ic_lo = 0, ic_hi = 0;   // log2((a+.5)/(E+.5)), gamma interval
  double fisher_p = 1;                   // one-sided
};
Disproportion disproportion(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d, double conf = 0.95);

// --- many tests ---------------------------------------------------------------
std::vector<double> bh_adjust(std::span<const double> p);  // R p.adjust(p, "BH")
std::vector<double> by_adjust(std::span<const double> p);  // R p.adjust(p, "BY")

// --- bursts (charts): Kleinberg's batched two-state automaton ---------------
struct Bursts {
  bool valid = false;
  std::vector<int> state;   // 0 or 1 per period (Viterbi path)
  double p0 = 0, p1 = 0;    // base and burst rates
  double cost = 0;          // total cost of the path
  double weight = 0;        // Σ over burst periods of cost(0) - cost(1)
};
Bursts kleinberg(std::span<const std::int64_t> r, std::span<const std::int64_t> d, double s = 2, double gamma = 1);

}  // namespace omb::stats
