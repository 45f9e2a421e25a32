#include "extract/themes.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace omb::interp {

namespace {

// The names (afdelingen, organisations) sorted by start, with the largest
// end among each name and those before it: whether a hit is part of a name
// is then a binary search and a look at the few names that start inside
// the hit, however many names a dense text holds.
class NameSpans {
 public:
  explicit NameSpans(std::vector<std::pair<std::size_t, std::size_t>> spans) : spans_(std::move(spans)) {
    std::sort(spans_.begin(), spans_.end());
    reach_.reserve(spans_.size());
    for (const auto& [s, e] : spans_) reach_.push_back(reach_.empty() ? e : std::max(reach_.back(), e));
  }
  // Whether a hit [s, e) starts or ends inside a name ("Team Communicatie",
  // "afdeling Klantcontact niet bereikbaar"). A name wholly inside the hit
  // is only who did it: "Laat het sociaal loket e-mails binnen vijf
  // werkdagen beantwoorden".
  bool part_of_one(std::size_t s, std::size_t e) const {
    auto k = static_cast<std::size_t>(
        std::upper_bound(spans_.begin(), spans_.end(), s, [](std::size_t v, const auto& n) { return v < n.first; }) -
        spans_.begin());
    if (k > 0 && reach_[k - 1] > s) return true;  // a name from before the hit reaches into it
    for (; k < spans_.size() && spans_[k].first < e; ++k)
      if (spans_[k].second >= e) return true;  // a name starts inside the hit and runs to its end or past
    return false;
  }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::vector<std::size_t> reach_;
};

}  // namespace

void run_themes(Context& ctx) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling" || t.type == "organisation") spans.emplace_back(t.start, t.end);
  const NameSpans names(std::move(spans));
  const WordRules* file = nullptr;
  for (const auto& w : ctx.word_files)
    if (w->type() == "theme") file = w.get();
  // The matches as found (extract.cpp): those inside a name go first, so
  // that one of them cannot beat a right match it overlaps ("Werk en
  // Inkomen vorderde € 2.340 terug"); then the overlaps are resolved.
  std::vector<Hit> hits = ctx.hits_of("theme");
  std::erase_if(hits, [&](const Hit& h) {
    return names.part_of_one(h.start, h.end) && !(file && file->rules()[static_cast<std::size_t>(h.rule)].suppress);
  });
  if (file) file->resolve(hits);
  for (const Hit& h : hits) ctx.add("theme", h.value, h.start, h.end, ctx.rule_id("theme", h));
}

std::vector<Hit> word_file_hits(const WordRules& w, std::string_view text, const Folded& folded,
                                const std::vector<FoldedBlock>& blocks) {
  return w.type() == "theme" ? w.match_unresolved(text, folded, blocks) : w.match(text, folded, blocks);
}

}  // namespace omb::interp
