// normalize/segment.h — pages and passages of a text.
//
// Splits `text` into pages (at form feeds, as pdftotext writes them) and
// passages (paragraphs: runs of non-blank lines; a heading line on its own;
// long paragraphs cut at a word boundary so that no passage exceeds
// kMaxPassageBytes). Every byte of the text that is not blank belongs to
// exactly one passage; passages are in text order and do not overlap.
#pragma once

#include <string_view>
#include <vector>

#include "base/document.h"

namespace omb {

inline constexpr std::size_t kMaxPassageBytes = 4000;

struct Segments {
  std::vector<Page> pages;
  std::vector<Passage> passages;  // src_* equal start/end: offsets are into `text`
};

Segments segment_text(std::string_view text);

}  // namespace omb
