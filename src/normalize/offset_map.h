// normalize/offset_map.h — the way back from normalised text to the source.
//
// An OffsetMap is built left to right while the normalised text is written:
// copy() appends source bytes unchanged (mapped byte for byte), edit() appends
// new text standing for a span of the source (a repair, a removal, a joined
// line) and records the rule and the source bytes it replaced. So every byte
// of the normalised text maps to a span of the source, the map is monotone,
// and the source can be rebuilt exactly from the normalised text plus the
// edits (rebuild_source).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace omb {

struct Span {
  std::size_t start = 0, end = 0;
};

// One entry of the map: norm[norm_start, +norm_len) stands for
// src[src_start, +src_len), copied or edited. Entries tile both texts in order.
// 64 bytes: a map has about two a line, so its size is the normaliser's
// largest allocation on a big text. The strings live in the OffsetMap.
struct MapEntry {
  std::size_t norm_start = 0, src_start = 0;
  std::uint32_t norm_len = 0, src_len = 0;
  std::string_view rule;      // for edits: the rule that made it
  std::string_view src_text;  // for edits: the source bytes it stands for
  bool copy = true;           // identity mapping (norm_len == src_len)
};

class OffsetMap {
 public:
  OffsetMap() = default;
  // Entries point into the map's own storage: it moves, it is not copied.
  OffsetMap(OffsetMap&&) = default;
  OffsetMap& operator=(OffsetMap&&) = default;
  OffsetMap(const OffsetMap&) = delete;
  OffsetMap& operator=(const OffsetMap&) = delete;

  // Room for n entries: about two a line of the source (no regrowth).
  void reserve(std::size_t n) { entries_.reserve(n); }
  // Appends src[b, e) to `out` unchanged.
  void copy(std::string& out, std::string_view src, std::size_t b, std::size_t e);
  // Appends `text` to `out` standing for src[b, e).
  void edit(std::string& out, std::string_view src, std::size_t b, std::size_t e, std::string_view text,
            std::string_view rule);

  // The span of the source that norm[b, e) comes from.
  Span to_source(std::size_t b, std::size_t e) const;
  const std::vector<MapEntry>& entries() const { return entries_; }
  bool identity() const;  // no edits at all

  // The source, rebuilt from the normalised text and the edits.
  std::string rebuild_source(std::string_view norm) const;

 private:
  std::string_view keep_rule(std::string_view rule);
  std::string_view keep_text(std::string_view text);

  std::vector<MapEntry> entries_;
  std::size_t src_pos_ = 0;  // where the next entry must start in the source
  std::deque<std::string> rules_;                // each rule name once (a few dozen)
  std::vector<std::unique_ptr<char[]>> chunks_;  // the replaced source bytes of edits, 64 kB each
  std::size_t chunk_used_ = 0;                   // in chunks_.back()
  std::vector<std::unique_ptr<char[]>> blocks_;  // those over 16 kB, one each
};

}  // namespace omb
