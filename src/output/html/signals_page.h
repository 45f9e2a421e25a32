// output/html/signals_page.h — the web's signals page (/signals).
//
// The site's frame (page.h) with the report's style and script, a form (per
// quarter or year, theme, afdeling, level of the units, from, to: the values
// as asked, escaped)
// and signals_report.h's body, each evidence item linked by `link`. Pure.
#pragma once

#include <string>

#include "output/html/signals_report.h"

namespace omb::html {

struct SignalsForm {
  bool by_year = false;
  std::string theme, afdeling, from, to;
  std::string level = "afdeling";  // organisation, dienst, afdeling, team or all
};

std::string signals_page(const SignalsForm& f, const SignalReport& r, double q, const EvidenceLink& link);

}  // namespace omb::html
