// normalize/page_lines.h — internal: what a page's own lines look like, as
// strings (no page, no neighbours): its number and label ("Pagina 2 van 3",
// "blz. 7", "p. 5", "iii", "— iv —"), running heads and feet ("Gemeente X |
// Klachtenverslag 2021 | 3", "17 | Jaarverslag 2009"), a letter's
// continuation sheet. page_debris.cpp (debris.h) decides with them where
// such lines stand.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace omb::pass {

// What stands between the parts of a running line: a bar, an en or em dash,
// a middle dot, a hyphen, each with spaces around it.
inline constexpr std::string_view kSeparators[] = {" | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", " - "};

// The line without its digits, the key its copies share: runs of spaces as
// one, none at its ends (without spaces at all when !keep_spaces: the
// emitter joins a word spaced apart).
std::string page_key(std::string_view c, bool keep_spaces = true);
// The words of the line (digits taken out, marks alone left out) in sorted
// order: the key a running line's copies share when its parts swap sides
// from page to page ("— 14 —   JAARVERSLAG 1998" and "JAARVERSLAG 1998
// — 15 —"); page_key() without spaces for a line of no words.
std::string page_words_key(std::string_view c);
// The size of `c` with each run of spaces counted once.
std::size_t squeezed_size(std::string_view c);
// How many words of three ASCII letters or more `s` holds.
int long_words(std::string_view s);
// A page number behind a separator after two words ("… | Klachtenverslag 2021 | 3").
bool separated_page_number(std::string_view c);
// A page number before a separator, then a part with a word ("17 | Jaarverslag 2009").
bool leading_page_number(std::string_view c);
// Parts behind separators as running lines are made, or a web address alone.
bool running_line(std::string_view c);
// How many runs of digits `c` holds ("Pagina 2 van 3": 2).
int count_numbers(std::string_view c);
// Two parts set apart as a running head sets them, "Klachtenjaarverslag
// 2023 ⟨wide gap⟩ Gemeente Wolderveen" (pdftotext -layout): each part
// capitalised, at least eight spaces between, at most one number.
bool gapped_running_line(std::string_view c);
// "p." on its own, as a footer abbreviates page.
bool abbreviated_page(std::string_view low);
// Three words or more ending in . ? or !.
bool sentence_like(std::string_view c);
// How many numbers a page's own label holds (2 for "Pagina 2 van 3", 1 for
// "blz. 7"), 0 when `c` is none.
int page_label_numbers(std::string_view c);
// A label with the page out of the pages ("Pagina 2 van 3").
bool page_label(std::string_view c);
// A footer naming its own page behind a separator or as a label after two words.
bool names_own_page(std::string_view c);
// Whether `c` ends in a page out of its pages: "2/5", "3 van 12".
bool page_of_pages(std::string_view c);
// A letter's continuation sheet: "Vervolgblad 2 bij onze brief …".
bool continuation_sheet(std::string_view c);
// Lower-case roman numerals alone, or between dashes ("iii", "— iv —").
bool roman_page_number(std::string_view c);
// The page number at the start or the end of a page-edge line, or -1.
int edge_number(std::string_view c);

}  // namespace omb::pass
