#include "signals/significance.h"

// Boost.Math, with every error turned into a NaN/inf return value: nothing here throws.
#define BOOST_MATH_DOMAIN_ERROR_POLICY ignore_error
#define BOOST_MATH_POLE_ERROR_POLICY ignore_error
#define BOOST_MATH_OVERFLOW_ERROR_POLICY ignore_error
#define BOOST_MATH_EVALUATION_ERROR_POLICY ignore_error
#define BOOST_MATH_ROUNDING_ERROR_POLICY ignore_error
#define BOOST_MATH_INDETERMINATE_RESULT_ERROR_POLICY ignore_error
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace omb::significance {
namespace bm = boost::math;
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
double binom_pmf(std::int64_t k, std::int64_t n, double p) {
  if (k < 0 || k > n) return 0;
  return bm::pdf(bm::binomial_distribution<double>(static_cast<double>(n), p), static_cast<double>(k));
}
double binom_cdf(std::int64_t k, std::int64_t n, double p) {  // P(X <= k)
  if (k < 0) return 0;
  if (k >= n) return 1;
  return clamp01(bm::cdf(bm::binomial_distribution<double>(static_cast<double>(n), p), static_cast<double>(k)));
}
}  // namespace

double normal_cdf(double z) { return bm::cdf(bm::normal_distribution<double>(), z); }
double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return p <= 0 ? -kInf : kInf;
  return bm::quantile(bm::normal_distribution<double>(), p);
}

double binom_tail_ge(std::int64_t k, std::int64_t n, double p) {
  if (k <= 0) return 1;
  if (k > n || n <= 0) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return clamp01(bm::cdf(bm::complement(bm::binomial_distribution<double>(static_cast<double>(n), p),
                                        static_cast<double>(k - 1))));
}

double binom_two_sided(std::int64_t x, std::int64_t n, double p) {
  if (n <= 0 || x < 0 || x > n) return 1;
  if (p <= 0) return x == 0 ? 1 : 0;
  if (p >= 1) return x == n ? 1 : 0;
  const double rel = 1 + 1e-7;
  const double d = binom_pmf(x, n, p);
  const double m = static_cast<double>(n) * p;
  if (static_cast<double>(x) == m) return 1;
  if (static_cast<double>(x) < m) {
    std::int64_t y = 0;
    for (std::int64_t i = static_cast<std::int64_t>(std::ceil(m)); i <= n; ++i)
      if (binom_pmf(i, n, p) <= d * rel) ++y;
    return clamp01(binom_cdf(x, n, p) + binom_tail_ge(n - y + 1, n, p));
  }
  std::int64_t y = 0;
  for (std::int64_t i = 0; i <= static_cast<std::int64_t>(std::floor(m)); ++i)
    if (binom_pmf(i, n, p) <= d * rel) ++y;
  return clamp01(binom_cdf(y - 1, n, p) + binom_tail_ge(x, n, p));
}

double negbin_tail_ge(std::int64_t x, double size, double prob) {
  if (x <= 0) return 1;
  if (!(size > 0) || !(prob > 0) || prob > 1) return kNaN;
  return clamp01(bm::cdf(bm::complement(bm::negative_binomial_distribution<double>(size, prob),
                                        static_cast<double>(x - 1))));
}

std::int64_t negbin_quantile(double q, double size, double prob) {
  if (!(size > 0) || !(prob > 0) || prob > 1 || !(q >= 0 && q < 1)) return -1;
  bm::negative_binomial_distribution<double> nb(size, prob);
  // Start near the continuous quantile and walk to the exact discrete one.
  double guess = bm::quantile(bm::negative_binomial_distribution<double, bm::policies::policy<
                                  bm::policies::discrete_quantile<bm::policies::real>>>(size, prob), q);
  std::int64_t x = std::isfinite(guess) ? std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(guess)) - 1) : 0;
  while (x > 0 && bm::cdf(nb, static_cast<double>(x - 1)) >= q) --x;
  while (bm::cdf(nb, static_cast<double>(x)) < q) ++x;
  return x;
}

