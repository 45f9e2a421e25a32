#include "extract/themes.h"

#include "extract/text_util.h"

namespace omb::interp {

void run_themes(Context& ctx) {
  Coverage names;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling" || t.type == "organisation") names.add(t.start, t.end);
  for (const Hit& h : ctx.hits_of("theme")) {
    if (names.overlaps(h.start, h.end)) continue;
    ctx.add("theme", h.value, h.start, h.end, ctx.rule_id("theme", h));
  }
}

}  // namespace omb::interp
