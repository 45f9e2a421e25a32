#include "ingest/analyse.h"

#include <algorithm>
#include <cctype>

#include "normalize/segment.h"

namespace omb {

Result<std::shared_ptr<const Analyser>> Analyser::create(const std::string& dictionaries_dir) {
  auto norm = Normalizer::create(dictionaries_dir);
  if (!norm.ok()) return norm.error();
  std::shared_ptr<Analyser> a(new Analyser());
  a->normalizer_ = *norm;
  return std::shared_ptr<const Analyser>(a);
}

namespace {

// Until extraction lands: the first line of the first paragraph or heading
// that holds a letter, trimmed to 160 bytes.
std::string guess_title(const DocumentRecord& rec) {
  const std::string& text = rec.text();
  for (const Passage& p : rec.passages) {
    std::string_view s(text.data() + p.start, p.end - p.start);
    std::string_view line = s.substr(0, s.find('\n'));
    bool letters = false;
    for (char c : line) letters |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (!letters) continue;
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    if (line.size() > 160) {
      std::size_t cut = 160;
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      line = line.substr(0, cut);
    }
    return std::string(line);
  }
  return {};
}

}  // namespace

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
  if (raw.size() <= kWhole) {
    Normalized n = normalizer_->normalize(raw);
    seg = pack_passages(n.text, n.blocks, n.map);
    text = std::move(n.text);
  } else {
    int line_base = 0, page_base = 0;
    for (std::size_t a = 0; a < raw.size();) {
      std::size_t b = cut_point(raw, a + kChunk);
      std::string_view part = raw.substr(a, b - a);
      Normalized n = normalizer_->normalize(part);
      Segments ps = pack_passages(n.text, n.blocks, n.map);
      std::size_t base = text.size();
      text += n.text;
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
  rec.facts.title = guess_title(rec);
}

}  // namespace omb
