#include "signals/stats.h"

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
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace omb::stats {
namespace bm = boost::math;
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
double clamp01(double p) { return std::isnan(p) ? p : std::min(1.0, std::max(0.0, p)); }
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

std::vector<double> glr_poisson(std::span<const double> x, double mu0) {
  std::vector<double> out;
  if (!(mu0 > 0)) return out;
  for (std::size_t n = 0; n < x.size(); ++n) {
    double best = 0;
    for (std::size_t k = 0; k <= n; ++k) {
      double sx = 0;
      for (std::size_t t = k; t <= n; ++t) sx += x[t];
      const double smu = mu0 * static_cast<double>(n - k + 1);
      const double kappa = sx > 0 ? std::max(0.0, std::log(sx / smu)) : 0.0;
      best = std::max(best, kappa * sx - (std::exp(kappa) - 1) * smu);
    }
    out.push_back(best);
  }
  return out;
}

std::vector<double> cusum_poisson(std::span<const double> x, double mu0, double mu1, double* k_out) {
  std::vector<double> out;
  if (!(mu0 > 0) || !(mu1 > mu0)) return out;
  const double k = (mu1 - mu0) / (std::log(mu1) - std::log(mu0));
  if (k_out) *k_out = k;
  double s = 0;
  for (double v : x) {
    s = std::max(0.0, s + v - k);
    out.push_back(s);
  }
  return out;
}

std::vector<std::size_t> change_points(std::span<const double> x, double penalty, std::size_t min_len) {
  const std::size_t n = x.size();
  min_len = std::max<std::size_t>(1, min_len);
  std::vector<double> cum(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) cum[i + 1] = cum[i] + x[i];
  auto cost = [&](std::size_t a, std::size_t b) {  // segment [a, b)
    const double s = cum[b] - cum[a], l = static_cast<double>(b - a);
    return s > 0 ? 2 * (s - s * std::log(s / l)) : 0.0;
  };
  // best[t]: the least cost of x[0, t) split into segments; prev[t]: where the last one starts.
  std::vector<double> best(n + 1, kInf);
  std::vector<std::size_t> prev(n + 1, 0);
  best[0] = -penalty;
  for (std::size_t t = min_len; t <= n; ++t)
    for (std::size_t s = 0; s + min_len <= t; ++s) {
      if (s != 0 && s < min_len) continue;
      if (!std::isfinite(best[s])) continue;
      const double c = best[s] + cost(s, t) + penalty;
      if (c < best[t]) { best[t] = c; prev[t] = s; }
    }
  std::vector<std::size_t> starts;
  if (n == 0 || !std::isfinite(best[n])) return starts;
  for (std::size_t t = n; prev[t] > 0; t = prev[t]) starts.push_back(prev[t]);
  std::reverse(starts.begin(), starts.end());
  return starts;
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

Bursts kleinberg(std::span<const std::int64_t> r, std::span<const std::int64_t> d, double s, double gamma) {
  Bursts b;
  const std::size_t n = std::min(r.size(), d.size());
  double sr = 0, sd = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (r[i] < 0 || d[i] < r[i]) return b;
    sr += static_cast<double>(r[i]);
    sd += static_cast<double>(d[i]);
  }
  if (n == 0 || !(sd > 0) || !(sr > 0)) return b;
  b.valid = true;
  b.p0 = sr / sd;
  b.p1 = std::min(s * b.p0, 0.9999);
  auto fit = [&](std::size_t t, double p) {
    const double R = static_cast<double>(r[t]), D = static_cast<double>(d[t]);
    const double logc = std::lgamma(D + 1) - std::lgamma(R + 1) - std::lgamma(D - R + 1);
    return -(logc + R * std::log(p) + (D - R) * std::log1p(-p));
  };
  const double up = gamma * std::log(static_cast<double>(n));
  // Viterbi over two states, starting in state 0.
  std::vector<std::array<double, 2>> cost(n);
  std::vector<std::array<int, 2>> from(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double f0 = fit(t, b.p0), f1 = fit(t, b.p1);
    if (t == 0) {
      cost[0] = {f0, f1 + up};
      from[0] = {0, 0};
      continue;
    }
    const auto& c = cost[t - 1];
    // into 0: from 0 or 1 (going down is free)
    if (c[0] <= c[1]) { cost[t][0] = c[0] + f0; from[t][0] = 0; }
    else { cost[t][0] = c[1] + f0; from[t][0] = 1; }
    if (c[1] <= c[0] + up) { cost[t][1] = c[1] + f1; from[t][1] = 1; }
    else { cost[t][1] = c[0] + up + f1; from[t][1] = 0; }
  }
  b.state.assign(n, 0);
  int st = cost[n - 1][0] <= cost[n - 1][1] ? 0 : 1;
  b.cost = cost[n - 1][static_cast<std::size_t>(st)];
  for (std::size_t t = n; t-- > 0;) {
    b.state[t] = st;
    st = from[t][static_cast<std::size_t>(st)];
  }
  for (std::size_t t = 0; t < n; ++t)
    if (b.state[t] == 1) b.weight += fit(t, b.p0) - fit(t, b.p1);
  return b;
}

}  // namespace omb::stats

