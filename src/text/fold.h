// text/fold.h — the text that rules match against.
//
// fold() lowercases and strips diacritics (cliënt, Cliént → client), folds
// typographic quotes to ' and ", dashes to -, and odd spaces to a space, so
// that one folded rule matches every way a word is written. It returns the
// folded text with a map back: for every byte of `text`, the byte offset in
// the input where its character starts (source(); source(text.size()) is the
// input's size). Line breaks stay where they are. The map is sparse: one mark
// where the mapping stops being byte for byte (around each character whose
// folded form has another length), so a 200 MB text costs its folded copy
// and a mark per accented character, not four bytes per byte.
// fold() never fails: bytes that are not valid UTF-8 pass through unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omb {

struct Folded {
  std::string text;
  // The input offset where the character of text[folded_offset] starts;
  // folded_offset in [0, text.size()].
  std::size_t source(std::size_t folded_offset) const;
  // The first folded offset whose source() is at least `source_offset`
  // (text.size() + 1 when there is none): the inverse of source().
  std::size_t folded(std::size_t source_offset) const;

  // From folded offset f on: source is s + (f - mark.f) when linear, else s.
  struct Mark {
    std::uint32_t f, s;
    bool linear;
  };
  std::vector<Mark> marks;  // by f, never empty after fold()
};

Folded fold(std::string_view text);

// The folded form alone (for dictionary phrases, table cells, lookups).
std::string fold_key(std::string_view text);

// `s` with runs of white space (space, tab, line breaks, form feed) made one
// space and none at either end: how a tag's words are reported.
std::string collapse_space(std::string_view s);

}  // namespace omb
