// text/fold.h — the text that rules match against.
//
// fold() lowercases and strips diacritics (cliënt, Cliént → client), folds
// typographic quotes to ' and ", dashes to -, and odd spaces to a space, so
// that one folded rule matches every way a word is written. It returns the
// folded text with a map back: for every byte of `text`, the byte offset in
// the input where its character starts (`to_source` has text.size() + 1
// entries; the last is the input's size). Line breaks stay where they are.
// fold() never fails: bytes that are not valid UTF-8 pass through unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omb {

struct Folded {
  std::string text;
  std::vector<std::uint32_t> to_source;
  std::size_t source(std::size_t folded_offset) const { return to_source[folded_offset]; }
};

Folded fold(std::string_view text);

// The folded form alone (for dictionary phrases, table cells, lookups).
std::string fold_key(std::string_view text);

// `s` with runs of white space (space, tab, line breaks, form feed) made one
// space and none at either end: how a tag's words are reported.
std::string collapse_space(std::string_view s);

}  // namespace omb
