// normalize/word_repair.h — internal pass of the normaliser: OCR damage in
// one word, repaired when the repaired word is Dutch and the word as written
// is not (cliénte → cliënte, geinformeerd → geïnformeerd).
//
// repair_word() tries, in order, the OCR confusions (é→ë, é→ê, é→ö, é→è,
// è→ë, ê→ë, í→ï, ó→ö, ú→ü; in lower-case words also fth→fh, th→fh, th→ff),
// each occurrence alone and then all at once, and last a diaeresis on the
// second vowel of a pair (ei too, as "geinformeerd" needs). The first
// candidate the lexicon knows wins (a capitalised word: only a listed one);
// a footnote marker glued on ("…resultatenii") does not stop a match. Words
// under 3 bytes, with a digit, with an inner capital (acronyms, names) and
// known words are never repaired. The rule is "ocr:FROM>TO" or
// "ocr:diaeresis".
//
// verdict() is repair_word() plus "is it a word", cached per thread and per
// Lexicon: the emitter asks it for every word it writes, the chart debris
// test for every token it weighs. Context repairs ("|5" → "15") are another
// matter: repairs.h.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "normalize/lexicon.h"

namespace omb::pass {

// The repaired word and its rule, or nullopt. `w` is the cleaned word
// (ligatures spelled out, soft hyphens and zero-width characters gone, NFC).
std::optional<std::pair<std::string, std::string>> repair_word(const Lexicon& lex, const std::string& w);

struct WordVerdict {
  bool known = false;     // a word, or what it was repaired to is one
  bool repaired = false;  // then `to` and `rule` say how
  std::string to, rule;
};

// The verdict on a word type. The reference stays valid until the next call
// on this thread with another Lexicon (or after 400,000 types).
const WordVerdict& verdict(const Lexicon& lex, const std::string& w);

}  // namespace omb::pass
