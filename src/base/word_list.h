// base/word_list.h — the one reader of word lists: a word (or entry) a line.
//
// Used for Debian's wdutch list, the domain words of dictionaries/words/ and
// the tokenizer's lists in dictionaries/search/. A line's end (LF, CRLF) is
// cut, and so are, with `comments`, everything from a '#' on, and white
// space (spaces, tabs) at both ends; empty lines are skipped. With
// `single_words` an entry holding a space or tab is an error (Errc::parse,
// naming `path` and the 1-based line). `fn` gets each entry and its line;
// an error it returns ends the reading and is returned.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace omb {

struct WordListFormat {
  bool comments = true;      // '#' starts a comment; entries are trimmed
  bool single_words = true;  // an entry is one word
};

Status read_word_list(std::string_view text, const std::string& path, const WordListFormat& format,
                      const std::function<Status(std::string_view entry, int line)>& fn);

}  // namespace omb
