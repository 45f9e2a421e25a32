// normalize/word_repair.h — internal pass of the normaliser: damage in one
// word type, repaired when the repaired form is Dutch and the word as
// written is not (cliénte → cliënte, Hierbii → Hierbij, VOORHET → VOOR HET).
//
// WordRepair holds what the repairs need: the lexicon, the OCR confusions
// (confusions.h, dictionaries/normalize/confusions.tsv) and the closed-class
// words that glue is split at (dictionaries/normalize/glue-words.txt).
// Either file may be missing: then there is nothing of that kind to try.
//
// repair() of a word w (cleaned: ligatures spelled out, soft hyphens and
// zero-width characters gone, NFC) that the lexicon does not know:
//  1. glue at a case boundary: "JaarbeschouwingOmbudsman" → two words, when
//     every part (≥ 2 letters) is a word (rule "split");
//  2. two glue words glued, when only one split makes them ("bijhet" →
//     "bij het", not the rare "bijzet" a confusion finds; rule "split");
//     then confusions: every candidate of confusions.h that is a word (in a
//     capitalised word: a listed one, by the "any" rows, and when none
//     fits and it has 6 bytes or more, by the small letters' rows with its
//     first letter unchanged: "Cardiologle" in a table's first column; from
//     16 bytes on a compound the lexicon knows counts as listed; a
//     footnote marker "i"/"ii" glued on does not stop a match), and a diaeresis on the second vowel of a pair (ei
//     too, as "geinformeerd" needs; cost 0.15). The cheapest wins, if no
//     other candidate costs as little (rule "ocr:FROM>TO", "ocr:diaeresis");
//  3. one generic edit ("<edit>" row): the one listed word within one edit
//     (rule "ocr:edit");
//  4. glue at closed-class words, in words written all in lower or all in
//     upper case: a glue word before or after a word ("voorhet",
//     "VANGELUIDSOPNAMEN", "inhetkader": up to two glue words in front);
//     a glue word marked "prefix" (it also begins compounds: "nazoekwerk")
//     in front only beside another glue word, behind a word only with 4
//     letters or more ("KLACHTENOVER") (rule "split"). The parts keep the
//     case of the token;
//  5. last, in a word of 8 bytes or more: two different confusions at
//     once, at the sum of their costs, to a listed word (in a capitalised
//     word of 16 bytes or more, a compound the lexicon knows)
//     ("Gerneentebedriiven": rn for m and ii for ij; the rule names both,
//     in the order the confusions file lists them: "ocr:ii>ij+ocr:rn>m"),
//     not tried where the confusions give over 64 first candidates.
// Words under 3 bytes, with a digit, or roman numerals (vii) are never
// repaired; a word with inner capitals only by OCR's capital I for an l
// between small letters ("juIi" → "juli", when the lexicon knows it: rule
// "ocr:I>l") and by step 1; an all-capital word
// only by step 4. A generic edit never touches the last letter
// ("afstemmings-" begins a compound) and adds none before it; behind a word
// only glue words of 3 letters or more are split off ("bruteren" stays).
//
// verdict() is repair() plus "is it a word", cached per thread and per
// WordRepair: the emitter asks it for every word it writes, the chart debris
// test for every token it weighs.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/result.h"
#include "base/string_set.h"
#include "normalize/confusions.h"
#include "normalize/lexicon.h"

namespace omb::pass {

class WordRepair {
 public:
  // Reads `dir`/normalize/confusions.tsv, glue-words.txt, glued-pairs.tsv
  // and sentence-starts.txt when they exist (errors name file:line; a confusion
  // whose example does not hold is one).
  static Result<std::unique_ptr<WordRepair>> load(std::shared_ptr<const Lexicon> lex, const std::string& dictionaries_dir);
  ~WordRepair();

  const Lexicon& lex() const { return *lex_; }
  // The repaired form and its rule, or nullopt (see above).
  std::optional<std::pair<std::string, std::string>> repair(const std::string& w) const;
  // A closed-class word (lower case), for line joining.
  bool glue_word(std::string_view lower) const { return glue_.contains(lower); }
  // A word that begins a sentence (lower case): a glue word or one of
  // sentence-starts.txt, for cutting off a heading.
  bool sentence_start(std::string_view lower) const { return starts_.contains(lower); }
  // A sentence start that opens a question ("wat", "hoe", "waarom") or is a
  // title before a name ("mevrouw"): sentence-starts.txt's second column.
  bool question_word(std::string_view lower) const { return questions_.contains(lower); }
  bool title_word(std::string_view lower) const { return titles_.contains(lower); }
  // A capitalised word no list knows that opens a sentence, glued to the
  // next ("Deklager" → "De klager", "Tijdenshet" → "Tijdens het"): a glue
  // word and a word. Only at a sentence's start, where "De" is a word of its
  // own; elsewhere a capitalised word is a name ("Dewolf").
  std::optional<std::string> split_sentence_start(const std::string& w) const;

 private:
  WordRepair() = default;
  // Step 2 (two = false) or step 5 (two = true: two confusions at once).
  std::optional<std::pair<std::string, std::string>> confused(const std::string& w, bool cap, bool two) const;
  std::optional<std::string> one_edit(const std::string& w) const;
  static constexpr std::size_t kTwoConfusionsMin = 8;
  static constexpr std::size_t kTwoConfusionsFirsts = 64;  // more first candidates: not tried
  void two_confusions(const std::string& w, bool cap,
                      const std::function<void(const std::string&, double, const std::string&)>& consider) const;
  std::optional<std::string> split_case(const std::string& w) const;
  std::optional<std::string> split_glue(const std::string& w) const;
  std::optional<std::string> split_two_glue(const std::string& w) const;

  std::shared_ptr<const Lexicon> lex_;
  Confusions conf_;
  StringSet glue_, prefix_;  // glue-words.txt; prefix_: those that also begin compounds
  StringSet starts_;         // sentence-starts.txt and the glue words (one lookup)
  StringSet questions_, titles_;  // sentence-starts.txt's second column
  std::unordered_map<std::string, std::string> glued_pairs_;  // glued-pairs.tsv
  std::size_t longest_glue_ = 0;
};

struct WordVerdict {
  bool known = false;     // a word, or what it was repaired to is one
  bool repaired = false;  // then `to` and `rule` say how
  bool guessed = false;   // by a generic edit or a split: not for the first part of a compound ("beleids-")
  std::string to, rule;
};

// The verdict on a word type. The reference stays valid until the next call
// on this thread with another WordRepair (or after 400,000 types).
const WordVerdict& verdict(const WordRepair& words, std::string_view w);

}  // namespace omb::pass
