// normalize/split.h — internal pass of the normaliser: lines that PDF-to-text
// or a web mirror joined, cut apart again (after mark_page_debris, before
// classify_lines).
//
// split_joined_lines() cuts a text line, without taking a byte away (the
// pieces tile the line; the later passes write the separators):
//  - at a bullet glued to the word before it ("duidelijk• respectvol"), and,
//    in a line that starts with a bullet or with a heading (1 to 6 words
//    without punctuation: "Aanbevelingen • Reageer …"), at every later bullet
//    and space;
//  - a letter's header joined into one line: a line that starts with a
//    field of letter-fields.txt ("Datum", "Kenmerk", "Onderwerp") is cut
//    before every later field and salutation ("Geachte"); a salutation, there
//    or at the start of a line, is cut after its comma when a capital
//    follows ("Geachte heer Pieters, Naar aanleiding …"). Its comma is the
//    last of a short lower-case addition ("Geachte heer, mevrouw,"), and a
//    salutation has at most 6 words and no other punctuation;
//  - a heading pulled into the paragraph below it (in any line: a block's
//    first line is not known yet, and the next pass sees each block as one
//    line): "2.1 Klachtbehandeling In 2019 ontving …", "Bejegening De klager
//    vond …", "Samenvatting Klager klaagt …" — up to 6 words without
//    punctuation (a heading number before them; in a heading in capitals a
//    number may carry a . or :, "II. BEVINDINGEN Uit …"), starting with a capital,
//    not ending in a glue word, then a capitalised sentence start
//    (glue-words.txt or sentence-starts.txt: De, In, Klager …) followed by a
//    word without a capital that is not a name particle before a name
//    ("Mevrouw de Vries"), and at least 3 more words. What is left is cut
//    again, until no heading starts it. A heading glued to the sentence start
//    after it ("SamenvattingDe ombudsman …") is cut at the capital, as the
//    emitter splits such a token. A word broken at a hyphen counts as
//    one, and a damaged next word ("|5") does not stop the cut, so that the
//    next pass, which reads them joined and repaired, cuts the same.
// Every piece after a cut starts a block of its own (Line::hard_start).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "normalize/knowledge.h"
#include "normalize/lines.h"

namespace omb::pass {

// letter-fields.txt: the fields, longest first, and the salutations.
struct LetterFields {
  std::vector<std::string> fields, salutations;
  static Result<LetterFields> load(const std::string& path);
  // Whether a field (a salutation) starts `c` at `at` as a word of its own:
  // a space, colon or tab after it ("Kenmerk 2021/0456", "Geachte heer").
  bool field_at(std::string_view c, std::size_t at) const;
  bool salutation_at(std::string_view c, std::size_t at) const;
};

void split_joined_lines(std::string_view src, const Knowledge& k, std::vector<Line>& lines);

// Where a heading pulled into the text `c` ends (the offset of the word
// after it), or npos. group_blocks() asks it before it joins a line to a
// block, so that a block is never one the next pass would cut.
std::size_t heading_cut_at(std::string_view c, const WordRepair& words);
// Whether the text `c` would be cut at a letter's field or salutation (it
// opens with a field, and another field or a salutation follows);
// group_blocks() asks it too.
bool letter_cut_in(std::string_view c, const LetterFields& lf);

}  // namespace omb::pass
