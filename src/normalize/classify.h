// normalize/classify.h — internal pass of the normaliser: what each text
// line is (heading, list item, table row, chart debris, or text).
//
// classify_lines() runs after read_lines and mark_page_debris and changes the
// kind of text lines only, in this order (each step sees what the ones before
// it decided; a decided line is not looked at again):
//  0. a line that known debris (debris.tsv, knowledge.h) covers whole is
//     debris (dropped; what it covers in another line is removed there,
//     unless it stands in quotes: emit.cpp), and so is a line of numbers
//     and dates (or, between two known-debris lines, a short label:
//     heading_like), up to three lines, right between two debris lines;
//  1. marked structure, each line alone: a bullet glyph and a space (•, ▪, ●,
//     ¢ and » as OCR reads a bullet, a private-use Symbol glyph, "- ", "* ")
//     makes a list item; "|…|" a table row; "406 – Geen beleid" (case) and
//     "2.1 Communicatie", "# Kop" (numbered) a heading;
//  2. "e " as a bullet (OCR's reading of "•"), when the nearest line before
//     is a list item, ends a sentence or is heading_like(), or the nearest line after is a list
//     item, until nothing changes (a line that turns is context for both
//     neighbours, issue #15);
//  3. in line order: a number row (short, ends in a number) next to another
//     makes a table row, and so does a row's label broken at a hyphen just
//     above one ("Werkplein Hoogerzande-" | "Kettelmeer  18  10"); chart debris (debris.h) makes noise; a short title
//     (at most 8 words and 80 bytes, no sentence end, not ending in "," or
//     "-") standing alone (a blank line or a sentence end with a stray space
//     before it; a blank line, or a capital or digit, after it; not
//     continued by a lower-case line) that starts with a letter or digit
//     makes a heading;
//  4. a short line of two words or more that interrupts a sentence (the
//     line before ends none, the line after goes on in lower case, the line
//     ended where no wrap would have: see mark_interruptions) is debris: a
//     viewer's or an editor's line ("Klik om notities toe te voegen"); so
//     is a page number in brackets alone ("(3)") in the same place.
// "Nearest line" skips blank and debris lines (lines.h). List items get
// marker_end: where their text starts after the bullet and its spaces.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/knowledge.h"
#include "normalize/lines.h"

namespace omb {
class Repairs;
}

namespace omb::pass {

void classify_lines(std::string_view src, const Knowledge& k, std::vector<Line>& lines);

// The decisions on one line's content, for the steps above.
// Bullet glyph and space at the start of `s`: the glyph's byte length, or 0.
std::size_t bullet_len(std::string_view s);
bool markdown_row(std::string_view s);
bool case_heading(std::string_view s);
bool numbered_heading(std::string_view s);
// 1 to 6 words, the first with a capital, none ending in . , ; ! or ?
bool heading_like(std::string_view s);
// The last word of `s` in lower case, punctuation behind it kept.
std::string last_word_lower(std::string_view s);
bool number_row(std::string_view s);
// A table row's label that a line end broke at a hyphen ("Werkplein
// Hoogerzande-"): at most 6 words, no digit, ending in a letter and "-".
bool broken_label(std::string_view s);

}  // namespace omb::pass
