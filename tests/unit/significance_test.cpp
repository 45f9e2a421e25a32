// The significance tests of signals/significance.h against the reference values of
// ../shared/reference/signals.md (R 4.2.2, surveillance 1.20.3, base R), test vectors TV1-TV10.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "signals/significance.h"

using namespace omb::significance;
using Catch::Detail::Approx;

namespace {
// Series Q (2019Q1..2024Q4): communicatie x Werk, invented.
const std::vector<double> kQ = {3, 2, 4, 3, 2, 5, 3, 4, 4, 3, 2, 5, 3, 4, 6, 3, 5, 4, 3, 6, 7, 5, 9, 12};
Approx near(double v, double eps = 1e-6) { return Approx(v).margin(eps); }
// The reference of t (1-based) for EARS: `b` periods ending `lag` before t.
std::vector<double> ref(const std::vector<double>& x, int t, int b, int lag) {
  std::vector<double> r;
  for (int i = t - lag - b + 1; i <= t - lag; ++i) r.push_back(x[static_cast<std::size_t>(i - 1)]);
  return r;
}
}  // namespace

TEST_CASE("TV1 EARS C1 and C2 bounds on series Q", "[significance][ears]") {
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

TEST_CASE("TV1 EARS minSigma stops one case after an all-zero baseline", "[significance][ears]") {
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

TEST_CASE("TV2 Bayes predictive bound (algo.bayes b=0 w=6)", "[significance][bayes]") {
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

TEST_CASE("TV2 Bayes b=4 w=1 actY=FALSE: the same quarter +-1 in the four years before", "[significance][bayes]") {
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

TEST_CASE("Bayes with exposure: equal exposures give algo.bayes, rescaling changes nothing", "[significance][bayes]") {
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

TEST_CASE("TV5 Mann-Kendall on the published worked example (normal, n = 14)", "[significance][trend]") {
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

TEST_CASE("TV5 Mann-Kendall exact permutation p for six annual totals (ties kept)", "[significance][trend]") {
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

TEST_CASE("Mann-Kendall refuses a trend under five periods", "[significance][trend]") {
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

TEST_CASE("TV6 disproportionality: Noren et al. 2006 example", "[significance][profile]") {
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

TEST_CASE("TV6 disproportionality: an ombudsman-sized table and a small edge case", "[significance][profile]") {
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

TEST_CASE("TV7 year against baseline: exact Poisson rate-ratio test", "[significance][rising]") {
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

TEST_CASE("TV7 Poisson GLM on annual totals with offset log N", "[significance][trend]") {
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

TEST_CASE("TV9 Benjamini-Hochberg and Benjamini-Yekutieli", "[significance][bh]") {
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

TEST_CASE("TV10 persistence: present in 5 of the last 6 periods", "[significance][recurring]") {
  CHECK(binom_tail_ge(5, 6, 0.4) == near(0.04096));
  CHECK(binom_tail_ge(0, 6, 0.4) == 1);
  CHECK(binom_tail_ge(7, 6, 0.4) == 0);
}

TEST_CASE("Distribution helpers at their edges", "[significance]") {
  CHECK(normal_quantile(0.999) == near(3.090232));
  CHECK(negbin_quantile(0.95, 34.5, 6.0 / 7) == 10);
  CHECK(negbin_tail_ge(0, 1, 0.5) == 1);
  CHECK(std::isnan(negbin_tail_ge(3, 0, 0.5)));
  CHECK(fisher_greater(0, 3, 4, 5) == 1);
  CHECK(binom_two_sided(5, 10, 0.5) == near(1));
}
