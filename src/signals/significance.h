// signals/significance.h — the significance tests behind `ombudsmine signals`,
// as plain functions: the distributions they rest on, the test of each
// per-period detector (rate ratio, EARS and the Bayes bound, Mann-Kendall
// and the Poisson trend, disproportionality) and the false-discovery-rate
// adjustments. signals/change_point.h has the tests over a whole series.
//
// Contract: pure functions of their arguments (no I/O, no global state, no
// exceptions: distribution functions come from Boost.Math with a policy that
// returns NaN instead of throwing). Inputs outside a function's domain (negative
// counts, zero exposure, too few points) give a result whose `valid` is false
// or a NaN, never a crash. Every function is checked against the reference
// values of ../shared/reference/signals.md (R `surveillance`, base R) in
// tests/unit/significance_test.cpp; docs/signals.md explains the choices.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace omb::significance {

// A probability clamped to [0, 1]; NaN stays NaN.
inline double clamp01(double p) { return std::isnan(p) ? p : std::min(1.0, std::max(0.0, p)); }

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

// Clopper-Pearson interval for x successes of n (R binom.test's conf.int).
void clopper_pearson(std::int64_t x, std::int64_t n, double conf, double* lo, double* hi);

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

}  // namespace omb::significance
