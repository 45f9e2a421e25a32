#include "base/document.h"

#include <charconv>
#include <deque>
#include <mutex>
#include <unordered_set>

namespace omb {
const char* passage_kind_name(PassageKind k) {
  switch (k) {
    case PassageKind::paragraph: return "paragraph";
    case PassageKind::heading: return "heading";
    case PassageKind::list_item: return "list_item";
    case PassageKind::table_row: return "table_row";
    case PassageKind::noise: return "noise";
  }
  return "paragraph";
}

std::string_view intern(std::string_view s) {
  // Each thread keeps the names it has asked for, so that the lock is taken
  // once per name and thread, not once per tag.
  thread_local std::unordered_set<std::string_view> mine;
  if (auto it = mine.find(s); it != mine.end()) return *it;
  static std::mutex mu;
  static std::deque<std::string> store;  // never shrinks: views stay valid
  static std::unordered_set<std::string_view> all;
  std::lock_guard<std::mutex> lock(mu);
  auto it = all.find(s);
  if (it == all.end()) it = all.insert(store.emplace_back(s)).first;
  mine.insert(*it);
  return *it;
}

void set_source_span(Tag& t, std::size_t start, std::size_t end) {
  t.detail = "{\"source_span\":[" + std::to_string(start) + "," + std::to_string(end) + "]}";
}

std::optional<std::pair<std::size_t, std::size_t>> source_span(const Tag& t) {
  static constexpr std::string_view kKey = "{\"source_span\":[";
  std::string_view d = t.detail;
  if (d.substr(0, kKey.size()) != kKey) return std::nullopt;
  d.remove_prefix(kKey.size());
  std::size_t a = 0, b = 0;
  auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), a);
  if (ec != std::errc() || p == d.data() + d.size() || *p != ',') return std::nullopt;
  auto [q, ec2] = std::from_chars(p + 1, d.data() + d.size(), b);
  if (ec2 != std::errc() || b < a) return std::nullopt;
  return std::make_pair(a, b);
}
}  // namespace omb
