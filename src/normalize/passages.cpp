#include "normalize/passages.h"


#include "normalize/normalize.h"

namespace omb {

PassagePack pack_passages(std::string_view text, const std::vector<Block>& blocks, const OffsetMap& map) {
  PassagePack pack;
  std::string heading;
  auto open_new = [&](const Block& b, PassageKind kind) {
    Passage p;
    p.kind = kind;
    p.start = b.start;
    p.end = b.end;
    p.page = b.page;
    p.line = b.line;
    p.heading = heading;
    pack.passages.push_back(std::move(p));
  };
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.kind == PassageKind::heading) {
      heading = std::string(text.substr(b.start, b.end - b.start));
      bool after_heading = !pack.passages.empty() && pack.passages.back().kind == PassageKind::heading;
      if (after_heading) {  // consecutive headings stay together, under the last one
        pack.passages.back().end = b.end;
        pack.passages.back().heading = heading;
      } else {
        open_new(b, PassageKind::heading);
      }
      continue;
    }
    if (b.kind == PassageKind::noise) { open_new(b, PassageKind::noise); continue; }
    Passage* cur = pack.passages.empty() ? nullptr : &pack.passages.back();
    bool joinable = cur && cur->kind != PassageKind::noise && cur->page == b.page &&
                    (cur->kind == PassageKind::heading || cur->end - cur->start < kTargetPassageBytes) &&
                    b.end - cur->start <= kMaxPassageBytes;
    if (joinable) {
      cur->end = b.end;
      if (cur->kind == PassageKind::heading) cur->kind = PassageKind::paragraph;
    } else {
      open_new(b, PassageKind::paragraph);
    }
  }
  // Tile: each passage runs to the next one's start; the first from 0.
  if (!pack.passages.empty()) {
    pack.passages.front().start = 0;
    for (std::size_t i = 0; i + 1 < pack.passages.size(); ++i) pack.passages[i].end = pack.passages[i + 1].start;
    pack.passages.back().end = text.size();
  }
  for (Passage& p : pack.passages) {
    Span s = map.to_source(p.start, p.end);
    p.src_start = s.start;
    p.src_end = s.end;
  }
  // Pages: from the first block on each page to the next page's first block.
  int page = 1;
  std::size_t page_start = 0;
  for (const Block& b : blocks) {
    while (b.page > page) {
      pack.pages.push_back(Page{page, page_start, b.start});
      page_start = b.start;
      ++page;
    }
  }
  pack.pages.push_back(Page{page, page_start, text.size()});
  return pack;
}

}  // namespace omb
