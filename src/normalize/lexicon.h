// normalize/lexicon.h — is this a Dutch word?
//
// Backed by the OpenTaal word list (Debian's wdutch, /usr/share/dict/dutch,
// loaded at start), the project's domain words (dictionaries/words/*.txt),
// and, for word types the list does not know, hunspell-nl through libhunspell
// (compounds such as "klachtbehandelaars"), asked once per type and cached.
// known() is safe to call from many threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "base/string_set.h"

namespace omb {

struct LexiconPaths {
  std::string wordlist = "/usr/share/dict/dutch";
  std::string hunspell_aff = "/usr/share/hunspell/nl.aff";  // empty: no hunspell
  std::string hunspell_dic = "/usr/share/hunspell/nl.dic";
  std::vector<std::string> extra;  // domain word files: one word a line, '#' comments
};

class Lexicon {
 public:
  // Fails with the file's name if the word list or a domain file cannot be
  // read; a domain file line that is not one word is an error naming the line.
  static Result<std::shared_ptr<Lexicon>> load(const LexiconPaths& paths);
  ~Lexicon();

  // The word as written, or with its first letter lowered (sentence start).
  bool known(std::string_view word) const;
  // Only the word list and domain words (no hunspell): fast, exact.
  bool listed(std::string_view word) const;
  std::size_t size() const { return words_.size(); }

 private:
  Lexicon() = default;
  bool hunspell_knows(const std::string& w) const;

  StringSet words_;
  struct Hun;
  std::unique_ptr<Hun> hun_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, bool> cache_;
};

// Lower-cases ASCII and Latin-1 capitals (À–Þ) in UTF-8; other bytes unchanged.
std::string lower_latin(std::string_view s);

}  // namespace omb