double fisher_greater(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  if (a < 0 || b < 0 || c < 0 || d < 0) return kNaN;
  if (a == 0) return 1;
  const auto N = static_cast<unsigned>(a + b + c + d);
  const auto K = static_cast<unsigned>(a + c);  // units with the theme
  const auto n = static_cast<unsigned>(a + b);  // units of the afdeling
  bm::hypergeometric_distribution<double> h(K, n, N);
  return clamp01(bm::cdf(bm::complement(h, static_cast<unsigned>(a - 1))));
}

RateRatio rate_ratio_test(std::int64_t x1, double t1, std::int64_t x0, double t0, double conf) {
  RateRatio r;
  const std::int64_t n = x1 + x0;
  if (!(t1 > 0) || !(t0 > 0) || x1 < 0 || x0 < 0 || n == 0) return r;
  r.valid = true;
  const double p0 = t1 / (t1 + t0);
  r.expected = static_cast<double>(x0) * t1 / t0;
  r.ratio = x0 == 0 ? kInf : (static_cast<double>(x1) / t1) / (static_cast<double>(x0) / t0);
  r.p_greater = binom_tail_ge(x1, n, p0);
  r.p_two = binom_two_sided(x1, n, p0);
  r.mid_p = clamp01(r.p_greater - 0.5 * binom_pmf(x1, n, p0));
  const double alpha = 1 - conf;
  const double pl = x1 == 0 ? 0 : bm::ibeta_inv(static_cast<double>(x1), static_cast<double>(x0 + 1), alpha / 2);
  const double pu = x0 == 0 ? 1 : bm::ibeta_inv(static_cast<double>(x1 + 1), static_cast<double>(x0), 1 - alpha / 2);
  r.lo = pl / (1 - pl) * t0 / t1;
  r.hi = pu >= 1 ? kInf : pu / (1 - pu) * t0 / t1;
  return r;
}

Ears ears(std::span<const double> reference, double x, double alpha, double min_sigma) {
  Ears e;
  if (reference.size() < 2) return e;
  e.valid = true;
  const double n = static_cast<double>(reference.size());
  e.mean = std::accumulate(reference.begin(), reference.end(), 0.0) / n;
  double ss = 0;
  for (double v : reference) ss += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(ss / (n - 1));
  const double sigma = std::max(e.sd, min_sigma);
  e.upper = e.mean + normal_quantile(1 - alpha) * sigma;
  e.stat = sigma > 0 ? (x - e.mean) / sigma : (x > e.mean ? kInf : 0);
  e.alarm = x > e.upper;
  return e;
}

Bayes bayes_exposure(double ref_sum, double ref_exposure, double exposure, std::int64_t x, double alpha) {
  Bayes b;
  if (!(ref_exposure > 0) || !(exposure > 0) || ref_sum < 0 || x < 0) return b;
  b.valid = true;
  b.size = ref_sum + 0.5;
  b.prob = ref_exposure / (ref_exposure + exposure);
  b.upper = negbin_quantile(1 - alpha, b.size, b.prob);
  b.p = negbin_tail_ge(x, b.size, b.prob);
  b.expected = b.size * (1 - b.prob) / b.prob;
  b.alarm = static_cast<double>(x) > static_cast<double>(b.upper);
  return b;
}

Bayes bayes(double ref_sum, double ref_periods, std::int64_t x, double alpha) {
  return bayes_exposure(ref_sum, ref_periods, 1.0, x, alpha);
}

