#include "ingest/analyse.h"

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

void Analyser::analyse(DocumentRecord& rec) const {
  Normalized n = normalizer_->normalize(rec.raw);
  Segments seg = pack_passages(n.text, n.blocks, n.map);
  if (n.text != rec.raw) rec.norm = std::move(n.text);
  rec.pages = std::move(seg.pages);
  rec.passages = std::move(seg.passages);
  rec.facts.title = guess_title(rec);
}

}  // namespace omb
