#include "extract/organisation.h"

#include "extract/text_util.h"

namespace omb::interp {

const Hit* pick_organisation(const std::vector<Hit>& hits, const std::vector<bool>& issuer, std::size_t window) {
  const Hit* pick[4] = {nullptr, nullptr, nullptr, nullptr};
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    int k = (h.start < window ? 0 : 2) + (issuer[i] ? 0 : 1);
    if (!pick[k]) pick[k] = &h;
  }
  for (const Hit* p : pick)
    if (p) return p;
  return nullptr;
}

void run_organisation(Context& ctx) {
  std::size_t w = ctx.window("organisation", 3000);
  const std::vector<Hit>& hits = ctx.hits_of("organisation");
  std::vector<Hit> may_publish;  // a mention (a care provider, a foundation) never publishes the report
  std::vector<bool> issuer;
  for (const Hit& h : hits) {
    const Rule& r = ctx.rule_of("organisation", h);
    ctx.add("organisation", tidy_org(h.value), h.start, h.end, r.id);
    if (r.role == "mention") continue;
    may_publish.push_back(h);
    issuer.push_back(r.role == "issuer");
  }
  if (const Hit* p = pick_organisation(may_publish, issuer, w)) ctx.out.facts.organisation = tidy_org(p->value);
}

}  // namespace omb::interp
