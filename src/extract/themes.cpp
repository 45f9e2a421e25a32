#include "extract/themes.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "extract/text_util.h"

namespace omb::interp {

namespace {

// Whether a theme hit is part of a name: it starts or ends inside one
// ("Team Communicatie", "afdeling Klantcontact niet bereikbaar"). A name
// wholly inside the hit is only who did it: "Laat het sociaal loket e-mails
// binnen vijf werkdagen beantwoorden".
bool in_a_name(const std::vector<std::pair<std::size_t, std::size_t>>& names, std::size_t s, std::size_t e) {
  for (const auto& [ns, ne] : names) {
    if (ns >= e) break;
    if (ne <= s) continue;
    if (!(ns > s && ne < e)) return true;
  }
  return false;
}

}  // namespace

void run_themes(Context& ctx) {
  Coverage any;
  std::vector<std::pair<std::size_t, std::size_t>> names;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling" || t.type == "organisation") {
      any.add(t.start, t.end);
      names.emplace_back(t.start, t.end);
    }
  std::sort(names.begin(), names.end());
  for (const Hit& h : ctx.hits_of("theme")) {
    if (any.overlaps(h.start, h.end) && in_a_name(names, h.start, h.end)) continue;
    ctx.add("theme", h.value, h.start, h.end, ctx.rule_id("theme", h));
  }
}

}  // namespace omb::interp
