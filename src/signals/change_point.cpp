#include "signals/change_point.h"

#include "signals/significance.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace omb::significance {
namespace {
constexpr double kInfinite = std::numeric_limits<double>::infinity();
}  // namespace

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
  std::vector<double> best(n + 1, kInfinite);
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

// ---------------------------------------------------------------- shift

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

}  // namespace omb::significance
