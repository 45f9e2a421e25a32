// The statistics of signals/stats.h against the reference values of
// ../shared/reference/signals.md (R 4.2.2, surveillance 1.20.3, base R), test vectors TV1-TV10.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "signals/stats.h"

using namespace omb::stats;
using Catch::Detail::Approx;

namespace {
// Series Q (2019Q1..2024Q4): communicatie x Werk, invented.
const std::vector<double> kQ = {3, 2, 4, 3, 2, 5, 3, 4, 4, 3, 2, 5, 3, 4, 6, 3, 5, 4, 3, 6, 7, 5, 9, 12};
const std::vector<double> kN = {30, 28, 35, 31, 29, 36, 33, 30, 34, 32, 30, 38,
                                33, 35, 40, 31, 36, 34, 33, 39, 41, 37, 44, 47};
Approx near(double v, double eps = 1e-6) { return Approx(v).margin(eps); }
// The reference of t (1-based) for EARS: `b` periods ending `lag` before t.
std::vector<double> ref(const std::vector<double>& x, int t, int b, int lag) {
  std::vector<double> r;
  for (int i = t - lag - b + 1; i <= t - lag; ++i) r.push_back(x[static_cast<std::size_t>(i - 1)]);
  return r;
}
}  // namespace

TEST_CASE("TV1 EARS C1 and C2 bounds on series Q", "[stats][ears]") {
  const double c1[] = {8.3606387, 9.7199064, 9.3373551, 11.7149946};
  const double c2[] = {7.7242074, 7.5682929, 8.3606387, 9.7199064};
  const double c1b4[] = {6.6234969, 8.0030781, 8.0591224, 9.5591224};
  for (int t = 21; t <= 24; ++t) {
    const double x = kQ[static_cast<std::size_t>(t - 1)];
    Ears e1 = ears(ref(kQ, t, 7, 1), x, 0.001);
    CHECK(e1.upper == near(c1[t - 21]));
    CHECK(e1.alarm == (t == 24));
    Ears e2 = ears(ref(kQ, t, 7, 3), x, 0.001);  // C2: a gap of two periods
    CHECK(e2.upper == near(c2[t - 21]));
    CHECK(e2.alarm == (t >= 23));
    Ears e4 = ears(ref(kQ, t, 4, 1), x, 0.05);
    CHECK(e4.upper == near(c1b4[t - 21]));
    CHECK(e4.alarm == (t == 21 || t == 23 || t == 24));
  }
  Ears e = ears(ref(kQ, 24, 7, 1), 12, 0.001);
  CHECK(e.mean == near(5.571429));
  CHECK(e.sd == near(1.988060));
  CHECK(e.stat == near(3.233591));
}

TEST_CASE("TV1 EARS minSigma stops one case after an all-zero baseline", "[stats][ears]") {
  const std::vector<double> sparse = {0, 0, 1, 0, 0, 0, 0, 2};
  const auto r = ref(sparse, 8, 7, 1);
  CHECK(ears(r, 2, 0.001, 0).upper == near(1.3108552));
  CHECK(ears(r, 2, 0.001, 0).alarm);
  CHECK(ears(r, 2, 0.001, 0.5).upper == near(1.6879733));
  CHECK(ears(r, 2, 0.001, 0.5).alarm);
  CHECK(ears(r, 2, 0.001, 1).upper == near(3.2330894));
  CHECK_FALSE(ears(r, 2, 0.001, 1).alarm);
  const std::vector<double> zeros = {0, 0, 0, 0, 0, 0, 0};
  CHECK(ears(zeros, 1, 0.001, 0).upper == near(0));
  CHECK(ears(zeros, 1, 0.001, 0).alarm);
  CHECK(ears(zeros, 1, 0.001, 0.5).upper == near(1.5451162));
  CHECK(ears(zeros, 1, 0.001, 1).upper == near(3.0902323));
  CHECK_FALSE(ears(zeros, 1, 0.001, 1).alarm);
  CHECK_FALSE(ears(std::vector<double>{1}, 1, 0.05).valid);  // one reference value has no sd
}