MannKendall mann_kendall(std::span<const double> t, std::span<const double> y, int min_points) {
  MannKendall mk;
  const std::size_t n = std::min(t.size(), y.size());
  mk.n = static_cast<int>(n);
  if (n < static_cast<std::size_t>(std::max(min_points, 3))) return mk;
  mk.valid = true;
  auto sign = [](double v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); };
  int s = 0;
  std::vector<double> slopes;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      s += sign(y[j] - y[i]);
      if (t[j] != t[i]) slopes.push_back((y[j] - y[i]) / (t[j] - t[i]));
    }
  mk.s = s;
  mk.sen = median(std::move(slopes));
  // Ties in y: groups of equal values.
  std::vector<double> sorted(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
  std::sort(sorted.begin(), sorted.end());
  double tie_term = 0, tie_pairs = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const double g = static_cast<double>(j - i);
    tie_term += g * (g - 1) * (2 * g + 5);
    tie_pairs += g * (g - 1) / 2;
    i = j;
  }
  const double nn = static_cast<double>(n);
  mk.var = (nn * (nn - 1) * (2 * nn + 5) - tie_term) / 18;
  const double n0 = nn * (nn - 1) / 2;
  mk.tau_b = (n0 - tie_pairs) > 0 ? s / std::sqrt(n0 * (n0 - tie_pairs)) : 0;
  mk.z = mk.var > 0 ? (s - sign(s)) / std::sqrt(mk.var) : 0;
  if (n <= 10) {
    // Exact permutation distribution of S with the ties kept: place the values
    // one position at a time; a subset of placed values and the S so far is a
    // state (2^n * (n^2) states instead of n! orderings).
    const int maxs = static_cast<int>(n * (n - 1) / 2);
    const std::size_t width = static_cast<std::size_t>(2 * maxs + 1);
    std::vector<double> dist((std::size_t{1} << n) * width, 0.0);
    dist[static_cast<std::size_t>(maxs)] = 1;
    for (std::size_t used = 0; used < (std::size_t{1} << n); ++used) {
      const double* row = &dist[used * width];
      bool any = false;
      for (std::size_t k = 0; k < width && !any; ++k) any = row[k] != 0;
      if (!any) continue;
      for (std::size_t e = 0; e < n; ++e) {
        if (used & (std::size_t{1} << e)) continue;
        int inc = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (used & (std::size_t{1} << i)) inc += sign(y[e] - y[i]);
        double* next = &dist[(used | (std::size_t{1} << e)) * width];
        for (std::size_t k = 0; k < width; ++k)
          if (row[k] != 0) next[static_cast<std::size_t>(static_cast<int>(k) + inc)] += row[k];
      }
    }
    const double* all = &dist[((std::size_t{1} << n) - 1) * width];
    double total = 0, ge = 0, abs_ge = 0;
    for (int k = 0; k < static_cast<int>(width); ++k) {
      const int sv = k - maxs;
      total += all[k];
      if (sv >= s) ge += all[k];
      if (std::abs(sv) >= std::abs(s)) abs_ge += all[k];
    }
    mk.exact = true;
    mk.p_greater = ge / total;
    mk.p_two = abs_ge / total;
  } else {
    mk.p_greater = 1 - normal_cdf(mk.z);
    mk.p_two = std::min(1.0, 2 * (1 - normal_cdf(std::abs(mk.z))));
  }
  return mk;
}

PoissonTrend poisson_trend(std::span<const double> t, std::span<const double> y, std::span<const double> n) {
  PoissonTrend r;
  const std::size_t k = std::min({t.size(), y.size(), n.size()});
  if (k < 3) return r;
  double sy = 0, sn = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (!(n[i] > 0) || y[i] < 0) return r;
    sy += y[i];
    sn += n[i];
  }
  if (!(sy > 0)) return r;
  double b0 = std::log(sy / sn), b1 = 0;
  for (int it = 0; it < 50; ++it) {
    double a00 = 0, a01 = 0, a11 = 0, r0 = 0, r1 = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double mu = n[i] * std::exp(b0 + b1 * t[i]);
      const double z = b0 + b1 * t[i] + (y[i] - mu) / mu;
      a00 += mu; a01 += mu * t[i]; a11 += mu * t[i] * t[i];
      r0 += mu * z; r1 += mu * z * t[i];
    }
    const double det = a00 * a11 - a01 * a01;
    if (!(std::abs(det) > 0)) return r;
    const double nb0 = (a11 * r0 - a01 * r1) / det, nb1 = (a00 * r1 - a01 * r0) / det;
    const bool done = std::abs(nb0 - b0) + std::abs(nb1 - b1) < 1e-12;
    b0 = nb0; b1 = nb1;
    if (done) break;
  }
  // Information at the solution.
  double a00 = 0, a01 = 0, a11 = 0, dev = 0, dev0 = 0, pearson = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double mu = n[i] * std::exp(b0 + b1 * t[i]);
    const double mu0 = n[i] * sy / sn;
    a00 += mu; a01 += mu * t[i]; a11 += mu * t[i] * t[i];
    dev += 2 * ((y[i] > 0 ? y[i] * std::log(y[i] / mu) : 0) - (y[i] - mu));
    dev0 += 2 * ((y[i] > 0 ? y[i] * std::log(y[i] / mu0) : 0) - (y[i] - mu0));
    pearson += (y[i] - mu) * (y[i] - mu) / mu;
  }
  const double det = a00 * a11 - a01 * a01;
  r.valid = det > 0;
  r.b0 = b0; r.b1 = b1;
  r.se = std::sqrt(a00 / det);
  r.z = b1 / r.se;
  r.p = 2 * (1 - normal_cdf(std::abs(r.z)));
  r.lr = std::max(0.0, dev0 - dev);
  r.lr_p = 2 * (1 - normal_cdf(std::sqrt(r.lr)));  // χ²(1) upper tail
  r.dispersion = k > 2 ? pearson / static_cast<double>(k - 2) : kNaN;
  r.quasi_se = r.se * std::sqrt(r.dispersion);
  return r;
}

