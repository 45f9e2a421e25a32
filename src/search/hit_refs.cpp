// search/hit_refs.cpp — hit_refs() (search/search.h): a ranked set's hits
// as identities, for callers that compare result sets (watch/watch.h).
#include "search/ranked.h"

namespace omb {

std::vector<HitRef> hit_refs(const RankedHits& ranked) {
  const RankedHits::Impl& in = *ranked.impl_;
  std::vector<HitRef> out;
  out.reserve(in.ordered);
  for (std::size_t i = 0; i < in.ordered && i < in.order.size(); ++i) {
    const ranked::Row& r = in.found.rows[in.order[i]];
    HitRef h;
    h.kind = r.kind;
    h.document_id = r.document_id;
    if (r.case_id >= 0) h.case_id = r.case_id;
    h.passage_id = r.passage_id;
    out.push_back(h);
  }
  return out;
}

}  // namespace omb
