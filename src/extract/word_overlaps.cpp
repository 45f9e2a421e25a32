// extract/word_overlaps.cpp — which of a span's word-rule hits stay: the
// overlaps between hits of one value, and the suppressing matches.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "extract/word_rules_impl.h"

namespace omb {

using words::CompiledRule;

// Per value: higher priority, then longer, then earlier wins; the rest that
// overlap a winner are dropped, and so are the hits a suppressing match of
// their value, or of value "*", overlaps. Back in text order. O(h log h) for h hits, however dense.
void resolve_word_overlaps(const WordRules::Impl& impl, std::vector<Hit>& hits, bool keep_suppressors) {
  auto rule = [&](const Hit& h) -> const CompiledRule& { return impl.rules[static_cast<std::size_t>(h.rule)]; };
  if (hits.size() < 2) {  // most spans: nothing overlaps
    if (!hits.empty() && !keep_suppressors && rule(hits.front()).suppress) hits.clear();
    return;
  }
  // Suppressing spans per value, by start, with the largest end so far.
  std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>, std::less<>> cancel;
  if (!keep_suppressors) {
    for (const Hit& h : hits)
      if (rule(h).suppress) cancel[h.value].emplace_back(h.start, h.end);
    for (auto& [v, spans] : cancel) {
      std::sort(spans.begin(), spans.end());
      for (std::size_t i = 1; i < spans.size(); ++i) spans[i].second = std::max(spans[i].second, spans[i - 1].second);
    }
  }
  auto cancelled_by = [&](std::string_view value, const Hit& h) {
    auto it = cancel.find(value);
    if (it == cancel.end()) return false;
    const auto& spans = it->second;
    auto before = std::lower_bound(spans.begin(), spans.end(), std::pair<std::size_t, std::size_t>{h.end, 0});
    return before != spans.begin() && std::prev(before)->second > h.start;
  };
  // A suppressor of value "*" cancels every value ("Over de bejegening kwam
  // geen klacht binnen").
  auto cancelled = [&](const Hit& h) { return cancelled_by(h.value, h) || cancelled_by("*", h); };
  std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    if (rule(a).info.priority != rule(b).info.priority) return rule(a).info.priority > rule(b).info.priority;
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    return a.start < b.start;
  });
  std::map<std::string, std::map<std::size_t, std::size_t>, std::less<>> taken;  // value -> kept spans, start -> end
  std::vector<Hit> kept;
  for (Hit& h : hits) {
    if (cancelled(h)) continue;
    auto& spans = taken[h.value];
    auto next = spans.lower_bound(h.end);  // kept spans are disjoint: only the one before `next` can reach h
    if (next != spans.begin() && std::prev(next)->second > h.start) continue;
    if (next != spans.end() && next->first < h.end) continue;
    spans.emplace(h.start, h.end);
    kept.push_back(std::move(h));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.start < b.start || (a.start == b.start && a.rule < b.rule); });
  hits = std::move(kept);
}

}  // namespace omb
