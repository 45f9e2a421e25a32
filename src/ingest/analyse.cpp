#include "ingest/analyse.h"

#include <algorithm>

#include "normalize/segment.h"

namespace omb {

Result<std::shared_ptr<const Analyser>> Analyser::create(const std::string& dictionaries_dir) {
  auto norm = Normalizer::create(dictionaries_dir);
  if (!norm.ok()) return norm.error();
  std::shared_ptr<Analyser> a(new Analyser());
  a->normalizer_ = *norm;
  if (!dictionaries_dir.empty()) {
    auto ex = Extractor::load(dictionaries_dir);
    if (!ex.ok()) return ex.error();
    a->extractor_ = *ex;
  }
  return std::shared_ptr<const Analyser>(a);
}


namespace {

// Where to cut a large text: at a blank line after a full stop, near `target`
// (no paragraph, list or page debris spans such a cut), else at any blank
// line, else at a line end.
std::size_t cut_point(std::string_view t, std::size_t target) {
  if (target >= t.size()) return t.size();
  std::size_t limit = std::min(t.size(), target + (1u << 20));
  for (std::size_t p = t.find("\n\n", target); p != std::string_view::npos && p < limit; p = t.find("\n\n", p + 1)) {
    std::size_t q = p;
    while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\r')) --q;
    if (q > 0 && (t[q - 1] == '.' || t[q - 1] == '!' || t[q - 1] == '?') && p + 2 < t.size() && t[p + 2] != '\f')
      return p + 2;
  }
  std::size_t p = t.find("\n\n", target);
  if (p != std::string_view::npos && p < limit) return p + 2;
  p = t.find('\n', target);
  return p == std::string_view::npos ? t.size() : p + 1;
}

}  // namespace

void Analyser::analyse(DocumentRecord& rec) const {
  // Large texts are normalised in chunks of about 8 MB, so that memory is the
  // texts and their passages, not a whole-file offset map.
  constexpr std::size_t kChunk = 8u << 20, kWhole = 16u << 20;
  std::string_view raw = rec.raw;
  Segments seg;
  std::string text;
  std::vector<Block> blocks;
  if (raw.size() <= kWhole) {
    Normalized n = normalizer_->normalize(raw);
    seg = pack_passages(n.text, n.blocks, n.map);
    text = std::move(n.text);
    blocks = std::move(n.blocks);
  } else {
    int line_base = 0, page_base = 0;
    for (std::size_t a = 0; a < raw.size();) {
      std::size_t b = cut_point(raw, a + kChunk);
      std::string_view part = raw.substr(a, b - a);
      Normalized n = normalizer_->normalize(part);
      Segments ps = pack_passages(n.text, n.blocks, n.map);
      std::size_t base = text.size();
      text += n.text;
      for (Block bl : n.blocks) {
        bl.start += base;
        bl.end += base;
        blocks.push_back(bl);
      }
      for (Passage& p : ps.passages) {
        p.start += base;
        p.end += base;
        p.src_start += a;
        p.src_end += a;
        p.line += line_base;
        p.page += page_base;
        seg.passages.push_back(std::move(p));
      }
      for (Page& pg : ps.pages) {
        pg.start += base;
        pg.end += base;
        pg.number += page_base;
        if (!seg.pages.empty() && seg.pages.back().number == pg.number) seg.pages.back().end = pg.end;
        else seg.pages.push_back(pg);
      }
      line_base += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
      page_base += static_cast<int>(std::count(part.begin(), part.end(), '\f'));
      a = b;
    }
    // Passages tile the whole text: close gaps between chunks.
    for (std::size_t i = 0; i + 1 < seg.passages.size(); ++i) seg.passages[i].end = seg.passages[i + 1].start;
    if (!seg.passages.empty()) {
      seg.passages.front().start = 0;
      seg.passages.back().end = text.size();
    }
  }
  if (text != rec.raw) rec.norm = std::move(text);
  rec.pages = std::move(seg.pages);
  rec.passages = std::move(seg.passages);
  if (!extractor_) return;
  Extraction x = extractor_->extract(rec.text(), blocks);
  rec.facts = std::move(x.facts);
  rec.cases = std::move(x.cases);
  rec.tags = std::move(x.tags);
  // A passage belongs to the case it overlaps most. Cases are in text order
  // and do not overlap, and so are passages: walk both once.
  std::size_t first = 0;
  for (Passage& p : rec.passages) {
    while (first < rec.cases.size() && rec.cases[first].end <= p.start) ++first;
    std::size_t best = 0;
    for (std::size_t i = first; i < rec.cases.size() && rec.cases[i].start < p.end; ++i) {
      const Case& c = rec.cases[i];
      std::size_t a = std::max(p.start, c.start), b = std::min(p.end, c.end);
      if (b > a && b - a > best) {
        best = b - a;
        p.case_index = static_cast<int>(i);
      }
    }
  }
}

}  // namespace omb
