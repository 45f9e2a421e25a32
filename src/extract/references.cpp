#include "extract/references.h"

#include <algorithm>
#include <unordered_map>

namespace omb::interp {

void run_references(Context& ctx) {
  std::unordered_map<std::string, std::vector<std::size_t>> cases_of;
  for (std::size_t ci = 0; ci < ctx.out.cases.size(); ++ci) cases_of[ctx.out.cases[ci].zaaknummer].push_back(ci);
  for (const Hit& h : ctx.hits_of("zaaknummer")) {
    if (ctx.rule_of("zaaknummer", h).role != "reference") continue;
    const Hit* r = &h;
    if (ctx.case_at(r->start) >= 0) continue;
    const FoldedBlock* heading = ctx.heading_before(r->start + 1);
    if (!heading) continue;
    std::size_t he = ctx.heading_end(*heading);
    auto [a, b] = ctx.range(heading->start, he);
    auto same = cases_of.find(r->value);
    if (same == cases_of.end()) continue;
    for (std::size_t ci : same->second) {
      for (std::size_t ti = a; ti < b; ++ti) {
        if (ctx.tags[ti].type != "theme" || ctx.tags[ti].end > he) continue;
        std::string theme = ctx.tags[ti].value;
        auto& th = ctx.out.cases[ci].themes;
        if (std::find(th.begin(), th.end(), theme) == th.end()) th.push_back(theme);
        ctx.add_extra("theme", theme, r->start, r->end, "theme.section-reference", {}, static_cast<int>(ci));
      }
    }
  }
}

}  // namespace omb::interp
