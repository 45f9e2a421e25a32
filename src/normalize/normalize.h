// normalize/normalize.h — OCR'd Dutch report text in, clean text out, with
// the way back to the source.
//
// normalize() takes the decoded source text (UTF-8) and returns:
//  - text: NFC, ligatures spelled out, odd spaces made spaces, soft hyphens,
//    zero-width and control characters gone; lines of a paragraph joined,
//    words hyphenated at a line end rejoined (kept hyphenated where the
//    hyphenated form is the word: re-integratie); headings, list items (one
//    "• " marker for every bullet glyph) and table rows each on a line of
//    their own; page debris (lone page numbers, running headers and footers,
//    stray leading spaces) removed; OCR damage repaired where the repaired
//    word is Dutch and the word as written is not (cliénte → cliënte);
//    context repairs from dictionaries/normalize/repairs.tsv (|5 → 15).
//    Blocks are separated by a blank line; rows of one list or table by one
//    newline.
//  - blocks: the structure, each with its kind, span in `text`, source line
//    and page. Chart debris lines are kept in the text as blocks of kind
//    noise, so later stages can skip them.
//  - map: every byte of `text` maps to a span of the source; each edit names
//    its rule, so `ombudsmine normalize --explain` can list every change.
// normalize() never fails and never throws: odd input gives plainer output.
// Normalising normalised text changes nothing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/document.h"
#include "base/result.h"
#include "normalize/lexicon.h"
#include "normalize/offset_map.h"

namespace omb {

struct Block {
  PassageKind kind = PassageKind::paragraph;
  std::size_t start = 0, end = 0;  // span in the normalised text
  int line = 1;                    // 1-based source line where it starts
  int page = 1;                    // page where it starts
  // Column gaps: where two spaces or more (in a table row), or a tab, stood
  // between two cells of a source line and one space stands now; in a
  // one-line block of another kind, three spaces or more, when no cell
  // holds over three words (a table's header above its rows). Offsets of those spaces in the normalised text, in order.
  std::vector<std::size_t> gaps;
  // A table row's indentation: the source line's whitespace before its
  // content, in columns (a tab counts 8). 0 for other blocks.
  std::size_t indent = 0;
};

struct Normalized {
  std::string text;
  OffsetMap map;
  std::vector<Block> blocks;
};

class Repairs;  // context repairs and known debris, loaded from repairs.tsv and debris.tsv
namespace pass {
class WordRepair;  // word repair: confusions.tsv, glue-words.txt
struct LetterFields;  // letter-fields.txt
class Chrome;         // interface-phrases.txt
class SiteWords;      // site-words.txt
}

class Normalizer {
 public:
  // Loads the word lists and rules: `dictionaries_dir`/words/*.txt (domain
  // words), and in `dictionaries_dir`/normalize/ repairs.tsv, debris.tsv,
  // confusions.tsv, glue-words.txt, glued-pairs.tsv, sentence-starts.txt,
  // letter-fields.txt and interface-phrases.txt (each optional). Errors name the file
  // and line.
  static Result<std::shared_ptr<const Normalizer>> create(const std::string& dictionaries_dir,
                                                          const LexiconPaths& base = {});
  ~Normalizer();

  Normalized normalize(std::string_view source) const;
  const Lexicon& lexicon() const { return *lex_; }
  const pass::WordRepair& words() const { return *words_; }

 private:
  Normalizer() = default;
  // The passes after strip_invisible (normalize/invisible.h), on text
  // without control characters.
  Normalized normalize_visible(std::string_view source) const;
  std::shared_ptr<Lexicon> lex_;
  std::unique_ptr<pass::WordRepair> words_;
  std::unique_ptr<Repairs> repairs_, debris_;
  std::unique_ptr<pass::LetterFields> letter_;
  std::unique_ptr<pass::Chrome> chrome_;
  std::unique_ptr<pass::SiteWords> site_;
};

}  // namespace omb
