// normalize/debris.h — internal pass of the normaliser: lines that are not
// the report's text.
//
// Page debris (mark_page_debris, after read_lines): a line next to a page
// break (the first or last non-blank line of a page, where another page
// comes before or after) is debris when it is a lone page number (digits
// only, at most 4 bytes), or when the same text with its digits taken out
// stands next to a page break at least twice (three times for a line that
// reads as a sentence, "De klacht is gegrond.") and is at most 80 bytes
// (running headers and footers: "Jaarverslag 2019 | 12"). Then a lone page
// number anywhere whose nearest line before it, across one or more blank
// lines, is debris is debris too (a number under a running header).
// A page's head and foot (up to three short lines, not sentences, at its
// top or bottom; the first page's top and the last page's bottom too) are
// compared place by place: a line that stands at the same rank from the
// same edge on two pages or more, digits taken out, is debris, and so is
// the next line of the run when it does the same ("GEMEENTE HOORN" above
// "Klachtenjaarverslag 2020" on every page, the first included). At a page
// break, a footer that names its own page behind a separator is debris seen
// once ("Gemeente Almelo – Rapport 2022/08 – pagina 2"), and so are a lone
// roman page number ("iii") and a short line with the page number behind a
// separator after two words, or before a bar or a year or two words
// ("Ombudsman Zuidoost | 18", "17 | Jaarverslag 2009"; not "3 – Bevindingen").
// A page's label alone ("Pagina 5", "Pagina 2 van 3") is debris anywhere, and
// so is a running line beside it, and a footer that ends in its page out of
// its pages after two words and a page word ("Politie Gelderland-Zuid Pag.
// 2/5", "Klachtenrapport Pagina 3 van 12").
// Where no form feed marks the pages (web mirrors lose them), a short line
// (≤ 80 bytes) with a number is debris when its text without digits recurs,
// names a page ("Kenmerk 1261 / Pagina 2 van 3", "blz.") and has a number
// that grows each time; a line of parts behind separators or a web address
// ("Gemeente Enschede | Klachtrapportage 2021", "www.rekenkamer.nl") when it
// recurs with text between its copies; "p." and "pag." name a page too
// ("DUO-rapport 2021/112 – pag. 2/5", "… | p. 5"). A letter's head on a
// later page: a page's label ("Pagina 2 van 2") within its first four
// lines, and the short lines with a number above it on that page ("Datum
// 8 juni 2023", "Kenmerk OMB/23/0871").
// Also (session 20): a page-edge line whose page number runs on with the
// page numbers found within two pages of it, on a page with none yet
// ("24 Jaarverslag klachtencommissie 2007" between "… politie 23" and
// "… 25"); "p. 6" alone; a letter's "Vervolgblad 2 …"; a roman number
// between dashes ("— iii —"); the last page's lone number; a title beside
// a lone page label that stands elsewhere too (with its copies); a
// repeated line ending in its page out of its pages ("… versie 2.0  3/7");
// a letter's head on one line ending in its page ("Datum … Ons kenmerk …
// Blad 2").
// Also (session 30): a head or foot seen once where the page break cuts a
// sentence: the page before ends with no sentence end (a line of 40 bytes
// or more), the next page's text goes on in lower case, and the up to two
// short lines that are no sentence at the first page's bottom and up to
// three at the next page's top are debris (no caption: "Tabel ...").
// Debris lines are dropped from the text; the emitter names their removal
// "page-debris".
//
// Chart debris (chart_debris): a line of at least 4 tokens of which under
// 60 % are words or numbers, as written and once repaired (ligatures,
// context repairs). classify.h asks it at its place in the order of line
// decisions (after table rows, before titles); such lines stay in the text
// as blocks of kind noise.
#pragma once

#include <string_view>
#include <vector>

#include "normalize/knowledge.h"
#include "normalize/lines.h"

namespace omb {
class Repairs;
}

namespace omb::pass {

struct LetterFields;  // split.h

// Marks page debris in `lines` (kind debris); reads only blank and text
// lines. With `fields` (letter-fields.txt), a letter's fields right above a
// lone page label are its head on a later page, where no form feed marks
// the page ("Ons kenmerk: ZW/2021/0413", "Datum: 17 mei 2021", "Blad 2 van 2").
void mark_page_debris(std::string_view src, std::vector<Line>& lines, const LetterFields* fields = nullptr);

// Under 60 % of at least 4 tokens are words (verdict().known, word_repair.h)
// or numbers, punctuation around a token ignored; two tokens that are one
// word written apart ("alsn og") count as two words, and a token with OCR's
// digit for a letter or letter for a digit as what the emitter makes of it
// when that is a known word or a number ("K1acht", "2OO3/027").
bool noise_line(const WordRepair& words, std::string_view s);

// noise_line(), of the line as written and of the line once repaired.
bool chart_debris(const Knowledge& k, std::string_view s);

}  // namespace omb::pass