TEST_CASE("TV2 Bayes predictive bound (algo.bayes b=0 w=6)", "[stats][bayes]") {
  const std::int64_t upper[] = {9, 9, 9, 10};
  const double p[] = {0.1934272, 0.5040176, 0.0890866, 0.0232342};
  for (int t = 21; t <= 24; ++t) {
    double s = 0;
    for (double v : ref(kQ, t, 6, 1)) s += v;
    Bayes b = bayes(s, 6, static_cast<std::int64_t>(kQ[static_cast<std::size_t>(t - 1)]), 0.05);
    CHECK(b.upper == upper[t - 21]);
    CHECK(b.p == near(p[t - 21]));
    CHECK(b.alarm == (t == 24));
    if (t == 24) {
      CHECK(s == 34);
      CHECK(b.size == near(34.5));
      CHECK(b.prob == near(6.0 / 7.0));
    }
  }
}

TEST_CASE("TV2 Bayes b=4 w=1 actY=FALSE: the same quarter +-1 in the four years before", "[stats][bayes]") {
  const std::int64_t upper[] = {7, 7, 8, 8};
  for (int t = 21; t <= 24; ++t) {
    double s = 0, n = 0;
    for (int y = 1; y <= 4; ++y)
      for (int w = -1; w <= 1; ++w) {
        int i = t - 4 * y + w;
        if (i >= 1) { s += kQ[static_cast<std::size_t>(i - 1)]; n += 1; }
      }
    Bayes b = bayes(s, n, static_cast<std::int64_t>(kQ[static_cast<std::size_t>(t - 1)]), 0.05);
    CHECK(b.upper == upper[t - 21]);
    CHECK(b.alarm == (t >= 23));
  }
}

TEST_CASE("Bayes with exposure: equal exposures give algo.bayes, rescaling changes nothing", "[stats][bayes]") {
  Bayes plain = bayes(34, 6, 12, 0.05);
  Bayes exp1 = bayes_exposure(34, 6 * 40.0, 40.0, 12, 0.05);
  Bayes exp2 = bayes_exposure(34, 6 * 4000.0, 4000.0, 12, 0.05);
  CHECK(exp1.upper == plain.upper);
  CHECK(exp1.p == near(plain.p, 1e-12));
  CHECK(exp2.upper == plain.upper);
  CHECK(exp2.p == near(plain.p, 1e-12));
  // A busier quarter raises the bound.
  CHECK(bayes_exposure(34, 240, 80, 12, 0.05).upper > plain.upper);
  CHECK_FALSE(bayes_exposure(34, 0, 10, 1, 0.05).valid);
  CHECK_FALSE(bayes_exposure(34, 10, 0, 1, 0.05).valid);
}

