// output/signals_format.h — how signals' figures and names are written, the
// same in the table, CSV and HTML renderings (signals_out.cpp, html/).
//
//  - num(): printf `f` of `v`; "inf" for +infinity, "" for -inf and NaN.
//  - opt(): num() of a value that may be missing ("" then).
//  - pval(): a p or q: %.1e below 1e-4, else %.4f.
//  - cell_name(): "theme · afdeling", "(alle thema's)" / "(alle afdelingen)"
//    for a cell over all.
//  - location(): an evidence item's first source path (or "(no source)"),
//    ":line" and " (p. N)" from page 2 on.
//  - shift_sentence(): a lasting change in words: "since 2021Q2, 31 of 44
//    cases (70%) against 19 of 86 (22%) before, still up in the latest
//    quarter (2023Q4)".
// Plain text, not escaped. Pure functions.
#pragma once

#include <optional>
#include <string>

#include "signals/signals.h"

namespace omb::sigfmt {

std::string num(double v, const char* f = "%.3g");
std::string opt(const std::optional<double>& v, const char* f = "%.3g");
std::string pval(double p);
std::string cell_name(const Signal& s);
std::string location(const Evidence& e);
std::string shift_sentence(const ShiftFacts& f, Grain g);

}  // namespace omb::sigfmt
