// normalize/passages.h — pages and passages: the units of full-text search.
//
// pack_passages() turns the normaliser's blocks into passages: runs of whole
// blocks of about kTargetPassageBytes that never cross a heading or a page; a
// heading starts the next passage and names the passages under it (so search
// can weigh heading hits); a noise block is a passage of its own (kind noise,
// so search can rank it low). Passages tile the text: the first starts at 0,
// each ends where the next starts, the last ends at the end of the text, so
// the text is the concatenation of its passages. Larger passages keep the
// index small and fast to build (FTS5 pays per row); snippets still pick the
// best fragment inside one. `line` and `page` are those of the first block;
// src_start/src_end come from the offset map. Pages tile the text too.
#pragma once

#include <string_view>
#include <vector>

#include "base/document.h"

namespace omb {

inline constexpr std::size_t kTargetPassageBytes = 2000;
inline constexpr std::size_t kMaxPassageBytes = 4000;

// What pack_passages() returns: both tilings of one normalised text.
struct PassagePack {
  std::vector<Page> pages;
  std::vector<Passage> passages;
};

struct Block;
class OffsetMap;
PassagePack pack_passages(std::string_view text, const std::vector<Block>& blocks, const OffsetMap& map);

}  // namespace omb