TEST_CASE("TV4 Poisson GLR for a shift, mu0 = 3.5", "[stats][glr]") {
  const std::vector<double> x = {5, 4, 3, 6, 7, 5, 9, 12};
  const double want[] = {0.2833747, 0.2618299, 0.1023767, 0.7339790, 2.0475097, 2.2019370, 4.7330475, 9.7530698};
  auto g = glr_poisson(x, 3.5);
  REQUIRE(g.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(g[i] == near(want[i]));
  int first_alarm = 0;
  for (std::size_t i = 0; i < 8 && !first_alarm; ++i)
    if (g[i] > 5) first_alarm = static_cast<int>(i) + 1;
  CHECK(first_alarm == 8);
}

TEST_CASE("TV4 Lucas CUSUM from 3.5 to 7", "[stats][cusum]") {
  const std::vector<double> x = {5, 4, 3, 6, 7, 5, 9, 12};
  const double want[] = {0, 0, 0, 0.9506, 2.9011, 2.8517, 6.8023, 13.7528};
  double k = 0;
  auto s = cusum_poisson(x, 3.5, 7, &k);
  CHECK(k == near(5.049433));
  REQUIRE(s.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(s[i] == near(want[i], 1e-4));
}

TEST_CASE("TV10 change point of series Q by optimal partitioning", "[stats][changepoint]") {
  auto cp = change_points(kQ, 2 * std::log(24.0), 2);
  REQUIRE(cp.size() == 1);
  CHECK(cp[0] + 1 == 20);  // the new segment starts at t = 20 (2023Q4)
  CHECK(change_points(kQ, 3 * std::log(24.0), 2) == cp);
  CHECK(change_points(std::vector<double>{}, 1.0).empty());
}

TEST_CASE("TV5 Mann-Kendall on the published worked example (normal, n = 14)", "[stats][trend]") {
  const std::vector<double> y = {12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7};
  std::vector<double> t;
  for (std::size_t i = 0; i < y.size(); ++i) t.push_back(static_cast<double>(i + 1));
  MannKendall mk = mann_kendall(t, y);
  REQUIRE(mk.valid);
  CHECK_FALSE(mk.exact);
  CHECK(mk.s == 54);
  CHECK(mk.var == near(332.6667, 1e-4));
  CHECK(mk.z == near(2.905836846));
  CHECK(mk.p_greater == near(0.001831362));
  CHECK(mk.p_two == near(0.003662724));
  CHECK(mk.sen == near(0.5666667));
  CHECK(mk.tau_b == near(0.5966942));
}

TEST_CASE("TV5 Mann-Kendall exact permutation p for six annual totals (ties kept)", "[stats][trend]") {
  const std::vector<double> y = {12, 14, 14, 16, 18, 33}, t = {2019, 2020, 2021, 2022, 2023, 2024};
  MannKendall mk = mann_kendall(t, y);
  REQUIRE(mk.valid);
  CHECK(mk.exact);
  CHECK(mk.s == 14);
  CHECK(mk.var == near(27.3333, 1e-4));
  CHECK(mk.z == near(2.486549));
  CHECK(mk.p_two == near(0.005556));   // 4 of 720 orderings
  CHECK(mk.p_greater == near(0.002778));
  CHECK(mk.sen == near(2));
  CHECK(2 * (1 - normal_cdf(mk.z)) == near(0.012899));  // what the normal approximation would say
}

TEST_CASE("Mann-Kendall refuses a trend under five periods", "[stats][trend]") {
  const std::vector<double> y = {1, 2, 3, 4}, t = {1, 2, 3, 4};
  CHECK_FALSE(mann_kendall(t, y).valid);
  // With five strictly rising points the exact one-sided p is 1/120.
  const std::vector<double> y5 = {1, 2, 3, 4, 5}, t5 = {1, 2, 3, 4, 5};
  CHECK(mann_kendall(t5, y5).p_greater == near(1.0 / 120));
  // Gaps in time change the slope, not S.
  const std::vector<double> tg = {1, 2, 4, 5, 6};
  CHECK(mann_kendall(tg, y5).s == 10);
  CHECK(mann_kendall(tg, y5).sen == near(0.775));  // median of the ten pairwise slopes
}

TEST_CASE("TV6 disproportionality: Noren et al. 2006 example", "[stats][profile]") {
  // n11 = 25, n1. = 1126, n.1 = 87, N = 572573.
  Disproportion d = disproportion(25, 1126 - 25, 87 - 25, 572573 - 1126 - 87 + 25);
  CHECK(d.expected == near(0.1710908));
  CHECK(d.ic == near(5.247845));
  CHECK(d.ic_lo == near(4.626870));
  CHECK(d.ic_hi == near(5.757635));
  CHECK(d.prr == near(204.6378, 1e-4));
  CHECK(d.prr_lo == near(129.1005, 1e-4));
  CHECK(d.prr_hi == near(324.3724, 1e-4));
  CHECK(d.ror == near(209.2617, 1e-4));
  CHECK(d.ror_lo == near(131.0384, 1e-4));
  CHECK(d.ror_hi == near(334.1804, 1e-4));
}

TEST_CASE("TV6 disproportionality: an ombudsman-sized table and a small edge case", "[stats][profile]") {
  Disproportion d = disproportion(9, 11, 15, 85);
  CHECK(d.prr == near(3.0));
  CHECK(d.prr_lo == near(1.531085));
  CHECK(d.prr_hi == near(5.878183));
  CHECK(d.ror == near(4.636364));
  CHECK(d.ror_lo == near(1.642105));
  CHECK(d.ror_hi == near(13.090435));
  CHECK(d.expected == near(4));
  CHECK(d.ic == near(1.078003));
  CHECK(d.ic_lo == near(-0.015064));
  CHECK(d.ic_hi == near(1.867999));
  CHECK(d.fisher_p == near(0.0047877));
  CHECK(d.ic_lo < 0);  // IC025 < 0: no signal, whatever the Evans rule says

  Disproportion e = disproportion(3, 2, 4, 56);
  CHECK(e.prr == near(9.0));
  CHECK(e.prr_lo == near(2.746720));
  CHECK(e.prr_hi == near(29.489719));
  CHECK(e.ror == near(21));
  CHECK(e.ror_lo == near(2.685274));
  CHECK(e.ror_hi == near(164.229043));
  CHECK(e.ic == near(1.752907));
  CHECK(e.ic_lo == near(-0.297536));
  CHECK(e.ic_hi == near(2.946703));
  CHECK_FALSE(disproportion(1, 0, 0, 0).valid);  // no other afdeling
}

TEST_CASE("TV7 year against baseline: exact Poisson rate-ratio test", "[stats][rising]") {
  RateRatio r = rate_ratio_test(33, 169, 48, 415);
  REQUIRE(r.valid);
  CHECK(r.ratio == near(1.688240));
  CHECK(r.lo == near(1.049855));
  CHECK(r.hi == near(2.684911));
  CHECK(r.p_two == near(0.0265875));
  CHECK(r.p_greater == near(0.0151512));
  CHECK(r.p_greater == near(binom_tail_ge(33, 81, 169.0 / 584)));
  CHECK(r.mid_p == near(0.0117100));

  RateRatio b = rate_ratio_test(14, 60, 18, 170);
  CHECK(b.ratio == near(2.203704));
  CHECK(b.lo == near(1.014412));
  CHECK(b.hi == near(4.689608));
  CHECK(b.p_two == near(0.0412679));

  // Rescaling the exposures changes nothing.
  RateRatio s = rate_ratio_test(33, 1690, 48, 4150);
  CHECK(s.p_greater == near(r.p_greater, 1e-12));
  CHECK(s.ratio == near(r.ratio, 1e-9));
  CHECK_FALSE(rate_ratio_test(0, 10, 0, 10).valid);
  CHECK_FALSE(rate_ratio_test(3, 0, 2, 10).valid);
}

TEST_CASE("TV7 Poisson GLM on annual totals with offset log N", "[stats][trend]") {
  const std::vector<double> y = {12, 14, 14, 16, 18, 33}, n = {124, 128, 134, 139, 142, 169},
                            t = {2019, 2020, 2021, 2022, 2023, 2024};
  PoissonTrend g = poisson_trend(t, y, n);
  REQUIRE(g.valid);
  CHECK(g.b1 == near(0.1355790));
  CHECK(g.se == near(0.0577753));
  CHECK(g.z == near(2.346659));
  CHECK(g.p == near(0.0189426));
  CHECK(g.lr == near(5.650126));
  CHECK(g.lr_p == near(0.0174541));
  CHECK(g.dispersion == near(0.42178, 1e-5));
  CHECK(g.quasi_se == near(0.0375222));
}

TEST_CASE("TV8 Kleinberg two-state bursts on series Q", "[stats][burst]") {
  std::vector<std::int64_t> r, d;
  for (double v : kQ) r.push_back(static_cast<std::int64_t>(v));
  for (double v : kN) d.push_back(static_cast<std::int64_t>(v));
  Bursts b = kleinberg(r, d, 2, 1);
  REQUIRE(b.valid);
  CHECK(b.p0 == near(107.0 / 836));
  CHECK(b.p1 == near(0.255981));
  for (std::size_t t = 0; t < 24; ++t) CHECK(b.state[t] == (t >= 22 ? 1 : 0));
  CHECK(b.cost == near(44.698316));
  CHECK(b.weight == near(3.444736));
  CHECK(kleinberg(r, d, 2, 0.5).state == b.state);
  Bursts none = kleinberg(r, d, 2, 2);
  CHECK(std::count(none.state.begin(), none.state.end(), 1) == 0);
}

TEST_CASE("TV9 Benjamini-Hochberg and Benjamini-Yekutieli", "[stats][bh]") {
  const std::vector<double> p = {0.50, 0.01, 0.001, 0.69, 0.02, 0.05, 0.0025};
  const double bh[] = {0.583333, 0.023333, 0.007, 0.69, 0.035, 0.07, 0.00875};
  const double by[] = {1, 0.0605, 0.01815, 1, 0.09075, 0.1815, 0.0226875};
  const bool reject[] = {false, true, true, false, true, false, true};
  auto q = bh_adjust(p);
  auto qy = by_adjust(p);
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(q[i] == near(bh[i]));
    CHECK(qy[i] == near(by[i]));
    CHECK((q[i] <= 0.05) == reject[i]);
  }
  CHECK(bh_adjust(std::vector<double>{}).empty());
}

TEST_CASE("TV10 persistence: present in 5 of the last 6 periods", "[stats][recurring]") {
  CHECK(binom_tail_ge(5, 6, 0.4) == near(0.04096));
  CHECK(binom_tail_ge(0, 6, 0.4) == 1);
  CHECK(binom_tail_ge(7, 6, 0.4) == 0);
}

TEST_CASE("Distribution helpers at their edges", "[stats]") {
  CHECK(normal_quantile(0.999) == near(3.090232));
  CHECK(negbin_quantile(0.95, 34.5, 6.0 / 7) == 10);
  CHECK(negbin_tail_ge(0, 1, 0.5) == 1);
  CHECK(std::isnan(negbin_tail_ge(3, 0, 0.5)));
  CHECK(fisher_greater(0, 3, 4, 5) == 1);
  CHECK(binom_two_sided(5, 10, 0.5) == near(1));
}

// ---------------------------------------------------------------- shift (#17)
// The single change point of a rate against ../shared/reference/changepoint.md
// (R 4.2.2, base R; exact p by enumeration-checked DP), CP1-CP7, binomial.
// Values are written here so the suite does not need ../shared.
namespace {
using I = std::vector<std::int64_t>;
I rep(std::int64_t v, int times) { return I(static_cast<std::size_t>(times), v); }
I cat(std::initializer_list<I> parts) {
  I out;
  for (const I& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
I times(const I& v, int k) {
  I out;
  for (int i = 0; i < k; ++i) out.insert(out.end(), v.begin(), v.end());
  return out;
}
Approx rel(double v) { return Approx(v).epsilon(1e-5); }
struct CP {
  const char* name;
  I n, y;
  std::size_t K, tau;  // tau 1-based, as R prints it
  double max_lr;
  std::int64_t yb, nb, ya, na;
  double lo_b, hi_b, lo_a, hi_a;
  double exact, exact1;
};
const std::vector<CP>& cps() {
  static const std::vector<CP> v = {
      {"CP1", rep(8, 24), cat({times({1, 2, 1}, 4), times({5, 6}, 6)}), 19, 13, 56.3142, 16, 96, 66, 96, 0.0983728,
       0.2565, 0.584818, 0.778247, 8.06836e-13, 4.03418e-13},
      {"CP2", rep(8, 24), times({2, 1}, 12), 19, 22, 0.0801766, 32, 168, 4, 24, 0.134084, 0.258121, 0.0473536,
       0.373842, 1, 1},
      {"CP3", rep(10, 30), cat({rep(2, 25), {7, 6, 8, 7, 6}}), 25, 26, 42.8838, 50, 250, 34, 50, 0.15224, 0.255026,
       0.533006, 0.804796, 1.71364e-09, 8.5682e-10},
      {"CP4", {5, 8, 12, 6, 9, 10, 4, 7, 11, 8, 9, 6, 12, 10, 8, 7, 9, 11, 6, 10},
       {1, 2, 2, 1, 2, 2, 1, 1, 3, 2, 6, 4, 9, 8, 6, 5, 7, 8, 5, 7}, 15, 11, 48.934, 17, 80, 65, 88, 0.128936,
       0.318286, 0.634068, 0.826551, 4.89441e-11, 2.39072e-11},
      {"CP5", {6, 0, 7, 5, 0, 8, 6, 7, 5, 6, 7, 8, 6, 5, 7, 6}, {0, 0, 1, 0, 0, 1, 0, 1, 0, 3, 4, 5, 3, 4, 5, 4}, 9,
       10, 33.4877, 3, 44, 28, 45, 0.0142877, 0.186562, 0.46541, 0.762322, 9.4033e-08, 5.27324e-08},
      {"CP6", rep(3, 12), {0, 1, 0, 0, 1, 0, 2, 3, 2, 3, 3, 2}, 7, 7, 21.0173, 2, 18, 15, 18, 0.0137512, 0.34712,
       0.585823, 0.964215, 4.17826e-05, 2.08913e-05},
      {"CP7", rep(6, 20), {1, 1, 2, 0, 1, 1, 2, 1, 0, 1, 2, 1, 2, 3, 1, 2, 2, 1, 3, 2}, 15, 11, 3.73133, 10, 60, 19,
       60, 0.0829288, 0.285219, 0.202576, 0.44956, 0.305353, 0.154007},
  };
  return v;
}
}  // namespace

TEST_CASE("CP1-CP7 shift: change point, statistic, rates with intervals, exact p", "[stats][shift]") {
  for (const CP& c : cps()) {
    INFO(c.name);
    Shift s = shift_test(c.y, c.n, false);
    REQUIRE(s.valid);
    CHECK(s.lr.size() == c.K);
    CHECK(s.tau + 1 == c.tau);
    CHECK(s.max_lr == rel(c.max_lr));
    CHECK(s.y_before == c.yb);
    CHECK(s.n_before == c.nb);
    CHECK(s.y_after == c.ya);
    CHECK(s.n_after == c.na);
    CHECK(s.rate_before == rel(static_cast<double>(c.yb) / static_cast<double>(c.nb)));
    CHECK(s.rate_after == rel(static_cast<double>(c.ya) / static_cast<double>(c.na)));
    CHECK(s.lo_before == rel(c.lo_b));
    CHECK(s.hi_before == rel(c.hi_b));
    CHECK(s.lo_after == rel(c.lo_a));
    CHECK(s.hi_after == rel(c.hi_a));
    CHECK(s.p == rel(c.exact));
    // One-sided: the same change point and statistic, about half the p,
    // except CP2, where the rate falls (no evidence of a rise: p = 1).
    Shift up = shift_test(c.y, c.n, true);
    REQUIRE(up.valid);
    CHECK(up.p == rel(c.exact1));
    if (std::string(c.name) != "CP2") {
      CHECK(up.tau == s.tau);
      CHECK(up.max_lr == rel(s.max_lr));
    } else {
      CHECK(up.max_lr == 0);
    }
  }
}

TEST_CASE("CP5-CP7 shift: the statistic of every split", "[stats][shift]") {
  const std::vector<std::pair<std::size_t, std::vector<double>>> want = {
      {4, {10.6188, 14.0175, 21.0948, 25.3129, 33.4877, 27.4458, 20.933, 14.2795, 13.3921}},
      {5, {7.0178, 12.3587, 12.8879, 21.0173, 17.5649, 10.0074, 9.14469}},
      {6, {0.0443791, 0.980973, 1.30003, 1.66015, 0.948972, 1.3097, 3.08769, 3.73133, 2.85894, 3.61125, 2.88114,
           1.11314, 1.75106, 1.30406, 0.914961}},
  };
  const std::vector<std::size_t> first_tau = {6, 4, 4};  // 1-based, CP5 skips its empty quarters
  for (std::size_t i = 0; i < want.size(); ++i) {
    const CP& c = cps()[want[i].first];
    INFO(c.name);
    Shift s = shift_test(c.y, c.n, false);
    REQUIRE(s.lr.size() == want[i].second.size());
    CHECK(s.split_tau.front() + 1 == first_tau[i]);
    for (std::size_t k = 0; k < s.lr.size(); ++k) CHECK(s.lr[k] == rel(want[i].second[k]));
  }
}

TEST_CASE("shift: bad input gives no result, never a NaN or a crash", "[stats][shift]") {
  CHECK_FALSE(shift_test(I{1}, I{3}, true).valid);                          // one period
  CHECK_FALSE(shift_test(I{1, 2, 1, 2, 1}, I{3, 3, 3, 3, 3}, true).valid);   // under 2 x 3 periods
  CHECK_FALSE(shift_test(rep(0, 12), rep(0, 12), true).valid);               // zero exposure everywhere
  CHECK_FALSE(shift_test(I{4, 0, 0, 0, 0, 0}, I{3, 3, 3, 3, 3, 3}, true).valid);  // y > n
  CHECK_FALSE(shift_test(I{1, 1}, I{3, 3, 3}, true).valid);                  // lengths differ
  Shift zeros = shift_test(rep(0, 12), rep(5, 12), true);                    // all zeros: p = 1, finite
  REQUIRE(zeros.valid);
  CHECK(zeros.p == 1);
  CHECK(zeros.max_lr == 0);
  CHECK(std::isfinite(zeros.rate_before));
  CHECK(std::isfinite(zeros.hi_after));
  Shift all = shift_test(rep(5, 12), rep(5, 12), true);                      // every case has the theme
  REQUIRE(all.valid);
  CHECK(all.p == 1);
  // Gaps (periods without cases) are skipped, not read as zeros.
  Shift gaps = shift_test(I{1, 0, 1, 0, 1, 6, 0, 5, 6}, I{6, 0, 6, 0, 6, 6, 0, 6, 6}, true);
  REQUIRE(gaps.valid);
  CHECK(gaps.tau == 5);
  CHECK(gaps.y_before == 3);
  CHECK(gaps.n_before == 18);
  CHECK(std::isfinite(gaps.p));
}