// ---------------------------------------------------------------- shift

namespace omb::stats {

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

namespace {

// y ln(y/n), with 0 ln 0 = 0.
double xlog(double y, double n) { return y > 0 ? y * std::log(y / n) : 0; }
double binom_ll(double y, double n) { return xlog(y, n) + xlog(n - y, n); }

// The statistic of a split with S theme cases of Nk before it.
struct SplitStat {
  double Y, N, ll_all;
  bool one_sided;
  double operator()(double S, double Nk) const {
    if (one_sided && !(S / Nk < (Y - S) / (N - Nk))) return 0;
    return std::max(0.0, 2 * (binom_ll(S, Nk) + binom_ll(Y - S, N - Nk) - ll_all));
  }
};

// ln C(a, b) from a table of ln i!.
struct LogChoose {
  std::vector<double> lf;
  explicit LogChoose(std::int64_t n) : lf(static_cast<std::size_t>(n) + 1, 0.0) {
    for (std::size_t i = 2; i < lf.size(); ++i) lf[i] = lf[i - 1] + std::log(static_cast<double>(i));
  }
  double operator()(std::int64_t a, std::int64_t b) const {
    return lf[static_cast<std::size_t>(a)] - lf[static_cast<std::size_t>(b)] - lf[static_cast<std::size_t>(a - b)];
  }
};

// P(max over splits of the statistic >= observed) when the Y theme cases are
// shuffled over all N cases (the n_t fixed). The running sum S_t is a Markov
// chain: S_t − S_{t−1} given S_{t−1} = a is hypergeometric (n_t drawn from the
// R_t cases left, Y − a of them with the theme). g carries the mass of paths
// that have not yet reached the observed value, h of those that have; at each
// split the states at or above it move from g to h. Masses under 1e-30 are
// not followed (all of them together cannot move a p above 1e-20 in its sixth
// digit), which keeps the program to the band of likely paths on large
// counts. Once h holds half the mass, p > 0.5: the program stops and says 1
// (no alert can come of it; 1 keeps Benjamini-Hochberg conservative).
double exact_shift_p(std::span<const std::int64_t> n, const SplitStat& stat, double observed, std::size_t min_side) {
  const std::size_t T = n.size();
  const auto Y = static_cast<std::int64_t>(stat.Y), N = static_cast<std::int64_t>(stat.N);
  LogChoose lc(N);
  std::vector<double> g(static_cast<std::size_t>(Y) + 1, 0.0), h(g.size(), 0.0), G(g.size()), H(g.size());
  g[0] = 1;
  std::int64_t R = N, Nk = 0;
  constexpr double kTiny = 1e-30;
  for (std::size_t t = 0; t < T; ++t) {
    const std::int64_t nt = n[t];
    std::fill(G.begin(), G.end(), 0.0);
    std::fill(H.begin(), H.end(), 0.0);
    for (std::int64_t a = 0; a <= Y; ++a) {
      const double ga = g[static_cast<std::size_t>(a)], ha = h[static_cast<std::size_t>(a)];
      if (ga + ha < kTiny) continue;
      const std::int64_t r = Y - a;  // theme cases left
      const std::int64_t umin = std::max<std::int64_t>(0, nt - (R - r)), umax = std::min(nt, r);
      if (umin > umax) continue;
      // pmf(u) = C(r, u) C(R − r, nt − u) / C(R, nt), from its mode outwards by ratios.
      const auto mode = std::clamp<std::int64_t>(
          static_cast<std::int64_t>(std::floor((static_cast<double>(nt) + 1) * (static_cast<double>(r) + 1) /
                                               (static_cast<double>(R) + 2))),
          umin, umax);
      const double pm = std::exp(lc(r, mode) + lc(R - r, nt - mode) - lc(R, nt));
      auto add = [&](std::int64_t u, double pr) {
        G[static_cast<std::size_t>(a + u)] += ga * pr;
        H[static_cast<std::size_t>(a + u)] += ha * pr;
      };
      add(mode, pm);
      double pr = pm;
      for (std::int64_t u = mode; u < umax && pr > kTiny; ++u) {
        pr *= static_cast<double>(r - u) * static_cast<double>(nt - u) /
              (static_cast<double>(u + 1) * static_cast<double>(R - r - nt + u + 1));
        add(u + 1, pr);
      }
      pr = pm;
      for (std::int64_t u = mode; u > umin && pr > kTiny; --u) {
        pr *= static_cast<double>(u) * static_cast<double>(R - r - nt + u) /
              (static_cast<double>(r - u + 1) * static_cast<double>(nt - u + 1));
        add(u - 1, pr);
      }
    }
    std::swap(g, G);
    std::swap(h, H);
    R -= nt;
    Nk += nt;
    const std::size_t k = t + 1;  // kept periods before a split after this one
    if (k >= min_side && k + min_side <= T) {
      for (std::int64_t s = 0; s <= Y; ++s) {
        auto i = static_cast<std::size_t>(s);
        if (g[i] > 0 && stat(static_cast<double>(s), static_cast<double>(Nk)) >= observed - 1e-9) {
          h[i] += g[i];
          g[i] = 0;
        }
      }
      if (std::accumulate(h.begin(), h.end(), 0.0) >= 0.5) return 1.0;
    }
  }
  return clamp01(h[static_cast<std::size_t>(Y)]);
}

}  // namespace

Shift shift_test(std::span<const std::int64_t> y, std::span<const std::int64_t> n, bool one_sided,
                 std::size_t min_side, bool exact_p) {
  Shift r;
  if (y.size() != n.size() || min_side == 0) return r;
  std::vector<std::int64_t> ky, kn;
  std::vector<std::size_t> index;  // kept period -> input index
  for (std::size_t t = 0; t < n.size(); ++t) {
    if (y[t] < 0 || n[t] < 0 || y[t] > n[t]) return r;
    if (n[t] == 0) continue;
    ky.push_back(y[t]);
    kn.push_back(n[t]);
    index.push_back(t);
  }
  const std::size_t T = kn.size();
  if (T < 2 * min_side) return r;
  const double Y = static_cast<double>(std::accumulate(ky.begin(), ky.end(), std::int64_t{0}));
  const double N = static_cast<double>(std::accumulate(kn.begin(), kn.end(), std::int64_t{0}));
  const SplitStat stat{Y, N, binom_ll(Y, N), one_sided};
  r.valid = true;
  double S = 0, Nk = 0;
  std::size_t best = 0;
  std::vector<double> S_at, N_at;
  for (std::size_t k = 1; k + min_side <= T; ++k) {
    S += static_cast<double>(ky[k - 1]);
    Nk += static_cast<double>(kn[k - 1]);
    if (k < min_side) continue;
    r.split_tau.push_back(index[k]);
    r.lr.push_back(stat(S, Nk));
    S_at.push_back(S);
    N_at.push_back(Nk);
  }
  const double top = *std::max_element(r.lr.begin(), r.lr.end());
  while (r.lr[best] < top - 1e-9) ++best;  // the earliest of the best
  r.max_lr = top;
  r.tau = r.split_tau[best];
  r.y_before = static_cast<std::int64_t>(S_at[best]);
  r.n_before = static_cast<std::int64_t>(N_at[best]);
  r.y_after = static_cast<std::int64_t>(Y) - r.y_before;
  r.n_after = static_cast<std::int64_t>(N) - r.n_before;
  r.rate_before = S_at[best] / N_at[best];
  r.rate_after = static_cast<double>(r.y_after) / static_cast<double>(r.n_after);
  clopper_pearson(r.y_before, r.n_before, 0.95, &r.lo_before, &r.hi_before);
  clopper_pearson(r.y_after, r.n_after, 0.95, &r.lo_after, &r.hi_after);
  // A one-sided statistic of 0 (no split where the rate rises) is no evidence at all.
  r.p = (!exact_p || Y == 0 || Y == N || top <= 0) ? 1.0 : exact_shift_p(kn, stat, top, min_side);
  return r;
}

}  // namespace omb::stats
