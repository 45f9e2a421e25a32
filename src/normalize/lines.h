// normalize/lines.h — internal pass of the normaliser: the source read as
// lines, and what later passes ask of a line.
//
// read_lines() cuts the text at every \n and \f: one Line per piece (so
// "a\n" gives two, the second empty), in order, tiling the text with the
// separators between them. A line's content is its span with spaces, tabs,
// \r, \v and no-break spaces trimmed from both ends; a line whose content is
// empty or invisible only (chars.h) is blank, any other is text. Line
// numbers count \n; a \f ends a line and starts the next page, not a new
// line number (pdftotext writes one at every page end). A line begun by a
// space has stray_space: pdftotext's mark of a new page or column.
// Later passes change only `kind` and `marker_end` (debris.h, classify.h),
// and `cb` (emit.h moves it past the half of a word hyphenated across the
// line end before it; transcript.h past a mirror's page number, and `ce`
// before its running foot); split.h cuts a line into pieces that tile it, with
// no separator between them, each after the first with hard_start.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace omb::pass {

enum class LineKind { blank, text, heading, list_item, table_row, debris, noise };

struct Line {
  std::size_t b = 0, e = 0;    // raw span of the line (no \n, \f)
  std::size_t cb = 0, ce = 0;  // trimmed content
  int no = 1, page = 1;
  LineKind kind = LineKind::blank;
  std::size_t marker_end = 0;  // list items: where the text after the bullet starts
  bool stray_space = false;    // begun by a space: pdftotext's mark of a new page or column
  bool hard_start = false;     // cut from the line before it (split.h): starts a block
};

inline std::string_view content(std::string_view src, const Line& l) { return src.substr(l.cb, l.ce - l.cb); }

std::vector<Line> read_lines(std::string_view src);

// The nearest line before / after line i that is neither blank nor debris,
// or -1.
inline long prev_nonblank(const std::vector<Line>& lines, std::size_t i) {
  for (std::size_t j = i; j-- > 0;)
    if (lines[j].kind != LineKind::blank && lines[j].kind != LineKind::debris) return static_cast<long>(j);
  return -1;
}
inline long next_nonblank(const std::vector<Line>& lines, std::size_t i) {
  for (std::size_t j = i + 1; j < lines.size(); ++j)
    if (lines[j].kind != LineKind::blank && lines[j].kind != LineKind::debris) return static_cast<long>(j);
  return -1;
}

// How a line's text reads. Words are runs between spaces and tabs.
int count_words(std::string_view s);
// Ends in . ! ? : ; (also before a closing quote or bracket); an empty text does.
bool ends_sentence(std::string_view s);
// How a line starts once repaired: a ligature is a lowercase "f", "|5" a "1".
std::string_view as_repaired(std::string_view s);
// Once repaired, starts with a-z or à-ÿ / with A-Z, 0-9 or À-ß.
bool starts_lower(std::string_view s);
bool starts_upper_or_digit(std::string_view s);
// A particle of a Dutch family name ("de", "van", "der", "den", "ter", "ten", "te").
bool name_particle(std::string_view w);
// Digits, dots and commas, perhaps ending in % , or . ("1.250", "12,5%").
bool number_token(std::string_view t);

// A word a year follows ("jaar", "verslagjaar", "periode"; lower case):
// "over het jaar 2005".
bool year_word(std::string_view lower);
// Characters of UTF-8 text (continuation bytes not counted).
std::size_t chars(std::string_view s);
// The width the text was wrapped at: the 90th percentile of the lengths
// (in characters) of its text lines, or 0 when under 40 text lines or
// under 60 characters (no wrapped prose to measure).
std::size_t wrap_width(std::string_view src, const std::vector<Line>& lines);

}  // namespace omb::pass
