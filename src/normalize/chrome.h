// normalize/chrome.h — internal: the controls of web mirrors, document
// viewers and reading tools (a site's "chrome"), from interface-phrases.txt.
//
// A line is chrome when its words are all phrases of the list, numbers and
// separators (punctuation, arrows, bullets, pictographs), and it holds some
// evidence: a strong phrase ("Meld dit document", "Lees voor") or a
// pictograph that report text does not hold (★, ░, ✉, 🔗, ⓕ, 𝕏). A weak
// phrase is an ordinary word that is chrome only beside evidence ("Inhoud",
// "Contrast", "Volgen", "A"): "Ga direct naar: Inhoud | Zoeken" goes, a
// heading "Inhoud" stays. The same holds for the tail of a line after a
// sentence end ("… activiteiten. ▶ Lees voor ❚❚ Pauze ■ Stop").
//
// interface-phrases.txt: one phrase per line, its words as written (case and
// accents do not matter), optionally a TAB and `weak`. Errors name the file
// and line. A loaded Chrome is immutable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/result.h"
#include "normalize/repairs.h"

namespace omb::pass {

class Chrome {
 public:
  static Result<std::unique_ptr<Chrome>> load(const std::string& path);
  static std::unique_ptr<Chrome> empty();

  // Is all of `line` chrome?
  bool covers(std::string_view line) const;
  // The chrome at the end of `text` (a line, or the last piece of one) after
  // a sentence end, with the spaces before it (rule "interface-tail").
  std::optional<RepairHit> tail(std::string_view text) const;

 private:
  struct Phrase {
    std::vector<std::string> words;  // folded; words[0] is the key
    bool strong = true;
  };
  bool could_end_chrome(std::string_view text) const;

  std::unordered_map<std::string, std::vector<Phrase>> by_first_;  // longest first
  std::unordered_set<std::string> last_words_;                     // of every phrase
};

}  // namespace omb::pass
