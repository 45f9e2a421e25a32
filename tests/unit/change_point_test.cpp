// The change-point and burst tests of signals/change_point.h against the
// reference values of ../shared/reference/signals.md (R 4.2.2, surveillance
// 1.20.3, base R; TV4, TV8, TV10) and ../shared/reference/changepoint.md (CP1-CP7).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "signals/change_point.h"

using namespace omb::significance;
using Catch::Detail::Approx;

namespace {
// Series Q (2019Q1..2024Q4): communicatie x Werk, invented.
const std::vector<double> kQ = {3, 2, 4, 3, 2, 5, 3, 4, 4, 3, 2, 5, 3, 4, 6, 3, 5, 4, 3, 6, 7, 5, 9, 12};
const std::vector<double> kN = {30, 28, 35, 31, 29, 36, 33, 30, 34, 32, 30, 38,
                                33, 35, 40, 31, 36, 34, 33, 39, 41, 37, 44, 47};
Approx near(double v, double eps = 1e-6) { return Approx(v).margin(eps); }
}  // namespace

TEST_CASE("TV4 Poisson GLR for a shift, mu0 = 3.5", "[change_point][glr]") {
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

TEST_CASE("TV4 Lucas CUSUM from 3.5 to 7", "[change_point][cusum]") {
  const std::vector<double> x = {5, 4, 3, 6, 7, 5, 9, 12};
  const double want[] = {0, 0, 0, 0.9506, 2.9011, 2.8517, 6.8023, 13.7528};
  double k = 0;
  auto s = cusum_poisson(x, 3.5, 7, &k);
  CHECK(k == near(5.049433));
  REQUIRE(s.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(s[i] == near(want[i], 1e-4));
}

TEST_CASE("TV10 change point of series Q by optimal partitioning", "[change_point][changepoint]") {
  auto cp = change_points(kQ, 2 * std::log(24.0), 2);
  REQUIRE(cp.size() == 1);
  CHECK(cp[0] + 1 == 20);  // the new segment starts at t = 20 (2023Q4)
  CHECK(change_points(kQ, 3 * std::log(24.0), 2) == cp);
  CHECK(change_points(std::vector<double>{}, 1.0).empty());
}

TEST_CASE("TV8 Kleinberg two-state bursts on series Q", "[change_point][burst]") {
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

TEST_CASE("CP1-CP7 shift: change point, statistic, rates with intervals, exact p", "[change_point][shift]") {
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

TEST_CASE("CP5-CP7 shift: the statistic of every split", "[change_point][shift]") {
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

TEST_CASE("shift: bad input gives no result, never a NaN or a crash", "[change_point][shift]") {
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
