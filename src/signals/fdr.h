// signals/fdr.h — false-discovery-rate control over all tests of a run
// (internal to signals/).
//
// control_fdr() adjusts the p of every test that ran (Benjamini-Hochberg,
// significance::bh_adjust) together, whatever its cell or kind; a test that
// did not run gets q 1 and no place in the count. A test is an alert when it
// is a candidate (its detector's condition and guard hold) and its q is at
// or under the level. Every test that ran with q above the level gets that
// in words at the end of `stopped` ("q 0.25 above --q 0.1"). The closest
// test is the non-alert that ran with the smallest q, then the smallest p,
// then the first. report_order() sorts the indices of the tests to report:
// tests that ran before those that did not, then by q, then by ratio
// (descending; none counts as 0), then in the order the tests were made.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "signals/detectors.h"

namespace omb::detect {

struct FdrResult {
  std::vector<double> q;                // per test; 1 for a test that did not run
  std::vector<bool> alert;              // per test
  std::size_t tests = 0;                // tests that ran (adjusted together)
  std::size_t passed = 0;               // those with q at or under the level
  double cutoff = 0;                    // the largest p among them (0: none passed)
  std::optional<std::size_t> closest;   // the test nearest to an alert that is not one
};

FdrResult control_fdr(std::vector<Test>& tests, double q_level);

void report_order(std::vector<std::size_t>& keep, const std::vector<Test>& tests, const std::vector<double>& q);

}  // namespace omb::detect
