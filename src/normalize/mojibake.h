// normalize/mojibake.h — internal: text that was UTF-8 but was read as
// Windows-1252 (or through it twice): "financiÃ«le" for financiële, "â€œ"
// for “, "â€¦" for …, "ÃƒÂ«" for ë.
//
// find_mojibake() looks, per span, for a run of characters that Windows-1252
// writes with one byte of 0x80 or more and that starts with a character
// that encodes a UTF-8 lead byte (Â Ã Ä Å Æ â ã). ICU's windows-1252
// converter turns the run back into bytes; when those bytes are UTF-8, that
// is the text (and again, up to three layers). A run that does not come back
// is shortened from its end (it may have taken in a real é that follows).
// The repair is then checked as the other repairs are:
//  - a run that comes back as letters must make a word the lexicon knows,
//    together with the letters around it ("financi" + "ë" + "le"); the hit
//    then covers that whole word, repaired by word repair too if need be;
//  - a run that comes back as punctuation or symbols (… “ ” ’ – €) stands
//    alone: a UTF-8 lead read as Windows-1252 before such a run is not
//    written by anyone.
// Each hit is rule "mojibake". The truncated forms a lost lead byte leaves
// ("€¦" for …) are context repairs in repairs.tsv. Most text holds none of
// the lead characters: then one scan and no allocation.
#pragma once

#include <string_view>
#include <vector>

#include "normalize/repairs.h"
#include "normalize/word_repair.h"

namespace omb::pass {

std::vector<RepairHit> find_mojibake(const WordRepair& words, std::string_view text);

}  // namespace omb::pass
