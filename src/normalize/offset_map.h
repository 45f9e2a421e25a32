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
#include <string>
#include <string_view>
#include <vector>

namespace omb {

struct Span {
  std::size_t start = 0, end = 0;
};

struct Segment {
  std::size_t norm_start = 0, norm_len = 0;
  std::size_t src_start = 0, src_len = 0;
  bool copy = true;       // identity mapping (norm_len == src_len)
  std::string rule;       // for edits: the rule that made it
  std::string src_text;   // for edits: the source bytes it stands for
};

class OffsetMap {
 public:
  // Appends src[b, e) to `out` unchanged.
  void copy(std::string& out, std::string_view src, std::size_t b, std::size_t e);
  // Appends `text` to `out` standing for src[b, e).
  void edit(std::string& out, std::string_view src, std::size_t b, std::size_t e, std::string_view text,
            std::string_view rule);

  // The span of the source that norm[b, e) comes from.
  Span to_source(std::size_t b, std::size_t e) const;
  const std::vector<Segment>& segments() const { return segs_; }
  bool identity() const;  // no edits at all

  // The source, rebuilt from the normalised text and the edits.
  std::string rebuild_source(std::string_view norm) const;

 private:
  std::vector<Segment> segs_;
  std::size_t src_pos_ = 0;  // where the next segment must start in the source
};

}  // namespace omb
