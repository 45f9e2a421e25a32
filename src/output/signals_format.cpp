#include "output/signals_format.h"

#include <cmath>
#include <cstdio>

namespace omb::sigfmt {

std::string num(double v, const char* f) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : "";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string opt(const std::optional<double>& v, const char* f) { return v ? num(*v, f) : ""; }

std::string pval(double p) { return p < 1e-4 ? num(p, "%.1e") : num(p, "%.4f"); }

std::string cell_name(const Signal& s) {
  std::string t = s.theme.empty() ? "(alle thema's)" : s.theme;
  std::string a = s.afdeling.empty() ? "(alle afdelingen)" : s.afdeling;
  return t + " · " + a;
}

std::string location(const Evidence& e) {
  std::string where = e.sources.empty() ? "(no source)" : e.sources.front();
  where += ":" + std::to_string(e.line);
  if (e.page > 1) where += " (p. " + std::to_string(e.page) + ")";
  return where;
}

std::string shift_sentence(const ShiftFacts& f, Grain g) {
  auto pct = [](double r) { return num(100 * r, "%.0f") + "%"; };
  return "since " + f.since + ", " + std::to_string(f.after.count) + " of " + std::to_string(f.after.exposure) +
         " cases (" + pct(f.after.rate) + ") against " + std::to_string(f.before.count) + " of " +
         std::to_string(f.before.exposure) + " (" + pct(f.before.rate) + ") before, " +
         (f.still_up ? "still up" : "no longer up") + " in the latest " + (g == Grain::quarter ? "quarter" : "year") +
         " (" + f.latest + ")";
}

}  // namespace omb::sigfmt
