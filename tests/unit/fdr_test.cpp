// signals/fdr.h: Benjamini-Hochberg over all tests of a run, alerts, the
// closest test, and the order signals are reported in.
#include <catch2/catch.hpp>

#include "signals/fdr.h"

using namespace omb;
using detect::Test;

namespace {

Test make(double p, bool candidate, bool ran = true, std::optional<double> ratio = std::nullopt) {
  Test t{0, {"", "privacy"}, 0, SignalKind::rising};
  t.p = p;
  t.candidate = candidate;
  t.ran = ran;
  t.ratio = ratio;
  return t;
}

}  // namespace

TEST_CASE("control_fdr: q over the tests that ran, alerts, what stopped, the closest", "[signals][fdr]") {
  std::vector<Test> tests = {make(0.01, true), make(0.04, false), make(0.03, true), make(0.5, true),
                             make(0.001, true, false)};
  tests[3].stopped = "2 cases in the period, under --min-count 3";
  tests[4].stopped = "not run: fewer than 3 periods before this one";
  const detect::FdrResult r = detect::control_fdr(tests, 0.05);
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.5), "BH") = 0.04 0.05333 0.05333 0.5
  REQUIRE(r.q.size() == 5);
  CHECK(r.q[0] == Approx(0.04));
  CHECK(r.q[1] == Approx(0.04 * 4 / 3));
  CHECK(r.q[2] == Approx(0.04 * 4 / 3));
  CHECK(r.q[3] == Approx(0.5));
  CHECK(r.q[4] == 1.0);
  CHECK(r.tests == 4);
  CHECK(r.passed == 1);
  CHECK(r.cutoff == 0.01);
  CHECK(r.alert == std::vector<bool>{true, false, false, false, false});
  // Smallest q among the rest, then the smaller p.
  REQUIRE(r.closest);
  CHECK(*r.closest == 2);
  CHECK(tests[0].stopped.empty());
  CHECK(tests[1].stopped == "q 0.0533 above --q 0.05");
  CHECK(tests[3].stopped == "2 cases in the period, under --min-count 3; q 0.5 above --q 0.05");
  CHECK(tests[4].stopped == "not run: fewer than 3 periods before this one");
}

TEST_CASE("control_fdr: a candidate under the level is an alert; no tests, no closest", "[signals][fdr]") {
  std::vector<Test> none;
  const detect::FdrResult empty = detect::control_fdr(none, 0.1);
  CHECK(empty.tests == 0);
  CHECK(empty.passed == 0);
  CHECK(empty.cutoff == 0);
  CHECK_FALSE(empty.closest);

  std::vector<Test> tests = {make(0.001, false), make(0.002, true)};
  const detect::FdrResult r = detect::control_fdr(tests, 0.1);
  CHECK(r.passed == 2);
  CHECK(r.cutoff == 0.002);
  CHECK(r.alert == std::vector<bool>{false, true});
  REQUIRE(r.closest);
  CHECK(*r.closest == 0);  // passed BH, but its detector's condition did not hold
  CHECK(tests[0].stopped.empty());
}

TEST_CASE("report_order: tests that ran first, then q, then ratio descending, then as made", "[signals][fdr]") {
  const std::vector<Test> tests = {make(0.2, true, true, 1.5), make(0.1, true, false), make(0.2, true, true, 3.0),
                                   make(0.01, true), make(0.2, true, true, 3.0), make(0.2, true, true)};
  const std::vector<double> q = {0.3, 1.0, 0.3, 0.05, 0.3, 0.3};
  std::vector<std::size_t> keep = {5, 4, 3, 2, 1, 0};
  detect::report_order(keep, tests, q);
  CHECK(keep == std::vector<std::size_t>{3, 2, 4, 0, 5, 1});
}
