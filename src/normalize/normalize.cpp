// The normaliser as a sequence of passes, each in a file of its own with its
// contract in its header:
//   invisible.h    control characters out first (and the map carried back)
//   lines.h        the source cut into lines, with pages
//   debris.h       page numbers, running headers and footers; chart debris
//   split.h        lines that were joined (bullets, a letter's header, a heading) cut apart
//   classify.h     heading, list item, table row, noise or text, per line
//   blocks.h       lines joined into blocks; hyphenated words rejoined
//   word_repair.h  OCR damage in one word (repairs.h: context repairs)
//   emit.h         the text, its offset map and the blocks, written
#include "normalize/normalize.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "normalize/blocks.h"
#include "normalize/classify.h"
#include "normalize/chrome.h"
#include "normalize/site_lines.h"
#include "normalize/debris.h"
#include "normalize/emit.h"
#include "normalize/invisible.h"
#include "normalize/lines.h"
#include "normalize/repairs.h"
#include "normalize/split.h"
#include "normalize/transcript.h"
#include "normalize/word_repair.h"

namespace omb {

Normalizer::~Normalizer() = default;

Result<std::shared_ptr<const Normalizer>> Normalizer::create(const std::string& dir, const LexiconPaths& base) {
  namespace fs = std::filesystem;
  LexiconPaths paths = base;
  std::error_code ec;
  fs::path words = fs::path(dir) / "words";
  if (!dir.empty() && fs::is_directory(words, ec)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(words, ec))
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    paths.extra.insert(paths.extra.end(), files.begin(), files.end());
  }
  auto lex = Lexicon::load(paths);
  if (!lex.ok()) return lex.error();
  std::shared_ptr<Normalizer> n(new Normalizer());
  n->lex_ = *lex;
  auto repair = pass::WordRepair::load(n->lex_, dir);
  if (!repair.ok()) return repair.error();
  n->words_ = std::move(repair).value();
  for (auto [file, slot] : {std::pair{"repairs.tsv", &n->repairs_}, std::pair{"debris.tsv", &n->debris_}}) {
    fs::path p = fs::path(dir) / "normalize" / file;
    if (!dir.empty() && fs::exists(p, ec)) {
      auto r = Repairs::load(p.string());
      if (!r.ok()) return r.error();
      *slot = std::move(r).value();
    } else {
      *slot = Repairs::empty();
    }
  }
  n->letter_ = std::make_unique<pass::LetterFields>();
  fs::path lf = fs::path(dir) / "normalize" / "letter-fields.txt";
  if (!dir.empty() && fs::exists(lf, ec)) {
    auto l = pass::LetterFields::load(lf.string());
    if (!l.ok()) return l.error();
    *n->letter_ = std::move(l).value();
  }
  n->chrome_ = pass::Chrome::empty();
  fs::path ip = fs::path(dir) / "normalize" / "interface-phrases.txt";
  if (!dir.empty() && fs::exists(ip, ec)) {
    auto c = pass::Chrome::load(ip.string());
    if (!c.ok()) return c.error();
    n->chrome_ = std::move(c).value();
  }
  n->site_ = pass::SiteWords::empty();
  fs::path sp = fs::path(dir) / "normalize" / "site-words.txt";
  if (!dir.empty() && fs::exists(sp, ec)) {
    auto w = pass::SiteWords::load(sp.string());
    if (!w.ok()) return w.error();
    n->site_ = std::move(w).value();
  }
  return std::shared_ptr<const Normalizer>(n);
}

Normalized Normalizer::normalize(std::string_view src) const {
  std::optional<Stripped> st = strip_invisible(src);
  if (!st) return normalize_visible(src);
  Normalized n = normalize_visible(st->text);
  n.map = remap_through(n.map, n.text, src, *st);
  return n;
}

Normalized Normalizer::normalize_visible(std::string_view src) const {
  Normalized out;
  out.text.reserve(src.size());
  pass::Knowledge k{*words_, *repairs_, *debris_, *letter_, *chrome_, *site_};
  std::vector<pass::Line> lines = pass::read_lines(src);
  out.map.reserve(2 * lines.size() + 16);
  pass::mark_page_debris(src, lines, &k.letter);
  pass::mark_transcript_pages(src, lines);
  pass::split_joined_lines(src, k, lines);
  pass::classify_lines(src, k, lines);
  std::vector<pass::BlockLines> blocks = pass::group_blocks(src, k, lines);
  pass::emit_blocks(src, k, lines, blocks, out);
  return out;
}

}  // namespace omb
