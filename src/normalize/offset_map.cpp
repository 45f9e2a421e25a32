#include "normalize/offset_map.h"

#include <algorithm>
#include <cassert>

namespace omb {

void OffsetMap::copy(std::string& out, std::string_view src, std::size_t b, std::size_t e) {
  if (e <= b) return;
  assert(b == src_pos_);
  if (b > src_pos_) edit(out, src, src_pos_, b, "", "gap");  // never silently lose source bytes
  if (!segs_.empty() && segs_.back().copy && segs_.back().src_start + segs_.back().src_len == b &&
      segs_.back().norm_start + segs_.back().norm_len == out.size()) {
    segs_.back().norm_len += e - b;
    segs_.back().src_len += e - b;
  } else {
    segs_.push_back(Segment{out.size(), e - b, b, e - b, true, {}, {}});
  }
  out.append(src.data() + b, e - b);
  src_pos_ = e;
}

void OffsetMap::edit(std::string& out, std::string_view src, std::size_t b, std::size_t e, std::string_view text,
                     std::string_view rule) {
  assert(b == src_pos_);
  if (b > src_pos_) edit(out, src, src_pos_, b, "", "gap");
  if (text.empty() && e == b) return;
  segs_.push_back(Segment{out.size(), text.size(), b, e - b, false, std::string(rule), std::string(src.substr(b, e - b))});
  out.append(text);
  src_pos_ = e;
}

Span OffsetMap::to_source(std::size_t b, std::size_t e) const {
  if (segs_.empty()) return {b, e};
  auto locate = [&](std::size_t pos, bool is_end) -> std::size_t {
    // The segment holding norm byte `pos` (for an end, the byte before it).
    std::size_t key = is_end && pos > 0 ? pos - 1 : pos;
    auto it = std::upper_bound(segs_.begin(), segs_.end(), key,
                               [](std::size_t k, const Segment& s) { return k < s.norm_start; });
    if (it == segs_.begin()) return 0;
    --it;
    // Skip empty (deletion) segments: they hold no norm byte.
    while (it != segs_.begin() && it->norm_len == 0) --it;
    const Segment& s = *it;
    if (s.copy) {
      std::size_t off = std::min(key - s.norm_start, s.norm_len);
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
  for (const Segment& s : segs_)
    if (!s.copy) return false;
  return true;
}

std::string OffsetMap::rebuild_source(std::string_view norm) const {
  std::string src;
  src.reserve(norm.size());
  for (const Segment& s : segs_) {
    if (s.copy) src.append(norm.data() + s.norm_start, s.norm_len);
    else src.append(s.src_text);
  }
  return src;
}

}  // namespace omb
