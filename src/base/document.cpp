#include "base/document.h"

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
}  // namespace omb
