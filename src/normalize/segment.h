// normalize/segment.h — pages and passages of a text.
//
// Splits `text` into pages (at form feeds, as pdftotext writes them) and
// passages: the units of full-text search. A passage is a run of whole
// paragraphs of about kTargetPassageBytes; it never crosses a page break or a
// numbered heading (a heading starts the next passage, and every passage
// records the heading it stands under); a paragraph longer than
// kMaxPassageBytes is cut at a word boundary. Passages tile the text: the
// first starts at 0, each ends where the next starts, the last ends at the
// end of the text (blank lines go with the passage before them), so the text
// is the concatenation of its passages. `line` and `page` are those of the
// passage's first non-blank character. A text of only blanks has none. Larger passages keep the index small and fast to build
// (FTS5 pays per row); snippets still pick the best fragment inside one.
#pragma once

#include <string_view>
#include <vector>

#include "base/document.h"

namespace omb {

inline constexpr std::size_t kTargetPassageBytes = 2000;
inline constexpr std::size_t kMaxPassageBytes = 4000;

struct Segments {
  std::vector<Page> pages;
  std::vector<Passage> passages;  // src_* equal start/end: offsets are into `text`
};

Segments segment_text(std::string_view text);

// The same tiling built from the normaliser's blocks: passages are runs of
// whole blocks of about kTargetPassageBytes that never cross a heading or a
// page; a heading starts the next passage and names the passages under it;
// a noise block is a passage of its own (kind noise, so search can rank it
// low). Pages tile the text by the blocks' pages. src_start/src_end come from
// `map`; `line` and `page` are the first block's.
struct Block;
class OffsetMap;
Segments pack_passages(std::string_view text, const std::vector<Block>& blocks, const OffsetMap& map);

}  // namespace omb