Disproportion disproportion(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d, double conf) {
  Disproportion r;
  if (a < 0 || b < 0 || c < 0 || d < 0 || a + b == 0 || c + d == 0) return r;
  r.valid = true;
  const double A = static_cast<double>(a), B = static_cast<double>(b), C = static_cast<double>(c),
               D = static_cast<double>(d);
  const double N = A + B + C + D;
  const double z = normal_quantile(1 - (1 - conf) / 2);
  r.prr = (A / (A + B)) / (C / (C + D));
  const double se_prr = std::sqrt(1 / A - 1 / (A + B) + 1 / C - 1 / (C + D));
  r.prr_lo = r.prr * std::exp(-z * se_prr);
  r.prr_hi = r.prr * std::exp(z * se_prr);
  r.ror = (A * D) / (B * C);
  const double se_ror = std::sqrt(1 / A + 1 / B + 1 / C + 1 / D);
  r.ror_lo = r.ror * std::exp(-z * se_ror);
  r.ror_hi = r.ror * std::exp(z * se_ror);
  r.expected = (A + B) * (A + C) / N;
  r.ic = std::log2((A + 0.5) / (r.expected + 0.5));
  const double lo_p = (1 - conf) / 2;
  r.ic_lo = std::log2(bm::gamma_p_inv(A + 0.5, lo_p) / (r.expected + 0.5));
  r.ic_hi = std::log2(bm::gamma_p_inv(A + 0.5, 1 - lo_p) / (r.expected + 0.5));
  r.fisher_p = fisher_greater(a, b, c, d);
  return r;
}

std::vector<double> bh_adjust(std::span<const double> p) {
  const std::size_t n = p.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  std::vector<double> q(n);
  double run = 1;
  for (std::size_t r = 0; r < n; ++r) {  // from the largest p down
    const std::size_t i = order[r];
    const double rank = static_cast<double>(n - r);
    run = std::min(run, p[i] * static_cast<double>(n) / rank);
    q[i] = std::min(1.0, run);
  }
  return q;
}

std::vector<double> by_adjust(std::span<const double> p) {
  double h = 0;
  for (std::size_t i = 1; i <= p.size(); ++i) h += 1.0 / static_cast<double>(i);
  std::vector<double> scaled(p.begin(), p.end());
  for (double& v : scaled) v *= h;
  return bh_adjust(scaled);
}

void clopper_pearson(std::int64_t x, std::int64_t n, double conf, double* lo, double* hi) {
  const double alpha = 1 - conf;
  if (n <= 0 || x < 0 || x > n) {
    *lo = kNaN;
    *hi = kNaN;
    return;
  }
  const double xd = static_cast<double>(x), nd = static_cast<double>(n);
  *lo = x == 0 ? 0 : bm::ibeta_inv(xd, nd - xd + 1, alpha / 2);
  *hi = x == n ? 1 : bm::ibeta_inv(xd + 1, nd - xd, 1 - alpha / 2);
}

}  // namespace omb::significance
