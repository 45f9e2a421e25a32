// extract/lower_names.h — unit names a report writes in lower case after a
// unit word in lower case ("bij de afdeling schuldhulpverlening", "de
// “afdeling werk”", "de afdeling vergunningen, toezicht en handhaving"), and
// the abbreviation a report gives a unit in brackets just after its name
// ("(“VTH”)"). Part of the units interpreter (units.h), which tags them.
// Internal to extract/.
//
// A name is one item, or a coordination "a, b en c" (a list with commas
// and no "en" is only its first item). An item is a word, or an adjective
// ("openbare", "sociaal", "ruimtelijke") and the word after it. A word is
// lower case, at least three letters, not one of the stop words (articles,
// pronouns, adverbs, frequent verbs: the afdeling file's [discover]
// lower_stop), and does not read as a verb form: no past tense ("-de",
// "-te", "-den", "-ten") and no past participle ("ge…d", "ge…t").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace omb::interp {

struct LowerName {
  std::size_t start = 0, end = 0;  // the name's span in the text
  std::string value;               // title-cased: "Vergunningen, Toezicht en Handhaving"
  std::string unit_word;           // the unit word before it, as written ("afdeling")
};

struct LowerNameRules {
  std::vector<std::string> unit_words;      // unit words read in lower case: "afdeling", "team"
  std::unordered_set<std::string> stop;     // words that end or refuse a name
};

// Every name after a lower-case unit word of `rules` in `text`, in text order.
std::vector<LowerName> lower_case_names(std::string_view text, const LowerNameRules& rules);

// The abbreviation in brackets that follows `end` after one space:
// " (VTH)", " (“VTH”)", " ('VTH')": 2 to 6 upper-case letters (and "&");
// "" when there is none.
std::string_view bracketed_abbreviation(std::string_view text, std::size_t end);

// The short name a text gives after `end`: " (hierna: Kraaiendonk)",
// " (hierna te noemen “De Zandmeren”)", " (hierna: de ODBZ)" (an article
// before it is not the name's): one to four words, the first in capitals;
// "" when there is none (or a name in lower case: "de gemeente").
std::string_view hereafter_name(std::string_view text, std::size_t end);

// Whether `p` starts the inside of such brackets (" (", maybe a quote, or
// " (hierna: "): the abbreviation or short name there is part of the
// mention of the name before it.
bool after_open_bracket(std::string_view text, std::size_t p);

}  // namespace omb::interp
