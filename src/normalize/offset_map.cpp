#include "normalize/offset_map.h"

#include <algorithm>
#include <cassert>

namespace omb {

void OffsetMap::copy(std::string& out, std::string_view src, std::size_t b, std::size_t e) {
  if (e <= b) return;
  assert(b == src_pos_);
  if (b > src_pos_) edit(out, src, src_pos_, b, "", "gap");  // never silently lose source bytes
  if (!entries_.empty() && entries_.back().copy && entries_.back().src_start + entries_.back().src_len == b &&
      entries_.back().norm_start + entries_.back().norm_len == out.size()) {
    entries_.back().norm_len += e - b;
    entries_.back().src_len += e - b;
  } else {
    MapEntry entry;
    entry.norm_start = out.size();
    entry.src_start = b;
    entry.norm_len = entry.src_len = static_cast<std::uint32_t>(e - b);
    entries_.push_back(entry);
  }
  out.append(src.data() + b, e - b);
  src_pos_ = e;
}

void OffsetMap::edit(std::string& out, std::string_view src, std::size_t b, std::size_t e, std::string_view text,
                     std::string_view rule) {
  assert(b == src_pos_);
  if (b > src_pos_) edit(out, src, src_pos_, b, "", "gap");
  if (text.empty() && e == b) return;
  MapEntry entry;
  entry.norm_start = out.size();
  entry.src_start = b;
  entry.norm_len = static_cast<std::uint32_t>(text.size());
  entry.src_len = static_cast<std::uint32_t>(e - b);
  entry.rule = keep_rule(rule);
  entry.src_text = keep_text(src.substr(b, e - b));
  entry.copy = false;
  entries_.push_back(entry);
  out.append(text);
  src_pos_ = e;
}

std::string_view OffsetMap::keep_rule(std::string_view rule) {
  // Most edits repeat the rule of one of the last few; the names are few.
  for (auto it = rules_.rbegin(); it != rules_.rend(); ++it)
    if (*it == rule) return *it;
  return rules_.emplace_back(rule);
}

std::string_view OffsetMap::keep_text(std::string_view text) {
  if (text.empty()) return {};
  constexpr std::size_t kChunk = 64 * 1024;
  char* p;
  if (text.size() > kChunk / 4) {  // a large span (page debris): a block of its own
    p = blocks_.emplace_back(std::make_unique<char[]>(text.size())).get();
  } else {
    if (chunks_.empty() || chunk_used_ + text.size() > kChunk) {
      chunks_.push_back(std::make_unique<char[]>(kChunk));
      chunk_used_ = 0;
    }
    p = chunks_.back().get() + chunk_used_;
    chunk_used_ += text.size();
  }
  std::copy(text.begin(), text.end(), p);
  return {p, text.size()};
}

Span OffsetMap::to_source(std::size_t b, std::size_t e) const {
  if (entries_.empty()) return {b, e};
  auto locate = [&](std::size_t pos, bool is_end) -> std::size_t {
    // The entry holding norm byte `pos` (for an end, the byte before it).
    std::size_t key = is_end && pos > 0 ? pos - 1 : pos;
    auto it = std::upper_bound(entries_.begin(), entries_.end(), key,
                               [](std::size_t k, const MapEntry& s) { return k < s.norm_start; });
    if (it == entries_.begin()) return 0;
    --it;
    // Skip empty (deletion) entries: they hold no norm byte.
    while (it != entries_.begin() && it->norm_len == 0) --it;
    const MapEntry& s = *it;
    if (s.copy) {
      std::size_t off = std::min<std::size_t>(key - s.norm_start, s.norm_len);
      return s.src_start + off + (is_end && pos > 0 ? 1 : 0);
    }
    return is_end && pos > 0 ? s.src_start + s.src_len : s.src_start;
  };
  if (e <= b) {
    std::size_t s = locate(b, false);
    return {s, s};
  }
  return {locate(b, false), locate(e, true)};
}

bool OffsetMap::identity() const {
  for (const MapEntry& s : entries_)
    if (!s.copy) return false;
  return true;
}

std::string OffsetMap::rebuild_source(std::string_view norm) const {
  std::string src;
  src.reserve(norm.size());
  for (const MapEntry& s : entries_) {
    if (s.copy) src.append(norm.data() + s.norm_start, s.norm_len);
    else src.append(s.src_text);
  }
  return src;
}

}  // namespace omb
